"""Exporting the tuned model to ONNX at build time, and refusing an export that answers otherwise.

The export is written into the build folder, so it is covered by the manifest's checksums,
always belongs to the weights that embedded the chunks, and costs the repository nothing
(the graph's weights, 43 MB, and the float16 word table beside them, 23 MB). It is checked
before the index is published: every chunk and a sample of questions (the example questions and a few odd
probes) must embed with cosine ≥ ``MIN_COSINE`` to sentence-transformers' vectors.

Only ``build`` imports this module: torch's exporter and the ``onnx`` package are never
loaded to answer.
"""

from __future__ import annotations

import math
import shutil
import warnings
from pathlib import Path

import numpy as np

from assistant import onnx_encoder
from assistant.embed import Encoder, model_path
from assistant.errors import ModelError

#: Least cosine between an exported vector and sentence-transformers' own.
MIN_COSINE = 0.999
#: How many example questions are checked one at a time, as questions are asked (about 4 s
#: of a first build). An export is one graph: a wrong one is wrong on every question, and
#: scripts/compare_encoders.py compares every question of every set when the export changes.
QUESTION_SAMPLE = 120
#: Questions always checked: a single word, slang, English, punctuation only, and one far
#: past the 128-token limit (truncation must cut where sentence-transformers cuts).
PROBES = (
    "rahasia",
    "bolehkah saya membuka rahasia klien?",
    "gmn klo atasan nyuruh sy tanda tangan laporan fiktif??",
    "Can a social worker accept a gift from a client's family?",
    "?!",
    " ".join(["kewajiban pekerja sosial terhadap klien, rekan kerja dan lembaga"] * 30),
)




def export(encoder: Encoder, folder: Path) -> None:
    """The transformer of ``encoder``'s sentence-transformers model as ONNX in ``folder``
    (graph, weights beside it, the model's tokenizer). Raises ``ModelError`` if it fails."""
    import onnx
    import torch

    model = encoder.model
    folder.mkdir()

    class Transformer(torch.nn.Module):  # positional inputs and one output, as the exporter traces
        def __init__(self, auto):
            super().__init__()
            self.auto = auto

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.auto(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    transformer = Transformer(model[0].auto_model).eval().requires_grad_(False)
    # Two texts of different lengths: the traced graph must apply the padding mask (with a
    # single unpadded text, transformers skips the mask, and the trace would keep that).
    texts = ["rahasia klien", "kewajiban pekerja sosial terhadap rekan kerja dan lembaga"]
    sample = (model.preprocess if hasattr(model, "preprocess") else model.tokenize)(texts)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    single = folder / "single.onnx"
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on Python branches, checked below instead
            # The TorchScript exporter: the dynamo one needs onnxscript, and this graph is plain.
            torch.onnx.export(transformer, tuple(sample[n] for n in names), str(single), input_names=names,
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
                              dynamo=False)
        graph = onnx.load(str(single))
        detach_word_embeddings(graph, folder)
        onnx.save_model(graph, str(folder / onnx_encoder.GRAPH), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=onnx_encoder.WEIGHTS, size_threshold=1024)
        shutil.copymode(folder / onnx_encoder.GRAPH, folder / onnx_encoder.WEIGHTS)  # onnx writes it 0600
    except Exception as exc:  # the exporter raises many kinds; all mean "no export"
        raise ModelError(f"Model tidak dapat diekspor ke ONNX: {exc}") from exc
    finally:
        single.unlink(missing_ok=True)
    shutil.copyfile(Path(model_path(encoder.settings)) / onnx_encoder.TOKENIZER, folder / onnx_encoder.TOKENIZER)


def detach_word_embeddings(model, folder: Path) -> None:
    """Move the largest table a ``Gather`` looks up in (the word embeddings) out of ``model``
    (an ``onnx.ModelProto``) into ``folder / WORD_TABLE``, rows in
    ``onnx_encoder.WORD_TABLE_DTYPE``: the lookup's output becomes the graph input
    ``WORD_INPUT``, which ``OnnxEncoder`` fills with the rows a text's tokens need, read from
    the file (see ``onnx_encoder.WordTable``). Raises ``ModelError`` if there is no such table."""
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    tables = {t.name: t for t in graph.initializer if t.data_type == TensorProto.FLOAT and len(t.dims) == 2}
    lookups = [(i, n) for i, n in enumerate(graph.node) if n.op_type == "Gather" and n.input[0] in tables]
    if not lookups:
        raise ModelError("Graf ONNX tanpa tabel embedding kata.")
    at, node = max(lookups, key=lambda found: math.prod(tables[found[1].input[0]].dims))
    table = tables[node.input[0]]
    if sum(table.name in n.input for n in graph.node) != 1:
        raise ModelError("Tabel embedding kata dipakai lebih dari satu simpul graf ONNX.")
    rows = numpy_helper.to_array(table).astype(np.dtype(onnx_encoder.WORD_TABLE_DTYPE))
    (folder / onnx_encoder.WORD_TABLE).write_bytes(np.ascontiguousarray(rows).tobytes())
    looked_up = node.output[0]
    del graph.node[at]
    graph.initializer.remove(table)
    for n in graph.node:
        for k, name in enumerate(n.input):
            if name == looked_up:
                n.input[k] = onnx_encoder.WORD_INPUT
    graph.input.append(helper.make_tensor_value_info(onnx_encoder.WORD_INPUT, TensorProto.FLOAT,
                                                     ["batch", "tokens", int(table.dims[1])]))


def export_checked(encoder: Encoder, folder: Path, spec: dict, passages: list[str], passage_vectors: np.ndarray,
                   questions: list[str], question_vectors: np.ndarray | None) -> dict:
    """Export into ``folder`` and compare with sentence-transformers' vectors: every passage
    (batched, as the index is built) and a sample of ``questions`` plus ``PROBES`` (one at a
    time, as questions are asked). Returns the figures for the manifest; raises
    ``ModelError`` if any cosine is below ``MIN_COSINE`` (the index is then not published)."""
    export(encoder, folder)
    onnx = onnx_encoder.OnnxEncoder(encoder.settings, folder, spec, threads=2)
    passage_cosines = np.sum(onnx.encode_passages(passages) * passage_vectors, axis=1)
    step = max(1, math.ceil(len(questions) / QUESTION_SAMPLE))
    sample = questions[::step]
    reference = [question_vectors[::step]] if question_vectors is not None and len(sample) else []
    reference.append(encoder.encode_queries(list(PROBES)))
    asked = np.vstack([onnx.encode_queries([q], 1) for q in [*sample, *PROBES]])
    question_cosines = np.sum(asked * np.vstack(reference), axis=1)
    figures = {"min_cosine_passages": round(float(passage_cosines.min()), 6), "passages": len(passages),
               "min_cosine_questions": round(float(question_cosines.min()), 6), "questions": len(asked)}
    worst = min(figures["min_cosine_passages"], figures["min_cosine_questions"])
    if worst < MIN_COSINE:
        raise ModelError(f"Ekspor ONNX tidak setara dengan sentence-transformers (kosinus terendah {worst:.4f}, "
                         f"minimal {MIN_COSINE}); indeks tidak diterbitkan.")
    return figures

"""Would ONNX Runtime make the assistant faster or smaller, without changing an answer?

sentence-transformers' own ONNX backend needs ``optimum``, and ``optimum-onnx`` pins
``transformers<5`` (it downgrades transformers and breaks sentence-transformers 6 and
gradio 6), so it cannot join this project's environment. ``onnxruntime`` alone installs
cleanly. This script therefore exports the packaged all-MiniLM-L6-v2 to ONNX with torch,
runs it with ``onnxruntime`` + ``tokenizers`` (mean pooling and L2 normalization, as the
model's ``1_Pooling``/``2_Normalize`` modules do), and compares it with sentence-transformers:

- vectors: cosine and largest difference, on every question and every chunk;
- answers: the whole assistant with ONNX query vectors (index built with torch), and with
  an index rebuilt from ONNX passage vectors, against the torch assistant: same Markdown?
- query latency p50/p95 with 1 and 2 threads, each engine;
- cold start and peak RSS of a process that only loads and encodes one sentence.

Run it in a throwaway copy of the venv, never the project's::

    cp -a .venv /tmp/onnxvenv && /tmp/onnxvenv/bin/python -m pip install onnxruntime onnx
    /tmp/onnxvenv/bin/python scripts/onnx_experiment.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from statistics import median

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import bench  # noqa: E402
from assistant.embed import Encoder, packaged_model_path  # noqa: E402
from assistant.settings import Settings  # noqa: E402

MAX_TOKENS = 256  # the model's sentence_bert_config.json


def export(model_dir: Path, out: Path) -> Path:
    """The transformer of the packaged model as ONNX (last hidden state)."""
    import torch
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(model_dir), device="cpu")
    class Bert(torch.nn.Module):  # positional inputs, one output: what the exporter traces
        def __init__(self, auto):
            super().__init__()
            self.auto = auto

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.auto(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    bert = Bert(st[0].auto_model).eval().requires_grad_(False)
    sample = st.tokenize(["contoh kalimat untuk ekspor"])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"last_hidden_state": {0: "batch", 1: "tokens"}}
    path = out / "model.onnx"
    with torch.no_grad():
        torch.onnx.export(bert, tuple(sample[n] for n in names), str(path), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
                          dynamo=False)
    return path


class OnnxModel:
    """encode(texts) -> normalized float32 vectors, like SentenceTransformer.encode."""

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def encode(self, texts: list[str] | str, batch_size: int = 32) -> np.ndarray:
        single = isinstance(texts, str)
        texts = [texts] if single else texts
        order = np.argsort([-len(t) for t in texts], kind="stable")  # like ST: less padding per batch
        texts = [texts[i] for i in order]
        out = []
        for i in range(0, len(texts), batch_size):
            enc = self.tokenizer.encode_batch(texts[i:i + batch_size])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            types = np.array([e.type_ids for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        vectors = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return vectors[0] if single else vectors


class OnnxEncoder(Encoder):
    def __init__(self, settings: Settings, onnx_model: OnnxModel):
        super().__init__(settings)
        self.onnx = onnx_model

    def _encode(self, texts, batch_size):
        return self.onnx.encode(list(texts), batch_size)


def latency(encode, questions: list[str], rounds: int = 3) -> dict:
    for q in questions[:5]:
        encode(q)
    per_round = []
    for _ in range(rounds):
        times = []
        for q in questions:
            t = time.perf_counter()
            encode(q)
            times.append(time.perf_counter() - t)
        per_round.append(bench.percentiles(times))
    return bench.median_of(per_round)


ONNX_PROCESS = r"""
import sys, numpy as np, onnxruntime as ort
from tokenizers import Tokenizer
tok = Tokenizer.from_file(sys.argv[2]); tok.enable_truncation(256)
o = ort.SessionOptions(); o.intra_op_num_threads = 1
s = ort.InferenceSession(sys.argv[1], o, providers=["CPUExecutionProvider"])
e = tok.encode(sys.argv[3])
h = s.run(None, {"input_ids": np.array([e.ids]), "attention_mask": np.array([e.attention_mask]),
                 "token_type_ids": np.array([e.type_ids])})[0]
v = h.mean(1); v /= np.linalg.norm(v)
"""


def processes(onnx_path: Path, model_dir: Path, repeats: int = 3) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    commands = {"bare_sentence_transformers": [sys.executable, "-c", bench.BARE_PROCESS],
                "bare_onnxruntime": [sys.executable, "-c", ONNX_PROCESS, str(onnx_path),
                                     str(model_dir / "tokenizer.json"), bench.COLD_QUESTION]}
    for cmd in commands.values():
        bench.run_process(cmd, env)
    runs = {k: [] for k in commands}
    for _ in range(repeats):
        for k, cmd in commands.items():
            runs[k].append(bench.run_process(cmd, env))
    return {k: {"median_s": round(median(w for w, _ in r), 3), "peak_rss_mb": round(median(m for _, m in r), 1)}
            for k, r in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.parse_args()
    import onnxruntime
    import torch

    from assistant.service import Assistant

    model_dir = packaged_model_path()
    _, questions = bench.read_questions(None)
    own = [json.loads(line)["q"] for line in bench.OWN_QUESTIONS.read_text().splitlines() if line.strip()]
    everything = questions + own
    report = {"onnxruntime": onnxruntime.__version__, "torch": torch.__version__,
              "load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="tanya-onnx-") as tmp:
        tmp = Path(tmp)
        onnx_path = export(model_dir, tmp)
        report["onnx_mb"] = round(onnx_path.stat().st_size / 1e6, 1)
        settings = replace(Settings.from_env(), index_dir=tmp / "torch-index")
        torch_assistant = Assistant(settings)
        st = torch_assistant.encoder.model
        onnx1, onnx2 = OnnxModel(onnx_path, model_dir, 1), OnnxModel(onnx_path, model_dir, 2)

        # vectors
        from assistant.index import index_text
        by_id = {s.id: s for s in torch_assistant.index.sections}
        texts = everything + [index_text(c, by_id) for c in torch_assistant.index.chunks]
        a = st.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        b = onnx1.encode(texts)
        report["vectors"] = {"texts": len(texts), "min_cosine": float(np.min(np.sum(a * b, axis=1))),
                             "max_abs_diff": float(np.max(np.abs(a - b)))}

        # answers: ONNX queries on the torch index, then an index built with ONNX
        onnx_assistant = Assistant(settings)
        onnx_assistant.encoder = OnnxEncoder(settings, onnx1)
        onnx_assistant.searcher.encoder = onnx_assistant.encoder
        rebuilt_settings = replace(settings, index_dir=tmp / "onnx-index")
        from assistant import index as index_module
        index_module.build(rebuilt_settings, OnnxEncoder(rebuilt_settings, onnx1))
        full_onnx = Assistant(rebuilt_settings)
        full_onnx.encoder = OnnxEncoder(rebuilt_settings, onnx1)
        full_onnx.searcher.encoder = full_onnx.encoder
        same_q = same_full = 0
        differing = []
        for q in everything:
            ref = torch_assistant.ask(q).markdown
            same_q += onnx_assistant.ask(q).markdown == ref
            ok = full_onnx.ask(q).markdown == ref
            same_full += ok
            if not ok:
                differing.append(q)
        report["answers"] = {"questions": len(everything), "identical_onnx_queries": same_q,
                             "identical_onnx_queries_and_index": same_full, "differing": differing[:5]}

        # latency
        enc = lambda q: st.encode(q, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)  # noqa: E731
        report["latency_ms"] = {}
        before = torch.get_num_threads()
        for n in (1, 2):
            torch.set_num_threads(n)
            report["latency_ms"][f"torch_{n}_thread"] = latency(enc, questions)
        torch.set_num_threads(before)
        report["latency_ms"]["onnx_1_thread"] = latency(onnx1.encode, questions)
        report["latency_ms"]["onnx_2_threads"] = latency(onnx2.encode, questions)
        t = time.perf_counter()
        st.encode(texts[:256], batch_size=32)
        report["passages_per_s"] = {"torch": round(256 / (time.perf_counter() - t), 1)}
        t = time.perf_counter()
        onnx2.encode(texts[:256])
        report["passages_per_s"]["onnx_2_threads"] = round(256 / (time.perf_counter() - t), 1)

        report["process"] = processes(onnx_path, model_dir)
    report["load_average_end"] = os.getloadavg()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

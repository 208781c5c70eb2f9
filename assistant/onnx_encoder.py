"""Question embeddings with ONNX Runtime and tokenizers: the tuned model without torch.

``python -m assistant build`` exports the tuned sentence-transformers model into the build
folder (``assistant.onnx_export``, checked against sentence-transformers before the index is
published); answering from that index loads only ``onnxruntime`` and ``tokenizers``: about
0.5 s and 80 MB, where torch and sentence-transformers take seconds and some 400 MB to
encode one short question.

The encoder does what the model's sentence-transformers modules do, read from the model
folder: the model's own tokenizer (``tokenizer.json``: lower case, WordPiece) cut at
``max_seq_length`` tokens, the transformer, mean pooling over the attention mask
(``1_Pooling``) and L2 normalization (``2_Normalize``). ``spec`` says which models it can
replicate; any other model is encoded by sentence-transformers, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.embed import TextEncoder, Encoder, model_path
from assistant.errors import ModelError
from assistant.settings import TUNED_MODEL, Settings

if TYPE_CHECKING:  # pragma: no cover
    from assistant.index import Index

#: The export's folder inside a build folder, and its files.
FOLDER = "encoder"
GRAPH = "model.onnx"
#: The weights beside the graph (ONNX external data): ONNX Runtime maps them from disk
#: instead of reading a second copy into memory (peak RSS 126 MB against 199 MB, measured).
WEIGHTS = "model.onnx.data"
TOKENIZER = "tokenizer.json"
#: The word-embedding table (30,522 rows × 384), kept out of the graph in float16: the encoder
#: reads the rows a text's tokens need straight from the file (``WordTable``), so the table
#: costs the process no memory (the OS page cache holds it, shared by every process and
#: replica). Inside the graph, ONNX Runtime mapped it and a server soon held most of it: 44 MB
#: at float32, 22 MB at float16 (docs/design.md). Vectors move by about 1e-6 in cosine.
WORD_TABLE = "word_embeddings.f16"
WORD_TABLE_DTYPE = "float16"
#: The graph input the rows are fed to (float32, batch × tokens × dimension).
WORD_INPUT = "word_embeddings"
#: Bumped when the export or this encoder changes in a way that changes vectors or files (2:
#: the word table in float16; 3: the word table outside the graph).
FORMAT = 3

#: Module types of modules.json, by their last part (the package path moved in sentence-transformers 6).
_TRANSFORMER = ".Transformer"
_POOLING = ".Pooling"
_NORMALIZE = ".Normalize"


def spec(model_dir: Path) -> dict | None:
    """What an export of the sentence-transformers model in ``model_dir`` must do, as the
    manifest records it; None if this encoder cannot replicate the model (not a BERT
    transformer followed by mean pooling and, optionally, normalization)."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        pooling_dir = next(model_dir / m["path"] for m in modules if m["type"].endswith(_POOLING))
        pooling = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
        bert = _read(model_dir / "sentence_bert_config.json")
        tokenizer_config = _read(model_dir / "tokenizer_config.json")
        tokenizer = (model_dir / TOKENIZER).read_bytes()
    except (OSError, ValueError, KeyError, StopIteration):
        return None
    types = [m["type"] for m in modules]
    # "pooling_mode" since sentence-transformers 6; one flag per mode before.
    mean = pooling.get("pooling_mode") == "mean" or (
        pooling.get("pooling_mode_mean_tokens") is True
        and not any(v is True for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"))
    if (config.get("model_type") != "bert" or len(types) < 2 or not types[0].endswith(_TRANSFORMER)
            or modules[0].get("path", "") != "" or not types[1].endswith(_POOLING)
            or any(not t.endswith(_NORMALIZE) for t in types[2:]) or not mean):
        return None
    # sentence-transformers: max_seq_length from its config, else the smaller of the
    # tokenizer's and the position embeddings' limits (128 for the tuned MiniLM).
    limits = [v for v in (tokenizer_config.get("model_max_length"), config.get("max_position_embeddings"))
              if isinstance(v, int)]
    max_length = bert.get("max_seq_length") or (min(limits) if limits else None)
    if not max_length:
        return None
    return {
        "format": FORMAT,
        "graph": f"{FOLDER}/{GRAPH}",
        "max_seq_length": int(max_length),
        "pooling": "mean",
        "normalize": True,  # Encoder asks sentence-transformers for normalized vectors too
        "dimension": int(pooling.get("embedding_dimension") or config["hidden_size"]),
        "tokenizer_sha256": hashlib.sha256(tokenizer).hexdigest(),
    }


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def spec_for(settings: Settings) -> dict | None:
    """The export the index must carry for these settings: the tuned default model only.
    Every other model (``TANYA_MODEL``) answers through sentence-transformers, unexported."""
    if settings.model != TUNED_MODEL:
        return None
    return spec(model_path(settings))


class WordTable:
    """The rows of ``WORD_TABLE``, read from the file as texts need them (``os.pread``, safe
    from several threads at once). The open file stays readable if a newer build deletes it."""

    def __init__(self, path: Path, dimension: int):
        self.row_bytes = dimension * np.dtype(WORD_TABLE_DTYPE).itemsize
        self.dimension = dimension
        self._fd = os.open(path, os.O_RDONLY)
        size = os.fstat(self._fd).st_size
        if not size or size % self.row_bytes:
            os.close(self._fd)
            raise ValueError(f"{path.name}: {size} bytes is not a whole number of {dimension}-wide rows")
        self.rows = size // self.row_bytes

    def lookup(self, ids: np.ndarray) -> np.ndarray:
        """float32 rows for an array of token ids, shaped ``ids.shape + (dimension,)``."""
        unique, where = np.unique(ids, return_inverse=True)
        if unique.size and (unique[0] < 0 or unique[-1] >= self.rows):
            raise ModelError(f"Token {int(unique[-1])} di luar tabel embedding kata ({self.rows} baris).")
        found = np.frombuffer(b"".join(os.pread(self._fd, self.row_bytes, int(i) * self.row_bytes) for i in unique),
                              dtype=WORD_TABLE_DTYPE).reshape(len(unique), self.dimension)
        return found.astype(np.float32)[where.reshape(ids.shape)]

    def __del__(self):
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)


class OnnxEncoder(TextEncoder):
    """Encodes with the export in ``folder`` (a build's ``encoder/``) as ``spec`` describes it."""

    def __init__(self, settings: Settings, folder: Path, spec: dict, threads: int | None = None):
        super().__init__(settings)
        self.folder = folder
        self.spec = spec
        self.threads = threads or settings.encoder_threads

    def _load(self):
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER))
            tokenizer.enable_truncation(max_length=self.spec["max_seq_length"])
            if tokenizer.padding is None:  # batches are padded to their longest text
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3  # errors only: no warnings on the CLI's stderr
            session = onnxruntime.InferenceSession(str(self.folder / GRAPH), options,
                                                   providers=["CPUExecutionProvider"])
            # The table is as wide as the graph's input for its rows (the hidden size).
            width = next(i.shape[2] for i in session.get_inputs() if i.name == WORD_INPUT)
            table = WordTable(self.folder / WORD_TABLE, int(width))
        except Exception as exc:  # ImportError, a missing or unreadable file, a bad graph
            raise ModelError(f"Model embedding ONNX di {self.folder} tidak dapat dimuat: {exc}") from exc
        return tokenizer, session, {i.name for i in session.get_inputs()}, table

    @property
    def dimension(self) -> int:
        return int(self.spec["dimension"])

    @property
    def identity(self) -> str:
        return f"{super().identity} onnx {json.dumps(self.spec, sort_keys=True)}"

    def set_threads(self, threads: int) -> None:
        """A session's thread count is fixed when it is made: make a new one if it differs."""
        with self._lock:
            if threads != self.threads:
                self.threads = threads
                self._model = None

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        tokenizer, session, inputs, table = self.model
        texts = [t.strip() for t in texts]  # as sentence-transformers' Transformer.tokenize
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        # Longest first, as sentence-transformers batches: less padding in each batch.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), batch_size):
            rows = order[start:start + batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            feed[WORD_INPUT] = table.lookup(feed["input_ids"])
            hidden = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[rows] = pooled / norms
        return out


def answer_encoder(index: Index, fallback: Encoder) -> TextEncoder:
    """The encoder that answers from ``index``: ONNX Runtime when the build exported the
    model (the manifest's ``onnx`` field, checked against the settings on load), else
    ``fallback`` (sentence-transformers)."""
    found = index.manifest.get("onnx")
    if not found:
        return fallback
    encoder = OnnxEncoder(fallback.settings, index.folder / FOLDER, found)
    # Loaded now, not at the first question: a build published meanwhile (another process
    # running `build`) deletes this folder, and a loaded session no longer needs its files.
    encoder.model  # noqa: B018
    return encoder

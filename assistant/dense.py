"""The dense index: FAISS over normalized chunk embeddings.

Inner product equals cosine similarity on normalized vectors, so an exact ``IndexFlatIP``
gives cosine scores; at a few hundred chunks exact search takes microseconds (see
``assistant.measure.bench`` for when an approximate index would pay).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

FILENAME = "dense.faiss"


def build(vectors: np.ndarray) -> faiss.Index:
    """An exact inner-product index over ``vectors`` (n × d, already L2-normalized)."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def scores(index: faiss.Index, query: np.ndarray) -> np.ndarray:
    """Cosine similarity of ``query`` to every chunk, indexed by chunk id."""
    n = index.ntotal
    sims, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), n)
    out = np.zeros(n, dtype=np.float32)
    valid = ids[0] >= 0
    out[ids[0][valid]] = sims[0][valid]
    return out


def save(index: faiss.Index, folder: Path) -> None:
    faiss.write_index(index, str(folder / FILENAME))


def load(folder: Path) -> faiss.Index:
    return faiss.read_index(str(folder / FILENAME))

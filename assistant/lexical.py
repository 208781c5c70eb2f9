"""The lexical index: BM25 (bm25s) over analyzed chunk terms (see ``assistant.analyze``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


def _import_bm25s():
    """bm25s, imported without scipy unless scipy is already loaded.

    bm25s imports ``scipy.sparse`` when it can (19 MB resident, a fifth of what answering
    holds besides Gradio) though only its optional scipy build backend uses it: loading an
    index and ``scores`` below need numpy alone, and ``build`` names the numpy backend, which
    gives the same arrays. A ``None`` in ``sys.modules`` makes that import fail, as if scipy
    were not installed; it is removed at once, so scipy stays importable for everything else.
    """
    hide = "scipy" not in sys.modules
    if hide:
        sys.modules["scipy"] = None  # type: ignore[assignment]
    try:
        import bm25s
    finally:
        if hide:
            del sys.modules["scipy"]
    return bm25s


bm25s = _import_bm25s()

FOLDER = "bm25"


def build(documents: list[list[str]]) -> bm25s.BM25:
    """A BM25 index over pre-analyzed documents (one term list per chunk)."""
    index = bm25s.BM25(csc_backend="numpy")  # the same arrays as scipy's (see _import_bm25s)
    # bm25s needs at least one token per document; an empty chunk gets a placeholder.
    index.index([terms or ["_"] for terms in documents], show_progress=False)
    return index


def scores(index: bm25s.BM25, terms: dict[str, float] | list[str]) -> np.ndarray:
    """BM25 score of every chunk for the query ``terms``, indexed by chunk id.

    ``terms`` maps each term to its weight (a list means weight 1 each); the score is the
    weighted sum of the terms' BM25 scores.
    """
    weights = dict.fromkeys(terms, 1.0) if isinstance(terms, list) else terms
    # Read each term's scores straight from bm25s's precomputed sparse (CSC) matrix.
    data, indices, indptr = index.scores["data"], index.scores["indices"], index.scores["indptr"]
    out = np.zeros(index.scores["num_docs"], dtype=np.float32)
    for term, weight in weights.items():
        tid = index.vocab_dict.get(term)
        if tid is None or not weight:
            continue
        lo, hi = indptr[tid], indptr[tid + 1]
        out[indices[lo:hi]] += weight * data[lo:hi]
    return out


def save(index: bm25s.BM25, folder: Path) -> None:
    index.save(str(folder / FOLDER), show_progress=False)


def load(folder: Path) -> bm25s.BM25:
    return bm25s.BM25.load(str(folder / FOLDER), show_progress=False)

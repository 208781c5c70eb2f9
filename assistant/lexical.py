"""The lexical index: BM25 (bm25s) over analyzed chunk terms (see ``assistant.analyze``)."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

FOLDER = "bm25"


def build(documents: list[list[str]]) -> bm25s.BM25:
    """A BM25 index over pre-analyzed documents (one term list per chunk)."""
    index = bm25s.BM25()
    # bm25s needs at least one token per document; an empty chunk gets a placeholder.
    index.index([terms or ["_"] for terms in documents], show_progress=False)
    return index


def scores(index: bm25s.BM25, terms: list[str]) -> np.ndarray:
    """BM25 score of every chunk for the query ``terms``, indexed by chunk id."""
    known = [t for t in terms if t in index.vocab_dict]
    if not known:
        return np.zeros(index.scores["num_docs"], dtype=np.float32)
    return np.asarray(index.get_scores(known), dtype=np.float32)


def save(index: bm25s.BM25, folder: Path) -> None:
    index.save(str(folder / FOLDER), show_progress=False)


def load(folder: Path) -> bm25s.BM25:
    return bm25s.BM25.load(str(folder / FOLDER), show_progress=False)

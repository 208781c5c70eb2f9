"""Fuse lexical and dense evidence into one score per section. Pure numpy.

Chunk scores are first pooled per section (the best chunk, plus a little of the second
best, so a section with two matching bullets beats one with a single stray word). The
lexical score is divided by the best section's, so it lies in [0, 1] for every question;
the dense score is a cosine, re-centred on the question's mean similarity so that a
question similar to everything (the English-only model on Indonesian text) moves nothing.
The weight of each was chosen by measurement (``python -m assistant eval``; docs/design.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FusionParams:
    method: str = "fused"  # "lexical", "dense" or "fused"
    dense_weight: float = 0.35
    second_weight: float = 0.3


def pool(chunk_scores: np.ndarray, chunk_section: np.ndarray, n_sections: int, second_weight: float) -> np.ndarray:
    """Per-section score: best chunk + ``second_weight`` × second-best chunk.

    Vectorized (one sort, no loop over sections): the loop it replaced grew with
    sections × chunks and dominated search time on large corpora (``assistant.measure.bench``).
    """
    order = np.lexsort((-chunk_scores, chunk_section))  # by section, best first within each
    sec, val = chunk_section[order], chunk_scores[order]
    starts = np.flatnonzero(np.r_[True, sec[1:] != sec[:-1]])
    out = np.zeros(n_sections, dtype=np.float32)
    out[sec[starts]] = val[starts]
    has_second = np.r_[starts[1:], len(sec)] - starts > 1
    second = starts[has_second] + 1
    out[sec[second]] = val[starts[has_second]] + second_weight * val[second]
    return out


def fuse(lexical: np.ndarray, dense: np.ndarray, chunk_section: np.ndarray, n_sections: int,
         params: FusionParams) -> np.ndarray:
    """Section scores (higher is better) from chunk-level lexical and dense scores."""
    lex = pool(lexical, chunk_section, n_sections, params.second_weight)
    top = lex.max()
    lex = lex / top if top > 0 else lex
    centred = dense - float(np.mean(dense))
    den = pool(centred, chunk_section, n_sections, params.second_weight)
    if params.method == "lexical":
        return lex
    if params.method == "dense":
        return den
    return (1 - params.dense_weight) * lex + params.dense_weight * den

"""Rank the sections of the code for a question, or abstain when nothing fits.

"pasal 7", "Pasal 7 apa isinya", "psl 7" go straight to Pasal 7. Anything else is
scored by BM25 over analyzed terms and by the dense model, fused per section
(``assistant.fusion``); the best chunks of each shown section become its quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant import analyze, dense, lexical
from assistant.embed import Encoder
from assistant.fusion import FusionParams, fuse
from assistant.index import Index
from assistant.records import ARTICLE, Chunk, Hit

_REFERENCE = re.compile(r"\b(?:pasal|psl|ps|article|art)\.?\s*(-?\d+)\b", re.IGNORECASE)
#: Words that add nothing to "pasal 7" ("Pasal 7 apa isinya?", "tolong tampilkan pasal 7").
_REFERENCE_FILLER = frozenset(
    "apa isi isinya bunyi bunyinya tentang mengenai tolong tampilkan lihat baca jelaskan "
    "coba kasih dong ya yang ini itu dari kode etik kodepeksos what is says about show".split()
)


@dataclass(frozen=True)
class Thresholds:
    """Below both, nothing fits well enough and the assistant abstains."""

    lexical: float = 2.5  # best section's raw BM25 score
    dense: float = 0.45  # best chunk's cosine similarity
    relative: float = 0.55  # a further section is shown only if it scores this share of the best


@dataclass(frozen=True)
class Result:
    """Ranked hits, best first; ``abstained`` when nothing fits; unknown article numbers."""

    hits: tuple[Hit, ...]
    abstained: bool
    unknown_references: tuple[int, ...] = ()
    ranking: tuple[str, ...] = field(default=())  # every section id, best first (for eval)


def references(question: str) -> tuple[list[int], bool]:
    """Article numbers named in the question, and whether the question is only that."""
    numbers = [int(m) for m in _REFERENCE.findall(question)]
    rest = analyze.words(_REFERENCE.sub(" ", question))
    only = bool(numbers) and all(w in _REFERENCE_FILLER or w.isdigit() or w in {"dan", "and"} for w in rest)
    return numbers, only


class Searcher:
    """Searches one loaded ``Index``; the encoder is loaded on the first free-text question."""

    def __init__(self, index: Index, encoder: Encoder, max_sections: int = 3, max_quotes: int = 3,
                 fusion: FusionParams = FusionParams(), thresholds: Thresholds = Thresholds()):
        self.index = index
        self.encoder = encoder
        self.max_sections = max_sections
        self.max_quotes = max_quotes
        self.fusion = fusion
        self.thresholds = thresholds
        self._section_ids = [s.id for s in index.sections]
        position = {sid: i for i, sid in enumerate(self._section_ids)}
        self._chunk_section = np.array([position[c.section_id] for c in index.chunks])

    # -- scoring ---------------------------------------------------------------------------
    def chunk_scores(self, question: str, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Raw BM25 and cosine scores of every chunk for the question."""
        lex = lexical.scores(self.index.lexical, terms)
        if self.fusion.method == "lexical":
            den = np.zeros(len(self.index.chunks), dtype=np.float32)
        else:
            den = dense.scores(self.index.dense, self.encoder.encode_query(question))
        return lex, den

    def search(self, question: str) -> Result:
        """Sections that answer ``question``, best first, each with its best quotes."""
        numbers, only_reference = references(question)
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= 16]
        unknown = tuple(n for n in dict.fromkeys(numbers) if not 1 <= n <= 16)
        referenced = [self.index.section(f"pasal-{n}") for n in valid]
        if referenced and only_reference:
            hits = tuple(Hit(s, 1.0, (), "reference") for s in referenced)
            return Result(hits, False, unknown, tuple(s.id for s in referenced))
        if unknown and only_reference:
            return Result((), True, unknown)

        text = _REFERENCE.sub(" ", question) if numbers else question
        terms = analyze.analyze(text)
        lex, den = self.chunk_scores(text, terms)
        n = len(self._section_ids)
        scores = fuse(lex, den, self._chunk_section, n, self.fusion)
        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        ranking = tuple(self._section_ids[i] for i in order)

        best_lex = float(max(lex.max(initial=0.0), 0.0))
        best_den = float(den.max(initial=0.0))
        abstain = best_lex < self.thresholds.lexical and best_den < self.thresholds.dense
        hits = [Hit(s, 1.0, (), "reference") for s in referenced]
        if not abstain:
            top = float(scores[order[0]])
            for i in order:
                if len(hits) >= self.max_sections:
                    break
                sid = self._section_ids[i]
                if any(h.section.id == sid for h in hits):
                    continue
                if hits and (top <= 0 or scores[i] < self.thresholds.relative * top):
                    break
                hits.append(Hit(self.index.sections[i], float(scores[i]), self._quotes(i, lex, den)))
        return Result(tuple(hits), abstain and not referenced, unknown, ranking)

    def _quotes(self, section: int, lex: np.ndarray, den: np.ndarray) -> tuple[Chunk, ...]:
        """The section's best non-article chunks that match the question at all."""
        mask = self._chunk_section == section
        idx = np.flatnonzero(mask)
        lex_top = lex.max()
        chunk_score = (lex[idx] / lex_top if lex_top > 0 else 0) + 0.5 * den[idx]
        picked = []
        for j in np.argsort(-chunk_score, kind="stable"):
            c = self.index.chunks[idx[j]]
            if c.role == ARTICLE or c.text.endswith(":") or lex[idx[j]] <= 0 and den[idx[j]] < self.thresholds.dense:
                continue
            picked.append(c)
            if len(picked) >= self.max_quotes:
                break
        return tuple(sorted(picked, key=lambda c: c.id))

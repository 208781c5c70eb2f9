"""Is a question about the code at all? A learned last check before answering.

The rules of ``assistant.search`` refuse what they can name: another document, a request
for a procedure, a form or a number, a question made of unknown words. What they cannot
name ("tips lulus ujian sertifikasi", "average salary of a social worker in Jakarta",
"Jelaskan teori sistem ekologi Bronfenbrenner") still looks like nothing the code is asked:
its embedding is far from every example question the code answers and near the example
questions it does not answer (``corpus/example_questions.jsonl``, ``"gold": []``).

A logistic regression over seven such figures (``FEATURES``) says how likely the question
is off-topic. It is fitted by ``scripts/fit_offtopic_gate.py`` on question sets the
assistant is not measured on and saved as ``models/offtopic_gate.json`` (weights,
threshold, the model and examples it was fitted with). A question that asks about conduct
or tells the asker's situation is the rules' to keep, unless it names neither social work
nor its ethics: then a second, higher threshold applies ("Can I challenge a CAFCASS
report?", "Kenapa pers harus merahasiakan identitas anak …?" ask about somebody else's
rules). A question of one or two known words is judged against a third threshold when it
asks, names nothing of the field and uses a word the code itself does not ("Apa itu Karang
Taruna?"). Any other question, the rules' to keep, is refused only over a fourth, highest
threshold, where the gate is all but sure: one about conduct that does name the field ("Can
I ask for a different CPS caseworker for my family?" is a family's question about its worker,
not a worker's about the code), one of one or two words that names the field ("Is it worth
working for CPS?", "Jadi Pekerja Sosial, Kenapa Tidak?") or asks in the code's own words
("Apa itu kompetensi?", all but never refused). The gate is off for any model other than the
one it was fitted for: cosines of another model mean other things.
Pure numpy, given the vectors.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import CorpusError
from assistant.query import Query

#: What the gate looks at, in this order (names as in the fitted file).
FEATURES = (
    "answered_max",  # cosine of the nearest example question the code answers
    "answered_mean10",  # mean cosine of the 10 nearest of those
    "chunk_max",  # cosine of the nearest chunk of the code
    "offtopic_max",  # cosine of the nearest example question the code does not answer
    "offtopic_mean5",  # mean cosine of the 5 nearest of those
    "english",  # the question is in English (1) or not (0)
    "unknown_share",  # share of its content words that neither corpus nor vocabulary knows
)


def features(query: Query, answered: np.ndarray, offtopic: np.ndarray, chunks: np.ndarray) -> np.ndarray:
    """The gate's figures for one question, given its cosines to the answered and the
    off-topic example questions and to the chunks (``FEATURES``)."""
    return np.array([
        _top_mean(answered, 1), _top_mean(answered, 10), float(chunks.max(initial=0.0)),
        _top_mean(offtopic, 1), _top_mean(offtopic, 5), float(query.english),
        len(query.unknown) / max(1, query.content),
    ])


def _top_mean(values: np.ndarray, k: int) -> float:
    if len(values) == 0:
        return 0.0
    k = min(k, len(values))
    return float(np.partition(values, len(values) - k)[-k:].mean())


@dataclass(frozen=True)
class OffTopicGate:
    """A fitted logistic regression: standardized features, weights, bias, threshold."""

    model: str  # ``assistant.embed.model_id`` of the model the cosines come from
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    examples_sha256: str = ""  # of the example file the gate was fitted with
    #: Over this, a question about conduct that names neither social work nor its ethics is
    #: refused too (``Searcher.gate_judges_conduct``); 1.0: never.
    conduct_threshold: float = 1.0
    #: Over this, a question of one or two known words that names nothing of the field is
    #: refused too (``Searcher.gate_judges_short``); 1.0: never.
    short_threshold: float = 1.0
    #: Over this, any other question is refused too, those the rules keep: about conduct
    #: naming social work, a role of the field or its ethics, or short and naming it or in
    #: the code's own words (``Searcher.gate_judges_kept``); 1.0: never.
    field_threshold: float = 1.0

    def probability(self, x: np.ndarray) -> float:
        """How likely a question with figures ``x`` is one the code does not answer."""
        z = (np.asarray(x) - np.array(self.mean)) / np.array(self.scale)
        return 1.0 / (1.0 + math.exp(-(float(z @ np.array(self.weights)) + self.bias)))

    def off_topic(self, x: np.ndarray) -> bool:
        return self.probability(x) > self.threshold

    def to_json(self, **extra) -> str:
        fields = {"features": list(FEATURES), "model": self.model, "mean": list(self.mean), "scale": list(self.scale),
                  "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold,
                  "conduct_threshold": self.conduct_threshold, "short_threshold": self.short_threshold,
                  "field_threshold": self.field_threshold,
                  "examples_sha256": self.examples_sha256}
        return json.dumps({**fields, **extra}, indent=1, ensure_ascii=False) + "\n"


def load_gate(path: Path | None, model: str) -> OffTopicGate | None:
    """The gate fitted for ``model``, or None: no file, or fitted for another model.
    Raises ``CorpusError`` in Indonesian for a file that cannot be read or does not fit."""
    if path is None or not Path(path).exists():
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        gate = OffTopicGate(
            model=str(data["model"]), mean=tuple(map(float, data["mean"])), scale=tuple(map(float, data["scale"])),
            weights=tuple(map(float, data["weights"])), bias=float(data["bias"]),
            threshold=float(data["threshold"]), examples_sha256=str(data.get("examples_sha256", "")),
            conduct_threshold=float(data.get("conduct_threshold", 1.0)),
            short_threshold=float(data.get("short_threshold", 1.0)),
            field_threshold=float(data.get("field_threshold", 1.0)),
        )
        names = tuple(data["features"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"Berkas penyaring pertanyaan di luar kode etik {path} tidak dapat dibaca: {exc}") from exc
    if names != FEATURES or not len(gate.mean) == len(gate.scale) == len(gate.weights) == len(FEATURES):
        raise CorpusError(f"Berkas {path} tidak cocok dengan versi program ini (fitur: {', '.join(names)}).")
    return gate if gate.model == model else None

"""Labelled example questions as ranking evidence.

``corpus/example_questions.jsonl`` holds questions people ask, each with the sections that
answer it (best first), or none (``"gold": []``) for a question the code does not answer:
those only help tell off-topic questions (``assistant.offtopic``). A new question that
resembles some of them lends their sections part of its score. Resemblance is measured twice and the two votes averaged: by the
cosine of tf-idf weighted terms (its analyzed words, vocabulary expansions and matched
concepts), and by the cosine of the embeddings, question to question, which finds a
situation told in other words ("ibu itu mau kasih kalung" near "keluarga klien memberi
hadiah"). The examples only rank: they are never quoted, shown or counted as the code.
Pure numpy, given the question analyzer and the examples' vectors (``index``).

Both votes were measured on sets the examples never saw (docs/design.md): each adds a few
questions at R@1 and R@3.

A third voice learns from all the examples at once instead of the ten nearest: a
logistic regression (scikit-learn) over the same tf-idf row and the embedding, fitted to
say which section answers an example (``fit_classifier``). Its probabilities, max-normalized,
are blended into the evidence that ranks (``CLASSIFIER_SHARE``); whether a further section
is shown at all stays with the nearest examples (its probabilities are peaked: one section
takes nearly all). It is fitted once per set of examples
and model, and kept in the start cache (``assistant.start_cache``); answering needs only
its weights (numpy).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.errors import CorpusError
from assistant.jsonl import question_lines
from assistant.query import Query

#: Share of the (max-normalized) example evidence added to each section's fused score (whose
#: best is 1): as much as the article search once the examples are many; more lets
#: neighbours that name a nearby article win (docs/design.md).
EXAMPLE_WEIGHT = 1.0
#: How many of the most similar examples vote.
NEIGHBOURS = 10
#: A section an example names after its first counts this much of the example's vote.
LATER_SECTION = 0.6
#: Weight of a matched vocabulary concept as a feature, next to a term typed (1.0).
CONCEPT_FEATURE = 1.0
#: Share of the embedding vote in the example evidence (the rest is the tf-idf vote).
DENSE_SHARE = 0.5
#: The embedding vote weighs the nearest examples by exp((cosine - best cosine) / this):
#: a near paraphrase counts, the tenth-nearest barely (0.03-0.1 measured alike).
TEMPERATURE = 0.05
#: Share of the classifier's evidence in the examples' vote (the rest is the nearest
#: examples'): 0.3 was best of 0.3 / 0.5 / 0.7 on the real development sets and the tuning
#: sets (docs/design.md).
CLASSIFIER_SHARE = 0.3
#: The classifier's inverse regularization strength (scikit-learn's ``C``): 0.3, 1 and 4
#: measured alike.
CLASSIFIER_C = 1.0


@dataclass(frozen=True)
class Classifier:
    """A fitted multinomial logistic regression over an example's tf-idf row (columns
    ``0 … len(vocab) - 1``, in ``ExampleIndex.vocab`` order) and its embedding (the rest)."""

    weights: np.ndarray  # (sections, vocabulary + dimension)
    bias: np.ndarray  # (sections,)


@dataclass(frozen=True)
class Example:
    question: str
    sections: tuple[str, ...]  # best first


def load_examples(path: Path, section_ids: set[str] | None = None) -> list[Example]:
    """The examples of a JSON Lines file (``{"q": …, "gold": [section ids]}`` a line).

    A line with an empty ``gold`` is a question the code does not answer (no sections).
    Raises ``CorpusError`` in Indonesian naming the bad line.
    """
    examples = []
    for number, item in question_lines(path, CorpusError, gold_required=True):
        unknown = [g for g in item["gold"] if section_ids is not None and g not in section_ids]
        if unknown:
            raise CorpusError(f"{path}:{number}: bagian {', '.join(map(str, unknown))} tidak ada dalam kode etik.")
        examples.append(Example(item["q"], tuple(item["gold"])))
    return examples


def features(query: Query) -> dict[str, float]:
    """What a question is compared on: its weighted terms and its concepts ("§id")."""
    out = dict(query.terms)
    for concept in query.concepts:
        out[f"§{concept}"] = CONCEPT_FEATURE
    return out


def answered_features(examples: list[Example], analyze: Callable[[str], Query]) -> list[dict[str, float]]:
    """The ``features`` of every example the code answers, in order (what a start spends
    most of its time on: ``assistant.start_cache`` keeps them)."""
    return [features(analyze(e.question)) for e in examples if e.sections]


class ExampleIndex:
    """The examples, analyzed once like questions; scores sections for a new question.
    Only the examples the code answers vote; the others' vectors are kept apart.
    ``rows`` may hold ``answered_features(examples, analyze)`` computed before."""

    def __init__(self, examples: list[Example], analyze: Callable[[str], Query], section_ids: list[str],
                 vectors: np.ndarray | None = None, rows: list[dict[str, float]] | None = None):
        if vectors is not None and len(vectors) != len(examples):
            raise ValueError("one vector per example")
        answered = np.array([bool(e.sections) for e in examples], dtype=bool)
        self.examples = [e for e in examples if e.sections]
        self.offtopic = [e for e in examples if not e.sections]
        self.vectors = vectors[answered] if vectors is not None else None
        self.offtopic_vectors = vectors[~answered] if vectors is not None else None
        self.n_sections = len(section_ids)
        position = {sid: i for i, sid in enumerate(section_ids)}
        # ``rows``: the answered examples' features, when computed before (a start's cache).
        rows = answered_features(examples, analyze) if rows is None else rows
        # In sorted order, not the rows' order: a row's terms come in the order of sets, which
        # differs from one process to the next, and the classifier's columns follow this order
        # (a classifier kept by one start must fit the features another start reads).
        self.vocab: dict[str, int] = {term: i for i, term in enumerate(sorted({t for row in rows for t in row}))}
        df = np.zeros(len(self.vocab))
        for row in rows:
            df[[self.vocab[t] for t in row]] += 1
        self.idf = np.log((len(rows) + 1) / (df + 0.5))
        # The answered examples' normalized tf-idf rows, stored by term (compressed sparse
        # columns): a question's similarity to every example adds up only its own terms' columns.
        by_term: list[list[tuple[int, float]]] = [[] for _ in self.vocab]
        for i, row in enumerate(rows):
            for term, value in self._normalized(row):
                by_term[term].append((i, value))
        self._indptr = np.cumsum([0] + [len(column) for column in by_term])
        self._rows = np.array([i for column in by_term for i, _ in column], dtype=np.int64)
        self._values = np.array([v for column in by_term for _, v in column], dtype=np.float64)
        # votes[i, s]: how much example i speaks for section s (1 for its first section).
        votes = np.zeros((len(self.examples), self.n_sections), dtype=np.float32)
        for i, e in enumerate(self.examples):
            for rank, sid in enumerate(e.sections):
                votes[i, position[sid]] = max(votes[i, position[sid]], 1.0 if rank == 0 else LATER_SECTION)
        self.votes = votes
        #: ``fit_classifier``'s result, set by its owner (``Searcher``), or None: the nearest
        #: examples alone vote.
        self.classifier: Classifier | None = None

    def tf_idf_rows(self):
        """The answered examples' normalized tf-idf rows, a SciPy sparse matrix (rows x vocabulary)."""
        from scipy import sparse

        return sparse.csc_matrix((self._values, self._rows, self._indptr),
                                 shape=(len(self.examples), len(self.vocab))).tocsr()

    def fit_classifier(self, keep: np.ndarray | None = None) -> Classifier | None:
        """A logistic regression fitted to tell an answered example's sections from its
        tf-idf row and its embedding: one sample per section an example names, weighed like
        its vote (1 for the first, ``LATER_SECTION`` after); only the answered examples where
        ``keep`` is true, if given (``scripts/eval_leave_one_out.py`` leaves a tenth out).
        None without vectors or with fewer than two sections named. Deterministic; about 3 s
        for 2,400 examples on 2 cores."""
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression

        if self.vectors is None or not self.examples:
            return None
        design = sparse.hstack([self.tf_idf_rows(), sparse.csr_matrix(self.vectors)]).tocsr()
        example, section = np.nonzero(self.votes)
        if keep is not None:
            example, section = example[keep[example]], section[keep[example]]
        if len(set(section.tolist())) < 2:
            return None
        model = LogisticRegression(C=CLASSIFIER_C, max_iter=2000)
        model.fit(design[example], section, sample_weight=self.votes[example, section])
        weights = np.zeros((self.n_sections, design.shape[1]), dtype=np.float32)
        bias = np.full(self.n_sections, -1e4, dtype=np.float32)  # a section no example names: never
        weights[model.classes_] = model.coef_
        bias[model.classes_] = model.intercept_
        return Classifier(weights, bias)

    def classify(self, query: Query, vector: np.ndarray) -> np.ndarray:
        """The classifier's probability of each section for the question (zeros without one)."""
        if self.classifier is None:
            return np.zeros(self.n_sections, dtype=np.float32)
        pairs = self._normalized(features(query))
        weights = self.classifier.weights
        z = self.classifier.bias + weights[:, len(self.vocab):] @ vector
        if pairs:
            ids, values = zip(*pairs)
            z = z + weights[:, list(ids)] @ np.array(values, dtype=np.float32)
        z = np.exp(z - z.max())
        return (z / z.sum()).astype(np.float32)

    def _normalized(self, row: dict[str, float]) -> list[tuple[int, float]]:
        """(term id, tf-idf weight / the row's norm) of the row's terms the examples use."""
        ids = [self.vocab[t] for t in row if t in self.vocab]
        values = np.array([row[t] for t in row if t in self.vocab]) * self.idf[ids] if ids else np.zeros(0)
        norm = math.sqrt(float(values @ values)) or 1.0
        return list(zip(ids, (values / norm).tolist()))

    def similarity(self, query: Query) -> np.ndarray:
        """The tf-idf cosine of the question to every answered example."""
        out = np.zeros(len(self.examples), dtype=np.float64)
        for term, weight in self._normalized(features(query)):
            lo, hi = self._indptr[term], self._indptr[term + 1]
            out[self._rows[lo:hi]] += weight * self._values[lo:hi]
        return out

    def cosines(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The question's cosines to the answered and to the off-topic examples (none
        without the examples' vectors)."""
        if self.vectors is None:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)
        return self.vectors @ vector, self.offtopic_vectors @ vector

    def scores(self, query: Query, vector: np.ndarray | None = None) -> np.ndarray:
        """Per-section evidence in [0, 1]: the votes of the nearest examples by terms and,
        given the question's embedding and the examples', by embedding, each divided by
        its best section's and averaged (``DENSE_SHARE``). What the nearest examples say,
        without the classifier (``ranking_scores`` adds it)."""
        if not self.examples:
            return np.zeros(self.n_sections, dtype=np.float32)
        similarity = self.similarity(query)
        nearest = np.argsort(-similarity, kind="stable")[:NEIGHBOURS]
        nearest = nearest[similarity[nearest] > 0]
        out = _max_normalized((similarity[nearest, None] * self.votes[nearest]).sum(axis=0))
        if self.vectors is None or vector is None:
            return out
        cosine = self.vectors @ vector
        nearest = np.argsort(-cosine, kind="stable")[:NEIGHBOURS]
        weights = np.exp((cosine[nearest] - cosine[nearest[0]]) / TEMPERATURE)
        dense = _max_normalized((weights[:, None] * self.votes[nearest]).sum(axis=0))
        return ((1 - DENSE_SHARE) * out + DENSE_SHARE * dense).astype(np.float32)

    def ranking_scores(self, query: Query, votes: np.ndarray, vector: np.ndarray | None = None) -> np.ndarray:
        """The evidence that ranks: the nearest examples' ``votes`` (``scores``) with the
        classifier's max-normalized probabilities blended in (``CLASSIFIER_SHARE``), given the
        question's embedding; ``votes`` as they are without either."""
        if self.classifier is None or vector is None:
            return votes
        learnt = _max_normalized(self.classify(query, vector))
        return ((1 - CLASSIFIER_SHARE) * votes + CLASSIFIER_SHARE * learnt).astype(np.float32)


def _max_normalized(values: np.ndarray) -> np.ndarray:
    values = values.astype(np.float32)
    top = float(values.max(initial=0.0))
    return values / top if top > 0 else values

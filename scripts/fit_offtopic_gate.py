"""Fit the off-topic gate (``assistant.offtopic``) and write ``models/offtopic_gate.json``.

For every question of the sets ``questions/manifest.yaml`` marks ``gate-fitting`` that the rules of ``assistant.search``
leave to be answered, that neither asks about conduct nor tells the asker's situation, and
that is more than a topic of one or two known words (the only questions the gate decides),
the gate's seven figures are computed with the product's own searcher, the gate off. A
question that is itself an example is compared with the other examples only (leave one
out), so its own line does not make it look known. A logistic regression (scikit-learn,
balanced classes, C = 1) separates the questions with ``"gold": []`` from the others. The
threshold is chosen on held-out scores: each fitting set scored by a regression fitted on
the others (leave one set out), and the sets marked ``gate-threshold`` (real questions, never
fitted on) by the regression fitted on all. A question counts as refused as the product
refuses it: over the threshold both as typed and as normalized, and not answered "near" (a
question naming social work, up to ``NEAR_CEILING``). The threshold is the one that refuses
the most off-topic questions less ``REFUSAL_COST`` for each in-scope one refused (a wrong
refusal hides the article the user needed; a wrong answer to an off-topic question only
quotes what does not apply). A second threshold, by the same gain on the same sets, is
chosen for questions about conduct that name neither social work nor its ethics
(``Searcher.gate_judges_conduct``), which the regression is never fitted on; a third for
short questions (``Searcher.gate_judges_short``) and a fourth for every other question,
those the rules keep (``Searcher.gate_judges_kept``), the same way.

Never fitted on: a question that a set which is neither fitted on nor an example holds
word for word (the shared dev set, the measuring sets, the tuning sets the gate is not
fitted on), so those sets measure the gate on questions it never saw (docs/evaluation.md).
A fitting question that is an example is left out of its own neighbours instead (below).
Takes about a minute.

    python scripts/fit_offtopic_gate.py                 # writes models/offtopic_gate.json
    OUT=/tmp/gate.json python scripts/fit_offtopic_gate.py
    python scripts/fit_offtopic_gate.py --keep-regression   # the shipped regression and first
                                                            # threshold; the others chosen again
    python scripts/fit_offtopic_gate.py --keep-regression --field-threshold 0.995
                                                            # as shipped
    TANYA_GATE=/tmp/gate.json python -m assistant eval FILE

The fourth threshold ships above the gain's choice, at 0.995: the sets it is chosen on hold
few in-scope questions near it, but development questions in scope do ("Our home visits is only
five minutes for taking photos. Is that acceptable under the code?" 0.993, "Apakah pekerja
sosial wajib terus belajar dan meningkatkan kompetensinya?" 0.994; leave one out, "What do you
do if you're feeling burnt out as a social worker?", `real-questions-7-dev`), and the
measuring sets read the same at 0.99 and 0.995 (docs/design.md).

Re-fit after changing the example questions or the model: the gate records both, a test
checks that the shipped gate matches them, and a gate fitted for another model is not used.
"""

import argparse
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from assistant import dense, question_sets  # noqa: E402
from assistant.embed import model_id  # noqa: E402
from assistant.offtopic import FEATURES, OffTopicGate, features  # noqa: E402
from assistant.query import without_application_frame  # noqa: E402
from assistant.search import NEAR_CEILING  # noqa: E402
from assistant.service import Assistant  # noqa: E402

REFUSAL_COST = 3.0
THRESHOLDS = np.round(np.arange(0.5, 0.99, 0.01), 2)
#: The second and third thresholds' candidates; 1.0 refuses nothing.
SECOND_THRESHOLDS = np.round(np.arange(0.8, 1.0001, 0.005), 3)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(scaler.transform(x), y)


def probability(scaler: StandardScaler, model: LogisticRegression, x: np.ndarray, xn: np.ndarray) -> np.ndarray:
    """The product's probability (``Searcher.off_topic_probability``): the lowest of the
    question's as typed (``x``, one row per question) and in its other forms (``xn``, one row
    per question and form, ``Searcher.gate_forms``; the typed row again where it has fewer)."""
    p = model.predict_proba(scaler.transform(x))[:, 1]
    for form in range(xn.shape[1]):
        p = np.minimum(p, model.predict_proba(scaler.transform(xn[:, form]))[:, 1])
    return p


def cross_validated(x: np.ndarray, xn: np.ndarray, y: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Each question's probability from a regression fitted without its set."""
    p = np.zeros(len(y))
    for g in np.unique(group):
        scaler, model = fit(x[group != g], y[group != g])
        p[group == g] = probability(scaler, model, x[group == g], xn[group == g])
    return p


class Shipped:
    """The shipped gate's regression, in the shape ``probability`` takes for scaler and model
    (``OffTopicGate.probability`` standardizes the figures itself)."""

    def __init__(self, gate: OffTopicGate):
        self.gate = gate

    def transform(self, x: np.ndarray) -> np.ndarray:
        return x

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        p = np.array([self.gate.probability(row) for row in x])
        return np.stack([1 - p, p], axis=1)


def fitting_sets() -> list[question_sets.QuestionSet]:
    return question_sets.sets(role="gate-fitting")


def threshold_sets() -> list[question_sets.QuestionSet]:
    return question_sets.sets(role="gate-threshold")


def measuring_questions() -> set[str]:
    """The questions (stripped, lower case) of every set that is neither fitted on nor an
    example: no fitting question may be one of them."""
    unseen = [s for s in question_sets.sets(without="gate-fitting") if not s.has("examples")]
    return question_sets.question_texts(unseen, lambda q: q.strip().lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-regression", action="store_true",
                        help="keep the shipped regression and first threshold; choose the other thresholds again")
    parser.add_argument("--field-threshold", type=float,
                        help="ship this fourth threshold instead of the one the gain chooses (recorded beside it)")
    args = parser.parse_args()
    assistant = Assistant()
    shipped = assistant.searcher.gate
    if args.keep_regression and shipped is None:
        sys.exit("No shipped gate for this model to keep.")
    searcher = assistant.searcher
    searcher.gate = None
    examples = searcher.examples
    answered_at = {e.question: i for i, e in enumerate(examples.examples)}
    offtopic_at = {e.question: i for i, e in enumerate(examples.offtopic)}
    held = measuring_questions()

    def gate_rows(sets: list[question_sets.QuestionSet], judged=searcher.gate_decides) -> tuple[np.ndarray, ...]:
        """Features as typed and in the other forms, labels (1: off-topic), set names, and whether
        each may be answered "near", of the questions ``judged`` picks (by default those the
        gate's first threshold decides)."""
        rows, normalized_rows, labels, groups, near = [], [], [], [], []
        for question_set in sets:
            for item in question_set.questions():
                if item["q"].strip().lower() in held:
                    continue
                query = searcher.analyzer(without_application_frame(item["q"]))  # as ``Searcher.search`` does
                lex, den = searcher.chunk_scores(query)
                # Only what the product would leave to the gate (``search.Searcher.search``).
                if not searcher.left_to_gate(query, lex) or not judged(query):
                    continue
                row = []
                for text in [query.text] + searcher.gate_forms(query):
                    vector = searcher.encoder.encode_query(text)
                    answered, offtopic = examples.cosines(vector)
                    # Leave one out: an example is not its own neighbour.
                    answered = np.delete(answered, [answered_at[item["q"]]] if item["q"] in answered_at else [])
                    offtopic = np.delete(offtopic, [offtopic_at[item["q"]]] if item["q"] in offtopic_at else [])
                    chunks = den if text == query.text else dense.scores(searcher.index.dense, vector)
                    row.append(features(query, answered, offtopic, chunks))
                rows.append(row[0])
                normalized_rows.append(row[1:] or [row[0]])
                labels.append(0 if item["gold"] else 1)
                groups.append(question_set.name)
                near.append(searcher.may_be_near(query))
        # One row per form (``Searcher.gate_forms``), the typed row again where a question has fewer.
        width = max((len(forms) for forms in normalized_rows), default=1)
        forms = [other + [typed] * (width - len(other)) for typed, other in zip(rows, normalized_rows)]
        return np.array(rows), np.array(forms), np.array(labels), np.array(groups), np.array(near, dtype=bool)

    x, xn, y, group, near = gate_rows(fitting_sets())
    held_out = cross_validated(x, xn, y, group)
    scaler, model = fit(x, y)
    if args.keep_regression:
        scaler = model = Shipped(shipped)
    # The threshold sets (real questions, never fitted on) are scored by the gate fitted on all
    # the fitting sets: held out too. The threshold weighs both groups' refusals alike.
    tx, txn, ty, _, tnear = gate_rows(threshold_sets())
    scored = np.concatenate([held_out, probability(scaler, model, tx, txn)]) if len(ty) else held_out
    truth = np.concatenate([y, ty]) if len(ty) else y
    may_be_near = np.concatenate([near, tnear]) if len(ty) else near

    def refused(p: np.ndarray, t: float, nearable: np.ndarray) -> np.ndarray:
        """What the product refuses at threshold ``t``: over it, and not answered as near
        (``Searcher._decide``: a question that may be near, up to ``NEAR_CEILING``)."""
        return (p > t) & ~(nearable & (p <= NEAR_CEILING))

    gain = [int(refused(scored, t, may_be_near)[truth == 1].sum())
            - REFUSAL_COST * int(refused(scored, t, may_be_near)[truth == 0].sum()) for t in THRESHOLDS]
    threshold = shipped.threshold if args.keep_regression else float(THRESHOLDS[int(np.argmax(gain))])
    cv = {"off_topic_refused": int(refused(held_out, threshold, near)[y == 1].sum()),
          "in_scope_refused": int(refused(held_out, threshold, near)[y == 0].sum())}
    if len(ty):
        tp = refused(scored[len(y):], threshold, tnear)
        cv["threshold_sets"] = {"questions": len(ty), "off_topic": int(ty.sum()),
                                "off_topic_refused": int(tp[ty == 1].sum()), "in_scope_refused": int(tp[ty == 0].sum())}
    # The second to fourth thresholds, for questions on conduct that name neither social
    # work nor its ethics (``Searcher.gate_judges_conduct``), for topics of one or two known words
    # that name nothing of the field (``Searcher.gate_judges_short``) and for every other
    # question, those the rules keep (``Searcher.gate_judges_kept``): never fitted on, so the
    # regression fitted on all scores them held out; each chosen by the same gain, on the
    # fitting and threshold sets.
    def second_threshold(judged, shipped_threshold: float | None = None) -> tuple[float, dict]:
        sx, sxn, sy, _, snear = gate_rows(fitting_sets() + threshold_sets(), judged=judged)
        if not len(sy):
            return 1.0, {"questions": 0}
        s_scored = probability(scaler, model, sx, sxn)
        s_gain = [int(refused(s_scored, t, snear)[sy == 1].sum())
                  - REFUSAL_COST * int(refused(s_scored, t, snear)[sy == 0].sum()) for t in SECOND_THRESHOLDS]
        chosen = float(SECOND_THRESHOLDS[int(np.argmax(s_gain))])
        by_gain = {} if shipped_threshold is None else {"chosen_by_gain": chosen}
        chosen = chosen if shipped_threshold is None else shipped_threshold
        sp = refused(s_scored, chosen, snear)
        return chosen, {"questions": len(sy), "off_topic": int(sy.sum()), "off_topic_refused": int(sp[sy == 1].sum()),
                        "in_scope_refused": int(sp[sy == 0].sum()), **by_gain}

    conduct_threshold, conduct = second_threshold(searcher.gate_judges_conduct)
    short_threshold, short = second_threshold(searcher.gate_judges_short)
    field_threshold, field = second_threshold(searcher.gate_judges_kept, args.field_threshold)
    p = probability(scaler, model, x, xn)
    regression = (dict(mean=shipped.mean, scale=shipped.scale, weights=shipped.weights, bias=shipped.bias)
                  if args.keep_regression else
                  dict(mean=tuple(map(float, scaler.mean_)), scale=tuple(map(float, scaler.scale_)),
                       weights=tuple(map(float, model.coef_[0])), bias=float(model.intercept_[0])))
    gate = OffTopicGate(
        model=model_id(assistant.settings), **regression, threshold=threshold,
        examples_sha256=hashlib.sha256(assistant.settings.examples_path.read_bytes()).hexdigest(),
        conduct_threshold=conduct_threshold, short_threshold=short_threshold, field_threshold=field_threshold,
    )
    stats = {"fitted_on": [s.name for s in fitting_sets()], "threshold_also_on": [s.name for s in threshold_sets()],
             "questions": len(y), "off_topic": int(y.sum()),
             "off_topic_refused": int(refused(p, threshold, near)[y == 1].sum()),
             "in_scope_refused": int(refused(p, threshold, near)[y == 0].sum()),
             "cross_validated": cv, "conduct": conduct, "short": short, "field": field,
             "refusal_cost": REFUSAL_COST}
    out = Path(os.environ.get("OUT", ROOT / "models" / "offtopic_gate.json"))
    out.write_text(gate.to_json(fit=stats), encoding="utf-8")
    print(dict(zip(FEATURES, np.round(regression["weights"], 2))), stats, "threshold", round(threshold, 3),
          "conduct threshold", conduct_threshold, "short threshold", short_threshold,
          "field threshold", field_threshold, "->", out)


if __name__ == "__main__":
    main()

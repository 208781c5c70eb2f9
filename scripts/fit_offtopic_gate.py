"""Fit the off-topic gate (``assistant.offtopic``) and write ``models/offtopic_gate.json``.

For every question of the sets ``questions/manifest.yaml`` marks ``gate-fitting`` that the rules of ``assistant.search``
leave to be answered, that neither asks about conduct nor tells the asker's situation, and
that is more than a topic of one or two known words (the only questions the gate decides),
the gate's seven figures are computed with the product's own searcher, the gate off. A
question that is itself an example is compared with the other examples only (leave one
out), so its own line does not make it look known. A logistic regression (scikit-learn,
balanced classes, C = 1) separates the questions with ``"gold": []`` from the others. The
threshold is chosen by leave-one-set-out cross-validation (each set scored by a regression
fitted on the others): the one that refuses the most off-topic questions less
``REFUSAL_COST`` for each in-scope one refused (a wrong refusal hides the article the user
needed; a wrong answer to an off-topic question only quotes what does not apply).

Never fitted on: a question that a set which is neither fitted on nor an example holds
word for word (the shared dev set, the measuring sets, the tuning sets the gate is not
fitted on), so those sets measure the gate on questions it never saw (docs/evaluation.md).
A fitting question that is an example is left out of its own neighbours instead (below).
Takes about a minute.

    python scripts/fit_offtopic_gate.py                 # writes models/offtopic_gate.json
    OUT=/tmp/gate.json python scripts/fit_offtopic_gate.py
    TANYA_GATE=/tmp/gate.json python -m assistant eval FILE

Re-fit after changing the example questions or the model: the gate records both, a test
checks that the shipped gate matches them, and a gate fitted for another model is not used.
"""

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

from assistant import question_sets  # noqa: E402
from assistant.embed import model_id  # noqa: E402
from assistant.offtopic import FEATURES, OffTopicGate, features  # noqa: E402
from assistant.service import Assistant  # noqa: E402

REFUSAL_COST = 3.0
THRESHOLDS = np.round(np.arange(0.5, 0.99, 0.01), 2)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(scaler.transform(x), y)


def cross_validated(x: np.ndarray, y: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Each question's probability from a regression fitted without its set."""
    p = np.zeros(len(y))
    for g in np.unique(group):
        scaler, model = fit(x[group != g], y[group != g])
        p[group == g] = model.predict_proba(scaler.transform(x[group == g]))[:, 1]
    return p


def fitting_sets() -> list[question_sets.QuestionSet]:
    return question_sets.sets(role="gate-fitting")


def measuring_questions() -> set[str]:
    """The questions (stripped, lower case) of every set that is neither fitted on nor an
    example: no fitting question may be one of them."""
    unseen = [s for s in question_sets.sets(without="gate-fitting") if not s.has("examples")]
    return question_sets.question_texts(unseen, lambda q: q.strip().lower())


def main() -> None:
    assistant = Assistant()
    searcher = assistant.searcher
    searcher.gate = None
    examples = searcher.examples
    answered_at = {e.question: i for i, e in enumerate(examples.examples)}
    offtopic_at = {e.question: i for i, e in enumerate(examples.offtopic)}
    held = measuring_questions()
    rows, labels, groups = [], [], []
    for question_set in fitting_sets():
        for item in question_set.questions():
            if item["q"].strip().lower() in held:
                continue
            query = searcher.analyzer(item["q"])
            lex, den = searcher.chunk_scores(query)
            # Only what the product would leave to the gate (``search.Searcher.search``).
            if query.scope or searcher.should_abstain(query, lex) or not searcher.gate_decides(query):
                continue
            answered, offtopic = examples.cosines(searcher.encoder.encode_query(query.text))
            # Leave one out: an example is not its own neighbour.
            answered = np.delete(answered, [answered_at[item["q"]]] if item["q"] in answered_at else [])
            offtopic = np.delete(offtopic, [offtopic_at[item["q"]]] if item["q"] in offtopic_at else [])
            rows.append(features(query, answered, offtopic, den))
            labels.append(0 if item["gold"] else 1)
            groups.append(question_set.name)
    x, y, group = np.array(rows), np.array(labels), np.array(groups)
    held_out = cross_validated(x, y, group)
    gain = [int((held_out[y == 1] > t).sum()) - REFUSAL_COST * int((held_out[y == 0] > t).sum()) for t in THRESHOLDS]
    threshold = float(THRESHOLDS[int(np.argmax(gain))])
    cv = {"off_topic_refused": int((held_out[y == 1] > threshold).sum()),
          "in_scope_refused": int((held_out[y == 0] > threshold).sum())}
    scaler, model = fit(x, y)
    p = model.predict_proba(scaler.transform(x))[:, 1]
    gate = OffTopicGate(
        model=model_id(assistant.settings), mean=tuple(map(float, scaler.mean_)), scale=tuple(map(float, scaler.scale_)),
        weights=tuple(map(float, model.coef_[0])), bias=float(model.intercept_[0]), threshold=threshold,
        examples_sha256=hashlib.sha256(assistant.settings.examples_path.read_bytes()).hexdigest(),
    )
    stats = {"fitted_on": [s.name for s in fitting_sets()], "questions": len(y), "off_topic": int(y.sum()),
             "off_topic_refused": int((p[y == 1] > threshold).sum()), "in_scope_refused": int((p[y == 0] > threshold).sum()),
             "cross_validated": cv, "refusal_cost": REFUSAL_COST}
    out = Path(os.environ.get("OUT", ROOT / "models" / "offtopic_gate.json"))
    out.write_text(gate.to_json(fit=stats), encoding="utf-8")
    print(dict(zip(FEATURES, np.round(model.coef_[0], 2))), stats, "threshold", round(threshold, 3), "->", out)


if __name__ == "__main__":
    main()

"""Fit the off-topic gate (``assistant.offtopic``) and write ``models/offtopic_gate.json``.

For every question of the fitting sets (``FIT``) that the rules of ``assistant.search``
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

Never fitted on: the shared dev questions, tune10, tune11 and the held-out sets
(heldout2–heldout5), nor any fitting question one of them holds word for word, so they
measure the gate on questions it never saw (README, "Quality"). Takes about a minute.

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

from assistant.embed import model_id  # noqa: E402
from assistant.evaluate import read_questions  # noqa: E402
from assistant.offtopic import FEATURES, OffTopicGate, features  # noqa: E402
from assistant.service import Assistant  # noqa: E402

FIT = ("own", "tune", "tune2", "tune3", "tune6", "tune7b", "tune9a", "tune9b", "tune12")
MEASURING = ("tune10", "tune11", "heldout2", "heldout3", "heldout4", "heldout5")
DEV = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
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


def data(name: str) -> Path:
    return ROOT / "tests" / "data" / f"{name}_questions.jsonl"


def measuring_questions() -> set[str]:
    files = [data(n) for n in MEASURING] + ([DEV] if DEV.exists() else [])
    return {item["q"].strip().lower() for f in files for item in read_questions(f)}


def main() -> None:
    assistant = Assistant()
    searcher = assistant.searcher
    searcher.gate = None
    examples = searcher.examples
    answered_at = {e.question: i for i, e in enumerate(examples.examples)}
    offtopic_at = {e.question: i for i, e in enumerate(examples.offtopic)}
    held = measuring_questions()
    rows, labels, groups = [], [], []
    for name in FIT:
        for item in read_questions(data(name)):
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
            groups.append(name)
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
    stats = {"fitted_on": list(FIT), "questions": len(y), "off_topic": int(y.sum()),
             "off_topic_refused": int((p[y == 1] > threshold).sum()), "in_scope_refused": int((p[y == 0] > threshold).sum()),
             "cross_validated": cv, "refusal_cost": REFUSAL_COST}
    out = Path(os.environ.get("OUT", ROOT / "models" / "offtopic_gate.json"))
    out.write_text(gate.to_json(fit=stats), encoding="utf-8")
    print(dict(zip(FEATURES, np.round(model.coef_[0], 2))), stats, "threshold", round(threshold, 3), "->", out)


if __name__ == "__main__":
    main()

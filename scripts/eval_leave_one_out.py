"""Figures of sets whose questions are also example questions, each question asked with its own
example masked (leave one out): its tf-idf row votes nothing and its vector is zeroed, for the
ranking and the off-topic gate alike; no known question is looked up (``assistant.known``).
Evaluated as they are, such sets find themselves.
The examples' classifier cannot unlearn one question per search: it is fitted ten times, each
time without a tenth of the answered examples, and a question is ranked by the one fitted
without its tenth (a little harder than leave one out).

    python scripts/eval_leave_one_out.py real-questions-1-dev real-questions-2-dev [-v]

``-v`` lists the questions not answered right (read only sets that may be read: dev halves).
"""

import argparse
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from assistant import question_sets  # noqa: E402
from assistant.examples import ExampleIndex  # noqa: E402
from assistant.measure.evaluate import evaluate, format_report  # noqa: E402
from assistant.service import Assistant  # noqa: E402


#: The classifier is fitted once per tenth of the answered examples.
FOLDS = 10


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _fold(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % FOLDS


def leave_one_out(assistant: Assistant):
    """A ``search`` that masks the asked question's own examples, if any, and looks up no known
    question (``assistant.known``: a set's own questions would find themselves)."""
    assistant.searcher.known = None
    examples = assistant.searcher.examples
    vectors, offtopic_vectors = examples.vectors, examples.offtopic_vectors
    answered: dict[str, list[int]] = {}
    offtopic: dict[str, list[int]] = {}
    for i, e in enumerate(examples.examples):
        answered.setdefault(_key(e.question), []).append(i)
    for i, e in enumerate(examples.offtopic):
        offtopic.setdefault(_key(e.question), []).append(i)
    masked: list[int] = []
    similarity = ExampleIndex.similarity

    def masked_similarity(self, query):
        out = similarity(self, query)
        out[masked] = 0.0
        return out

    examples.similarity = masked_similarity.__get__(examples)
    classifier = examples.classifier
    folds = {}
    if classifier is not None:
        fold = np.array([_fold(_key(e.question)) for e in examples.examples])
        folds = {f: examples.fit_classifier(keep=fold != f) for f in range(FOLDS)}

    def search(question: str):
        key = _key(question)
        examples.classifier = folds[_fold(key)] if key in answered and folds else classifier
        masked[:] = answered.get(key, [])
        own, own_offtopic = vectors.copy(), offtopic_vectors.copy()
        own[answered.get(key, [])] = 0.0
        own_offtopic[offtopic.get(key, [])] = 0.0
        examples.vectors, examples.offtopic_vectors = own, own_offtopic
        try:
            return assistant.searcher.search(question)
        finally:
            examples.vectors, examples.offtopic_vectors = vectors, offtopic_vectors
            examples.classifier = classifier

    return search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="set names of questions/manifest.yaml")
    parser.add_argument("-v", action="store_true", help="list the questions not answered right")
    args = parser.parse_args()
    assistant = Assistant()
    if assistant.searcher.examples is None or assistant.searcher.examples.vectors is None:
        sys.exit("No example questions with vectors: nothing to leave out.")
    search = leave_one_out(assistant)
    by_name = {s.name: s for s in question_sets.sets()}
    for name in args.sets:
        if name not in by_name:
            sys.exit(f"Unknown set {name!r}; see questions/manifest.yaml.")
        questions = by_name[name].questions()
        report = evaluate(questions, search)
        print(f"== {name} (leave one out)")
        print(format_report(report).split("\n\n")[0])
        if args.v:
            for q, r in zip(questions, report["results"]):
                gold = q.get("gold", [])
                right = (r["outcome"] == "not found") if not gold else (bool(r["hits"]) and r["hits"][0] in gold)
                if not right:
                    print(f"  [{q['kind']}] {q['q'][:110]!r}\n      gold={gold} got={r['outcome']} {r['hits']}")


if __name__ == "__main__":
    main()

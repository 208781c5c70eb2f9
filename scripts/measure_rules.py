"""What each refusal rule earns: the figures of a question file with each rule switched off in
turn (the off-topic gate, the unknown-words share, and the query flags
the rules read). Totals only, as for a measuring set.

    python scripts/measure_rules.py questions/real-questions-1-measure.jsonl
"""

import argparse
import copy
import dataclasses
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.measure.evaluate import evaluate, read_questions  # noqa: E402
from assistant.service import Assistant  # noqa: E402

#: (row, thresholds changed, query flags forced off, gate kept)
VARIANTS = [
    ("nothing (the product)", {}, {}, True),
    ("the off-topic gate", {}, {}, False),
    ("the unknown-words share", {"unknown": 2.0}, {}, True),
    ("the procedure rule", {}, {"procedure": False}, True),
    ("the requirement/number rule", {}, {"admin": False, "number": False}, True),
    ("administrative topics", {}, {"administrative": False}, True),
    ("a client's own case", {}, {"clients_case": False}, True),
    ("the other-document rule", {}, {"other_document": False}, True),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--split")
    args = parser.parse_args()
    questions = read_questions(args.file, args.split)
    product = Assistant().searcher
    print("| switched off | R@1 | R@3 | out of scope refused | in scope refused |\n|---|---|---|---|---|")
    for name, thresholds, flags, gate in VARIANTS:
        searcher = copy.copy(product)
        searcher.thresholds = dataclasses.replace(product.thresholds, **thresholds)
        searcher.gate = product.gate if gate else None
        if flags:
            analyze = product.analyzer
            searcher.analyzer = lambda text, *a, _flags=flags, **k: dataclasses.replace(analyze(text, *a, **k), **_flags)
        r = evaluate(questions, searcher.search)
        print(f"| {name} | {r['recall_at_1']:.3f} | {r['recall_at_3']:.3f} | {r['abstained_oos']}/{r['oos']} "
              f"| {r['false_abstain']} |", flush=True)


if __name__ == "__main__":
    main()

"""Write ``corpus/example_questions.jsonl`` from the question sets the manifest marks as examples.

The example questions (``assistant.examples``) are, in the manifest's order, the in-scope
questions of every set with the role ``examples`` (unless its manifest entry says
``examples: out-of-scope``), then the out-of-scope questions of those sets (unless it says
``examples: in-scope``), whose ids get an ``x-`` prefix (they teach the off-topic gate what
the code does not answer). Left out:

- a question that a set which gives no examples also holds word for word (the shared dev
  set, the tuning and measuring sets), so those sets keep measuring what a new question
  gets (a `known` set excepted: its questions are looked up, so it scores itself anyway);
- a question already taken, except the duplicates the manifest lists as kept.

Each line is ``{"id", "q", "gold"}``. Rebuilding from the manifest as it stands gives the
shipped file byte for byte (``tests/test_question_sets.py`` checks it). After a change the
index rebuilds itself (it records the file's hash) and the off-topic gate must be re-fitted
(``scripts/fit_offtopic_gate.py``: the gate records the file's hash too), and
``scripts/build_example_vectors.py`` refreshes the shipped vectors (a first build encodes
every example they lack).

    python scripts/build_examples.py                 # writes corpus/example_questions.jsonl
    OUT=/tmp/examples.jsonl python scripts/build_examples.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import question_sets  # noqa: E402
from assistant.jsonl import question_text as text  # noqa: E402  (the file's text)
from assistant.settings import Settings  # noqa: E402


def example_rows(manifest: Path = question_sets.MANIFEST) -> list[dict]:
    """The example questions, ``{"id", "q", "gold"}`` each, built from ``manifest``'s sets."""
    example_sets = question_sets.sets(role="examples", path=manifest)
    # (A known set scores itself whatever the examples hold: its questions are looked up.)
    others = [s for s in question_sets.load(manifest)
              if s not in example_sets and s.available and not s.has("known")]
    held = question_sets.question_texts(others)
    kept_twice = set(question_sets.duplicates_kept(manifest))
    in_scope = [(item, item["id"]) for s in example_sets if s.examples in ("all", "in-scope")
                for item in s.questions() if item["gold"]]
    off_topic = [(item, f"x-{item['id']}") for s in example_sets if s.examples in ("all", "out-of-scope")
                 for item in s.questions() if not item["gold"]]
    rows, taken = [], set()
    for item, row_id in in_scope + off_topic:
        if item["q"] in held or (item["q"] in taken and item["id"] not in kept_twice):
            continue
        taken.add(item["q"])
        rows.append({"id": row_id, "q": item["q"], "gold": item["gold"]})
    return rows


def main() -> None:
    out = Path(os.environ.get("OUT", Settings().examples_path))
    rows = example_rows()
    out.write_text(text(rows), encoding="utf-8")
    print(f"{len(rows)} example questions, {sum(not r['gold'] for r in rows)} of them out of scope -> {out}")


if __name__ == "__main__":
    main()

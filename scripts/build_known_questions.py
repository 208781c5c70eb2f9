"""Write ``corpus/known_questions.jsonl`` from the question sets the manifest marks as known.

The known questions (``assistant.known``) are, in the manifest's order, every question of
every set with the role ``known`` (real questions copied from public pages, labelled by
hand), answered or not. Left out:

- a question that a set without the role holds as well (the shared dev set, the written
  sets, the measuring sets), as ``assistant.known.KnownQuestions.find`` would match it (the
  same words, or nearly for a long one), so those sets keep measuring what a new question
  gets;
- a question already taken.

Each line is ``{"id", "q", "gold"}``, the id prefixed with its set's number. Rebuilding from
the manifest as it stands gives the shipped file byte for byte (``tests/test_known.py``
checks it).

    python scripts/build_known_questions.py          # writes corpus/known_questions.jsonl
    OUT=/tmp/known.jsonl python scripts/build_known_questions.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import question_sets  # noqa: E402
from assistant.jsonl import question_text as text  # noqa: E402  (the file's text)
from assistant.known import Known, KnownQuestions, key  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def known_rows(manifest: Path = question_sets.MANIFEST) -> list[dict]:
    """The known questions, ``{"id", "q", "gold"}`` each, built from ``manifest``'s sets."""
    known_sets = question_sets.sets(role="known", path=manifest)
    others = [s for s in question_sets.load(manifest) if s not in known_sets and s.available]
    rows, taken = [], set()
    for s in known_sets:
        for item in s.questions():
            if key(item["q"]) in taken:
                continue
            taken.add(key(item["q"]))
            rows.append({"id": f"{s.name}:{item['id']}", "q": item["q"], "gold": item["gold"]})
    others_ask = question_sets.question_texts(others)
    while True:  # (a question left out may uncover another it matched less closely)
        lookup = KnownQuestions([Known(r["id"], r["q"], tuple(r["gold"])) for r in rows])
        held = {found.id for found in map(lookup.find, others_ask) if found is not None}
        if not held:
            return rows
        rows = [r for r in rows if r["id"] not in held]


def main() -> None:
    out = Path(os.environ.get("OUT", Settings().known_path))
    rows = known_rows()
    out.write_text(text(rows), encoding="utf-8")
    print(f"{len(rows)} known questions, {sum(not r['gold'] for r in rows)} of them out of scope -> {out}")


if __name__ == "__main__":
    main()

"""How much one letter left out costs: every in-scope Indonesian question of the tuning sets
that are not examples, with one letter dropped from one of its everyday words the corpus
lacks (the vocabulary's, such as "hadiah"), measured as typed, as misspelt, and as misspelt
with the mending of a dropped letter switched off (``Normalizer.mend_dropped``). The letter
and the word are drawn with a fixed seed, so the figures repeat. Totals only.

    python scripts/eval_dropped_letters.py
"""

import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant import question_sets  # noqa: E402
from assistant.analyze import words  # noqa: E402
from assistant.measure.evaluate import evaluate  # noqa: E402
from assistant.service import Assistant  # noqa: E402

SEED = 7


def misspelt(searcher) -> tuple[list[dict], list[dict]]:
    """(the questions as typed, the same with one letter dropped)."""
    normalizer, vocabulary = searcher.analyzer.normalizer, searcher.analyzer.vocabulary
    everyday = {w for c in vocabulary.concepts for t in c.everyday for w in words(t)} - normalizer.corpus_words
    rng = random.Random(SEED)
    typed, dropped = [], []
    for question_set in question_sets.sets("tuning", without="examples"):
        for item in question_set.questions():
            if not item.get("gold") or searcher.analyzer(item["q"]).english:
                continue
            candidates = [w for w in words(item["q"].lower()) if w in everyday and len(w) >= 6 and w.isalpha()]
            if not candidates:
                continue
            word = rng.choice(candidates)
            at = rng.randrange(1, len(word))
            text = re.sub(r"(?i)\b" + re.escape(word) + r"\b", word[:at] + word[at + 1:], item["q"], count=1)
            typed.append(item)
            dropped.append({**item, "q": text})
    return typed, dropped


def main() -> None:
    searcher = Assistant().searcher
    typed, dropped = misspelt(searcher)
    print(f"{len(typed)} questions\n| asked | R@1 | R@3 | in scope refused |\n|---|---|---|---|")

    def row(name, questions):
        r = evaluate(questions, searcher.search)
        print(f"| {name} | {r['recall_at_1']:.3f} | {r['recall_at_3']:.3f} | {r['false_abstain']} |", flush=True)

    row("as typed", typed)
    row("a letter dropped", dropped)
    normalizer = searcher.analyzer.normalizer
    normalizer.mend_dropped = lambda word: None
    type(normalizer).word.cache_clear()
    row("a letter dropped, not mended", dropped)


if __name__ == "__main__":
    main()

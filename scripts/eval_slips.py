"""What one slip of the thumb costs, and what mending it wins back: every in-scope question of
the tuning sets that are not examples, with one slip in one of its words, measured as typed,
with the slip, and with the slip but its mending switched off. Two kinds of word:

- one that the vocabulary knows and the corpus does not: Indonesian questions lose a letter of
  an everyday word ("hadiah" -> "hadia": ``Normalizer.mend_dropped``); English ones get two
  letters of a vocabulary word the wrong way round ("friends" -> "freinds":
  ``Vocabulary.mend_english``);
- any word of six letters or more: it loses a letter, or two of its letters are swapped
  ("kantor" -> "kntor", "important" -> "importnt"; ``Normalizer.one_slip``,
  ``assistant.vocabulary.spell_english``).

Word and letter are drawn with a fixed seed, so the figures repeat. Totals only.

    python scripts/eval_slips.py
"""

import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant import query as query_module  # noqa: E402
from assistant import question_sets  # noqa: E402
from assistant.analyze import STOPWORDS, words  # noqa: E402
from assistant.measure.evaluate import evaluate  # noqa: E402
from assistant.service import Assistant  # noqa: E402

SEED = 7
MIN_LENGTH = 6


def _drop(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word))
    return word[:at] + word[at + 1:]


def _swap(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def slipped(searcher, english: bool, any_word: str = "") -> tuple[list[dict], list[dict]]:
    """(the questions as typed, the same with one slip), in one language; ``any_word``: the slip
    ("drop", "swap") in any word of ``MIN_LENGTH`` letters or more."""
    normalizer, vocabulary = searcher.analyzer.normalizer, searcher.analyzer.vocabulary
    if any_word:
        known = None
        slip = _swap if any_word == "swap" else _drop
    else:
        known = (vocabulary.english_words if english
                 else {w for c in vocabulary.concepts for t in c.everyday for w in words(t)} - normalizer.corpus_words)
        slip = _swap if english else _drop
    rng = random.Random(SEED)
    typed, slips = [], []
    for question_set in question_sets.sets("tuning", without="examples"):
        for item in question_set.questions():
            if not item.get("gold") or searcher.analyzer(item["q"]).english != english:
                continue
            candidates = [w for w in words(item["q"].lower()) if (w in known if known is not None else w not in STOPWORDS)
                          and len(w) >= MIN_LENGTH and w.isalpha()]
            if not candidates:
                continue
            word = rng.choice(candidates)
            wrong = slip(word, rng)
            if wrong == word:
                continue
            typed.append(item)
            slips.append({**item, "q": re.sub(r"(?i)\b" + re.escape(word) + r"\b", wrong, item["q"], count=1)})
    return typed, slips


def main() -> None:
    searcher = Assistant().searcher
    normalizer, vocabulary = searcher.analyzer.normalizer, searcher.analyzer.vocabulary
    kinds = [(False, "", "Indonesian, a vocabulary word, a letter left out"),
             (True, "", "English, a vocabulary word, two letters swapped")]
    kinds += [(english, how, f"{language}, any word, {label}") for english, language in ((False, "Indonesian"), (True, "English"))
              for how, label in (("drop", "a letter left out"), ("swap", "two letters swapped"))]
    runs = {(english, how): slipped(searcher, english, how) for english, how, _ in kinds}
    print("| questions | asked | R@1 | R@3 | in scope refused |\n|---|---|---|---|---|")

    def row(name, questions):
        r = evaluate(questions, searcher.search)
        print(f"| {len(questions)} | {name} | {r['recall_at_1']:.3f} | {r['recall_at_3']:.3f} | {r['false_abstain']} |",
              flush=True)

    for english, how, label in kinds:
        typed, slips = runs[english, how]
        row(f"{label}: as typed", typed)
        row(f"{label}: with the slip", slips)
    # The same slips, their mending switched off (the examples stay analysed as they are).
    normalizer.mend_dropped = lambda word: None
    normalizer.one_slip = lambda word: None
    query_module.spell_english = lambda word: None
    type(normalizer).word.cache_clear()
    object.__setattr__(vocabulary, "mend_english", lambda word: word)
    for english, how, label in kinds:
        row(f"{label}: with the slip, not mended", runs[english, how][1])


if __name__ == "__main__":
    main()

"""Real questions asked before, looked up as they were asked.

``corpus/known_questions.jsonl`` holds the questions of the real development sets: questions
people wrote on public pages (exam guides, students' papers, forums, news), copied word for
word and labelled by hand with the sections that answer them, best first, or none
(``"gold": []``) where the code does not answer them. Such questions come back as they
stand: students paste an exam guide's question, and a page read by many is read by many.
A question typed as one of them (letter case, punctuation and spacing aside; a long one with
a slip or two, ``SIMILAR``, or with a little less of its sentence, ``MIN_SHARE``; an exam
item with or without its answer options, ``stem``) gets its label: those sections first, or
"Tidak ditemukan".

Only a repeat is looked up: a new question, however like one of them, is searched as any
other (the example questions, ``assistant.examples``, are how the known ones teach the
ranking). ``scripts/build_known_questions.py`` writes the file from the manifest's sets with
the role ``known``; a question that a set without it also holds (the shared dev set, the
tuning and measuring sets), word for word or nearly, is left out, so that those sets keep
measuring what a new question gets.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from assistant.errors import CorpusError
from assistant.jsonl import question_lines

#: A slip in a long question (rapidfuzz ratio, 0-100, of the keys): "What are the limits of
#: confidentiality in social work practice" is 92 of "… in social work", another question.
SIMILAR = 95.0
#: Shorter keys match only exactly: one word changes a short question ("apa itu PIP" / "KKS").
MIN_SIMILAR_CHARS = 40
#: A question copied with less of its sentence ("apakah uang PKH ini wajib dicairkan lewat BRI
#: Link" of "Saya memang kurang paham, apakah uang PKH …"): its key found in the known one's
#: (rapidfuzz partial ratio at least ``SIMILAR``), when it is most of it.
MIN_SHARE = 0.6
#: A word in more keys than this is too common to find a repeat's key by.
COMMON = 40

_WORD = re.compile(r"\w+")


#: An exam item's question and the answer options after it ("… PRIMARY responsibility? A. To
#: promote …", "… integrity when you: a) share …"): the question, up to its "?" or ":".
_OPTIONS = re.compile(r"(?P<stem>.{20,}?[?:…])\s*(?:\(?[A-Da-d1-4]\)|[A-Da-d1-4][.)])\s+\S", re.S)


def stem(text: str) -> str | None:
    """The question of an exam item given with its answer options, or None for another text."""
    match = _OPTIONS.match(text.strip())
    return match["stem"] if match else None


def key(text: str) -> str:
    """A question's words, lower case, one space apart: what a repeat has in common with it."""
    return " ".join(_WORD.findall(text.casefold()))


@dataclass(frozen=True)
class Known:
    """One known question: its id in its set, its text, and the sections that answer it."""

    id: str
    question: str
    gold: tuple[str, ...]


class KnownQuestions:
    """The known questions, by key."""

    def __init__(self, known: list[Known]):
        self._by_key: dict[str, Known] = {}
        for item in known:
            self._by_key.setdefault(key(item.question), item)
        for item in known:  # an exam item copied without its answer options is the same item
            question = stem(item.question)
            if question:
                self._by_key.setdefault(key(question), item)
        self._long = [k for k in self._by_key if len(k) >= MIN_SIMILAR_CHARS]
        # Which long keys have each of their rarer words: a repeat shares most of them with its
        # key (the commonest, "the", "social", "yang", would make every key a candidate).
        having: dict[str, list[int]] = {}
        for i, k in enumerate(self._long):
            for word in set(k.split()):
                having.setdefault(word, []).append(i)
        self._having = {w: keys for w, keys in having.items() if len(keys) <= COMMON}

    def __len__(self) -> int:
        return len(self._by_key)

    def find(self, question: str) -> Known | None:
        """The known question ``question`` repeats, or None."""
        asked = key(question)
        if asked in self._by_key:
            return self._by_key[asked]
        asked_stem = key(stem(question) or "")
        if asked_stem and asked_stem in self._by_key:  # ... or copied with them
            return self._by_key[asked_stem]
        if len(asked) < MIN_SIMILAR_CHARS:
            return None
        rare = [word for word in set(asked.split()) if word in self._having]
        shared = Counter(i for word in rare for i in self._having[word])
        candidates = [self._long[i] for i, n in shared.items()
                      if n >= MIN_SHARE * len(rare) and MIN_SHARE <= len(self._long[i]) / len(asked) <= 1 / MIN_SHARE]
        match = process.extractOne(asked, candidates, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        if match is None:
            # The same question with less around it, found in the known one. (Not with more: what
            # a user adds may change the question, "… a gift from a client's family at a funeral?")
            longer = [k for k in candidates if len(k) > len(asked)]
            match = process.extractOne(asked, longer, scorer=fuzz.partial_ratio, score_cutoff=SIMILAR)
        return self._by_key[match[0]] if match else None


def load_known(path: Path | None, sections: set[str] | None = None) -> KnownQuestions | None:
    """The known questions at ``path`` (None: none). Raises ``CorpusError`` in Indonesian for a
    file that cannot be read, a line that is not a labelled question, or a section ``sections``
    lacks."""
    if path is None:
        return None
    known = []
    for number, row in question_lines(path, CorpusError, gold_required=True):
        unknown = [g for g in row["gold"] if sections is not None and g not in sections]
        if unknown:
            raise CorpusError(f"{path}:{number}: bagian {', '.join(map(str, unknown))} tidak ada dalam kode etik.")
        known.append(Known(str(row.get("id", number)), row["q"], tuple(row["gold"])))
    return KnownQuestions(known)

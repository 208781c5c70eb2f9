"""Normalize how people really type, before lexical search: slang, colloquial affixes, typos.

- Slang and abbreviations ("sy", "ga", "blh", "nyebarin") come from the MIT-licensed slang
  table of the ``nahiarhdnlp`` package (about 15,000 entries), never from a hand list.
- Colloquial Jakarta affixes ("nyerahin", "ningkatin") are mapped to their standard forms
  when Sastrawi's root-word dictionary confirms the root.
- Misspellings ("kewajban", "pelayann") are corrected with ``rapidfuzz`` against the
  corpus's own words, only for words that are in no dictionary, so correct words are
  never touched.
- Words typed without their vowels ("rkn sjwt", "jrih pyah") become the one corpus word
  they are that word's letters of, vowels dropped ("rekan sejawat", "jerih payah").
- A letter left out of a word the corpus lacks but the vocabulary or a question has ("hadia",
  "bolehkh") is put back when one such word fits (``Normalizer.mend_dropped``).
- Any other word of the dictionary with two letters the wrong way round or one left out
  ("kanotr", "kntor") is mended when exactly one dictionary word fits (``Normalizer.one_slip``).

The corpus's own words and the vocabulary's terms always win over the slang table
("PK" is a probation officer here, not "pak").
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path

import marisa_trie
from rapidfuzz import fuzz, process

from assistant.analyze import STOPWORDS, stem

#: A misspelling is corrected only to a corpus word at least this similar (0–100).
TYPO_MIN_SIMILARITY = 84
#: …and only words at least this long, so short abbreviations are not "corrected" at random.
TYPO_MIN_LENGTH = 5
#: A dictionary word the corpus lacks is still mapped to a corpus word this similar: another
#: spelling of the same word ("ketrampilan"/"keterampilan", "praktek"/"praktik").
VARIANT_MIN_SIMILARITY = 90
VOWELS = frozenset("aeiou")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: A word typed without vowels is mended only from this many letters ("sjwt", not "pk").
SKELETON_MIN_LENGTH = 3


@lru_cache(maxsize=1)
def slang_table() -> dict[str, str]:
    """Slang or abbreviation -> standard Indonesian, from nahiarhdnlp's dataset."""
    from nahiarhdNLP.datasets.loaders import DatasetLoader

    table = {}
    for row in DatasetLoader().load_slang_dataset():
        slang, formal = row["slang"].strip().lower(), row["formal"].strip().lower()
        if slang and formal and slang != formal and " " not in slang:
            table[slang] = formal
    return table


@lru_cache(maxsize=1)
def dictionary() -> marisa_trie.Trie:
    """Known Indonesian words: Sastrawi's root words plus nahiarhdnlp's word list (80,000),
    as a MARISA trie (``word in dictionary()``): under 1 MB where a Python set takes 9 MB of
    every server process."""
    import Sastrawi
    from nahiarhdNLP.datasets.loaders import DatasetLoader

    roots = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    listed = (w.lower() for w in DatasetLoader().load_wordlist_dataset())
    return marisa_trie.Trie(itertools.chain(roots.read_text(encoding="utf-8").split(), listed))


def _colloquial_forms(word: str) -> list[str]:
    """Standard candidates for a colloquial verb: "nyerahin" -> "menyerahkan", …"""
    bases = [word]
    if word.endswith("in") and len(word) > 5:
        bases += [word[:-2] + "kan", word[:-2] + "i", word[:-2]]
    out = []
    for base in bases:
        out.append(base)
        if base.startswith("nge") and len(base) > 5:
            out.append("me" + base[3:])
        elif base[0] in "mn" and len(base) > 4 and not base.startswith("me"):
            # The nasal prefix without its "me-": "nyerah" / "ningkat" / "mikir".
            out.append("me" + base)
    return out[1:]


class Normalizer:
    """Maps the words of a question onto the words the corpus uses."""

    def __init__(self, corpus_words: set[str], protected: set[str] = frozenset(),
                 slang: bool = True, typos: bool = True, spellings: set[str] = frozenset()):
        """``spellings``: Indonesian words the corpus lacks that a misspelling with a letter left
        out may still be mended to (``mend_dropped``): the vocabulary's everyday words and the
        question words ("hadia" is "hadiah", "bolehkh" is "bolehkah")."""
        self.slang = slang
        self.typos = typos
        self.corpus_words = frozenset(corpus_words)
        self.corpus_stems = frozenset(stem(w) for w in corpus_words)
        self.protected = frozenset(protected) | self.corpus_words
        self._choices = sorted(w for w in self.corpus_words if len(w) >= TYPO_MIN_LENGTH - 1)
        self._spellings = sorted(w for w in frozenset(spellings) - self.corpus_words
                                 if len(w) > TYPO_MIN_LENGTH and w.isalpha())
        self._spelling_set = frozenset(self._spellings)
        self._by_consonants: dict[str, list[str]] = {}
        for w in sorted(self.corpus_words):
            if w.isalpha():
                self._by_consonants.setdefault(_consonants(w), []).append(w)

    def known(self, word: str) -> bool:
        return (
            word in self.protected or word in STOPWORDS or word in dictionary()
            or stem(word) in self.corpus_stems or stem(word) in dictionary() or word.isdigit()
        )

    @lru_cache(maxsize=16384)
    def word(self, word: str) -> tuple[str, ...]:
        """The standard word(s) for one lower-cased word; the word itself if nothing better."""
        if word in self.protected:
            return (word,)
        slang = slang_table().get(word) if self.slang else None
        if slang:
            return tuple(slang.split())
        if not self.slang and not self.typos:
            return (word,)
        if self.known(word):
            if stem(word) in self.corpus_stems or word in STOPWORDS:
                return (word,)
            variant = self.correct(word, VARIANT_MIN_SIMILARITY)
            return (variant if variant and variant[0] == word[0] else word,)
        for candidate in _colloquial_forms(word) if self.slang else ():
            if stem(candidate) in self.corpus_stems or stem(candidate) in dictionary() and stem(candidate) != candidate:
                return (candidate,)
        fixed = self.correct(word) or self.revowel(word) or self.mend_dropped(word) or self.one_slip(word)
        return (fixed,) if fixed else (word,)

    def one_slip(self, word: str) -> str | None:
        """The one word of the dictionary or of ``spellings`` ``word`` is with two neighbouring
        letters the wrong way round ("kanotr" -> "kantor", "dilaragn" -> "dilarang", "peksso" ->
        "peksos"), else with one letter left out ("kntor" -> "kantor"); None if none or several.
        For everyday words the corpus lacks, which ``correct`` cannot reach."""
        if not self.typos or len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return None
        known, spellings = dictionary(), self._spelling_set
        for candidates in (swaps(word), insertions(word)):
            found = {w for w in candidates if (w in known or w in spellings) and w != word}
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def mend_dropped(self, word: str) -> str | None:
        """The one word of ``spellings`` that ``word`` is with one letter left out and no other
        slip ("hadia" -> "hadiah", "bayarn" -> "bayaran"); None if none or several. Only a
        letter left out: a name ("Sarah") is no "SARA", a word with an affix ("disurvey") no
        "survey"."""
        if not self.typos or len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return None
        found = [w for w in self._spellings if len(w) == len(word) + 1 and w[0] == word[0]
                 and letters_dropped(w, word) and fuzz.ratio(word, w) >= TYPO_MIN_SIMILARITY]
        return found[0] if len(found) == 1 else None

    def revowel(self, word: str) -> str | None:
        """The corpus word ``word`` is with some vowels dropped ("sjwt" -> "sejawat"), if
        there is one (words of one stem: the shortest); None if none or several."""
        if not self.typos or len(word) < SKELETON_MIN_LENGTH or not word.isalpha():
            return None
        found = [w for w in self._by_consonants.get(_consonants(word), ()) if len(w) > len(word) and _vowels_dropped(w, word)]
        if not found or len({stem(w) for w in found}) > 1:
            return None
        return min(found, key=len)

    def correct(self, word: str, cutoff: float = TYPO_MIN_SIMILARITY) -> str | None:
        """The closest corpus word to a misspelled ``word``, or None if none is close enough.
        Two letters typed the wrong way round ("sosail", "kerahsiaan") are one slip, though
        the similarity counts two."""
        if not self.typos or len(word) < TYPO_MIN_LENGTH or not word.isalpha():
            return None
        found = sorted({w for w in swaps(word) if w in self.corpus_words and w != word})
        if len(found) == 1:
            return found[0]
        match = process.extractOne(word, self._choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return match[0] if match else None

    def normalize(self, words: list[str]) -> list[str]:
        """All words of a question, normalized, in order."""
        return [w for word in words for w in self.word(word)]


def _consonants(word: str) -> str:
    return "".join(ch for ch in word if ch not in VOWELS)


def swaps(word: str) -> list[str]:
    """``word`` with two neighbouring letters the wrong way round, each way it can be."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def insertions(word: str) -> list[str]:
    """``word`` with one letter put in, each way it can be: the words it is with a letter left out."""
    return [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in LETTERS]


def letters_dropped(full: str, short: str) -> bool:
    """``short`` is ``full`` with some of its letters left out, nothing else changed."""
    it = iter(full)
    return all(ch in it for ch in short)


def _vowels_dropped(full: str, short: str) -> bool:
    """``short`` is ``full`` with some of its vowels left out, nothing else changed."""
    i = 0
    for ch in full:
        if i < len(short) and short[i] == ch:
            i += 1
        elif ch not in VOWELS:
            return False
    return i == len(short)

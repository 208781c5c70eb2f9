"""The domain vocabulary (``corpus/vocabulary.yaml``): everyday, professional and English
words mapped to the words the code itself uses, for query expansion.

A concept matches a question when one of its everyday or English terms occurs in it, as
a run of words. A word matches a term's word when they are equal or, when the term's word
is itself a root, when the word's Sastrawi stem is that root ("curhatan" matches "curhat",
but "pemasyarakatan" does not match "masyarakat"); English terms compare Snowball stems
("misusing" matches "misuse"). The concept's ``corpus`` terms, which the tests prove
occur in the corpus, are then searched too. An English word with a slip in it ("freinds") is
first mended to the known English word it is a slip of (``Vocabulary.mend_english``).
"""

from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

import marisa_trie
import yaml

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

from assistant.analyze import stem, words
from assistant.errors import CorpusError
from assistant.normalize import LETTERS, insertions, letters_dropped, swaps


def _sklearn_english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its own file without importing
    scikit-learn: the import costs about 95 MB and seconds at every start."""
    import importlib.util

    path = Path(importlib.util.find_spec("sklearn").origin).parent / "feature_extraction" / "_stop_words.py"
    namespace: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # one frozenset literal
    return frozenset(namespace["ENGLISH_STOP_WORDS"])


#: Nouns and adverbs that carry no topic in a question ("in a professional way", "a lot of
#: things", "What exactly is the code of ethics?").
_ENGLISH_FILLERS = frozenset("way ways thing things stuff kind lot lots exactly actually really basically truly "
                             "simply".split())
ENGLISH_STOPWORDS = frozenset(STOPWORDS_EN_PLUS) | _sklearn_english_stop_words() | _ENGLISH_FILLERS
_english = Stemmer.Stemmer("english")


#: English words kept whole, not stemmed, where the stem is a word of another meaning: "affairs"
#: names ministries ("Ministry of Social Affairs"), never the "affair" the vocabulary means;
#: "dating" is romance, where "date" is also a day ("a court date"); "tips" are mostly advice
#: ("Any tips for …?"), where "tip" is mostly money. The vocabulary's own words whose stems are
#: common words, so that those words do not match them: a worker's "allowance" ("Am I allowed
#: to …?"), "AIDS" ("legal aid"), membership "dues" ("due to"), "nationality" ("National
#: Association"), a "minority" ("minors"), a "publication" ("the public"), "outsiders"
#: ("outside work"), a "manager" ("case management"), "correctional" ("Is it correct …?"),
#: "criticism" ("critical thinking"), a "relative" ("related to"), being "married" (a client's
#: status, where "marry" a client is sexual relations), a worker's "benefits" ("for the client's
#: benefit"). And common words whose stems are the vocabulary's: "associated" (not an
#: association), "competing" (not competence), "diversion" (not diversity), "several" (not
#: severance pay), "terminal" (an illness, not a termination), "politely" (not politics).
_KEPT_WHOLE = frozenset({"affairs", "dating", "tips", "associated", "allowance", "allowances", "aids", "dues",
                         "nationality", "minority", "minorities", "publication", "publications", "outsiders",
                         "outsider", "manager", "managers", "correctional", "corrections", "criticism",
                         "criticisms", "criticize", "criticized", "criticizing", "criticise", "relative",
                         "relatives", "married", "benefits", "competing", "diversion", "several", "terminal",
                         "polite", "politely", "politeness",
                         # common words sharing a stem with a vocabulary word, and the vocabulary words
                         # whose stem is a common word: "quite" (not quitting), "definitely" (not a
                         # definition), a "favorite" (not favoritism), "extremely" (not extremism), a
                         # "customer" (not customs), "severe" (not severance pay), "respond" (not a
                         # research respondent), an "object" or "objective" (not objectivity), a bank
                         # "account" (not accountability), "liberal" (not liberation), "integrated" (not
                         # integrity), "contention" (not content), "crushing" (not a crush), an
                         # "application" (not applicable), a "copy" of a file (not copying a work), a
                         # "senior" (not seniority), a "lecturer" (not a lecture)
                         "quite", "definitely", "definite", "definitive", "favorite", "favorites",
                         "favourite", "favourites", "extreme", "extremely", "customs", "severance",
                         "respondent", "respondents", "objectivity", "accountability", "liberation",
                         "integrity", "contention", "crushing", "crushed", "applicable", "copying",
                         "seniority", "lecturer", "lecturers"})


def english_stem(word: str) -> str:
    return word if word in _KEPT_WHOLE else _english.stemWord(word)


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    corpus: tuple[str, ...]
    everyday: tuple[str, ...]
    english: tuple[str, ...]
    scope: bool = False  # words that ask whether the code applies ("berlaku", "terikat")
    group: bool = False  # groups of workers the text does not name ("PK BAPAS", "mahasiswa")
    other_profession: bool = False  # other professions: "kode etik advokat" is another document
    descriptor: bool = False  # who the client is ("anak jalanan", "korban KDRT"): recognized, searched for nothing

    @property
    def triggers(self) -> tuple[str, ...]:
        return self.everyday + self.english + self.corpus


@dataclass(frozen=True)
class _Term:
    concept: Concept
    text: str
    keys: tuple[str, ...]  # per term word: the form a question word must have
    english: bool


def _term(concept: Concept, text: str, english: bool) -> _Term | None:
    term_words = words(text)
    if not term_words:
        return None
    if english:
        keys = tuple(english_stem(w) for w in term_words)
    else:
        # A root ("curhat") also matches its derived forms ("curhatan"); a derived word
        # ("pemasyarakatan") only itself, not its root ("masyarakat").
        keys = tuple(w if stem(w) == w else f"={w}" for w in term_words)
    return _Term(concept, text, keys, english)


#: Pronouns that follow the noun they own ("atasan saya", "klien kami"): a term's words may
#: have one between them.
OWNER_PRONOUNS = frozenset("saya aku gue gua kami kita".split())

#: Derived words that do not stand for their root: the profession ("pekerja sosial"), so that
#: "hubungan pekerja sosial" is not "hubungan kerja"; being lucky ("beruntung"), not profit
#: ("untung"); a trader ("pedagang") or trafficking ("perdagangan orang"), not a worker trading
#: with clients ("dagang"); a court ("pengadilan", "peradilan"), not justice ("adil").
_NOT_THEIR_ROOT = frozenset({"pekerja", "pekerjaan", "beruntung", "keberuntungan", "pedagang", "perdagangan",
                             "pengadilan", "peradilan"})


#: An English word is mended only from this many letters ("gfit" is left alone).
MEND_MIN_LENGTH = 5


#: A word of pyspellchecker's list and its frequency: its JSON object of word frequencies.
_LISTED_WORD = re.compile(r'"([^\W\d_]+)": (\d+)')
#: A word this frequent in pyspellchecker's counts is a common English word (its floor is 50:
#: names and rare words).
SPELL_MIN_FREQUENCY = 1000


@functools.cache
def english_dictionary() -> marisa_trie.RecordTrie:
    """English words (pyspellchecker's list, 128,000) with their frequencies: a word in it is
    never mended to another ("quite", "require"). Read once, on the first English word that may
    be a slip, into a MARISA trie: about 0.2 s and 7 MB of the process (the words are read off the
    text, not through a dict of 128,000 entries, which left 55 MB behind)."""
    import spellchecker

    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return marisa_trie.RecordTrie("<I", ((m.group(1), (int(m.group(2)),)) for m in _LISTED_WORD.finditer(f.read())))


def _slips(word: str) -> list[set[str]]:
    """The words ``word`` may be one slip of, the likelier slips first: two neighbouring
    letters the wrong way round; a letter left out; a letter too many; a letter changed."""
    return [set(swaps(word)), set(insertions(word)), {word[:i] + word[i + 1:] for i in range(len(word))},
            {word[:i] + c + word[i + 1:] for i in range(len(word)) for c in LETTERS}]


def spell_english(word: str) -> str | None:
    """The common English word that a word no dictionary knows is one slip of ("shuld",
    "importnt", "concpt"): of the likeliest kind of slip that gives a common word
    (``SPELL_MIN_FREQUENCY``), the most frequent; None when none does. A listed word, even a
    rare one ("assent" is no slip of "asset"), or an inflection of one stays as it is."""
    if len(word) < MEND_MIN_LENGTH or not word.isalpha():
        return None
    known = english_dictionary()
    if word in known:
        return None
    root = english_stem(word)
    if root != word and (root in known or root + "e" in known):
        return None  # an inflection of a listed word ("texting", "supervisee")
    for candidates in _slips(word):
        found = [(known[w][0][0], w) for w in candidates if w in known]
        best = max(found, default=(0, ""))
        if best[0] >= SPELL_MIN_FREQUENCY:
            return best[1]
    return None


def _question_keys(word: str) -> tuple[set[str], set[str]]:
    """(Indonesian keys, English keys) that a question word can match."""
    if word in _NOT_THEIR_ROOT:
        return {f"={word}", word}, {english_stem(word)}
    return {f"={word}", word if stem(word) == word else stem(word), stem(word)}, {english_stem(word)}


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[Concept, ...]
    #: English word (Snowball stem) -> Indonesian corpus words, for word-by-word translation.
    glossary: tuple[tuple[str, str], ...] = ()
    #: The English words the vocabulary and the glossary know, as written ("friends",
    #: "confidentiality"): what a misspelt English word is mended to (``mend_english``).
    #: Derived from the two above, and out of ``repr``: a set's order changes from one process
    #: to the next, and the start cache's key is made of the vocabulary's ``repr``.
    english_words: frozenset[str] = field(default=frozenset(), repr=False)

    def mend_english(self, word: str) -> str:
        """An English question word with two letters the wrong way round or one letter left out
        ("freinds", "cleint", "confidentialty") as the one known English word it is a slip of;
        a word the vocabulary knows, a short word or one with several such readings stays."""
        if len(word) < MEND_MIN_LENGTH or not word.isalpha() or word in self.english_words \
                or word in ENGLISH_STOPWORDS or self.translate(word):
            return word
        found = set(swaps(word)) & self.english_words
        found |= {w for w in self._english_by_length.get(len(word) + 1, ()) if letters_dropped(w, word)}
        stems = {english_stem(w) for w in found}
        if len(stems) != 1 or word in english_dictionary():  # "quite" is no slip of "quiet"
            return word
        return min(found)

    def translate(self, word: str) -> tuple[str, ...] | None:
        """The Indonesian corpus words for an English question word, or None."""
        table = self.__dict__.setdefault("_glossary", dict(self.glossary))
        found = table.get(english_stem(word))
        return tuple(words(found)) if found else None

    def translate_words(self, english: list[str]) -> list[str]:
        """An English question's words in the corpus's words, a glossary phrase before its words
        ("child abuse" is "teraniaya", where "abuse" alone is also "penyalahgunaan"); a word
        the glossary does not know stays as it is."""
        table = self.__dict__.setdefault("_glossary", dict(self.glossary))
        longest = self.__dict__.setdefault("_longest", max((k.count(" ") + 1 for k, _ in self.glossary), default=1))
        stems = [english_stem(w) for w in english]
        out: list[str] = []
        i = 0
        while i < len(english):
            for n in range(min(longest, len(english) - i), 0, -1):
                found = table.get(" ".join(stems[i : i + n]))
                if found:
                    out.extend(words(found))
                    i += n
                    break
            else:
                out.append(english[i])
                i += 1
        return out

    def __post_init__(self):
        by_length: dict[int, list[str]] = {}
        for w in sorted(self.english_words):
            by_length.setdefault(len(w), []).append(w)
        object.__setattr__(self, "_english_by_length", by_length)
        terms = [
            t for c in self.concepts
            for english, texts in ((False, c.everyday), (True, c.english))
            for t in (_term(c, text, english) for text in texts) if t
        ]
        by_first: dict[tuple[bool, str], list[_Term]] = {}
        for t in terms:
            by_first.setdefault((t.english, t.keys[0]), []).append(t)
        object.__setattr__(self, "_by_first", by_first)

    def match(self, question_words: list[str]) -> list[tuple[Concept, str]]:
        """Every everyday/English term found in the question, with its concept, in
        vocabulary order (a concept once per term).

        The longest match wins: a term lying inside a longer term of another concept is
        not a match ("gratis" inside "berobat gratis" is not about fees)."""
        keys = [_question_keys(w) for w in question_words]
        spans: list[tuple[int, int, _Term]] = []
        for i, (ind, eng) in enumerate(keys):
            for english, first_keys in ((False, ind), (True, eng)):
                for key in first_keys:
                    for t in self._by_first.get((english, key), ()):
                        end = self._match_rest(t, question_words, keys, i + 1)
                        if end is not None:
                            spans.append((i, end, t))
        kept = [
            (i, j, t) for i, j, t in spans
            if not any(a <= i and j <= b and (b - a) > (j - i) and u.concept.id != t.concept.id for a, b, u in spans)
        ]
        order = {c.id: n for n, c in enumerate(self.concepts)}
        found = dict.fromkeys((t.concept.id, t.text) for _, _, t in sorted(kept, key=lambda x: (order[x[2].concept.id], x[0])))
        by_id = {c.id: c for c in self.concepts}
        return [(by_id[cid], text) for cid, text in found]

    @staticmethod
    def _match_rest(t: _Term, question_words: list[str], keys: list, start: int) -> int | None:
        """Where term ``t`` ends if its words after the first follow from ``start`` (None if
        they do not). An Indonesian term may span one pronoun that Indonesian puts after the
        noun it owns: "atasan saya nyuruh" is "atasan nyuruh", "klien saya curhat" is
        "klien curhat"."""
        j, skipped = start, False
        for k in range(1, len(t.keys)):
            while j < len(keys) and t.keys[k] not in keys[j][1 if t.english else 0]:
                if t.english or skipped or question_words[j] not in OWNER_PRONOUNS:
                    return None
                j, skipped = j + 1, True
            if j >= len(keys):
                return None
            j += 1
        return j

    def terms(self) -> set[str]:
        """The one-word terms ("PK", "MLM"), which the slang table must not rewrite."""
        return {words(t)[0] for c in self.concepts for t in c.triggers if len(words(t)) == 1}


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check the YAML file. Raises ``CorpusError`` with the problem in Indonesian."""
    try:
        # The C loader when PyYAML has it: ten times faster, same result.
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"Kosakata {path} tidak dapat dibaca: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise CorpusError(f"Kosakata {path} harus berisi daftar 'concepts'.")
    concepts = []
    for i, item in enumerate(data["concepts"], 1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("corpus"):
            raise CorpusError(f"Kosakata {path}: konsep ke-{i} tidak punya 'id' atau 'corpus'.")

        def strings(key):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                raise CorpusError(f"Kosakata {path}: '{key}' pada konsep {item['id']} harus daftar kata.")
            return tuple(str(v) for v in value)

        concepts.append(Concept(
            id=str(item["id"]), label=str(item.get("label", item["id"])),
            corpus=strings("corpus"), everyday=strings("sehari_hari"), english=strings("english"),
            scope=bool(item.get("scope", False)), group=bool(item.get("group", False)),
            other_profession=bool(item.get("other_profession", False)),
            descriptor=bool(item.get("descriptor", False)),
        ))
    glossary = data.get("english_glossary") or {}
    if not isinstance(glossary, dict) or not all(isinstance(v, str) for v in glossary.values()):
        raise CorpusError(f"Kosakata {path}: 'english_glossary' harus pasangan kata Inggris: kata Indonesia.")
    # Words that share a stem ("supervise", "supervision") share one translation: the union.
    merged: dict[str, list[str]] = {}
    for key, value in glossary.items():
        # a phrase ("child abuse") by the stems of its words
        found = merged.setdefault(" ".join(english_stem(w) for w in str(key).lower().split()), [])
        found.extend(w for w in value.split() if w not in found)
    english_words = {w for c in concepts for t in c.english for w in words(t) if w.isalpha()}
    english_words |= {w for key in glossary for w in str(key).lower().split() if w.isalpha()}
    return Vocabulary(tuple(concepts), tuple((k, " ".join(v)) for k, v in merged.items()), frozenset(english_words))

"""The domain vocabulary (``corpus/vocabulary.yaml``): everyday, professional and English
words mapped to the words the code itself uses, for query expansion.

A concept matches a question when one of its everyday or English terms occurs in it, as
a run of words. A word matches a term's word when they are equal or, when the term's word
is itself a root, when the word's Sastrawi stem is that root ("curhatan" matches "curhat",
but "pemasyarakatan" does not match "masyarakat"); English terms compare Snowball stems
("misusing" matches "misuse"). The concept's ``corpus`` terms, which the tests prove
occur in the corpus, are then searched too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

from assistant.analyze import stem, words
from assistant.errors import CorpusError

ENGLISH_STOPWORDS = frozenset(STOPWORDS_EN_PLUS)
_english = Stemmer.Stemmer("english")


def english_stem(word: str) -> str:
    return _english.stemWord(word)


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    corpus: tuple[str, ...]
    everyday: tuple[str, ...]
    english: tuple[str, ...]
    scope: bool = False  # words that ask whether the code applies ("berlaku", "terikat")
    group: bool = False  # groups of workers the text does not name ("PK BAPAS", "mahasiswa")

    @property
    def triggers(self) -> tuple[str, ...]:
        return self.everyday + self.english + self.corpus


def _word_matches(word: str, term_word: str, english: bool) -> bool:
    if word == term_word:
        return True
    if english:
        return english_stem(word) == english_stem(term_word)
    return stem(term_word) == term_word and stem(word) == term_word


def _occurs(term_words: list[str], question_words: list[str], english: bool) -> bool:
    n = len(term_words)
    return any(
        all(_word_matches(question_words[i + k], term_words[k], english) for k in range(n))
        for i in range(len(question_words) - n + 1)
    )


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[Concept, ...]

    def match(self, question_words: list[str]) -> list[tuple[Concept, str]]:
        """Concepts whose everyday/English terms occur in the question, with the term found."""
        found = []
        for concept in self.concepts:
            for english, terms in ((False, concept.everyday), (True, concept.english)):
                term = next((t for t in terms if words(t) and _occurs(words(t), question_words, english)), None)
                if term:
                    found.append((concept, term))
                    break
        return found

    def terms(self) -> set[str]:
        """The one-word terms ("PK", "MLM"), which the slang table must not rewrite."""
        return {words(t)[0] for c in self.concepts for t in c.triggers if len(words(t)) == 1}


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check the YAML file. Raises ``CorpusError`` with the problem in Indonesian."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
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
        ))
    return Vocabulary(tuple(concepts))

"""Indonesian text analysis for lexical search: tokens, stopwords, Sastrawi stems. Pure.

The same ``analyze`` runs over chunks at build time and over questions at query time, so
the two always agree; its ``fingerprint`` goes into the index manifest, so an index built
with other analysis rules is never served.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

#: Words that carry obligations and prohibitions. Sastrawi's list drops them as function
#: words, but "tidak membuka rahasia" and "membuka rahasia" are opposite rules.
OBLIGATION_WORDS = frozenset(
    "tidak tak jangan janganlah boleh bolehkah wajib harus haruslah harusnya dilarang larangan "
    "bukan tanpa kecuali hanya perlu seharusnya".split()
)

#: Words on Sastrawi's list that name things the code regulates ("mengakhiri pelayanan",
#: "pihak ketiga", "menentukan nasibnya sendiri", "menarik diri", "tidak mampu").
DOMAIN_WORDS = frozenset(
    "kasus kerja bekerja pihak memihak sendiri mengakhiri akhiri diakhiri akhir awal memulai "
    "diri mampu meminta minta diminta segera masalah persoalan jelas tempat keadaan "
    "menjelaskan dijelaskan mengetahui diketahui memastikan sesama bersama".split()
)

#: Discourse particles of chatty Indonesian that neither list has.
PARTICLES = frozenset("sih dong deh kok nih ya yah kan lho loh toh yuk kah tuh gitu gini".split())


def _stopwords() -> frozenset[str]:
    # Sastrawi's list of formal function words, plus nahiarhdnlp's, which adds the chatty
    # ones ("sih", "banget", "gitu"); minus the words above, which carry meaning here.
    from nahiarhdNLP.datasets.loaders import DatasetLoader

    words_ = set(StopWordRemoverFactory().get_stop_words())
    words_.update(w.strip().lower() for w in DatasetLoader().load_stopwords_dataset())
    words_.update(PARTICLES)
    return frozenset(words_) - OBLIGATION_WORDS - DOMAIN_WORDS


STOPWORDS = _stopwords()

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STEMMER = StemmerFactory().create_stemmer()


def fold(text: str) -> str:
    """Unicode-normalized, lower-cased text with accents removed ("sosíal" -> "sosial")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def words(text: str) -> list[str]:
    """Lower-cased word tokens; hyphenated words ("hak-hak") stay one token."""
    return _WORD.findall(fold(text))


#: Words whose Sastrawi stem is a word of another meaning, kept whole: being lucky
#: ("kurang beruntung", Pasal 15's underprivileged) is not profit ("keuntungan pribadi", Pasal
#: 6's prohibition), nor is a trader ("pedagang") or trafficking ("perdagangan orang") a
#: worker trading with clients ("dagang").
OWN_STEMS = frozenset({"beruntung", "keberuntungan", "pedagang", "perdagangan"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Sastrawi's stem of one word (cached: Sastrawi is slow and words repeat), or the word
    itself for ``OWN_STEMS``."""
    if word in OWN_STEMS:
        return word
    return _STEMMER.stem(word) or word


def analyze(text: str) -> list[str]:
    """The lexical terms of ``text``: words minus stopwords, stemmed."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def bigrams(terms: list[str]) -> list[str]:
    """Adjacent term pairs ("komitmen_pribadi"): a phrase match outranks scattered words."""
    return [f"{a}_{b}" for a, b in zip(terms, terms[1:])]


def index_terms(text: str) -> list[str]:
    """What the lexical index stores for a chunk: its terms and their bigrams."""
    terms = analyze(text)
    return terms + bigrams(terms)


def fingerprint() -> str:
    """A short hash of the analysis rules, stored in the index manifest."""
    rules = "\n".join(sorted(STOPWORDS)) + _WORD.pattern + "+bigrams" + "\n".join(sorted(OWN_STEMS))
    return hashlib.sha256(rules.encode()).hexdigest()[:16]

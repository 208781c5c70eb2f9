"""Rank the sections of the code for a question, or abstain when nothing fits.

"pasal 7", "Pasal 7 apa isinya", "psl 7" go straight to Pasal 7. Anything else is
analyzed (``assistant.query``: slang, typos, vocabulary), scored by BM25 and by the dense
model, fused per section (``assistant.fusion``), helped by similar labelled example
questions (``assistant.examples``); the best chunks of each shown section
become its quotes. Scope questions ("berlaku untuk PK BAPAS?") lead with the sections
that say to whom the code applies. Nothing is quoted when the rules below, or the learnt
off-topic gate (``assistant.offtopic``), find that the code does not answer the question.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np

from assistant import dense, lexical
from assistant.analyze import index_terms, words
from assistant.chunk import paragraph_of
from assistant.embed import Encoder
from assistant.examples import EXAMPLE_WEIGHT, Example, ExampleIndex
from assistant.fusion import FusionParams, fuse
from assistant.index import Index
from assistant.known import KnownQuestions
from assistant.normalize import Normalizer, dictionary
from assistant.offtopic import OffTopicGate
from assistant.offtopic import features as gate_features
from assistant.query import (CONDUCT_WORDS, FIELD_CONCEPTS, LAW_WORDS, PROCEDURE_MAX_CONTENT, PROFESSION_WORDS,
                             QUESTION_OPENERS, REGULATION_WORDS, Query, QueryAnalyzer, applies_the_code,
                             without_application_frame, without_code_frame, without_courtesy, without_numbering)
from assistant.records import ANALYSIS, ARTICLE, HEADING, PROSE, Chunk, Hit
from assistant.start_cache import example_classifier, example_features, features_key
from assistant.vocabulary import ENGLISH_STOPWORDS, Vocabulary, english_stem

#: How an article's number is written: digits, Roman numerals in capitals ("Pasal VII"; "pasal
#: x" is a placeholder) or Indonesian words ("pasal tujuh"), up to sixteen (a larger number in
#: digits is still read, to say that the code has no such article).
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas".split(), start=1)} | {
    f"{w} belas": n + 10 for w, n in (("dua", 2), ("tiga", 3), ("empat", 4), ("lima", 5), ("enam", 6))}
_ROMAN = {r: n for n, r in enumerate(
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi".split(), start=1)}
_NUMBER_CORE = (r"(?:\d+|(?<![^\W\d_])(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
                + "|(?-i:" + "|".join(sorted(_ROMAN, key=len, reverse=True)).upper() + r")))(?!\w)")
_NUMBER = r"-?" + _NUMBER_CORE
#: Between two numbers of one mention: a list ("pasal 6, 7 dan 8") or a range ("pasal 6-8",
#: "pasal 6 sampai 8", "s.d.").
_LIST = r"\s*(?:,\s*(?:dan|and|serta|atau|or)?|&|/|\bdan\b|\band\b|\bserta\b|\bor\b|\batau\b)\s*"
_RANGE = r"\s*(?:-|–|—|\bsampai(?:\s+dengan)?\b|\bs\.?\s?d\.?|\bs/d\b|\bhingga\b|\bto\b)\s*"
#: "pasal" and its abbreviations, mistyped as people do ("pasl 7", "psal 7", "pasall 7").
_ARTICLE_WORD = r"\b(?:pasal(?:-pasal)?|pasl|psal|pasall|paasal|pasaal|pasa|psl|ps|articles?|art)\.?\s*"
#: "pasal 7", "pasal ke-7", "Pasal VII", "pasal 6 dan 7", "pasal 6 sampai pasal 8".
_REFERENCE = re.compile(
    _ARTICLE_WORD + r"(?:ke[-\s]?)?(?P<numbers>" + _NUMBER
    + r"(?:(?:" + _LIST + "|" + _RANGE + r")(?:" + _ARTICLE_WORD + r")?(?:ke[-\s]?)?" + _NUMBER_CORE + r")*)",
    re.IGNORECASE)
#: "Pasal 1 DUHAM", "pasal 28 UUD", "Article 3 of the UNCRC": another document's article
#: (the code itself quotes "Pasal 1 Deklarasi Semesta …"), not one of the code's.
#: Their names are the law and regulation words of ``assistant.query`` plus the declarations
#: and conventions the code quotes or users cite; longest first, so "undang-undang" wins.
_DOCUMENT_NAMES = sorted(LAW_WORDS | REGULATION_WORDS | {"undang", "duham", "udhr", "deklarasi", "declaration",
                                                          "convention"}, key=len, reverse=True)
_OTHER_DOCUMENT = (r"\s*(?:(?i:of|dari|dalam)\s+(?:(?i:the)\s+)?)?"
                   r"(?:(?i:" + "|".join(re.escape(name) for name in _DOCUMENT_NAMES) + r")\b")
_OTHER_ARTICLE = re.compile(_OTHER_DOCUMENT + r"|(?!(?:IPSPI|KODEPEKSOS|KODE)\b)[A-Z]{2,6}\b)")
#: A question typed in capitals has no acronyms to tell ("PASAL 7 APA ISINYA").
_OTHER_ARTICLE_CAPS = re.compile(_OTHER_DOCUMENT + ")")
#: The document's other headings, named as its reader sees them: "BAB I" (the introduction),
#: "BAB II" (the code, Pasal 1-16), "BAB III" (the conclusion), "bagian B" (a part of the
#: code: its articles), "semua pasal" (all of them, in full), "daftar pasal", "pasal-pasal",
#: "ada berapa pasal" (the list of them: ``Result.outline``). "part" in English only before a
#: capital ("part B"; "part a" is prose).
_HEADING_REFERENCE = re.compile(r"\b(?:(?i:bab)\s*(?P<bab>(?i:iii|ii|i)|[123])|(?P<word>(?i:bagian)|(?i:part))\s+(?P<part>[A-Ga-g])"
                                r"|(?P<all>(?i:(?:semua|seluruh)\s+pasal(?:-pasal|nya)?|all\s+(?:the\s+)?articles))"
                                r"|(?P<list>(?i:(?:daftar|berapa|jumlah)\s+pasal(?:-pasal|nya)?|pasal-pasal(?:nya)?"
                                r"|pasal(?:nya)?\s+apa\s+saja|apa\s+saja\s+pasal(?:nya)?|how\s+many\s+articles"
                                r"|list\s+of\s+(?:the\s+)?articles)))\b\.?")
#: A BAB's number, Roman or not, and the sections it holds ("articles": Pasal 1-16).
_BABS = {"i": "pendahuluan", "1": "pendahuluan", "ii": "articles", "2": "articles", "iii": "kesimpulan", "3": "kesimpulan"}
#: Words that add nothing to "pasal 7" ("Pasal 7 apa isinya?", "tolong tampilkan pasal 7"), the
#: code's own name among them ("pasal 7 kode etik pekerja sosial", "sebutkan pasal-pasal dalam
#: kode etik peksos"): a question of nothing else asks for the article, not for a search.
_REFERENCE_FILLER = frozenset(
    "apa isi isinya bunyi bunyinya tentang mengenai tolong tampilkan lihat baca jelaskan sebutkan "
    "tuliskan coba kasih dong ya yang ini itu saja ada terdiri dari dalam di pada menurut kode etik "
    "kodepeksos pekerja pekerjaan sosial peksos profesi ipspi "
    # what it means: the article is the answer ("Apa maksud pasal 16 kode etik pekerja sosial?")
    "maksud maksudnya dimaksud makna maknanya arti artinya pengertian penjelasan "
    "what is are does do say says about show list in the code of ethics social work worker workers "
    "mean means meaning explain please tell me".split()
)
#: After its best quote, a section shows further chunks only if they match the question
#: lexically at least this share of its best chunk (else a shared "klien" drags in noise).
QUOTE_SHARE = 0.5
#: A list longer than this is not quoted whole when its opening line is what matches (the
#: code's lists have two to six items).
LIST_MAX = 6
#: Items of one list opening with this many identical words are one duty and its exceptions.
SAME_DUTY_WORDS = 4
#: A further section without a specific word in common with the question is still shown when
#: the example questions nearest to it vote for it at least this share of their best section's
#: vote: similar questions answered by it are evidence beyond generic words (docs/design.md).
EXAMPLE_EVIDENCE = 0.5
#: A question word found in at least this share of the sections is generic ("klien").
GENERIC_SHARE = 0.4
#: A "how" question ("gimana caranya …") matching this many of the code's topics asks how to
#: act, not for a procedure (1 also let through requests for procedures; docs/design.md).
HOW_TOPICS = 2
#: A question of fewer content words than this, all known to the corpus or the vocabulary
#: ("kompetensi", "informed consent", "Apa itu Karang Taruna?"), is short: the gate was
#: fitted on sentences and finds terse topics unlike them, so it judges a short question only
#: against a third, higher threshold, and only one that names nothing of the field
#: (``Searcher.gate_judges_short``).
GATE_MIN_CONTENT = 3
#: Sections that say to whom the code applies, quoted first for scope questions.
SCOPE_SECTIONS = ("kesimpulan", "pasal-16")
#: Sections that say what the code is (BAB III) and what the profession is (BAB I), quoted
#: first for a definition question; which leads depends on whether the code is named.
DEFINITION_CODE = ("kesimpulan", "pendahuluan")
DEFINITION_PROFESSION = ("pendahuluan", "kesimpulan")
#: ("Apa itu IPSPI?": the association whose code it is, named in BAB III's first sentence.)
CODE_SUBJECTS = frozenset("kode etik etika kodepeksos ipspi code ethics ethic ethical".split())
#: The code's name as BAB III defines it ("Kode Etik Profesi Pekerjaan Sosial ini, disebut dengan
#: “Kodepeksos”, adalah …"), in index terms.
CODE_TERMS = ("kode_etik", "kodepeksos")
#: A sentence of BAB I/III that defines its subject: "Pekerja Sosial adalah sebuah profesi …",
#: "Pekerjaan sosial merupakan kegiatan profesional …" ("Adapun tujuan penulisan tugas ini
#: adalah:" defines nothing; nor does a subject that spans a full stop).
_DEFINING = re.compile(r"^(?P<subject>[^:.]{3,90}?)\s+(?:adalah|merupakan|ialah)\s+\S")
#: How sure the rules are that nothing fits (``Searcher.rule_refusal``).
HARD = "hard"
SOFT = "soft"
#: A question the gate refuses with a probability up to this, that names social work or its
#: ethics, gets the closest passages under a hedging heading instead of nothing.
NEAR_CEILING = 0.95
#: A question a soft rule refuses that the gate finds more likely in scope than not (up to
#: this) and that touches one of the code's topics gets the closest passages: on the sets that
#: are not measuring, the soft rule's in-scope questions scored 0.008–0.434, its out-of-scope
#: ones touching a topic 0.857 and over.
GATE_KEEPS = 0.5
#: A question any rule refuses (other than for naming another document or an administrative
#: matter) that the gate finds this plainly like the questions the code answers gets the
#: closest passages: the rules read words ("jadwal", "gmn caranya"), the gate the whole
#: question. On the sets that are not measuring, the rules' in-scope refusals the gate scores
#: under 0.45 number 19; no out-of-scope one scores under 0.45.
GATE_OVERRULES = 0.1
#: ... and that touches one of the code's topics or whose words it mostly knows (unknown
#: words under this share).
NEAR_UNKNOWN_SHARE = 0.5


@dataclass(frozen=True)
class Thresholds:
    """When to abstain, and how far down the ranking an answer goes."""

    unknown: float = 0.6  # share of unknown content words above which a non-ethics question is off-topic
    relative: float = 0.4  # a further section is shown only if it scores this share of the best


#: What an answer is: quotes that answer the question, the closest passages under a
#: hedging heading (the code may not address it directly), or nothing at all.
ANSWERED = "answered"
NEAR = "near"
NOT_FOUND = "not found"
#: A refusal with a reason of its own: an administrative matter (social assistance and its
#: payments, registration, licences, salaries, vacancies) that the code does not regulate.
ADMINISTRATIVE = "administrative"
#: ... a client's side of their own case: what a client may do about a worker or an agency.
CLIENTS_CASE = "client's case"
#: ... another document: another profession's code, a law or a regulation named as the question's source.
OTHER_DOCUMENT = "other document"


@dataclass(frozen=True)
class Result:
    """Ranked hits, best first; ``abstained`` when nothing fits; unknown article numbers.

    ``outcome`` is ``ANSWERED``, ``NEAR`` (hits shown as possibly related) or ``NOT_FOUND``
    (``abstained``); ``refusal`` names why the code clearly does not cover the question
    (``ADMINISTRATIVE``, ``CLIENTS_CASE``, ``OTHER_DOCUMENT``), when a fixed note says so.
    """

    hits: tuple[Hit, ...]
    abstained: bool
    unknown_references: tuple[int, ...] = ()
    ranking: tuple[str, ...] = field(default=())  # every section id, best first
    query: Query | None = None
    scope: bool = False
    near: bool = False
    refusal: str = ""
    #: The articles asked for as a list ("daftar pasal", "ada berapa pasal?"): the answer
    #: shows each one's citation, not its text.
    outline: bool = False

    @property
    def outcome(self) -> str:
        if self.abstained or not self.hits:
            return NOT_FOUND
        return NEAR if self.near else ANSWERED


def _code_references(question: str) -> list[re.Match]:
    """The mentions of the code's own articles ("pasal 7"), not of another document's. A number
    in words or Roman numerals counts only after "pasal" ("an article I read", "ps i love you")."""
    other = _OTHER_ARTICLE_CAPS if question == question.upper() else _OTHER_ARTICLE
    return [m for m in _REFERENCE.finditer(question) if not other.match(question, m.end())
            and (m.group().lower().startswith(("pasal", "psl")) or m.group("numbers").lstrip("-")[:1].isdigit())]


def _heading_references(question: str) -> list[re.Match]:
    return [m for m in _HEADING_REFERENCE.finditer(question)
            if not (m.group("word") and m.group("word").lower() == "part" and m.group("part").islower())]


def _without_references(question: str, headings: bool = False) -> str:
    found = _code_references(question) + (_heading_references(question) if headings else [])
    for m in sorted(found, key=lambda m: -m.start()):
        question = question[: m.start()] + " " + question[m.end():]
    return question


def _number(text: str) -> int:
    text = " ".join(text.lower().split())
    return _NUMBER_WORDS.get(text) or _ROMAN.get(text) or int(text)


def _numbers(mention: str) -> list[int]:
    """The article numbers of one mention's number part: "7", "-1", "6, 7 dan 8", "6 sampai 8"
    (a range is spelled out, up to sixteen numbers)."""
    out: list[int] = []
    tokens = list(re.finditer(_NUMBER_CORE, mention, re.IGNORECASE))
    for k, token in enumerate(tokens):
        number = _number(token.group())
        if k == 0:
            out.append(-number if mention[: token.start()].strip() == "-" else number)
            continue
        between = re.sub(r"\bke\s*-", " ", mention[tokens[k - 1].end() : token.start()], flags=re.IGNORECASE)
        if re.search(_RANGE, between, re.IGNORECASE) and 0 < out[-1] < number <= out[-1] + 16:
            out += range(out[-1] + 1, number + 1)
        else:
            out.append(number)
    return out


def heading_references(question: str, only: bool | None = None) -> list[str]:
    """The document's headings the question asks for, in order: "bab:pendahuluan",
    "bab:articles", "bab:kesimpulan" or "part:B" (``Searcher.search`` finds their sections).
    Only a question that is nothing but references counts ("BAB III", "jelaskan bagian B"):
    "gmn cara nulis bab 3 skripsi kesos?" names a chapter of another document. ``only``:
    ``references(question)[1]``, when the caller has it already."""
    if not (references(question)[1] if only is None else only):
        return []
    return ["bab:articles" if m.group("all") else "bab:outline" if m.group("list")
            else f"bab:{_BABS[m.group('bab').lower()]}" if m.group("bab")
            else f"part:{m.group('part').upper()}" for m in _heading_references(question)]


def references(question: str) -> tuple[list[int], bool]:
    """Article numbers named in the question, and whether the question is only references
    (to articles, or to the document's headings: ``heading_references``)."""
    numbers = [n for m in _code_references(question) for n in _numbers(m.group("numbers"))]
    rest = words(_without_references(question, headings=True))
    named = bool(numbers) or bool(_heading_references(question))
    only = named and all(w in _REFERENCE_FILLER or w.isdigit() or w in {"dan", "and"} for w in rest)
    return numbers, only


class Searcher:
    """Searches one loaded ``Index``; the encoder is loaded on the first free-text question.
    With example questions and their vectors, ``classifier`` fits (or reads from the start
    cache) the examples' classifier, which ranks beside their nearest ones."""

    def __init__(self, index: Index, encoder: Encoder, vocabulary: Vocabulary | None = None,
                 max_sections: int = 3, max_quotes: int = 3,
                 fusion: FusionParams = FusionParams(), thresholds: Thresholds = Thresholds(),
                 slang: bool = True, typos: bool = True, abstain: bool = True,
                 examples: list[Example] | None = None, example_vectors: np.ndarray | None = None,
                 gate: OffTopicGate | None = None, classifier: bool = True,
                 known: KnownQuestions | None = None):
        self.index = index
        self.gate = gate
        #: Real questions asked before, with their labels: a repeat gets its label (``search``).
        self.known = known
        self.abstain = abstain
        self.encoder = encoder
        self.max_sections = max_sections
        self.max_quotes = max_quotes
        self.fusion = fusion
        self.thresholds = thresholds
        self._section_ids = [s.id for s in index.sections]
        position = {sid: i for i, sid in enumerate(self._section_ids)}
        self._chunk_section = np.array([position[c.section_id] for c in index.chunks])
        # The items of each list of the analysis, by the line that opens it (its lead-in, else
        # its sub-heading), and each item chunk's list (``_quotes``).
        self._lists: dict[tuple[str, str], list[int]] = {}
        self._list_of: dict[int, tuple[str, str]] = {}
        for c in index.chunks:
            p = paragraph_of(index.section(c.section_id), c) if c.role == ANALYSIS else None
            if p is not None and p.item and (p.lead_in or p.heading):
                self._list_of[c.id] = (c.section_id, p.lead_in or p.heading)
                self._lists.setdefault(self._list_of[c.id], []).append(c.id)
        # ... and a list's duty stated with its exceptions: its items opening with the same words.
        self._duties: dict[tuple[str, str], list[int]] = {}
        for key, items in self._lists.items():
            openings = [tuple(self.index.chunks[i].text.split()[:SAME_DUTY_WORDS]) for i in items]
            self._duties[key] = [i for i, o in zip(items, openings) if openings.count(o) > 1]
        # The numbered lists of BAB I and III (the criteria of a profession, the author's aims):
        # the first chunk of each item, by the list's lead-in (``_quotes``: an item quoted brings
        # the others, so that "2. Memiliki kode etik …" never stands for all the criteria).
        self._numbered: dict[tuple[str, str], dict[str, int]] = {}
        self._numbered_of: dict[int, tuple[str, str]] = {}
        for c in index.chunks:
            p = paragraph_of(index.section(c.section_id), c) if c.role == PROSE else None
            if p is not None and p.item and p.lead_in:
                self._numbered_of[c.id] = (c.section_id, p.lead_in)
                self._numbered.setdefault(self._numbered_of[c.id], {}).setdefault(p.text, c.id)
        # Lead-ins and sub-headings ("Ongkos pelayanan") say nothing on their own: never a quote.
        self._headings = {c.context for c in index.chunks if c.context} | {
            p.heading for s in index.sections for p in s.analysis if p.heading} | {
            opener for _, opener in self._lists}
        self._sections_with = self._section_frequency()
        # The words of each chunk itself (an article chunk also has its title), without the
        # lead-in it is indexed with: a quote must share a specific word with the question.
        self._own_terms = [
            frozenset(index_terms(f"{index.section(c.section_id).title} {c.text}" if c.role == ARTICLE else c.text))
            for c in index.chunks
        ]
        # What each defining sentence of BAB I/III defines, as terms ("Apa yang dimaksud dengan
        # pekerja sosial profesional?" is answered by "Pekerja Sosial adalah …", not by the item
        # of the author's aims that names "Pekerja Sosial Profesional Indonesia").
        self._defines: dict[int, frozenset[str]] = {}
        for c in index.chunks:
            match = _DEFINING.match(c.text) if c.role == PROSE else None
            if match:
                self._defines[c.id] = frozenset(index_terms(match["subject"]))
        corpus_words = {w for c in index.chunks for w in words(f"{c.text} {c.context}")}
        corpus_words |= {w for s in index.sections for w in words(s.title)}
        # English function words must not meet the slang table ("to" is not "tapi").
        protected = (vocabulary.terms() if vocabulary else set()) | ENGLISH_STOPWORDS
        # The vocabulary's everyday words and the Indonesian question words: a letter left out
        # of one is mended to it ("hadia", "bolehkh"); never to an English word ("require").
        spellings = ({w for c in vocabulary.concepts for t in c.everyday for w in words(t)} if vocabulary else set())
        spellings |= {w for w in CONDUCT_WORDS | QUESTION_OPENERS if w in dictionary() or w.endswith("kah")}
        normalizer = Normalizer(corpus_words, protected, slang=slang, typos=typos, spellings=spellings)
        self.analyzer = QueryAnalyzer(normalizer, vocabulary)
        # The examples are compared on their terms and concepts only (their flags would cost 0.2 s at start).
        terms_only = functools.partial(self.analyzer, terms_only=True)
        # Analyzed once per code, corpus, vocabulary and examples, then read from a cache (start_cache).
        options = f"slang={slang} typos={typos}"
        rows = example_features(index, vocabulary, examples, terms_only, options) if examples else None
        self.examples = ExampleIndex(examples, terms_only, self._section_ids, example_vectors, rows) if examples else None
        if self.examples is not None and self.examples.vectors is not None and classifier:
            # Fitted once on the examples (about 3 s), then read from the same cache.
            shape = (len(self._section_ids), len(self.examples.vocab) + self.examples.vectors.shape[1])
            self.examples.classifier = example_classifier(
                index, features_key(index, vocabulary, examples, options), self.examples.vectors, shape,
                self.examples.fit_classifier)
        if self.examples is not None:
            answered = {w for e in self.examples.examples for w in words(e.question)}
            self.analyzer.answered_stems = frozenset(english_stem(w) for w in answered)

    def _section_frequency(self) -> dict[str, int]:
        """In how many sections each indexed term occurs."""
        scores = self.index.lexical.scores
        indices, indptr = scores["indices"], scores["indptr"]
        return {
            term: len(set(self._chunk_section[indices[indptr[tid] : indptr[tid + 1]]]))
            for term, tid in self.index.lexical.vocab_dict.items()
            if tid + 1 < len(indptr)  # bm25s's placeholder for empty documents has no column
        }

    def _specific(self, query: Query) -> set[str]:
        """The question's terms that point at particular articles: its own words unless found
        in many sections ("klien"), and vocabulary expansions found in at most two sections; never
        a word a vocabulary phrase explains ("married client": her status, not a ground of
        discrimination)."""
        n = len(self._section_ids)
        return {
            t for t in query.terms
            if t not in query.explained and 0 < self._sections_with.get(t, 0) < (GENERIC_SHARE * n if t in query.own_terms else 3)
        }

    def chunk_scores(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """Raw BM25 and cosine scores of every chunk for the question."""
        lex = lexical.scores(self.index.lexical, query.terms)
        vector = self._vector(query)
        if vector is None:
            den = np.zeros(len(self.index.chunks), dtype=np.float32)
        else:
            den = dense.scores(self.index.dense, vector)
        return lex, den

    def _vector(self, query: Query) -> np.ndarray | None:
        """The question's embedding (the encoder caches it), or None when ranking is lexical."""
        return None if self.fusion.method == "lexical" else self.encoder.encode_query(query.text)

    def should_abstain(self, query: Query, lex: np.ndarray) -> bool:
        """Whether the rules find that nothing fits (``rule_refusal`` says how sure they are)."""
        return bool(self.rule_refusal(query, lex))

    def rule_refusal(self, query: Query, lex: np.ndarray) -> str:
        """Why the rules find nothing fits: ``HARD`` where the code clearly does not cover the
        question (it has no terms or no subject, names another document, asks for a procedure, a
        form or a number), ``SOFT`` where the ranking cannot place it (a "how" about something the
        corpus never mentions, mostly unknown words), else "". (A floor on the best chunk's BM25 score
        refused real in-scope questions and no off-topic one: removed, docs/design.md.)
        The code answers whether conduct is right; it has no procedures, schedules or other
        documents."""
        if not query.terms or query.other_document:
            return HARD
        # Nothing but function words and a negation ("Gimana nih, saya kok enggak dapat?"): no
        # subject to look for, so no passage can be near it. (A follow-up is asked with its
        # question; "Siapa pekerja sosial?" names the field.)
        if not query.content and not query.concepts and not query.domain:
            return HARD
        short_request = not query.conduct and query.content <= PROCEDURE_MAX_CONTENT
        # "gimana caranya biar pendapat pribadi tidak dikira sikap profesi?" asks how to act:
        # a "how" touching two of the code's topics is no request for a procedure.
        how_to_act = query.how_only and query.topics >= HOW_TOPICS
        # "Saya melihat rekan menghukum fisik penghuni. Langkah apa yang bisa saya ambil?": the
        # step asked for is how to act in the asker's situation on one of the code's topics, not
        # a procedure ("how do I write a SOAP note?", a "how", stays one).
        how_to_act = how_to_act or (query.situation and query.topics >= 1 and not query.how_only
                                    and not query.admin and not query.number)
        # What one of the code's topics requires ("Apa saja syarat informed consent?", "… kalau
        # partisipannya anak?") is a duty the code states, not a form or a procedure: the rules
        # below judge it.
        # (One word the code does not know, in Indonesian, is the setting: "anak".)
        # What makes a profession ("Apa saja syarat pekerjaan sosial sebagai sebuah profesi?")
        # is BAB I's list of "syarat-syarat/kriteria", not admission to one.
        criteria = query.requirement and bool(PROFESSION_WORDS & set(query.normalized))
        duty_asked = query.requirement and not query.number and (query.topics > 0 or criteria) and (
            not query.unknown or (not query.english and len(query.unknown) == 1))
        if query.procedure and query.unknown and short_request and not how_to_act and not duty_asked:
            # A "how" that touches one of the code's topics ("How do you handle … a gift?")
            # may ask how to act; one that touches none asks for a procedure.
            return SOFT if query.how_only and query.topics else HARD
        # The asker inside a request for a procedure ("How do I register …?", "cara saya
        # mendaftar …") tells no situation of theirs.
        told = query.situation and not query.procedure
        if (query.admin or query.number) and short_request and not told and not duty_asked:
            return HARD
        unknown_share = len(query.unknown) / max(1, query.content)
        if unknown_share > self.thresholds.unknown and not query.conduct and not query.situation:
            return SOFT
        return ""

    def gate_features(self, query: Query, den: np.ndarray, vector: np.ndarray | None = None) -> np.ndarray | None:
        """The off-topic gate's figures for the question (``assistant.offtopic``), given its
        chunk cosines ``den`` and its embedding (by default the one search uses), or None
        without example vectors or when ranking is lexical."""
        vector = self._vector(query) if vector is None else vector
        if self.examples is None or self.examples.vectors is None or vector is None:
            return None
        answered, offtopic = self.examples.cosines(vector)
        return gate_features(query, answered, offtopic, den)

    def left_to_gate(self, query: Query, lex: np.ndarray) -> bool:
        """Whether ``_decide`` can reach the gate with the question at all: not one about scope,
        a definition or a part's duties (never refused), nor an administrative one or one a
        rule refuses. ``scripts/fit_offtopic_gate.py`` fits and chooses thresholds on these."""
        return not (query.scope or query.definition or query.part or self.should_abstain(query, lex))

    @staticmethod
    def gate_decides(query: Query) -> bool:
        """Whether the off-topic gate's threshold applies to the question: not one about conduct
        or telling the asker's own situation (the rules judge those, see ``gate_judges_conduct``
        and ``gate_judges_kept``),
        nor a topic of one or two known words (``GATE_MIN_CONTENT``).
        ``scripts/fit_offtopic_gate.py`` fits on these."""
        if query.conduct or query.situation:
            return False
        return query.content >= GATE_MIN_CONTENT or bool(query.unknown)

    @staticmethod
    def gate_judges_conduct(query: Query) -> bool:
        """Whether the gate's second, higher threshold applies: a question about conduct or
        the asker's situation that names neither social work nor its ethics (no
        ``Query.domain`` word, no role of the field or its service, ``FIELD_CONCEPTS``: "Can I
        challenge a CAFCASS report?", "Apakah boleh mengunggah foto anak ke media sosial?"),
        and is more than a topic of one or two known words. (One that names the field is the
        rules' to keep: ``gate_judges_kept``.)"""
        return ((query.conduct or query.situation) and (query.content >= GATE_MIN_CONTENT or bool(query.unknown))
                and not Searcher.names_field(query))

    @staticmethod
    def gate_judges_short(query: Query) -> bool:
        """Whether the gate's third threshold applies: a question of one or two known words
        (``GATE_MIN_CONTENT``) that names neither social work nor its ethics nor a role or
        service of the field ("Apa itu Karang Taruna?", "What is Universal Credit?"; not
        "Siapa pekerja sosial?", which the rules keep), is asked as a question (a bare topic,
        "informed consent", searches the code) and has a word the code itself never uses
        ("Apa itu kompetensi?" asks a word of Pasal 4 and Pasal 12)."""
        return (0 < query.content < GATE_MIN_CONTENT and not query.unknown and query.outside_corpus > 0
                and not Searcher.names_field(query) and query.asks)

    @staticmethod
    def gate_judges_kept(query: Query) -> bool:
        """Whether the gate's last, highest threshold applies: to every question the first three
        leave, those the rules keep. A question about conduct or the asker's situation that names
        social work, its ethics or a role of the field ("What can I tell my school counselor,
        nurse, or therapist without them telling my parents?"), a short one naming the field
        ("Is it worth working for CPS?", "Jadi Pekerja Sosial, Kenapa Tidak?": it may ask what
        the profession is, "Is Social Worker a Profession?"), a short topic in the code's own
        words ("Apa itu kompetensi?") or a short question on conduct: such a question is refused
        only where the gate is all but certain. (Until 2026-12-08 the first two had thresholds
        of their own, both 0.995, and the last two none: "Can a Social Worker Talk to My Child
        Alone?", 0.996, was answered.)"""
        return not (Searcher.gate_decides(query) or Searcher.gate_judges_conduct(query)
                    or Searcher.gate_judges_short(query))

    @staticmethod
    def names_field(query: Query) -> bool:
        """The question names social work or its ethics (``Query.domain``), a role or the
        service of the field (``FIELD_CONCEPTS``), another social-work body's code
        (``Query.field_code``) or asks which of the code's articles says something the code
        knows of, a topic or only its words (``Query.asks_article``: "pasal berapa yang
        mengatur kerahasiaan?", not "… cuti?" or "… resep nasi goreng?")."""
        return bool(query.domain or query.field_code or FIELD_CONCEPTS & set(query.concepts)
                    or (query.asks_article and (query.topics > 0 or not query.unknown)))

    def gate_threshold(self, query: Query) -> float | None:
        """Over what probability the gate refuses the question, or None without a gate. What the
        rules keep (``gate_judges_kept``) is judged at the highest threshold."""
        if self.gate is None:
            return None
        if self.gate_decides(query):
            return self.gate.threshold
        if self.gate_judges_conduct(query):
            return self.gate.conduct_threshold
        if self.gate_judges_short(query):
            return self.gate.short_threshold
        return self.gate.field_threshold

    def off_topic_probability(self, query: Query, den: np.ndarray, force: bool = False) -> float:
        """How likely the gate finds the question unlike what the code is asked, as typed and in
        its other forms (``gate_forms``: as normalized, typos mended, slang and English put in
        the corpus's words, for a misspelt question embeds far from everything; a short one's
        topic alone): the lowest. 0 where the gate is off, or does not judge the question
        (``gate_threshold``) unless ``force``."""
        threshold = self.gate_threshold(query)
        if self.gate is None or not (force or threshold is not None):
            return 0.0
        x = self.gate_features(query, den)
        if x is None:
            return 0.0
        typed = self.gate.probability(x)
        if not force and typed <= threshold:
            return typed
        # Further embeddings, computed only for a question about to be refused.
        probability = typed
        for text in self.gate_forms(query):
            vector = self.encoder.encode_query(text)
            probability = min(probability, self.gate.probability(
                self.gate_features(query, dense.scores(self.index.dense, vector), vector)))
        return probability

    def gate_forms(self, query: Query) -> list[str]:
        """The other forms of the question the gate judges besides its text: as normalized, when
        that differs, and for a topic of one or two words asked for its meaning
        (``gate_judges_short``, ``Query.asks_meaning``) the topic alone. "Apa yang dimaksud
        dengan diskriminasi?" asks what "diskriminasi" asks, but many real off-topic questions
        take that form ("Apa yang dimaksud dengan DTKS?"), so the gate learnt the form: 0.88 for
        it, 0.27 for "Apa itu diskriminasi?", 0.17 for the topic alone. ("APA TUGAS TAGANA?"
        asks more than a meaning: judged as asked.)"""
        typed = " ".join(query.words)
        forms = [" ".join(query.normalized)]
        if self.gate_judges_short(query) and query.asks_meaning:
            forms.append(" ".join(query.content_words))
        return [text for text in dict.fromkeys(forms) if text and text != typed]

    def off_topic(self, query: Query, den: np.ndarray) -> bool:
        """The gate refuses the question (``off_topic_probability`` over its threshold)."""
        threshold = self.gate_threshold(query)
        return threshold is not None and self.off_topic_probability(query, den) > threshold

    def search(self, question: str, follow_up: str = "") -> Result:
        """Sections that answer ``question``, best first, each with its best quotes.

        ``follow_up``: ``question`` joins an earlier question the code answered to this
        follow-up of it ("Can Therapists Accept Gifts?" + "kalau hadiahnya cuma makanan?");
        where only the gate or a soft rule would refuse the join, and the follow-up on its own
        touches one of the code's topics or has at most one word the code does not know, its
        closest passages are shown as near instead (``_decide``).

        A real question asked before (``known``, ``assistant.known``) gets its label: its
        sections, or nothing where the search would quote and the gate does not doubt it."""
        # "Permisi kak, pasal 7 isinya apa? Makasih" asks for Pasal 7 alone.
        typed, question = question, without_courtesy(without_numbering(question))
        numbers, only_reference = references(question)
        if numbers and not only_reference and self.analyzer(_without_references(question)).other_document:
            # "Kode etik perawat PPNI pasal 1", "UU Pekerja Sosial pasal 7 isinya apa": another
            # document's article, not this code's (the rules refuse the question as such).
            numbers = []
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= 16]
        unknown = tuple(n for n in dict.fromkeys(numbers) if not 1 <= n <= 16)
        referenced = [self.index.section(f"pasal-{n}") for n in valid]
        headings = heading_references(question, only_reference)
        for heading in headings:
            referenced += [s for s in self._heading_sections(heading) if s not in referenced]
        if referenced and only_reference:
            # "ada berapa pasal?", "daftar pasal": the list of the articles, each by its citation.
            outline = headings == ["bab:outline"] and not valid
            hits = tuple(Hit(s, 1.0, (), "outline" if outline else "reference") for s in referenced)
            return Result(hits, False, unknown, tuple(s.id for s in referenced), outline=outline)
        if unknown and (only_reference or not referenced):
            # Only articles that do not exist are named: say so, and quote nothing.
            return Result((), True, unknown)

        asked = without_application_frame(_without_references(question) if numbers else question)
        query = self.analyzer(asked)
        # "kode etik tentang penelitian" is ranked as "pekerja sosial tentang penelitian": the
        # code's name drew BAB III and Pasal 16 above Pasal 5 (``without_code_frame``); whether
        # to answer is judged on the question as asked.
        # (Not where the question asks how the code itself is applied: "Bagaimana realitas … di
        # dalam implementasi kode etik …?" is about the code.)
        topical = asked if applies_the_code(question) else without_code_frame(asked)
        ranked = query if topical == asked else self.analyzer(topical)
        if ranked is not query and query.english and not ranked.topics:
            # What remains of an English question names no topic the vocabulary knows ("What is
            # written in the code of ethics?" as "What is written?"): the code is what it asks
            # about. (An Indonesian one has its own bound: ``CODE_FRAME_MAX_WORDS``.)
            ranked = query
        lex, den = self.chunk_scores(ranked)
        scores = fuse(lex, den, self._chunk_section, len(self._section_ids), self.fusion)
        if self.examples is not None:
            # Sections that answered similar example questions (ranking, and whether a further
            # section is shown; never quoted).
            vector = self._vector(ranked)
            votes = self.examples.scores(ranked, vector)
            # ... and what the examples' classifier learnt from them all (ranking only).
            scores = scores + EXAMPLE_WEIGHT * self.examples.ranking_scores(ranked, votes, vector)
        else:
            votes = np.zeros(len(self._section_ids), dtype=np.float32)
        # Evidence beyond generic words, in a chunk's own words: what a further section and
        # every quote must have (else a shared "klien" or a heading drags in unrelated rules).
        wanted = self._specific(ranked)
        specific = np.array([bool(wanted & terms) for terms in self._own_terms])
        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        if query.scope:
            # A scope question leads with what the text says about to whom it applies.
            first = [self._section_ids.index(sid) for sid in SCOPE_SECTIONS]
            order = first + [i for i in order if i not in first]
        if query.definition and not query.scope:
            # "Apa yang dimaksud dengan kode etik pekerja sosial?": what BAB III (the code) or
            # BAB I (the profession) says leads.
            lead = DEFINITION_CODE if CODE_SUBJECTS & (set(query.words) | set(query.normalized)) else DEFINITION_PROFESSION
            first = [self._section_ids.index(sid) for sid in lead]
            order = first + [i for i in order if i not in first]
        part = [i for i, section in enumerate(self.index.sections)
                if query.part and not query.scope and section.article and section.part.startswith(f"{query.part}.")]
        if part:
            # "Apa kewajiban pekerja sosial terhadap klien?": the part on those duties leads, whole,
            # its articles in the code's order.
            order = part + [i for i in order if i not in part]
        # A real question asked before, typed again as it stands ("Apa yag di maksud dengan kode
        # etik pekerja social"), gets its label: the sections that answer it first, or nothing.
        known = (self.known.find(typed) or (self.known.find(question) if question != typed else None)
                 if self.known is not None and not follow_up and not referenced else None)
        # (Its sections in the search's order: a label says which sections answer, and a
        # definition's lead, BAB I for the profession, stays the search's.)
        lead = [i for i in order if self._section_ids[i] in known.gold] if known is not None else []
        order = lead + [i for i in order if i not in lead]
        ranking = tuple(self._section_ids[i] for i in order)
        asked_lex, asked_den = (lex, den) if ranked is query else self.chunk_scores(query)
        if known is not None and known.gold:
            abstain, near, refusal = False, False, ""
        else:
            abstain, near, refusal = (self._decide(query, asked_lex, asked_den, follow_up, applies_the_code(question))
                                      if self.abstain and not query.scope else (False, False, ""))
        if known is not None and not known.gold and not abstain and not self._in_scope_after_all(query, asked_den):
            # Labelled out of scope, and what the search alone would quote is refused. (A rule's
            # refusal keeps its note. A label given from its page, "Kapan sesungguhnya
            # konfidensialitas klien dapat dilanggar?" asked there of psychologists, is not the
            # reading of a social worker typing the same words: where the gate finds the question
            # like those the code answers, as a soft rule's refusal is doubted in ``_decide``,
            # the search's answer stands.)
            abstain = True
        known = known if known is not None and known.gold else None
        # "According to the NASW Code of Ethics, when may self-determination be limited?": this
        # code cannot say what another body's code says, but may speak to the same matter, so
        # what it would answer is shown as near.
        near = (near and known is None) or query.field_code

        hits = [Hit(s, 1.0, (), "reference") for s in referenced]
        if not abstain:
            top = max(float(scores.max()), 1e-9)
            defining = self._asked_subject(query)  # what a "what is …?" question asks about
            for i in lead or order:  # a known question shows the sections its label names, no others
                if len(hits) >= self.max_sections:
                    break
                sid = self._section_ids[i]
                if any(h.section.id == sid for h in hits):
                    continue
                forced = ((query.scope and sid in SCOPE_SECTIONS) or (query.definition and sid in DEFINITION_CODE and not part)
                          or i in part or i in lead)
                if hits and not forced and scores[i] < self.thresholds.relative * top:
                    break
                if hits and not forced and not specific[self._chunk_section == i].any() and votes[i] < EXAMPLE_EVIDENCE:
                    continue  # only "klien"-like words in common with the question, and few similar questions: not shown
                reason = "scope" if forced else "search"
                # The best section, and a part's article, quote their best passage even without a
                # specific word in common.
                quotes = self._quotes(i, lex, specific, den, anything=forced or not hits, article_too=i in part,
                                      defining=defining)
                if not quotes and not self.index.sections[i].article:
                    continue  # BAB I/III with no passage to quote: a heading over nothing, not shown
                hits.append(Hit(self.index.sections[i], float(scores[i]), quotes, reason))
        return Result(tuple(hits), abstain and not referenced, unknown, ranking, query, query.scope,
                      near=near and not referenced, refusal=refusal)

    def _in_scope_after_all(self, query: Query, den: np.ndarray) -> bool:
        """Whether the off-topic gate finds ``query`` like the questions the code answers: plainly
        (``GATE_OVERRULES``), or (``GATE_KEEPS``) where it touches one of the code's topics."""
        if self.gate is None or not query.terms:
            return False
        probability = self.off_topic_probability(query, den, force=True)
        return probability <= GATE_OVERRULES or (probability <= GATE_KEEPS and self.touches_code(query))

    def _heading_sections(self, heading: str) -> list:
        """The sections under a heading ``heading_references`` names, in the code's order."""
        kind, name = heading.split(":")
        if kind == "bab":
            if name in ("articles", "outline"):
                return [s for s in self.index.sections if s.article]
            return [self.index.section(name)]
        return [s for s in self.index.sections if s.article and s.part.startswith(f"{name}.")]

    def _decide(self, query: Query, lex: np.ndarray, den: np.ndarray, follow_up: str = "",
                applied: bool = False) -> tuple[bool, bool, str]:
        """(not found, near, refusal reason) for an analyzed question.

        Not found: what the code clearly does not cover (an administrative matter, another
        document, a procedure, a form or a number: ``rule_refusal`` HARD). Where the rules
        or the off-topic gate only find that the ranking cannot place the question, one
        decision remains: a question about social work or its ethics gets the closest
        passages as a "near" answer unless the gate is sure it is off-topic (``NEAR_CEILING``),
        and so does one a soft rule doubts that the gate finds in scope (``GATE_KEEPS``) and
        that touches one of the code's topics; any other, nothing. Any rule's refusal (but for
        another document or an administrative matter) that the gate finds plainly like the
        questions the code answers (``GATE_OVERRULES``) is near as well. A definition question
        is never refused: BAB I and III answer it.
        A follow-up to a question the code answered stays on its subject: what only the gate
        or a soft rule would refuse is near when the follow-up itself stays on the subject (a
        topic of the code, or at most one unknown word): a mixed-language join, "Can
        Therapists Accept Gifts? kalau hadiahnya cuma makanan?", looks off-topic to the gate
        by its unknown words; "kalau resep nasi goreng?" is still refused.
        ``applied``: the question asks how the code or its principles apply (a student's
        frame, ``assistant.query.applies_the_code``): about the field, it is never refused on the
        ranking's doubt alone, like a definition, and gets at least the closest passages.
        """
        if query.definition or query.part:
            return False, False, ""
        own = self.analyzer(follow_up) if follow_up else None
        if query.administrative or (own is not None and own.administrative and not own.domain):
            # (A follow-up on its own administrative, "kalau pencairan PKH gimana?" after a
            # question on gifts, is not made a worker's conduct by the question before it; one
            # that names the client, "kalau kliennya penerima PKH?" after a question on fees,
            # narrows that question to a client, as any follow-up does.)
            return True, False, ADMINISTRATIVE
        if query.clients_case:
            return True, False, CLIENTS_CASE
        rule = self.rule_refusal(query, lex)
        # (The rules read words; where the gate, reading the whole question, is sure it is
        # like those the code answers, their doubt gets the closest passages: ``GATE_OVERRULES``.
        # Asked once: it embeds the question's other forms.)
        judged = None
        if rule and query.terms and not query.other_document and self.gate is not None:
            judged = self.off_topic_probability(query, den, force=True)
            if judged <= GATE_OVERRULES:
                return False, True, ""
        if rule == HARD:
            return True, False, OTHER_DOCUMENT if query.other_document else ""
        may_be_near = self.may_be_near(query)
        # A follow-up is short (``chat.MAX_FOLLOWUP_WORDS``): one word the code does not know
        # narrows the subject ("kalau di kantor?", "kalau hadiahnya cuma makanan?"); more
        # change it ("kalau resep nasi goreng?").
        on_subject = own is not None and (self.touches_code(own) or len(own.unknown) <= 1)
        # "Bagaimana penerapan prinsip kerahasiaan … di rumah sakit?": the code's application.
        on_subject = on_subject or (applied and self.names_field(query))
        if rule:  # SOFT: the gate, asked even where it does not decide, only tells near from nothing
            # (asked only where its answer can change that: it embeds the question's other forms)
            if on_subject:
                return False, True, ""
            if own is not None:
                # A follow-up off the subject is not carried by the question before it: the field
                # or the topic the join names is that question's ("kalau resep nasi goreng?").
                return True, False, ""
            # Where the gate finds the question like those the code answers and it touches one of
            # the code's topics, the rule's doubt ("How do you broach the subject of
            # confidentiality with children …?": a "how" with unknown words) gets the closest
            # passages, not nothing.
            may_keep = self.gate is not None and self.touches_code(query)
            if not (may_keep or may_be_near):
                return True, False, ""
            probability = self.off_topic_probability(query, den, force=True) if judged is None else judged
            near = (may_keep and probability <= GATE_KEEPS) or (may_be_near and probability <= NEAR_CEILING)
            return not near, near, ""
        threshold = self.gate_threshold(query)
        if threshold is None:
            return False, False, ""
        probability = self.off_topic_probability(query, den)
        if probability <= threshold:
            return False, False, ""
        near = on_subject or (may_be_near and probability <= NEAR_CEILING)
        return not near, near, ""

    @staticmethod
    def _asked_subject(query: Query) -> frozenset[str]:
        """What a question asking what something is asks about, as terms: the question's own
        terms, or only the code's name where it names the code ("What is the social work code
        of ethics?" asks what the code is, not what social work is); empty for other questions."""
        if not (query.definition and query.asks_meaning):
            return frozenset()
        if CODE_SUBJECTS & (set(query.words) | set(query.normalized)):
            return frozenset(CODE_TERMS)
        return query.own_terms

    def _defines_asked(self, chunk: int, asked: frozenset[str]) -> bool:
        """Whether a chunk defines what a question asks about: its subject's word pair is the
        question's ("kerja_sosial"), or each of its subject's words is ("Kodepeksos ini")."""
        subject = self._defines.get(int(chunk))
        if not subject or not asked or (subject & set(CODE_TERMS) and not asked & set(CODE_TERMS)):
            return False  # (what defines the code, "Kode Etik Profesi Pekerjaan Sosial ini …", defines no profession)
        shared = subject & asked
        return any("_" in t for t in shared) or {t for t in subject if "_" not in t} <= asked

    @staticmethod
    def may_be_near(query: Query) -> bool:
        """Whether a question the gate refuses (up to ``NEAR_CEILING``) gets the closest
        passages instead: one about the profession that touches one of the code's topics or
        is made mostly of words the code knows ("'; DROP TABLE klien; --" names a client but
        asks nothing the code could be near to)."""
        return query.domain and Searcher.touches_code(query)

    @staticmethod
    def touches_code(query: Query) -> bool:
        """Whether a question touches one of the code's topics or is mostly words it knows."""
        return query.topics > 0 or len(query.unknown) < NEAR_UNKNOWN_SHARE * max(1, query.content)

    def _quotes(self, section: int, lex: np.ndarray, specific: np.ndarray, den: np.ndarray,
                anything: bool = False, article_too: bool = False,
                defining: frozenset[str] = frozenset()) -> tuple[Chunk, ...]:
        """The section's best non-article chunks that share a specific word with the question
        (none, if only generic words are shared: then the article text stands alone).
        ``anything``: a section shown whatever the words (a definition question's BAB I/III,
        which have no article text) falls back to its best chunk; with ``article_too``, an
        article's section as well (a part's duties asked as a whole).
        ``defining``: the terms of a question asking what something is; the sentences that define
        it ("Pekerja Sosial adalah …") come first."""
        idx = np.flatnonzero(self._chunk_section == section)
        lex_top = float(lex.max(initial=0.0))
        chunk_score = (lex[idx] / lex_top if lex_top > 0 else 0.0) + 0.5 * den[idx]
        best_lex = float(lex[idx].max(initial=0.0))
        picked = [self.index.chunks[idx[j]] for j in np.argsort(-chunk_score, kind="stable")
                  if self._defines_asked(idx[j], defining)][: self.max_quotes]
        for j in np.argsort(-chunk_score, kind="stable"):
            if len(picked) >= self.max_quotes:
                break
            c = self.index.chunks[idx[j]]
            if c in picked:
                continue
            items = self._lists.get((c.section_id, c.text), ()) if c.role == ANALYSIS else ()
            if c.role in (ARTICLE, HEADING) or not specific[idx[j]] or (
                    (c.text.endswith(":") or c.text in self._headings) and not items):
                continue
            if picked and lex[idx[j]] < QUOTE_SHARE * best_lex:
                break  # after the best one, only chunks that match nearly as well
            if items:
                # The line that opens a list matches better than any of its items ("apa saja
                # larangan bagi pekerja sosial?"): the list is asked for, and quoted whole.
                if len(items) <= LIST_MAX and not any(self._list_of.get(p.id) == (c.section_id, c.text) for p in picked):
                    picked.extend(self.index.chunks[i] for i in items)
                    break
                continue
            picked.append(c)
            if len(picked) >= self.max_quotes:
                break
        # Items of one list that open with the same words state one duty with its exceptions
        # (Pasal 7: "Tidak membuka rahasia klien kepada orang lain kecuali atas perintah
        # ketentuan hukum" and "… walaupun … kalau tidak mendapatkan persetujuan yang jelas
        # dari klien"): that is the list's rule, quoted with any point of the list, so that
        # "Memperlihatkan … catatan informasi atas permintaan klien" never reads as leave to
        # show the notes to whoever asks.
        for c in list(picked):
            for i in self._duties.get(self._list_of.get(c.id), ()):
                if self.index.chunks[i] not in picked:
                    picked.append(self.index.chunks[i])
        if not picked and anything and (article_too or not self.index.sections[section].article):
            quotable = [j for j in np.argsort(-chunk_score, kind="stable")
                        if self.index.chunks[idx[j]].role not in (ARTICLE, HEADING)
                        and not self.index.chunks[idx[j]].text.endswith(":")]
            picked = [self.index.chunks[idx[j]] for j in quotable[:1]]
        for c in list(picked):
            items = self._numbered.get(self._numbered_of.get(c.id), {})
            if len(items) <= LIST_MAX:
                picked.extend(self.index.chunks[i] for i in items.values() if self.index.chunks[i] not in picked)
        return tuple(sorted(picked, key=lambda c: c.id))

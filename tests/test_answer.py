"""No ruling, nothing invented: every line of every answer is a verbatim quote from the corpus
file or one of the fixed lines of ``assistant.wording``. Run on every question of every set of
``questions/manifest.yaml`` (the dev questions too), with the real model and the real corpus."""

import pytest

from assistant import question_sets, wording
from assistant.answer import hit_quotes
from assistant.parse import parse, strip_bullet
from assistant.search import heading_references, references

#: Asked besides the sets' questions: article numbers, known and unknown, and a short question.
QUESTIONS = [
    "pasal 7",
    "Pasal 7 apa isinya",
    "psl 16",
    "pasal 99",
    "pasal 3 dan pasal 12",
    "Can I date a client?",
]


@pytest.fixture(scope="module")
def citations(corpus_text):
    return {s.citation for s in parse(corpus_text)}


@pytest.fixture(scope="module")
def prose_labels(corpus_text):
    return {wording.PROSE_LABEL.format(part=s.part, title=s.title) for s in parse(corpus_text)}


def quoted_text(line):
    """The corpus text of a quote line (``> text``, ``> - text``, ``> **text**``), or None for
    the bare ``>`` that separates paragraphs inside one quote."""
    text = line[2:] if line.startswith("> ") else None
    if text is None:
        assert line == ">", f"not a quote line: {line!r}"
        return None
    if text.startswith("- "):
        text = text[2:]
    elif text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2]
    return text


def _lists(corpus_text):
    """Every list item of the corpus -> (sub-heading, lead-in) it stands under."""
    cache = _lists.__dict__.setdefault("cache", {})
    if corpus_text not in cache:
        cache[corpus_text] = {p.text: (p.heading, p.lead_in, p.bullet) for s in parse(corpus_text)
                              for p in (*s.analysis, *s.prose) if p.item}
    return cache[corpus_text]


def assert_lists_keep_their_context(markdown, corpus_text):
    """No item of a list is shown without the sub-heading and lead-in it stands under: they
    stand above it in the same quote, with only items of the same list between."""
    items = _lists(corpus_text)
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("> "):
            continue
        text = quoted_text(line)
        owner = next((t for t in items if t == text or text in t), None) if text else None
        if owner is None:
            continue
        heading, lead_in, bullet = items[owner]
        # a bullet is a Markdown list item; a numbered line of BAB I keeps its own number
        assert line.startswith("> - ") or not bullet, f"list item shown as a paragraph: {line!r}"
        # the quote lines above it in its own section's block, nearest first
        block = []
        for previous in reversed(lines[:i]):
            if previous.startswith("### "):
                break
            if previous.startswith("> "):
                block.append(quoted_text(previous))
        for expected in (lead_in, heading):
            # a whole section shows a long lead-in in full; an answer its last sentence
            assert not expected or any(t.endswith(expected) for t in block), (
                f"{text[:60]!r} is not under {expected!r}")


def _whole_lines(corpus_text):
    """Every line of the corpus file, without its bullet marker."""
    cache = _whole_lines.__dict__.setdefault("cache", {})
    if corpus_text not in cache:
        cache[corpus_text] = {strip_bullet(line) for line in corpus_text.splitlines()}
    return cache[corpus_text]


def assert_only_quotes_and_fixed_wording(markdown, corpus_text, citations, prose_labels):
    for line in markdown.splitlines():
        if not line.strip():
            continue
        if line.startswith(">"):
            text = quoted_text(line)
            assert text is None or text in corpus_text, f"not a verbatim quote: {line!r}"
            # a whole line of the source, never a sentence cut from one: a list point's second
            # sentence is no point of its own, a citation cut from its sentence no statement
            assert text is None or text in _whole_lines(corpus_text), f"a piece of a line quoted: {line!r}"
        elif line.startswith("### "):
            assert line[4:] in citations, f"unknown citation: {line!r}"
        elif line.startswith("**Dari "):
            assert line in prose_labels, f"unknown label: {line!r}"
        else:
            assert wording.is_fixed(line), f"line is neither a quote nor fixed wording: {line!r}"
    assert_lists_keep_their_context(markdown, corpus_text)


def assert_quotes_or_a_refusal(answer, corpus_text, citations, prose_labels):
    assert_only_quotes_and_fixed_wording(answer.markdown, corpus_text, citations, prose_labels)
    if answer.abstained:
        assert not any(line.startswith("> ") for line in answer.markdown.splitlines())
        assert wording.NOT_FOUND in answer.markdown
    else:
        assert wording.NOTICE in answer.markdown


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_line_is_a_quote_or_fixed_wording(assistant, corpus_text, citations, prose_labels, question):
    assert_quotes_or_a_refusal(assistant.ask(question), corpus_text, citations, prose_labels)


@pytest.mark.slow
@pytest.mark.parametrize("question_set", question_sets.sets(), ids=lambda s: s.name)
def test_every_answer_to_a_question_set_is_quotes_or_fixed_wording(set_runs, corpus_text, citations,
                                                                   prose_labels, question_set):
    # One pass over the answers of the run the quality floors read (``conftest.SetRuns``);
    # every offending answer is listed, not only the first.
    failures, answers = [], set_runs[question_set].answers
    for item, answer in answers:
        try:
            assert_quotes_or_a_refusal(answer, corpus_text, citations, prose_labels)
        except AssertionError as exc:
            reason = str(exc).splitlines()[0]  # the checker's message, without pytest's introspection
            failures.append(f"{question_set.name}.jsonl {item['id']} {item['q']!r}: {reason}")
    assert len(answers) == question_set.size
    assert not failures, f"{len(failures)} of {len(answers)} answers:\n" + "\n".join(failures)


def test_checker_catches_invented_text(corpus_text, citations, prose_labels):
    invented = "> Pekerja sosial boleh membuka rahasia klien kapan saja."
    with pytest.raises(AssertionError):
        assert_only_quotes_and_fixed_wording(invented, corpus_text, citations, prose_labels)
    with pytest.raises(AssertionError):
        assert_only_quotes_and_fixed_wording("Sebaiknya Anda tidak melakukannya.", corpus_text, citations, prose_labels)


def test_confidentiality_question_quotes_pasal_7(assistant):
    answer = assistant.ask("bolehkah saya membuka rahasia klien?")
    assert answer.hits[0].section.id == "pasal-7"
    assert "> - Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum" in answer.markdown.splitlines()


@pytest.mark.parametrize("question", ["pasal 7", "Pasal 7 apa isinya", "psl 7", "PASAL 7?", "isi pasal 7 dong",
                                      "pasal 7 kode etik pekerja sosial", "sebutkan pasal 7 dalam kode etik peksos",
                                      "What does article 7 of the code of ethics say?",
                                      # asking what it means: the article is the answer, not BAB I/III
                                      "Apa maksud pasal 7 kode etik pekerja sosial?",
                                      "what does article 7 of the code mean?"])
def test_reference_goes_straight_to_the_article(assistant, question):
    answer = assistant.ask(question)
    assert [h.section.id for h in answer.hits] == ["pasal-7"]
    assert "> - Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum" in answer.markdown


@pytest.mark.parametrize("question,numbers", [
    ("bunyi pasal 1 DUHAM yang dikutip di kode etik apa?", []),  # the code quotes "Pasal 1 Deklarasi …"
    ("Pasal 1 Deklarasi Semesta tentang HAM isinya apa?", []),
    ("pasal 28 UUD 1945 dan pasal 7", [7]),
    ("Article 3 of the UNCRC vs pasal 7", [7]),
    ("PASAL 7 APA ISINYA", [7]),  # in capitals, "APA" is no acronym
    ("pasal 7 kode etik IPSPI", [7]),
])
def test_another_documents_article_is_not_one_of_the_codes(question, numbers):
    assert references(question)[0] == numbers


@pytest.mark.parametrize("question,numbers", [
    ("pasal 6 dan 7", [6, 7]),
    ("pasal 6, 7, dan 8", [6, 7, 8]),
    ("pasal 6 & pasal 7", [6, 7]),
    ("pasal 6-8", [6, 7, 8]),
    ("pasal 6 sampai dengan pasal 8", [6, 7, 8]),
    ("pasal 1 s.d. 3", [1, 2, 3]),
    ("pasal ke-7", [7]),
    ("Pasal VII", [7]),
    ("pasal tujuh", [7]),
    ("pasal dua belas", [12]),
    ("pasal 7 dan 99", [7, 99]),  # the code has no Pasal 99: said so, Pasal 7 shown
    ("pasal -1", [-1]),
    ("pasal 5 sampai 3", [5, 3]),  # no range backwards: both named
    ("I read an article I found about confidentiality", []),  # "I", not Article I
    ("ps i love you", []),
    ("pasal 7 dan klien yang menolak", [7]),
    ("pasl 7", [7]),  # mistyped, as on a phone
    ("apa isi pasal x ayat y?", []),  # a placeholder, not Pasal X
    ("psal 6 dan 7", [6, 7]),
])
def test_articles_are_read_as_people_write_them(question, numbers):
    assert references(question)[0] == numbers


def test_two_articles_named_together_are_both_shown(assistant):
    answer = assistant.ask("pasal 6 dan 7")
    assert [h.section.id for h in answer.hits] == ["pasal-6", "pasal-7"]
    assert answer.markdown.startswith(wording.INTRO_REFERENCE)


@pytest.mark.parametrize("question,sections", [
    ("bab 1", ["pendahuluan"]),
    ("BAB I", ["pendahuluan"]),
    ("jelaskan BAB III", ["kesimpulan"]),
    ("bab 2", [f"pasal-{n}" for n in range(1, 17)]),  # BAB II is the code itself
    ("tampilkan semua pasal", [f"pasal-{n}" for n in range(1, 17)]),
    # how many articles, or which: the articles themselves answer
    ("kode etik peksos ada berapa pasal?", [f"pasal-{n}" for n in range(1, 17)]),
    ("Sebutkan pasal-pasal dalam kode etik pekerja sosial", [f"pasal-{n}" for n in range(1, 17)]),
    ("How many articles are in the code of ethics?", [f"pasal-{n}" for n in range(1, 17)]),
    ("bagian B", ["pasal-6", "pasal-7"]),
    ("Bagian E.", ["pasal-12", "pasal-13", "pasal-14"]),
    ("part D", ["pasal-10", "pasal-11"]),
    ("pasal 7 dan bagian C", ["pasal-7", "pasal-8", "pasal-9"]),
])
def test_a_heading_of_the_document_goes_straight_to_its_sections(assistant, question, sections):
    answer = assistant.ask(question)
    assert [h.section.id for h in answer.hits] == sections
    assert all(h.reason in ("reference", "outline") for h in answer.hits)
    if not answer.hits[0].section.article:
        assert answer.markdown.startswith(wording.INTRO_REFERENCE_PROSE)  # the author's prose, not articles


@pytest.mark.parametrize("question", ["kode etik peksos ada berapa pasal?", "daftar pasal kode etik",
                                      "Sebutkan pasal-pasal dalam kode etik pekerja sosial"])
def test_the_list_of_the_articles_is_their_citations(assistant, question):
    # A list asked for is the articles' citations, one line each; "semua pasal" shows them in full.
    answer = assistant.ask(question)
    lines = answer.markdown.splitlines()
    assert lines[0] == wording.OUTLINE_INTRO.format(count=16)
    assert [line for line in lines if line.startswith("- Kodepeksos Pasal")] == [
        wording.OUTLINE_ITEM.format(citation=h.section.citation) for h in answer.hits]
    assert len(answer.hits) == 16 and not any(line.startswith(">") for line in lines)
    assert all(h.reason == "outline" and not hit_quotes(h) for h in answer.hits)  # ask --json quotes nothing
    assert all(line == "" or wording.is_fixed(line) or line.startswith("_Sumber:") for line in lines)
    assert any(line.startswith("> ") for line in assistant.ask("tampilkan semua pasal").markdown.splitlines())


@pytest.mark.parametrize("question", [
    "gmn cara nulis bab 3 skripsi kesos yg metodenya kualitatif?",  # a thesis's chapter
    "bagian B tentang kerahasiaan klien",  # a topic: searched
    "Is it part a of the code?",  # "part a" is prose, not part A
    "semua pasal yang mengatur klien",  # a topic: searched
    "Sebutkan pasal-pasal yang mengatur kerahasiaan",
])
def test_a_heading_named_inside_a_question_is_not_a_reference(assistant, question):
    assert heading_references(question) == []
    assert not any(h.reason == "reference" for h in assistant.ask(question).hits)


def test_a_question_about_the_quoted_declaration_is_searched_not_sent_to_pasal_1(assistant):
    answer = assistant.ask("bunyi pasal 1 DUHAM yang dikutip di kode etik apa?")
    assert answer.hits and answer.hits[0].reason == "search"


def test_article_analysis_and_prose_are_labelled_apart(assistant):
    markdown = assistant.ask("pasal 16").markdown
    article_at = markdown.index(wording.ARTICLE_LABEL)
    analysis_at = markdown.index(wording.ANALYSIS_LABEL)
    assert article_at < markdown.index("> Pekerja sosial profesional wajib mengetahui dan mematuhi") < analysis_at
    assert markdown.index("> - Memiliki dan menyimpan rumusan Kodepeksos") > analysis_at


@pytest.mark.parametrize("question", ["pasal 99", "pasal 0", "pasal -1"])
def test_unknown_article_numbers_are_explained(assistant, question):
    answer = assistant.ask(question)
    number = question.split()[-1]
    assert wording.UNKNOWN_REFERENCE.format(number=number) in answer.markdown
    assert answer.abstained and not answer.hits

"""Retrieval quality floors on the real model and corpus, so a change that makes answers
worse fails. Floors sit a few points under what main measures (README: quality table)."""

import pytest

from assistant.evaluate import evaluate
from conftest import dev_questions, own_questions


@pytest.fixture(scope="module")
def own_report(assistant):
    return evaluate(own_questions(), assistant.searcher.search)


def test_held_out_questions_floor(own_report):
    assert own_report["recall_at_1"] >= 0.72
    assert own_report["recall_at_3"] >= 0.80
    assert own_report["mrr"] >= 0.76
    assert own_report["abstained_oos"] >= 8  # of 12 questions the code does not answer
    assert own_report["false_abstain"] <= 2


@pytest.mark.skipif(not dev_questions(), reason="shared/eval/dev_questions.jsonl is not beside the repo")
def test_dev_questions_floor(assistant):
    report = evaluate(dev_questions(), assistant.searcher.search)
    assert report["recall_at_1"] >= 0.80
    assert report["recall_at_3"] >= 0.90
    assert report["abstained_oos"] >= 4
    assert report["false_abstain"] <= 1


@pytest.mark.parametrize("question,expected", [
    ("bolehkah saya membuka rahasia klien?", {"pasal-7"}),
    ("Can I date a client?", {"pasal-6"}),
    ("curhatan klien boleh diceritain ke suami?", {"pasal-7"}),
    ("klien ga sanggup bayar, blh sy stop layanannya?", {"pasal-11"}),
    # Part C: both Pasal 8 and Pasal 9 list duties towards colleagues.
    ("kewajban peksos trhadap rekn sejwat", {"pasal-8", "pasal-9"}),
])
def test_typical_questions_rank_the_right_article_first(assistant, question, expected):
    assert assistant.searcher.search(question).hits[0].section.id in expected


@pytest.mark.parametrize("question", [
    "jadwal kereta bandung jakarta hari ini",
    "Apa isi kode etik advokat tentang kerahasiaan klien?",
    "Bagaimana prosedur pendaftaran akreditasi panti?",
    "Pasal 17 Kodepeksos isinya apa?",
])
def test_out_of_scope_questions_abstain(assistant, question):
    assert assistant.searcher.search(question).abstained


@pytest.mark.parametrize("question,unrelated", [
    # A gift is about personal gain (Pasal 6, 2), not about confidentiality: no "rahasia" quote.
    ("klien ngasih hadiah, boleh diterima ga?", "rahasia"),
    ("peksos blh ga nawarin produk MLM atau jualan ke kliennya?", "rahasia"),
])
def test_sections_sharing_only_generic_words_are_not_quoted(assistant, question, unrelated):
    answer = assistant.ask(question)
    assert answer.hits[0].section.id == "pasal-6"
    assert not any(unrelated in line for line in answer.markdown.splitlines() if line.startswith("> "))


@pytest.mark.parametrize("question", [
    # Situations told in the first person, without "boleh": the code may judge them.
    "Saya sering mencetak brosur usaha katering istri pakai printer dan kertas kantor.",
    "Saya mulai dekat dan berpacaran dengan kakak kandung dari remaja yang sedang saya dampingi.",
])
def test_first_person_situations_are_answered_not_abstained(assistant, question):
    assert not assistant.searcher.search(question).abstained


@pytest.mark.parametrize("question", [
    "Bagaimana cara mengisi formulir rujukan ke rumah sakit jiwa?",
    "cara daftar DTKS buat lansia gmn ya",
    "How to register my client into DTKS?",
])
def test_requests_for_a_procedure_abstain(assistant, question):
    assert assistant.searcher.search(question).abstained


@pytest.mark.parametrize("question,expected", [
    ("kewajiban pekerja sosial terhadap masyarakat", {"pasal-15"}),
    ("kewajban peksos trhadap lembga tmpat kerja", {"pasal-10", "pasal-11"}),
])
def test_part_headings_find_their_articles_and_are_never_quoted(assistant, question, expected):
    from assistant.records import HEADING

    result = assistant.searcher.search(question)
    assert result.hits[0].section.id in expected
    assert not any(c.role == HEADING for h in result.hits for c in h.chunks)

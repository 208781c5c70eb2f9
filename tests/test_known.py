"""Real questions asked before (``assistant.known``): a repeat gets its label, and nothing else
is looked up. On the real model and corpus, with the shipped known questions."""

from __future__ import annotations

import importlib.util

import pytest

from assistant import question_sets
from assistant.errors import CorpusError
from assistant.known import Known, KnownQuestions, key, load_known
from assistant.settings import ROOT, Settings


def build_module():
    spec = importlib.util.spec_from_file_location("build_known", ROOT / "scripts" / "build_known_questions.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


def test_the_known_questions_are_what_the_manifest_builds():
    build = build_module()
    assert build.text(build.known_rows()) == Settings().known_path.read_text(encoding="utf-8")


def test_they_are_the_real_development_sets_and_never_a_measuring_sets_question():
    known = load_known(Settings().known_path)
    names = {s.name for s in question_sets.sets(role="known")}
    assert names and all(n.startswith("real-questions-") and n.endswith("-dev") for n in names)
    assert len(known) > 1800
    others = [s for s in question_sets.sets(available=False) if s.name not in names and s.available]
    assert any(s.has("measuring") for s in others)
    found = [q for q in question_sets.question_texts(others) if known.find(q)]
    assert found == []  # so every other set measures what a new question gets


def test_a_repeat_matches_whatever_its_case_punctuation_and_spacing():
    known = KnownQuestions([Known("a", "Is it worth working for CPS?", ())])
    assert known.find("is it worth   working for CPS") is not None
    assert key("Apa  itu PKH?!") == "apa itu pkh"


def test_a_long_question_matches_with_a_slip_and_a_short_one_only_exactly():
    long = "How do you handle the situation where a client gets you a gift?"
    known = KnownQuestions([Known("a", long, ("pasal-6",)), Known("b", "Siapa yang berhak menerima KKS?", ())])
    assert known.find("How do you handle the situaton where a client gets you a gift?").id == "a"
    assert known.find("Siapa yang berhak menerima PIP?") is None  # another programme, another question
    assert known.find("How do you handle the situation where a colleague gets you a gift?") is None


def test_a_question_copied_with_less_of_its_sentence_is_a_repeat():
    known = KnownQuestions([Known("a", "Saya memang kurang paham, apakah uang PKH ini wajib dicairkan lewat BRI Link.", ())])
    assert known.find("apakah uang PKH ini wajib dicairkan lewat BRI Link").id == "a"
    # ... but not a part that is a small share of it, nor a message around it.
    assert known.find("wajib dicairkan lewat BRI Link") is None
    assert known.find("Saya pendamping PKH. Seorang KPM bertanya kepada saya di rumahnya, apakah uang PKH ini wajib "
                      "dicairkan lewat BRI Link atau boleh di kantor pos, dan saya tidak tahu harus menjawab apa") is None


def test_an_exam_item_with_or_without_its_answer_options_is_a_repeat():
    item = "According to the NASW Code of Ethics, what is a social worker's PRIMARY responsibility?"
    known = KnownQuestions([
        Known("a", item + " A. to promote the well-being of clients B. to the agency", ("pasal-6",)),
        Known("b", "As a social worker, you demonstrate integrity when you:", ("pasal-2",)),
        Known("c", "Can a social worker accept a gift from a client?", ("pasal-6",)),
    ])
    assert known.find(item).id == "a"
    assert known.find("As a social worker, you demonstrate integrity when you: a) share your gut feelings").id == "b"
    # Only answer options make the same item: a question that goes on is another question.
    assert known.find("Can a social worker accept a gift from a client's family at a funeral?") is None
    assert known.find("According to the NASW Code of Ethics, what is") is None


@pytest.mark.parametrize("line, message", [
    ('{"q": "x"}', "gold"),
    ('{"q": "x", "gold": ["pasal-99"]}', "pasal-99"),
    ("bukan json", "JSON"),
])
def test_a_bad_line_is_named_in_indonesian(tmp_path, line, message):
    path = tmp_path / "known.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_known(path, {"pasal-6"})
    with pytest.raises(CorpusError, match="tidak dapat dibaca"):
        load_known(tmp_path / "absent.jsonl")


def asked(assistant, question: str, known: bool = True):
    saved = assistant.searcher.known
    assistant.searcher.known = saved if known else None
    try:
        return assistant.searcher.search(question)
    finally:
        assistant.searcher.known = saved


def test_a_known_question_the_code_does_not_answer_is_refused_as_labelled(assistant):
    # Labelled out of scope (another profession's matter); the search alone quotes Pasal 7.
    question = "Should Addiction Counselors Disclose Their Recovery?"
    assert asked(assistant, question, known=False).outcome != "not found"
    result = asked(assistant, question)
    assert result.outcome == "not found" and not result.hits
    assert "Tidak ditemukan" in assistant.ask(question).markdown


def test_a_label_given_from_its_page_does_not_refuse_a_question_like_those_the_code_answers(assistant):
    # Labelled out of scope because its page asked it of psychologists; typed here, by a social
    # worker, the gate finds it like the questions the code answers and it names a topic of the
    # code: the search's answer stands (Pasal 7 first), as a soft rule's refusal is doubted.
    question = "Kapan sesungguhnya konfidensialitas klien dapat dilanggar?"
    result = asked(assistant, question)
    assert result.outcome != "not found" and result.hits[0].section.id == "pasal-7"
    assert [h.section.id for h in result.hits] == [h.section.id for h in asked(assistant, question, known=False).hits]


def test_a_known_question_a_rule_refuses_keeps_the_rules_note(assistant):
    # Labelled out of scope and refused by the administrative rule: the note says why.
    result = asked(assistant, "What Kind of Education Do I Need to Become a Social Worker?")
    assert result.outcome == "not found" and result.refusal == "administrative"


def test_a_known_question_gets_the_sections_of_its_label_and_only_those(assistant):
    # Not an example question (its set is only known): the search alone leads with Pasal 12.
    question = "What would you do if you were asked to be your hairdresser’s social worker?"
    assert asked(assistant, question, known=False).hits[0].section.id != "pasal-6"
    result = asked(assistant, question)
    assert result.outcome == "answered"
    assert [h.section.id for h in result.hits] == ["pasal-6", "pasal-2"]
    markdown = assistant.ask(question).markdown
    assert markdown.count("**Teks pasal (kode etik):**") == 2 and "Pasal 6 (" in markdown and "Pasal 2 (" in markdown


def test_a_new_question_like_a_known_one_is_searched_as_any_other(assistant):
    # Two words apart from a known out-of-scope question: not a repeat.
    assert asked(assistant, "Should social workers disclose their recovery?").outcome != "not found"


def test_a_follow_up_and_an_article_asked_by_number_are_not_looked_up(assistant):
    # A follow-up's join is searched as any question, even where its text is a known one.
    question = "Should Addiction Counselors Disclose Their Recovery?"
    saved = assistant.searcher.known
    try:
        joined = assistant.searcher.search(question, follow_up="kalau kliennya anak?")
        assistant.searcher.known = None
        alone = assistant.searcher.search(question, follow_up="kalau kliennya anak?")
    finally:
        assistant.searcher.known = saved
    assert joined.outcome == alone.outcome != "not found"
    assert [h.section.id for h in joined.hits] == [h.section.id for h in alone.hits]
    # A known question naming an article is answered with that article.
    result = asked(assistant, "Apa yag di maksud dengan kode etik pekerja social pasal 7")
    assert [h.section.id for h in result.hits][:1] == ["pasal-7"]

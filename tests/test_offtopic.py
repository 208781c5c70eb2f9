"""The off-topic gate (``assistant.offtopic``): the shipped file matches the shipped model
and examples, it is off for another model, a broken file is explained in Indonesian, and on
the real model it refuses questions the code does not answer that no rule names, while
questions about the code's topics, however short, are answered."""

import copy
import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embed import model_id
from assistant.errors import CorpusError
from assistant.offtopic import FEATURES, OffTopicGate, load_gate
from assistant.settings import PACKAGED_MODEL, Settings
from assistant.search import GATE_MIN_CONTENT, NEAR_CEILING


def gate(**changes) -> OffTopicGate:
    fields = dict(model="m", mean=(0.0,) * 7, scale=(1.0,) * 7, weights=(1.0,) + (0.0,) * 6, bias=0.0,
                  threshold=0.5)
    return OffTopicGate(**{**fields, **changes})


def test_the_probability_is_a_logistic_of_the_standardized_figures():
    g = gate(mean=(2.0,) + (0.0,) * 6, scale=(0.5,) + (1.0,) * 6)
    x = np.array([3.0, 9, 9, 9, 9, 9, 9])  # only the first figure weighs: z = (3 - 2) / 0.5 = 2
    assert g.probability(x) == pytest.approx(1 / (1 + np.exp(-2)))
    assert g.off_topic(x) and not g.off_topic(np.array([1.0, 0, 0, 0, 0, 0, 0]))


def test_a_gate_round_trips_through_its_file_and_is_off_for_another_model(tmp_path):
    path = tmp_path / "gate.json"
    path.write_text(gate().to_json(fit={"questions": 3}), encoding="utf-8")
    assert load_gate(path, "m") == gate()
    assert load_gate(path, "another model") is None
    assert load_gate(tmp_path / "absent.json", "m") is None
    assert load_gate(None, "m") is None


@pytest.mark.parametrize("text,message", [
    ("{not json", "tidak dapat dibaca"),
    (json.dumps({"model": "m"}), "tidak dapat dibaca"),
    (json.dumps({**json.loads(gate().to_json()), "features": ["a", "b"]}), "tidak cocok"),
])
def test_a_broken_gate_file_is_explained_in_indonesian(tmp_path, text, message):
    path = tmp_path / "gate.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_gate(path, "m")


def test_the_shipped_gate_was_fitted_for_the_shipped_model_and_examples():
    # Re-fit with scripts/fit_offtopic_gate.py after changing either.
    settings = Settings()
    data = json.loads(settings.gate_path.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    assert data["model"] == model_id(settings)
    assert data["examples_sha256"] == hashlib.sha256(settings.examples_path.read_bytes()).hexdigest()
    assert load_gate(settings.gate_path, model_id(settings)) is not None
    # The packaged model's cosines mean other things: no gate for it.
    assert load_gate(settings.gate_path, model_id(Settings(model=PACKAGED_MODEL))) is None


def test_the_shipped_gate_was_fitted_on_the_sets_the_manifest_names():
    from assistant import question_sets

    fitted_on = json.loads(Settings().gate_path.read_text(encoding="utf-8"))["fit"]["fitted_on"]
    # A gate fitted before the sets got their present names records the names they had.
    names = [[s.name, Path(s.old_name).name.removesuffix("_questions.jsonl") if s.old_name else s.name]
             for s in question_sets.sets(role="gate-fitting", available=False)]
    assert len(fitted_on) == len(names)
    assert all(name in either for name, either in zip(fitted_on, names)), (fitted_on, names)


# Written for this test, in no question set: off-topic requests no rule names.
OFF_TOPIC = [
    "rekomendasi laptop murah buat ngetik laporan kasus",
    "What is the best laptop for writing case notes?",
    "tips wawancara kerja di NGO internasional",
    "Is the social services office open on Saturday?",
    "Sebutkan tokoh-tokoh pendiri pekerjaan sosial di dunia",
]
# Short questions on the code's topics, typed as keywords: never refused.
ON_TOPIC = [
    "ongkos pelayanan",
    "kerahasiaan klien",
    "hubungan dengan rekan sejawat",
    "kewajiban terhadap masyarakat",
    "pekerja sosial menerima hadiah dari keluarga klien",
    "teori hubungan antar manusia dan sistem sosial dalam pekerjaan sosial",
    # One or two words the code or the vocabulary knows: a topic searched for. Without the
    # exemption the gate refused both (probability 0.998 and 0.999).
    "kompetensi",
    "informed consent",
]


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_the_gate_refuses_what_no_rule_names(assistant, question):
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    assert not searcher.should_abstain(query, lex)  # the rules alone would answer it
    assert searcher.off_topic(query, den)
    result = searcher.search(question)
    if query.domain and searcher.off_topic_probability(query, den) <= NEAR_CEILING:
        # It names social work and the gate is not sure: the closest passages under the
        # hedging heading, never a plain answer ("tokoh-tokoh pendiri pekerjaan sosial": 0.94).
        assert result.near and not result.abstained
    else:
        assert result.abstained and not result.hits


@pytest.mark.parametrize("question", ON_TOPIC)
def test_the_gate_keeps_questions_on_the_codes_topics(assistant, question):
    result = assistant.searcher.search(question)
    assert not result.abstained and result.hits


def test_a_question_about_conduct_naming_the_field_is_refused_only_where_the_gate_is_all_but_sure(assistant):
    searcher = assistant.searcher
    # As far from the examples as an off-topic request (over the first and second thresholds),
    # but it asks whether a social worker may do something: only the fourth, highest
    # threshold judges it, and it stays under that.
    query = searcher.analyzer("bolehkah pekerja sosial main game online di hp?")
    lex, den = searcher.chunk_scores(query)
    assert query.conduct and query.domain and searcher.gate_judges_kept(query)
    assert searcher.off_topic_probability(query, den) > searcher.gate.conduct_threshold
    assert searcher.gate_threshold(query) == searcher.gate.field_threshold and not searcher.off_topic(query, den)
    assert searcher.search(query.text).outcome == "answered"
    # A role of the field ("pk bapas") names it as surely.
    query = searcher.analyzer("pk bapas ditekan pejabat biar litmas napi tertentu dibagusin, ada aturannya gk?")
    assert query.conduct and not query.domain and searcher.gate_judges_kept(query)
    assert searcher.search(query.text).outcome == "answered"


@pytest.mark.parametrize("question", ["I feel overwhelmed on my placement. What should I do?",
                                      "Is it safe to let an AI app tidy up my case notes?"])
def test_a_students_placement_and_a_workers_case_notes_name_the_field(assistant, question):
    # A field placement and case notes are the field's own, as a client is: a question on
    # conduct naming them is judged by the fourth threshold, not the second (the placement
    # question scores 0.99 and was refused).
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    assert query.domain and searcher.names_field(query)
    assert searcher.gate_threshold(query) == searcher.gate.field_threshold
    assert searcher.search(question).outcome == "answered"


def test_what_would_you_do_asks_how_to_act(assistant):
    # An exam's "What would you do if …?" asks about conduct: naming the field, it is refused
    # only over the fourth threshold (it was judged by the first and refused). (Asked of a
    # neighbour alone, two known words, the rules keep it from the gate: "neighbour" is the
    # vocabulary's now.)
    searcher = assistant.searcher
    question = "What would you do if your neighbour asked you to be her social worker in her divorce case?"
    query = searcher.analyzer(question)
    assert query.conduct and searcher.gate_threshold(query) == searcher.gate.field_threshold
    answer = searcher.search(question)
    assert answer.outcome == "answered" and answer.hits[0].section.id == "pasal-6"


def test_a_roles_duties_asked_are_conduct(assistant):
    # "What are the therapist's duties …?" asks what a helping professional must do, as "should" does.
    searcher = assistant.searcher
    question = "What are the therapist’s duties when a teenage client’s parents speak no English?"
    assert searcher.analyzer(question).conduct
    answer = searcher.search(question)
    assert answer.outcome == "answered" and answer.hits[0].section.id == "pasal-6"


@pytest.mark.parametrize("question", ["Nah, tabukah kisah asmara pendamping dengan KPM?",
                                      "apakah tabu punya kisah cinta dengan KPM?"])
def test_asking_whether_something_is_taboo_is_conduct(assistant, question):
    # "tabu" asks whether something may be done, as "pantas" does: not a topic of unknown words.
    answer = assistant.searcher.search(question)
    assert answer.query.conduct
    assert answer.outcome == "answered" and answer.hits[0].section.id == "pasal-6"


# ("… for my family?" is a client's own case, refused by the rules before the gate: the
# assistant.query client's-case rule)
@pytest.mark.parametrize("question", ["Can a family ask for a different CPS caseworker?"])
def test_a_familys_question_about_its_social_worker_is_refused_over_the_fourth_threshold(assistant, question):
    # A family asking about its own caseworker names the field and asks what it may do: the
    # rules keep such a question, and the gate, all but sure it is unlike what the code is
    # asked, refuses it only over the fourth threshold.
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    assert (query.conduct or query.situation) and searcher.names_field(query)
    assert not searcher.should_abstain(query, lex)  # the rules alone would answer it
    assert searcher.gate_judges_kept(query) and searcher.gate_threshold(query) == searcher.gate.field_threshold
    assert searcher.gate.conduct_threshold < searcher.gate.field_threshold < 1.0
    assert searcher.search(question).outcome == "not found"
    kept = copy.copy(searcher)
    kept.gate = dataclasses.replace(searcher.gate, field_threshold=1.0)
    assert kept.search(question).outcome == "answered"


def test_the_fourth_threshold_keeps_a_workers_duty_to_keep_learning(assistant):
    # The gate finds questions on "kompetensi" unlike the code's (the examples hold many on
    # competence exams): this one scores over the 0.99 the gain chose, under the 0.995 shipped.
    searcher = assistant.searcher
    question = "Apakah pekerja sosial wajib terus belajar dan meningkatkan kompetensinya?"
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    assert searcher.gate_judges_kept(query)
    assert 0.99 < searcher.off_topic_probability(query, den) <= searcher.gate.field_threshold
    result = searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id in {"pasal-3", "pasal-12", "pasal-14"}


@pytest.mark.parametrize("question", [
    "boleh gak rekomendasi laptop murah buat ngetik laporan kasus?",
    "Can I appeal my son's school suspension?",
])
def test_a_question_about_conduct_naming_no_field_is_refused_over_the_second_threshold(assistant, question):
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    assert query.conduct and not searcher.should_abstain(query, lex)  # the rules alone would answer it
    assert searcher.gate_judges_conduct(query) and searcher.gate_threshold(query) == searcher.gate.conduct_threshold
    assert searcher.gate.threshold < searcher.gate.conduct_threshold < 1.0
    assert searcher.off_topic(query, den)
    assert searcher.search(question).outcome == "not found"


@pytest.mark.parametrize("question", ["Apa itu Karang Taruna?", "Apa tugas konselor?"])
def test_a_short_question_naming_no_field_is_refused_over_the_third_threshold(assistant, question):
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    # Two words the vocabulary knows: the first threshold never judges a question so short.
    assert query.content < GATE_MIN_CONTENT and not query.unknown and not searcher.gate_decides(query)
    assert not searcher.should_abstain(query, lex)  # the rules alone would answer it
    assert searcher.gate_judges_short(query) and searcher.gate_threshold(query) == searcher.gate.short_threshold < 1.0
    assert searcher.search(question).outcome == "not found"


@pytest.mark.parametrize("question", ["Is working for CPS worth it?", "Pekerja sosial, kenapa tidak?"])
def test_a_short_question_naming_the_field_is_refused_over_the_highest_threshold(assistant, question):
    # A career or an opinion of the profession asked in a few words: the rules keep a question
    # naming the field, so before the gate judged it none was refused, whatever the gate said.
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    assert query.content < GATE_MIN_CONTENT and not searcher.gate_decides(query)
    assert not searcher.gate_judges_short(query) and searcher.gate_judges_kept(query)
    assert searcher.gate_threshold(query) == searcher.gate.field_threshold < 1.0
    assert searcher.search(question).outcome == "not found"


@pytest.mark.parametrize("question, first", [
    # the code's own words ("kompetensi", "profesi", "tugas"): judged only at the highest threshold
    ("Bagaimana prinsip kompetensi dalam pekerjaan sosial?", "pasal-3"),
    ("Is social work a profession?", "pendahuluan"),
    ("Apa tugas pekerja sosial?", "pendahuluan"),
    ("Siapa pekerja sosial itu?", "pendahuluan"),  # a definition
])
def test_a_short_question_naming_the_field_in_the_codes_words_is_kept(assistant, question, first):
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    assert searcher.gate_judges_kept(query) and searcher.gate_threshold(query) == searcher.gate.field_threshold
    result = searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id == first


@pytest.mark.parametrize("question, first", [
    ("Apa yang dimaksud dengan diskriminasi?", "pasal-6"),
    ("Apa yang dimaksud dengan privasi?", "pasal-7"),
    ("Apa yang dimaksud dengan boundaries?", "pasal-6"),
])
def test_a_short_question_is_judged_by_its_topic_too(assistant, question, first):
    # The gate learnt "Apa yang dimaksud dengan …" from real off-topic questions ("… DTKS?"):
    # judged as typed only, these were refused over the third threshold, while "Apa itu
    # diskriminasi?" was answered. The topic alone is one of the question's forms.
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    lex, den = searcher.chunk_scores(query)
    assert searcher.gate_judges_short(query) and " ".join(query.content_words) in searcher.gate_forms(query)
    assert searcher.gate.probability(searcher.gate_features(query, den)) > searcher.gate.short_threshold
    result = searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id == first


@pytest.mark.parametrize("question, article", [
    # "penerapan" read as the code's own application (BAB III) and "praktik pekerjaan sosial"
    # as BAB I's words: Pasal 7 was not shown at all, and the competence question was refused.
    ("Bagaimana penerapan prinsip kerahasiaan dalam praktik pekerjaan sosial?", "pasal-7"),
    ("Bagaimana penerapan prinsip kompetensi dalam praktik pekerjaan sosial?", "pasal-3"),
])
def test_a_principle_asked_in_a_students_frame_is_searched_by_its_topic(assistant, question, article):
    result = assistant.searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id == article


def test_the_application_frame_is_kept_when_it_is_about_the_code_itself():
    from assistant.query import without_application_frame
    assert without_application_frame("Bagaimana penerapan prinsip kerahasiaan dalam praktik pekerjaan sosial?") == (
        "Bagaimana prinsip kerahasiaan dalam pekerjaan sosial?")
    code = "Bagaimana penerapan kode etik dalam praktik pekerjaan sosial?"
    assert without_application_frame(code) == code
    assert without_application_frame("Bolehkah saya menerima hadiah?") == "Bolehkah saya menerima hadiah?"


@pytest.mark.parametrize("question,article", [
    ("kode etik tentang penelitian", "pasal-5"),
    ("apa isi kode etik tentang kerahasiaan?", "pasal-7"),
    ("kode etik peksos ttg kerahasiaan apa aja?", "pasal-7"),
    ("kode etik tentang hadiah", "pasal-6"),  # BAB I first when read as "pekerja sosial tentang …"
    ("kode etik ngomong apa soal gaji peksos?", "pasal-10"),
    # "apa yang diatur kode etik" asks what it rules, not to whom it applies (a scope question)
    ("Apa yang diatur kode etik tentang kerahasiaan?", "pasal-7"),
    ("Apa yang diatur kode etik pekerja sosial mengenai ongkos pelayanan?", "pasal-11"),
])
def test_the_code_asked_about_a_topic_is_searched_by_its_topic(assistant, question, article):
    # The code's name drew BAB III and Pasal 16 first before (``without_code_frame``).
    result = assistant.searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id == article


def test_the_code_frame_is_kept_when_no_topic_remains_or_the_question_is_long():
    from assistant.query import without_code_frame
    assert without_code_frame("kode etik tentang penelitian") == "tentang penelitian"
    assert without_code_frame("apa isi kode etik peksos ttg kerahasiaan?") == "apa ttg kerahasiaan?"
    assert without_code_frame("kode etik ngomong apa soal gaji peksos?") == "soal gaji peksos?"
    assert without_code_frame("Apa arti kerahasiaan menurut kode etik pekerja sosial?") == "Apa arti kerahasiaan?"
    for kept in ("kode etik tentang apa saja?", "Bolehkah saya menerima hadiah?",
                 "Apa saja prinsip dalam kode etik pekerja sosial?",
                 "Saya sering mempersingkat kunjungan rumah jadi lima menit saja biar target bulanan tercapai. "
                 "Apa kata kode etik tentang layanan seperti ini?"):
        assert without_code_frame(kept) == kept


def test_an_english_code_frame_is_taken_off_when_a_topic_remains():
    from assistant.query import without_code_frame
    assert without_code_frame("Which duties of supervisors are covered by the NASW code of ethics?") == (
        "Which duties of supervisors are covered?")
    assert without_code_frame("What does the NASW Code of Ethics (2017) state about reporting unethical colleagues?") == (
        "What does about reporting unethical colleagues?")
    # A long English question is read the same way (the Indonesian frame is bounded by length).
    long = ("After three years in a hospital team I still wonder what the social work code of ethics says "
            "about sharing a patient's records with the family")
    assert without_code_frame(long).endswith("I still wonder what about sharing a patient's records with the family")
    for kept in ("What is the purpose of the code of ethics?", "Why do professions need a code of ethics?"):
        assert without_code_frame(kept) == kept


@pytest.mark.parametrize("question, first", [
    ("Which duties of supervisors are covered by the NASW code of ethics?", "pasal-9"),
    ("What does the NASW Code of Ethics (2017) state about reporting unethical colleagues?", "pasal-12"),
    ("What does the social work code of ethics say on keeping client records?", "pasal-7"),
])
def test_an_english_question_naming_a_code_is_searched_by_its_topic(assistant, question, first):
    # The code's name drew BAB III among the sections shown before (``ENGLISH_CODE_FRAME``).
    hits = [h.section.id for h in assistant.searcher.search(question).hits]
    assert hits[0] == first and "kesimpulan" not in hits and "pendahuluan" not in hits


def test_a_code_frame_with_no_known_topic_left_is_searched_as_asked(assistant):
    # "What is written?" names nothing the vocabulary knows: searched so, it led with Pasal 5.
    hits = [h.section.id for h in assistant.searcher.search("What is written in the code of ethics?").hits]
    assert hits[0] in ("kesimpulan", "pendahuluan")


@pytest.mark.parametrize("question, first", [
    ("kompetensi", "pasal-4"),  # a bare topic searches the code
    ("informed consent", None),
    ("Apa itu kompetensi?", "pasal-4"),  # asked in the code's own words (Pasal 4, Pasal 12)
    ("Siapa pekerja sosial itu?", "pendahuluan"),  # names the field
])
def test_a_short_topic_of_the_code_is_judged_only_at_the_highest_threshold(assistant, question, first):
    searcher = assistant.searcher
    query = searcher.analyzer(question)
    assert not searcher.gate_judges_short(query) and searcher.gate_threshold(query) == searcher.gate.field_threshold
    result = searcher.search(question)
    assert result.outcome == "answered"
    assert first is None or result.hits[0].section.id == first


def test_a_gate_file_without_a_second_threshold_never_refuses_by_it(tmp_path):
    data = json.loads(gate(conduct_threshold=0.9).to_json())
    assert data["conduct_threshold"] == 0.9
    del data["conduct_threshold"]
    path = tmp_path / "gate.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_gate(path, "m").conduct_threshold == 1.0
    assert load_gate(path, "m").short_threshold == 1.0
    assert load_gate(path, "m").field_threshold == 1.0


def test_the_gate_is_fitted_only_on_questions_the_product_leaves_to_it(assistant):
    # A definition or a part's duties is never refused: scripts/fit_offtopic_gate.py leaves
    # such questions out of what it fits and counts.
    searcher = assistant.searcher
    for question, left in [("Apa yang dimaksud dengan kode etik pekerja sosial?", False),
                           ("What are social workers' ethical responsibilities to clients?", False),
                           ("Jelaskan teori sistem ekologi Bronfenbrenner secara lengkap", True)]:
        query = searcher.analyzer(question)
        lex, _ = searcher.chunk_scores(query)
        assert searcher.left_to_gate(query, lex) is left, question


@pytest.mark.parametrize("question", ["Kenapa nama saya tidak muncul lagi?",
                                      "Can the social worker see my son alone?"])
def test_a_short_question_the_rules_keep_is_still_judged_by_the_gate(assistant, question):
    # A recipient asking why their name is gone from a list, or a parent about the social worker
    # on their case, in a word or two of their own: no threshold judged such a question and the
    # rules kept it, so it got quotes whatever the gate said (0.999, 0.997). Now every question
    # that reaches the gate is judged; the rules' keep is its highest threshold. (The parent's
    # question is also a client's own case now: judged here with that rule off.)
    searcher = assistant.searcher
    query = dataclasses.replace(searcher.analyzer(question), clients_case=False)
    lex, den = searcher.chunk_scores(query)
    assert query.content < GATE_MIN_CONTENT and not searcher.should_abstain(query, lex)
    assert searcher.gate_judges_kept(query) and searcher.gate_threshold(query) == searcher.gate.field_threshold
    assert searcher.off_topic(query, den)
    assert searcher.search(question).outcome == "not found"

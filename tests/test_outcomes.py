"""Three outcomes: an answer, the closest passages under a hedging heading ("near"), or
"Tidak ditemukan" for what the code clearly does not cover (administrative matters get a
note saying so). Definition questions lead with BAB III and BAB I. Real assistant, real
corpus; the real questions' floors are in ``questions/manifest.yaml`` (``test_retrieval``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant import wording
from assistant.cli import main as cli
from assistant.search import ANSWERED, NEAR, NOT_FOUND


@pytest.mark.parametrize("question", [
    "apakah uang PKH ini wajib dicairkan lewat BRI Link",
    "Bansos Dipotong Kemana Harus Minta Tolong?",
    "bagaimana aturan kewajiban memiliki Surat Tanda Registrasi Pekerja Sosial",
    "kapan BPNT bulan ini cair?",
    "Berapa gaji pendamping PKH tahun ini?",
    "Can I renew my expired social work license?",
    "ada lowongan pekerja sosial di Surabaya?",
    "Kenapa saldo KKS saya kosong padahal bulan lalu ada?",
    "Kenapa status PBI saya jadi nonaktif?",
    "Apa saja tips wawancara kerja untuk posisi pekerja sosial?",
    "How do I apply for food stamps (SNAP) in Ohio?",
    "Should I get an MSW or a BSW first?",
    # choosing the career
    "What Kind of Education Do I Need to Become a Social Worker?",
    "Why did you choose social work as a career?",
    # English programme names, matched as typed ("credit" alone is authorship credit, Pasal 5)
    "Does Universal Credit count my partner's income?",
    "Who is protected by title protection laws?",
    "How do I get licensed as a social worker in Indonesia?",
    "What does a Licensed Clinical Social Worker do?",
    "What should I do to become a licensed clinical social worker?",
    "What should a licensed social worker do to renew her license?",
    # "dicoret" also matches client rights (struck off a voters' list): a programme's own word
    "Kenapa nama saya dicoret dari daftar penerima bantuan?",
    # a claimant's side of a benefit: "lying", "fraud", "pay back" are the claimant's, not a worker's
    "Why did the welfare office accuse me of lying on my form?",
    "The welfare office says I was overpaid. Do I have to pay it back?",
    # a regulator's register, exam or accreditation, not the code
    "What happens if a concern is raised with Social Work England about my practice?",
    "What does the CSWE accredit?",
    # registration with a regulator and its development credits
    "Do I need to be registered to work as a hospital social worker?",
    "How many CPD hours must a social worker log each year?",
    "Is my registration still valid if I move to another province?",
    "Do new graduates need to register with the council before their first job?",
    # a workforce's pay and pensions
    "Do social workers get a pension when they retire?",
    "Will the new pay scale for council social workers start this year?",
    # a worker's own cover
    "Where can a freelance social worker buy professional liability insurance?",
    # the ministry's register of those it serves
    "PMKS itu apa saja jenisnya?",
    "What score do I need on the social work certification exam?",
    # a scholarship, asked as such
    "Apakah ada beasiswa untuk kuliah pekerjaan sosial?",
    "Are there scholarships for social work students?",
    # paying for one's studies
    "Is there a student loan forgiveness program for social workers in public service?",
    # a programme's payment, not the fees of Pasal 11
    "Who should I contact if my PKH payment is late?",
    "pembayaran PKH saya telat, harus hubungi siapa?",
    "My food stamps payment did not arrive, what should I do?",
    "Why was my benefit payment reduced this month?",
    # a pay rate, whatever setting it names (a hospital is one of the code's settings)
    "What is the salary of a school social worker in Jakarta?",
    "What is the salary of a hospital social worker in Malaysia?",
])
def test_administrative_questions_are_refused_with_a_note(assistant, question):
    assert_refused_with(assistant.ask(question), wording.ADMINISTRATIVE)


def assert_refused_with(answer, note):
    """"Tidak ditemukan" with ``note`` and no other refusal's, nothing quoted."""
    assert answer.outcome == NOT_FOUND and answer.abstained and not answer.hits
    assert note in answer.markdown
    others = {wording.ADMINISTRATIVE, wording.CLIENTS_CASE, wording.OTHER_DOCUMENT} - {note}
    assert not any(other in answer.markdown for other in others)
    assert not any(line.startswith(">") for line in answer.markdown.splitlines())


@pytest.mark.parametrize("question", [
    "Apa isi kode etik psikolog tentang rahasia klien?",
    "What does the code of ethics for nurses say about accepting gifts?",
    "Apa isi UU Nomor 14 Tahun 2019 tentang praktik pekerjaan sosial?",
    # a law named by its short name
    "Does HIPAA apply to a social worker in a homeless shelter?",
    # what another profession may do, asked of it: its own code's matter (these were answered
    # with this code's articles on gifts, colleagues or confidentiality)
    "Should a nurse report a colleague who steals medication?",
    "Are doctors allowed to accept gifts from patients?",
    "Apakah psikolog boleh berteman dengan pasiennya di Instagram?",
    "What should a teacher do if a student confides about abuse?",
    # ... physicians and midwives too
    "Should physicians tell a patient's family about a terminal diagnosis?",
    "Can midwives accept gifts from the mothers they care for?",
])
def test_another_document_is_refused_with_a_note_saying_so(assistant, question):
    # Not "try other words": the answer is in another document, which is not quoted here.
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND and not answer.hits
    assert wording.OTHER_DOCUMENT in answer.markdown and wording.NOT_FOUND_HINT not in answer.markdown
    assert wording.OTHER_DOCUMENT not in assistant.ask("jadwal kereta bandung jakarta hari ini").markdown


@pytest.mark.parametrize("question", [
    "Bolehkah pendamping PKH meminta uang dari penerima bansos?",
    "bolehkah peksos menerima honor tambahan dari keluarga klien?",
    # no "boleh": a worker asking a recipient for money is the worker's conduct all the same
    "Bagaimana jika pendamping PKH meminta uang kepada KPM?",
    "Pendamping PKH memungut uang dari KPM setiap pencairan",
    # "seenaknya" judges the worker's conduct
    "pendamping PKH seenaknya mencoret nama warga dari daftar bantuan",
    # a TKSK or PSM is a worker asking about their own conduct (refused as administrative before)
    "Apakah PSM boleh menerima imbalan dari warga?",
    "Bagaimana sebaiknya saya terus mengasah cara kerja lapangan saya sebagai TKSK?",
    # a worker keeping recipients' cards: misconduct, never "not regulated"
    "pendamping menahan kartu ATM KKS milik KPM",
    "KKS milik KPM disimpan oleh pendamping, bagaimana?",
    # staff taking part of the aid meant for clients: misuse of the agency's resources
    "Sembako untuk warga binaan sering diambil sebagian oleh staf. Apa kewajiban saya?",
    # a scholarship open only to one religion: discrimination (Pasal 6), not a scholarship matter
    "Donatur mau membiayai beasiswa anak panti kami asal hanya untuk anak yang seagama dengannya. "
    "Bolehkah kami menerima syarat itu?",
    # a worker's conduct toward the welfare office
    "Is it ethical for a social worker to help a client hide income from the welfare office?",
    # a worker asking a recipient to pay: the worker's conduct, not the programme's payment
    "Apakah pendamping PKH boleh meminta pembayaran dari KPM?",
    "Can a social worker charge a fee to a PKH recipient?",
])
def test_a_workers_conduct_around_payments_is_still_answered(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and answer.hits
    assert wording.ADMINISTRATIVE not in answer.markdown


@pytest.mark.parametrize("question", [
    "My caseworker never calls me back. How can I ask for someone else?",
    "Can CPS come into my house if I say no?",
    "my social worker keeps cancelling our meetings, what are my options?",
    # a worker coming to the asker's household
    "Is a social worker allowed to interview my kids at school without telling me?",
    "Can the caseworker move my mother to a care home against her will?",
])
def test_a_clients_own_case_is_refused_with_its_note(assistant, question):
    assert_refused_with(assistant.ask(question), wording.CLIENTS_CASE)


@pytest.mark.parametrize("question,expected", [
    # the asker's own title, not a worker of theirs
    ("Can I put my social worker title on a flyer for a political candidate?", {"pasal-1", "pasal-13"}),
    # a supervisor or a manager speaking of the workers they lead
    ("As a supervisor, how do I help my social workers avoid burnout?", {"pasal-6", "pasal-9", "pasal-8"}),
    ("Our social workers are exhausted; what does the code say about supporting colleagues?",
     {"pasal-8", "pasal-9"}),
    # a worker speaking of their client's worker
    ("My client says her previous caseworker told her family secrets to the neighbours. "
     "Should I report this?", {"pasal-8", "pasal-12", "pasal-16", "pasal-7"}),
    # a worker speaking of their own household
    ("As a social worker, may I take on my cousin's family as a case if my husband agrees?",
     {"pasal-6"}),
])
def test_a_workers_own_words_are_no_clients_case(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.outcome != NOT_FOUND and answer.hits[0].section.id in expected


@pytest.mark.parametrize("question,expected", [
    # The ethics of an administrative matter is asked, not the matter (a licence, a
    # certification exam, a benefit named inside the question).
    ("Seorang pekerja sosial ketahuan membeli bocoran soal uji kompetensi sertifikasi. "
     "Bagaimana kode etik memandang perbuatan itu?", {"pasal-1", "pasal-12", "pasal-2"}),
    ("Is it ethical for a licensed social worker to share a client's file with a colleague "
     "who is not involved in the case?", {"pasal-7"}),
    # "licensed social worker" names the role, as US exam items do, not a licence
    ("A client tells the licensed social worker that she can no longer pay the agency's fee. "
     "What should the licensed social worker do first?", {"pasal-11"}),
    ("A Licensed Clinical Social Worker is asked by a client to keep a secret from the client's "
     "spouse. What should the social worker do?", {"pasal-7"}),
    # "registered social worker" names the role too
    ("A registered social worker is offered an expensive watch by a grateful client. "
     "Should she accept it?", {"pasal-6", "pasal-2"}),
    # a client's registration (to vote) is hers: the worker's conduct around it is asked
    ("A client asked me to help with her voter registration before the election. Is that "
     "political activity I should avoid?", {"pasal-6", "pasal-13", "pasal-15", "pasal-1"}),
    # ... and so is a "registered sex offender" the client is
    ("My client is a registered sex offender who wants to volunteer at a youth camp. Must I tell "
     "the camp?", {"pasal-6", "pasal-7"}),
    # claiming to be a licensed worker is misrepresentation, not a licensing matter
    ("Can I say I am a licensed social worker if I am still a student?", {"pasal-1", "pasal-12"}),
    # ... with no topic of the code in it too, when it asks how the worker should act
    ("A licensed social worker receives an angry email from a client. How should the social "
     "worker respond?", {"pasal-6", "pasal-7"}),
    # the code's own word for the value ("integritas") asks the ethics of handing out aid
    ("Bagaimana penerapan integritas pekerja sosial dalam penyaluran bansos?", {"pasal-2"}),
])
def test_the_ethics_of_an_administrative_matter_is_answered(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and wording.ADMINISTRATIVE not in answer.markdown
    assert answer.hits[0].section.id in expected


@pytest.mark.parametrize("question,first", [
    ("Apa yang dimaksud dengan kode etik pekerja sosial?", "kesimpulan"),
    ("Apa yag di maksud dengan kode etik pekerja social", "kesimpulan"),
    ("Why is the code of ethics so important for social workers?", "kesimpulan"),
    ("What is the purpose of the code of ethics?", "kesimpulan"),
    ("Siapa sih Pekerja Sosial itu?", "pendahuluan"),
    ("Mengapa pekerja sosial penting?", "pendahuluan"),
    ("What does a social worker actually do?", "pendahuluan"),  # "what does … do", a filler word
    ("What is really the purpose of the code of ethics?", "kesimpulan"),
    ("Apa sih IPSPI itu?", "kesimpulan"),  # the association whose code it is
    ("Apa bedanya kerja sosial dengan pekerjaan sosial profesional?", "pendahuluan"),  # "beda": what sets it apart
])
def test_definition_questions_lead_with_bab_iii_and_bab_i(assistant, question, first):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED
    ids = [h.section.id for h in answer.hits]
    assert ids[0] == first and set(ids[:2]) == {"kesimpulan", "pendahuluan"}
    # quoted as the author's prose, under its own label
    label = wording.PROSE_LABEL.format(part=answer.hits[0].section.part, title=answer.hits[0].section.title)
    lines = answer.markdown.splitlines()
    assert label in lines and lines[lines.index(label) + 2].startswith("> ")


@pytest.mark.parametrize("question,defining", [
    # "Pekerja Sosial Profesional Indonesia" is also named in the author's aims ("B. Tujuan
    # Penulisan … 1. Memahami dan menganalisis kode etik Pekerja Sosial Profesional Indonesia"),
    # which define nothing
    ("Apa yang dimaksud dengan Pekerja Sosial Profesional?", "Pekerja Sosial adalah sebuah profesi"),
    ("apa pengertian pekerjaan sosial", "Pekerjaan Sosial adalah suatu bidang keahlian"),
    ("What is social work?", "Pekerjaan Sosial adalah suatu bidang keahlian"),
    # the code's name: BAB III's definition of the code, not BAB I's of the profession
    ("What is the social work code of ethics?", "Kode Etik Profesi Pekerjaan Sosial ini"),
])
def test_a_question_asking_what_something_is_quotes_the_sentence_that_defines_it(assistant, question, defining):
    markdown = assistant.ask(question).markdown
    quotes = [line for line in markdown.splitlines() if line.startswith("> ") and not line.startswith("> **")]
    assert any(line.startswith(f"> {defining}") for line in quotes), markdown
    assert " adalah " in quotes[0] or " merupakan " in quotes[0]
    assert "Tujuan Penulisan" not in markdown


def test_a_career_named_beside_a_profession_is_no_career_choice(assistant):
    answer = assistant.ask("What distinguishes a profession from a job or career?")
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == "pendahuluan"


def test_a_career_centre_in_a_vignette_is_a_place_not_a_career_choice(assistant):
    # "a career" opened a career question ("social work as a career"); a client sent to a
    # career centre asks how the worker should act.
    query = assistant.searcher.analyzer(
        "WHAT WOULD YOU DO: My client wants a job, so I refer her to a career center near her home. "
        "She then tells me she sells her medication to pay rent.")
    assert not query.administrative
    assert assistant.searcher.analyzer("Would you choose social work as a career?").administrative


def test_a_definition_of_a_particular_topic_is_searched_as_usual(assistant):
    answer = assistant.ask("Apa yang dimaksud dengan kerahasiaan klien?")
    assert answer.hits[0].section.id == "pasal-7"


@pytest.mark.parametrize("question", [
    "How do you handle the situation where a client gets you a gift?",
    "Is it desirable or necessary for social workers to remove themselves from Facebook, Twitter, and other social media sites?",
    # a home visit is the setting of the service, no foreign topic
    "Bagaimana etika pendamping saat kunjungan rumah?",
    # English practitioners name their role as therapists or counselors
    "Can Therapists Accept Gifts?",
])
def test_a_social_work_question_the_ranking_cannot_place_is_never_a_bare_refusal(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome in (ANSWERED, NEAR) and answer.hits and not answer.abstained
    if answer.outcome == NEAR:
        assert answer.markdown.splitlines()[0] == wording.NEAR_INTRO


@pytest.mark.parametrize("question", ["ada keluarga klien nawarin duit biar laporan sosialnya dibikin bagus",
                                      "keluarga klien nawarin duit supaya laporan saya menguntungkan mereka"])
def test_money_offered_to_sway_a_report_is_no_fee(assistant, question):
    # Shown beside a bribe, Pasal 11's fee "baik langsung dari klien" reads as leave to take it.
    answer = assistant.ask(question)
    shown = [h.section.id for h in answer.hits]
    assert answer.outcome == ANSWERED and shown[0] == "pasal-2" and "pasal-11" not in shown


def test_a_rules_doubt_the_gate_does_not_share_gets_the_closest_passages(assistant):
    # A "how" with words the code does not know is a soft refusal; the gate finds this one like
    # the questions the code answers (under ``GATE_KEEPS``), and it touches confidentiality.
    # ("preverbal" is unknown: "broach", once, is a word of the example questions now.)
    answer = assistant.ask("How do you broach confidentiality with preverbal children and young people?")
    assert answer.outcome == NEAR and answer.hits[0].section.id == "pasal-7"
    assert answer.markdown.splitlines()[0] == wording.NEAR_INTRO
    answer = assistant.ask("How do you broach the subject of confidentiality with children and young people?")
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == "pasal-7"


def test_a_rule_the_gate_is_sure_of_overruling_gets_the_closest_passages(assistant):
    # "jadwal" reads as a request for a schedule and "gmn?" as one for a procedure (a hard
    # refusal), but the gate finds the question plainly like those the code answers
    # (``GATE_OVERRULES``): a colleague undermining the asker's work, Pasal 8.
    answer = assistant.ask("rekan sengaja ngerusak jadwal kunjungan saya biar target saya gak kecapai, gmn?")
    assert answer.outcome == NEAR and answer.hits[0].section.id == "pasal-8"


def test_a_rules_doubt_the_gate_shares_is_still_not_found(assistant):
    answer = assistant.ask("How to develop postgraduate courses for specialist practice?")
    assert answer.outcome == NOT_FOUND and not answer.hits


@pytest.mark.parametrize("question,section", [
    ("When must a social worker break a client's confidentiality?", "pasal-7"),
    ("When is it wrong for a social worker to accept a gift from a client?", "pasal-6"),
])
def test_an_english_when_about_the_codes_topics_is_no_request_for_a_date(assistant, question, section):
    # A first "when" is a question form like "how": about confidentiality it asks how to act.
    answer = assistant.ask(question)
    assert answer.outcome in (ANSWERED, NEAR) and section in [h.section.id for h in answer.hits]


def test_when_with_nothing_of_the_code_still_asks_for_a_date(assistant):
    answer = assistant.ask("When is the deadline for the certification exam registration?")
    assert answer.outcome == NOT_FOUND and not answer.hits


def test_english_words_of_answered_questions_are_no_unknown_topic(assistant):
    analyze = assistant.searcher.analyzer
    # "handle" and "acceptable" are in example questions the code answers: a common word, not
    # a topic the code does not know. An Indonesian question's words are judged as before.
    query = analyze("What is the acceptable way to handle a gift from a client?")
    assert query.english and "handle" not in query.unknown and "acceptable" not in query.unknown
    assert "zxqv" in analyze("What is the zxqv of a gift?").unknown
    assert analyze.answered_stems and "handl" in analyze.answered_stems


@pytest.mark.parametrize("question", [
    "Sejauh mana pekerja sosial boleh menceritakan kehidupan pribadi kepada klien?",
    # seeing a client outside the office led with Pasal 7 (the office's words)
    "Is it ethical to see a client outside of the office?",
])
def test_self_disclosure_is_a_matter_of_the_relationship_not_of_confidentiality(assistant, question):
    # Pasal 6 (commitments against the client's interest) or Pasal 1 (the personal and the
    # professional), not Pasal 7 (the client's secrets) first.
    answer = assistant.ask(question)
    shown = [h.section.id for h in answer.hits]
    assert answer.outcome == ANSWERED and shown[0] != "pasal-7" and "pasal-6" in shown[:3]


@pytest.mark.parametrize("question", ["Is it okay to keep texting my clients after work hours?",
                                      "Digital communication with clients: should social workers use email?"])
def test_texting_and_emailing_clients_are_matters_of_the_relationship(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and {h.section.id for h in answer.hits[:2]} <= {"pasal-6", "pasal-7"}


@pytest.mark.parametrize("question", [
    "Bagaimanakah penerapan kode etik pekerja sosial dalam pelayanan?",
    "Apa saja kendala dalam mengimplementasikan kode etik pekerja sosial?",
])
def test_applying_the_code_is_a_known_topic(assistant, question):
    # "penerapan" was an unknown word: the unknown-words rule refused the students' favourite form.
    answer = assistant.ask(question)
    assert answer.outcome != NOT_FOUND
    assert {"kesimpulan", "pasal-16"} & {h.section.id for h in answer.hits[:3]}


@pytest.mark.parametrize("question", [
    "Bagaimana penerapan kode etik pekerja sosial dalam penanganan anak berhadapan dengan hukum?",
    "Bagaimanakah penerapan prinsip kerahasiaan dalam praktik pekerjaan sosial di rumah sakit?",
    "Bagaimana implementasi kode etik pekerja sosial di panti werdha?",
    # the field named by its service ("pendampingan"), not by "pekerja sosial"
    "Bagaimanakah penerapan prinsip kerahasiaan dalam pendampingan korban kekerasan seksual?",
])
def test_applying_the_code_in_a_setting_gets_at_least_the_closest_passages(assistant, question):
    # Refused before: the gate found the setting ("anak berhadapan dengan hukum", "rumah sakit",
    # "korban kekerasan seksual") unlike the code. How the code applies somewhere is about the code.
    answer = assistant.ask(question)
    assert answer.outcome in (ANSWERED, NEAR) and answer.hits


@pytest.mark.parametrize("question", [
    "Bagaimana penerapan kode etik jurnalistik?",
    "Bagaimana penerapan metode casework oleh pekerja sosial?",
])
def test_applying_another_code_or_a_method_is_not_the_codes_application(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND


@pytest.mark.parametrize("question,part", [
    ("What are social workers' ethical responsibilities to clients?", ["pasal-6", "pasal-7"]),
    ("Apa kewajiban pekerja sosial terhadap profesinya?", ["pasal-12", "pasal-13", "pasal-14"]),
    ("What are the ethical responsibilities of social workers to their employers?", ["pasal-10", "pasal-11"]),
    ("tanggung jawab peksos ke masyarakat apa aja sih", ["pasal-15"]),
    # the code named before "terhadap" asks for the part too (Pasal 16 led before)
    ("Apa isi kode etik terhadap klien?", ["pasal-6", "pasal-7"]),
    ("Jelaskan isi kode etik pekerja sosial terhadap klien", ["pasal-6", "pasal-7"]),
    # a student's instruction ("Sebutkan …") asks for the part as a question does
    ("Sebutkan kewajiban pekerja sosial terhadap profesi!", ["pasal-12", "pasal-13", "pasal-14"]),
    ("Uraikan kewajiban pekerja sosial terhadap lembaga", ["pasal-10", "pasal-11"]),
])
def test_the_duties_of_one_part_are_answered_with_the_whole_part(assistant, question, part):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED
    assert [h.section.id for h in answer.hits[: len(part)]] == part


def test_a_duty_in_a_particular_situation_is_searched_as_usual(assistant):
    analyzer = assistant.searcher.analyzer
    assert analyzer("Apa kewajiban pekerja sosial terhadap klien?").part == "B"
    assert analyzer("Apa kewajiban pekerja sosial terhadap klien yang ingin bunuh diri?").part == ""
    assert analyzer("Apa kewajiban pekerja sosial terhadap klien rekan sejawat?").part == ""
    # what the code is for, for someone, is BAB III's matter, not a part's duties
    assert analyzer("Apa tujuan dan fungsi kode etik profesi pekerjaan sosial bagi masyarakat?").part == ""


@pytest.mark.parametrize("question,first", [
    ("In what circumstance may a client's right to self-determination be limited according to the NASW Code of Ethics?",
     "pasal-7"),
    ("According to the NASW Code of Ethics, what is the primary responsibility of social workers?", "kesimpulan"),
    ("menurut kode etik BASW, bolehkah saya membuka rahasia klien kepada keluarganya?", "pasal-7"),
    ("Does the NASW code allow dating a former client?", "pasal-6"),
])
def test_another_social_work_code_gets_this_codes_closest_passages_never_an_answer(assistant, question, first):
    # This code cannot say what NASW's says, but it may speak to the same matter: near, with a note.
    query = assistant.searcher.analyzer(question)
    assert query.field_code and not query.other_document
    answer = assistant.ask(question)
    assert answer.outcome == NEAR and answer.hits[0].section.id == first
    assert wording.OTHER_CODE in answer.markdown and wording.NEAR_INTRO in answer.markdown


@pytest.mark.parametrize("question", [
    "Should I get an MSW or a BSW first?", "Do I need an LCSW to open a private practice?",
    "Can a social worker in NSW accept gifts from clients?",
])
def test_degrees_licences_and_places_are_no_social_work_body(assistant, question):
    assert not assistant.searcher.analyzer(question).field_code
    assert wording.OTHER_CODE not in assistant.ask(question).markdown


@pytest.mark.parametrize("question", [
    "kode etik NASW tuh ada brp standar sih?",  # a number of another document
    "Apa isi kode etik PPNI tentang rahasia pasien?",  # nurses' code: another profession's document
    "What does the APA ethics code say about confidentiality?",
    # another document's article, served as this code's under "Berikut bunyi pasal yang Anda minta"
    "Kode etik perawat PPNI pasal 1",
    "Pasal 5 kode etik psikolog",
    "UU Pekerja Sosial pasal 7 isinya apa",
    "Permensos nomor 16 tahun 2017 pasal 3",
])
def test_another_codes_facts_or_another_professions_code_are_not_found(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND and not answer.hits


def test_a_penalty_of_criminal_law_is_not_the_codes(assistant):
    # It was answered with Pasal 16, as if IPSPI set criminal penalties; a crime a client tells
    # of is still the code's matter (confidentiality and the law's order).
    assert assistant.ask("Sanksi pidana bagi pendamping PKH yang korupsi").outcome == NOT_FOUND
    told = assistant.ask("apakah pekerja sosial wajib melaporkan tindak pidana yang diceritakan klien?")
    assert told.outcome != NOT_FOUND and told.hits[0].section.id == "pasal-7"


def test_what_social_work_is_after_nasw_leads_with_bab_i(assistant):
    # BAB I quotes NASW's definition of social work (Zastrow): it leads, near like any question
    # naming another body.
    answer = assistant.ask("Apa pengertian pekerjaan sosial menurut NASW?")
    assert answer.outcome == NEAR and answer.hits[0].section.id == "pendahuluan"


@pytest.mark.parametrize("question,number,law", [
    ("How much can social workers self-disclose in an attempt to connect with clients?", False, False),
    ("How much does a social worker make in Texas?", True, False),
    ("How much should I charge for a home visit?", True, False),
    # A word of judgement a few words on asks how far too; time, like money, is a number.
    ("How much self-disclosure is appropriate with clients?", False, False),
    ("How much contact with former clients is okay?", False, False),
    ("How much time should I spend on case notes?", True, False),
    ("How many gifts is too many?", False, False),
    ("How many social workers are there in Indonesia?", True, False),
    ("Why Social Workers Act Friendly: Are They Really Your Friends?", False, False),
    ("Under the Children Act 1989, can I remove a child from school?", False, True),
    # "a … act" is a deed: a law is "the … Act".
    ("A social worker speaks out in public against a new policy without naming her agency. A brave act, but "
     "how does that fit the ethics of the profession?", False, False),
    ("Keeping friends and clients apart is a balancing act for social workers in small towns.", False, False),
    ("What does the Mental Health Act say about sharing records?", False, True),
])
def test_how_far_and_the_verb_act_are_no_number_or_law(assistant, question, number, law):
    # "How much can … self-disclose" asks how far to go; "Social Workers Act Friendly" is the verb.
    query = assistant.searcher.analyzer(question)
    assert query.number is number and query.other_document is law


@pytest.mark.parametrize("question,first", [
    ("Blowing the Whistle Should You or Shouldn't You?", "pasal-12"),
    ("When is it appropriate for a social worker to blow the whistle on a colleague?", "pasal-12"),
    ("Is misrepresentation of my credentials an ethics violation?", "pasal-1"),
])
def test_whistle_blowing_and_misrepresentation_are_known_topics(assistant, question, first):
    answer = assistant.ask(question)
    # On a colleague, Pasal 8 (colleagues) may lead; the duty to stop bad practice is beside it.
    assert answer.outcome == ANSWERED and first in [h.section.id for h in answer.hits[:2]]


@pytest.mark.parametrize("question,section", [
    ("Salahkah menampung klien yang meninggalkan pendamping lamanya diam-diam?", "pasal-9"),
    # (The examples' classifier now ranks Pasal 13 first for "sy diajak promosiin produk ke
    # warga miskin pake nama profesi, blh ga?", which this case was before.)
    ("Sebagai supervisor, saya lihat staf saya mendekati donatur yayasan secara pribadi supaya dapat "
     "proyek sampingan untuk dirinya. Itu termasuk tidak jujur dalam bekerja gak?", "pasal-10"),
])
def test_a_further_section_similar_questions_vote_for_is_shown(assistant, question, section):
    # No specific word in common with the question, but the nearest example questions were
    # answered by it (search.EXAMPLE_EVIDENCE): shown after the best section.
    hits = [h.section.id for h in assistant.ask(question).hits]
    assert section in hits[1:]


@pytest.mark.parametrize("question", [
    "Kerja sosial itu dapat apa?", "What is the Indonesian social workers association?", "What distinguishes a profession from a job or career?",
    "And if there are conflicts between two or more codes by which you are abiding, which code takes precedence?",
])
def test_no_section_is_shown_with_nothing_to_quote(assistant, question):
    # BAB I and III have no article text: shown only with a passage (the best section its best one).
    answer = assistant.ask(question)
    assert answer.hits
    for hit in answer.hits:
        assert hit.section.article or hit.chunks, hit.section.id


@pytest.mark.parametrize("question", ["resep rendang padang yang enak", "jadwal kereta Jakarta Bandung besok",
                                      "What went wrong with the Affordable Care Act?"])
def test_unrelated_questions_are_not_found(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND and answer.abstained and wording.NOT_FOUND in answer.markdown


@pytest.mark.parametrize("question", ["terus gimana dong kalau tidak?", "Bagaimana kalau tidak?", "kenapa tidak boleh?"])
def test_a_question_with_no_subject_is_not_found(assistant, question):
    # Only function words and a negation: "tidak" searched alone quoted whatever says "tidak".
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND and not answer.hits


def test_json_says_the_outcome(assistant, settings):
    runner = CliRunner()
    lines = "apakah uang PKH ini wajib dicairkan lewat BRI Link\npasal 7\n"
    result = runner.invoke(cli, ["--index-dir", str(settings.index_dir), "ask", "--json", "-"], input=lines)
    assert result.exit_code == 0, result.output
    refused, article = [json.loads(line) for line in result.output.splitlines()]
    assert refused["outcome"] == NOT_FOUND and refused["abstained"] and refused["hits"] == []
    assert article["outcome"] == ANSWERED and not article["abstained"] and article["hits"][0]["id"] == "pasal-7"


def test_eval_json_reports_outcomes_and_splits(assistant, settings, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in [
        {"id": "a", "q": "pasal 7", "gold": ["pasal-7"], "split": "dev"},
        {"id": "b", "q": "kapan BPNT bulan ini cair?", "gold": [], "split": "measure"},
    ]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--index-dir", str(settings.index_dir), "eval", "--json", "--split", "measure", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["questions"] == 1 and report["results"][0]["outcome"] == NOT_FOUND and report["abstained_oos"] == 1
    result = CliRunner().invoke(cli, ["--index-dir", str(settings.index_dir), "eval", "--split", "nothing", str(path)])
    assert result.exit_code == 1 and "tidak berisi pertanyaan" in result.output


@pytest.mark.parametrize("question", [
    "Apa syarat menjadi anggota IPSPI?",
    "What are the requirements to become a social worker?",
    "What are the skill and education requirements in that field?",
    "Apa syarat ikut seleksi PPPK pekerja sosial?",
    "Apa saja syarat ikut uji kompetensi & sertifikasi peksos?",
    "Apa saja template informed consent untuk penelitian sosial?",
])
def test_requirements_for_admission_or_a_form_are_still_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.outcome == NOT_FOUND and not answer.hits


@pytest.mark.parametrize("question,outcome", [
    # "harus dipenuhi", "must be met" belong to the requirement: no conduct is asked ...
    ("Apa saja syarat yang harus dipenuhi untuk menjadi orang tua asuh?", NOT_FOUND),
    ("Syarat-syarat yang wajib dipenuhi untuk mengangkat anak apa saja?", NOT_FOUND),
    # ... while what one of the code's matters requires is still the code's to answer.
    ("Syarat apa yang harus dipenuhi sebelum melibatkan klien dalam penelitian?", ANSWERED),
    ("Apa saja ciri yang harus dipenuhi pekerjaan sosial agar disebut profesi?", ANSWERED),
])
def test_what_a_requirement_must_meet_is_no_conduct(assistant, question, outcome):
    assert assistant.ask(question).outcome == outcome


@pytest.mark.parametrize("question", ["pasal berapa yang mengatur resep nasi goreng?",
                                      "pasal berapa yang mengatur cuti?"])
def test_which_article_rules_something_the_code_does_not_know_is_refused(assistant, question):
    assert assistant.ask(question).outcome == NOT_FOUND


@pytest.mark.parametrize("question,first", [
    # refused as a request for a number before the word of judgement counted
    ("How much self-disclosure is appropriate with clients?", "pasal-6"),
    # refused as a request for a form: what consent or confidentiality requires is a duty
    ("Apa saja syarat informed consent?", "pasal-5"),
    ("What are the requirements for keeping client records confidential?", "pasal-7"),
    # refused: asking which article names no field, so the gate judged it as conduct outside
    # social work (0.98 for "hadiah")
    ("pasal berapa yang mengatur kerahasiaan?", "pasal-7"),
    ("pasal berapa yang mengatur tentang hadiah?", "pasal-6"),
    ("pasal brp yg ngatur soal penelitian", "pasal-5"),
    # Smoking in front of clients and dress on duty are personal conduct (BAB I led, Pasal 10
    # led, refused).
    ("apakah boleh pekerja sosial merokok di depan klien?", "pasal-1"),
    ("apakah pekerja sosial boleh berpakaian bebas saat kunjungan rumah?", "pasal-1"),
    ("Is there a dress code for social workers?", "pasal-1"),
    # A client another agency or worker serves is a colleague's client (Pasal 9 was not shown;
    # Pasal 6 led).
    ("apakah pekerja sosial boleh menerima klien yang sedang ditangani lembaga lain?", "pasal-9"),
    ("Can I accept a client who is already seeing another social worker?", "pasal-9"),
    # Selling goods to a client is personal gain from the relationship (Pasal 7 led).
    ("bolehkah pekerja sosial menjual barang kepada klien?", "pasal-6"),
    # A village head asking is pressure from the powerful, as "kades meminta" is (Pasal 7 led).
    ("pendamping PKH diminta kades memasukkan saudaranya jadi KPM, harus gimana?", "pasal-2"),
    # Something done for a reward is a bribe (Pasal 2), not a fee (Pasal 11 led).
    ("Bolehkah pekerja sosial mengubah isi laporan dengan imbalan dari keluarga klien?", "pasal-2"),
    ("peksos dibayar supaya rekomendasinya menguntungkan pihak tertentu, gimana?", "pasal-2"),
    # Publishing a client's photo is confidentiality (Pasal 5, on publications, led).
    ("Apakah pendamping PKH boleh mempublikasikan foto rumah KPM yang tidak layak huni untuk laporan?", "pasal-7"),
    # Seeing a colleague hit a child is irresponsible practice to be stopped (Pasal 2, Pasal 3 led).
    ("sy liat temen peksos mukul anak panti, hrs gmn", "pasal-12"),
    ("saya melihat teman peksos memukul anak panti, harus bagaimana?", "pasal-12"),
    # ... and so is the head of a home hitting a child (Pasal 5's "gangguan fisik" of research
    # participants led).
    ("Kepala panti memukul anak asuh, bagaimana tanggapan kode etik?", "pasal-12"),
    # ... and so is a colleague on drugs or drunk at work, as "impaired colleague" is in English
    # (Pasal 3 and Pasal 8 led: "narkoba" was a word the code did not know).
    ("saya tahu rekan saya pakai narkoba, harus gimana?", "pasal-12"),
    ("What do I do if a coworker came to work drunk and is seeing families today?", "pasal-12"),
    ("teman kerja sering membentak lansia di panti, saya harus bagaimana?", "pasal-12"),
    # ... and so is a colleague breaking the code (Pasal 8's courtesy to colleagues led, and
    # Pasal 12 was not shown: "sejawat yang melanggar" was no phrase of the vocabulary).
    ("Apa kewajiban pekerja sosial kepada teman sejawat yang melanggar kode etik?", "pasal-12"),
    ("Bagaimana sikap peksos jika ada rekan yang melanggar aturan?", "pasal-12"),
    # Names put into the beneficiary data at an official's request are pressure on integrity,
    # not the data's confidentiality (Pasal 7 led: "data KPM").
    ("camat minta saudaranya dimasukkan ke data KPM, saya harus bagaimana?", "pasal-2"),
    # Being made to hand out a party's stickers is pressure from above, not spreading a
    # confidence (Pasal 7 led: "nyebarin").
    ("sy dipaksa kepala dinas nyebarin stiker partai ke warga dampingan, boleh nolak?", "pasal-2"),
    # Joining a political party is the worker's personal conduct (Pasal 1), not membership of the
    # professional association (Pasal 12's "Menjadi anggota organisasi resmi profesi" led).
    ("bolehkah pekerja sosial menjadi anggota partai politik?", "pasal-1"),
    # ... asked in an Indonesian user's English, without "a" (the discrimination concept's
    # "political party" led to Pasal 15).
    ("Is it allowed for peksos to become member of political party?", "pasal-1"),
    # A superior's request without "my" is pressure too (Pasal 7 led: "report" read as reporting) ...
    ("How if supervisor ask me to falsify report?", "pasal-2"),
    # ... and overseeing the code is the Dewan Pengawas's work (BAB III, or Pasal 9's supervision, led).
    ("Who oversees the code of ethics in Indonesia?", "pasal-16"),
    ("Who is supervise the implementation of this code?", "pasal-16"),
    # ... and campaigning in an election is too, not advocacy for policy (Pasal 13 led).
    ("bolehkah peksos ikut kampanye caleg?", "pasal-1"),
    # "permitted" asks what is allowed, as "allowed" does (near: a "when" with an unknown word).
    ("When is a social worker permitted to break confidentiality?", "pasal-7"),
    # A client's permission to speak to someone is consent, no gift ("client gave me" is not a gift phrase).
    ("My client gave me permission to talk to her mother. Is that enough?", "pasal-7"),
    # A case the asker knows nothing about is the limit of competence (Pasal 6 led).
    ("I was assigned a case with a mental illness I know nothing about. What should I do?", "pasal-3"),
    # Venting about a client to friends is talking about a case (Pasal 6 led) ...
    ("Can I vent about a difficult client to my friends?", "pasal-7"),
    # ... working exhausted, withdrawing when judgment suffers (Pasal 12 led) ...
    ("Is it ethical to work while sick and exhausted?", "pasal-6"),
    # ... and children made to work for an institution, exploitation (BAB III led).
    ("Pengurus panti menyuruh anak asuh bekerja untuk mencari dana, bagaimana menurut kode etik?", "pasal-6"),
    # Told in the third person and asked with a bare "bagaimana?": how the conduct is judged, as
    # "bolehkah …?" asks (the gate judged them as requests, 0.97 and 0.85, and refused them).
    ("Pekerja sosial berpacaran dengan klien dewasa, bagaimana?", "pasal-6"),
    ("PK Bapas diminta keluarga anak untuk meringankan isi litmas dengan imbalan, bagaimana?", "pasal-2"),
    # "Bagaimana jika …" of the field's conduct asks how it is judged, as "bolehkah …?" does
    # (the gate judged it as a request and answered it only as near, 0.82).
    ("Bagaimana jika pekerja sosial menangani kasus di luar kompetensinya?", "pasal-3"),
    # "Is it wrong to …?" asks a judgement of conduct, as "Is it ok to …?" does (refused: the
    # gate's first threshold, 0.90).
    ("Is it wrong to buy groceries for a client who has no food?", "pasal-6"),
    # A role named without an article asks permission as "Can a social worker …?" does, and
    # tips accepted are gifts (refused: the gate's first threshold, 0.85).
    ("Can caseworkers take tips from families?", "pasal-6"),
    # Whether the worker has a duty ("punya kewajiban", "berkewajiban") asks about conduct, as
    # "wajib" does: with "Prosedur" in it, it was refused as a request for a procedure.
    ("Prosedur pendaftaran di lembaga kami membuat klien lansia menunggu berjam-jam. Apakah pekerja sosial "
     "punya kewajiban ikut memperbaikinya?", "pasal-10"),
    ("Prosedur administrasi di panti kami berbelit dan klien menunggu sebulan. Apakah pekerja sosial "
     "berkewajiban ikut memperbaikinya?", "pasal-10"),
    # One's own nephew is a conflicting relationship (Pasal 7 led).
    ("Bolehkah PK BAPAS menulis litmas untuk keponakannya sendiri?", "pasal-2"),
    # Another profession named beside a worker or a client is still the code's matter: the
    # rule that refuses what another profession alone may do must not take these.
    ("Can a social worker tell the police about a client's crime?", "pasal-7"),
    ("Bolehkah polisi meminta catatan kasus klien tanpa surat perintah?", "pasal-7"),
    ("Is the teacher allowed to ask me about my client?", "pasal-7"),
    # A client giving the worker something is a gift (Pasal 7 led: "client wants" is the
    # client's self-determination).
    ("My client wants to give me a small cake for Eid. Can I take it?", "pasal-6"),
    ("My client brought me flowers on my last day, can I accept?", "pasal-6"),
])
def test_questions_once_misread_lead_with_their_article(assistant, question, first):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == first


@pytest.mark.parametrize("question,first", [
    ("my supervisor asks me to falsify attendance records", "pasal-2"),
    ("my supervisor asked me to sign a report I did not write", "pasal-2"),
    ("pendamping pkh disuruh korlap mark up data, gimana?", "pasal-1"),
    ("How much personal information should I share with my clients? Is self-disclosure ever okay?", "pasal-6"),
])
def test_records_and_information_asked_about_keep_their_article_near_the_top(assistant, question, first):
    # A superior asking the asker to do something is Pasal 2's pressure, as "atasan menyuruh"
    # is; data "marked up" is falsified (Pasal 1); self-disclosure is the relationship's matter
    # (Pasal 6), not the client's secrets. These once led with their article; since the real development sets' in-scope questions
    # became examples (clients asking to see their records, workers asking when they may share
    # information: Pasal 7), Pasal 7 leads them, their article second. A measured trade
    # (docs/design.md): the real measuring sets gained more than these lost. Pasal 7 must not
    # push the article out of the first two.
    answer = assistant.ask(question)
    shown = [h.section.id for h in answer.hits]
    assert answer.outcome == ANSWERED and first in shown[:2]


@pytest.mark.parametrize("question,first", [
    # A step asked for in the asker's own situation on one of the code's topics: how to act.
    ("Saya melihat teman sesama pekerja sosial menampar anak di rumah singgah. Langkah saya apa?", "pasal-8"),
    ("Kepala dinas menekan saya mengubah hasil asesmen lansia. Langkah yang tepat apa ya?", "pasal-2"),
])
def test_a_step_in_the_askers_dilemma_is_how_to_act(assistant, question, first):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and first in [h.section.id for h in answer.hits[:2]]


@pytest.mark.parametrize("question", [
    "How do I write a SOAP note for my first home visit?",
    "Langkah-langkah mendaftar uji kompetensi pekerja sosial apa saja?",
])
def test_a_procedure_stays_not_found(assistant, question):
    assert assistant.ask(question).outcome == NOT_FOUND


@pytest.mark.parametrize("question,law", [
    # A law the asker would have changed is the object of advocacy (Pasal 13, 15) ...
    ("Apakah pekerja sosial ikut advokasi revisi undang-undang perlindungan anak?", False),
    ("Is advocacy for changes to the Mental Health Act part of a social worker's role?", False),
    # ... one whose contents are asked is another document.
    ("Apa isi UU Penyandang Disabilitas tentang pendamping?", True),
])
def test_a_law_to_be_changed_is_advocacy_not_another_document(assistant, question, law):
    assert assistant.searcher.analyzer(question).other_document is law


def test_a_client_who_smokes_is_not_the_workers_conduct(assistant):
    answer = assistant.ask("klien saya perokok berat, bolehkah saya menasihatinya berhenti merokok?")
    assert answer.hits[0].section.id != "pasal-1"


@pytest.mark.parametrize("question,sections", [
    # BAB I led ("pertemuan kelompok" are its words); neglecting the job is Pasal 10's
    # accountable duties or Pasal 4's service.
    ("pendamping PKH yang tidak pernah datang ke pertemuan kelompok, melanggar kode etik tidak?",
     {"pasal-4", "pasal-10"}),
    ("teman sekantor jarang datang tapi gajinya utuh, etis gak?", {"pasal-10"}),  # was refused
])
def test_a_worker_who_does_not_turn_up_is_a_matter_of_accountable_duties(assistant, question, sections):
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and answer.hits[0].section.id in sections


def test_pressure_to_sign_off_aid_is_integrity_not_an_aid_question(assistant):
    # The programme's words ("bansos", "cair") set the scene; being told to sign is Pasal 2.
    answer = assistant.ask("Atasan minta saya tanda tangan berita acara penyaluran bansos yang belum disalurkan, "
                           "biar dana cepat cair.")
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == "pasal-2"


@pytest.mark.parametrize("question", [
    "When must a social worker disclose client information according to the law?",
    "Menurut undang-undang, kapan peksos wajib membuka rahasia klien?",
])
def test_the_law_in_general_is_no_other_document(assistant, question):
    # Pasal 7 itself defers to legal orders; "the law" names no text of its own.
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == "pasal-7"


def test_a_named_law_is_still_another_document(assistant):
    assert assistant.ask("Menurut undang-undang perlindungan anak, kapan peksos wajib lapor?").outcome == NOT_FOUND


@pytest.mark.parametrize("question,first", [
    ("Apa yang dimaksud dengan kerahasiaan dalam kode etik pekerja sosial?", "pasal-7"),
    ("Jelaskan pengertian integritas menurut kode etik profesi pekerjaan sosial", "pasal-2"),
])
def test_a_topic_in_the_code_is_ranked_by_the_topic(assistant, question, first):
    # "dalam/menurut kode etik …" names where the student read it; its words drew BAB III first.
    assert assistant.ask(question).hits[0].section.id == first


def test_quoting_without_naming_the_source_is_pasal_5(assistant):
    answer = assistant.ask("Apakah boleh mengutip tulisan orang tanpa menyebut sumber dalam laporan penelitian?")
    assert answer.hits[0].section.id == "pasal-5"


@pytest.mark.parametrize("question", [
    # who may receive a benefit or be approved: eligibility, not a worker's conduct
    "Can a client with a criminal record qualify for housing support?",
    "Which clients are eligible for free counselling at our agency?",
    # a status the law gives: what that law requires
    "As a school social worker, am I a mandated reporter for neglect?",
])
def test_eligibility_and_legal_status_are_not_found(assistant, question):
    assert assistant.ask(question).outcome == NOT_FOUND


@pytest.mark.parametrize("question", [
    "Seperti apa kenyataan yang terjadi dalam penerapan kode etik pekerja sosial?",
    "Bagaimana kondisi di dalam implementasi kode etik profesi pekerjaan sosial saat ini?",
])
def test_how_the_code_itself_is_applied_leads_with_the_code(assistant, question):
    # The application frame around the code keeps the code's name: it is what is asked.
    assert assistant.ask(question).hits[0].section.id == "kesimpulan"


@pytest.mark.parametrize("question,first", [
    # Whether the code covers a topic: the topic's article leads ...
    ("Is research on clients covered by the code of ethics?", ["pasal-5"]),
    # ... to whom it applies (a group, membership): what the text says of its reach.
    ("Does the code of ethics apply to volunteers?", ["kesimpulan", "pasal-16"]),
    ("sy belum jadi anggota IPSPI, kode etik ngikat sy gak?", ["kesimpulan", "pasal-16"]),
])
def test_a_topic_covered_is_not_a_question_of_scope(assistant, question, first):
    assert assistant.ask(question).hits[0].section.id in first


@pytest.mark.parametrize("question,outcome", [
    # A degree says who asks a question on one of the code's topics ...
    ("As an MSW student on placement, can I accept a gift from a client?", ANSWERED),
    ("Can a BSW student keep a client's secret from the field instructor?", ANSWERED),
    ("sy mhs poltekesos lg praktikum, klien curhat mau bunuh diri, blh sy kasih tau dosen?", ANSWERED),
    ("Saya mahasiswa STKS, bolehkah membicarakan kasus klien di kelas?", ANSWERED),
    ("As a master's student on placement, can I accept a gift from a client?", ANSWERED),
    # ... and is a career matter otherwise.
    ("Do you need an MSW to practice social work?", NOT_FOUND),
    ("Can I do a master's in social work online?", NOT_FOUND),  # BAB I was quoted
    ("Do I need a bachelor's degree to be a social worker?", NOT_FOUND),
    ("What jobs can I get with a BSW?", NOT_FOUND),
    ("Passing grade STKS berapa?", NOT_FOUND),
])
def test_a_degree_is_the_askers_setting_on_a_topic_of_the_code(assistant, question, outcome):
    assert assistant.ask(question).outcome == outcome


@pytest.mark.parametrize("question", [
    # A volunteer's career names no social work: the gate judges it (was answered with Pasal 10).
    "How do I become a volunteer at an NGO?",
    "Perlukah relawan bencana ikut sertifikasi?",
])
def test_a_volunteers_career_is_refused(assistant, question):
    assert assistant.ask(question).outcome == NOT_FOUND


@pytest.mark.parametrize("question,first", [
    # Who asks ("mahasiswa", Pasal 9's word for students evaluated) is no topic of the question.
    ("Saya mahasiswa praktikum, boleh terima hadiah dari klien?", "pasal-6"),
    ("Sebagai mahasiswa praktikum, saya disuruh menangani kasus berat sendirian padahal belum mampu.", "pasal-3"),
])
def test_the_askers_group_weighs_little_in_the_ranking(assistant, question, first):
    assert assistant.ask(question).hits[0].section.id == first


@pytest.mark.parametrize("question,outcome", [
    # Entering the career: a matter of study and jobs ...
    ("What education do you need to be a social worker?", NOT_FOUND),
    ("What major should I choose to be a social worker?", NOT_FOUND),
    # ... not what it means, what a professional brings, nor a topic of the code.
    ("What does it mean to be a social worker?", ANSWERED),
    ("What skills do you need to be a social worker?", ANSWERED),
    ("Is it possible to be a social worker and keep every client secret?", ANSWERED),
])
def test_to_be_a_social_worker_is_a_career_matter_unless_the_code_is_asked(assistant, question, outcome):
    assert assistant.ask(question).outcome == outcome


@pytest.mark.parametrize("question,outcome", [
    # How to enter one of the field's roles, in either language: a career matter ...
    ("How to become a PK Bapas?", NOT_FOUND),
    ("Bagaimana cara menjadi PK Bapas?", NOT_FOUND),
    ("gmn caranya jadi peksos?", NOT_FOUND),
    # ... not how to be a worker of some kind, nor how to act on a topic of the code.
    ("Bagaimana cara menjadi pekerja sosial yang baik?", ANSWERED),
    ("cara jadi peksos yang profesional gimana?", ANSWERED),
    ("Bagaimana caranya menjadi pekerja sosial yang menjaga kerahasiaan klien?", ANSWERED),
])
def test_how_to_enter_a_role_of_the_field_is_a_career_matter(assistant, question, outcome):
    assert assistant.ask(question).outcome == outcome


@pytest.mark.parametrize("question", [
    "Apa saja syarat pekerjaan sosial sebagai sebuah profesi?",
    "syarat2 suatu profesi itu apa aja, peksos udh memenuhi?",
])
def test_what_makes_a_profession_is_bab_i_not_admission(assistant, question):
    # BAB I lists the "syarat-syarat/kriteria" of a profession; becoming one stays refused
    # (test_requirements_for_admission_or_a_form_are_still_refused).
    answer = assistant.ask(question)
    assert answer.outcome == ANSWERED and answer.hits[0].section.id == "pendahuluan"


@pytest.mark.parametrize("question,outcome", [
    # A worker claiming pay as a right: Pasal 10's "hak dan imbalan" ...
    ("gaji sy di yayasan telat terus, sy berhak nuntut ga?", ANSWERED),
    ("Saya pendamping honorer, apakah saya berhak atas gaji sesuai UMR?", ANSWERED),
    ("Do I have the right to ask my agency for a salary that meets the standard?", ANSWERED),
    # ... while pay rates, dates and comparisons stay administrative.
    ("Berapa gaji pendamping PKH tahun ini?", NOT_FOUND),
    ("How do salaries of social workers compare between NGOs?", NOT_FOUND),
])
def test_a_workers_pay_claimed_as_a_right_is_pasal_10(assistant, question, outcome):
    answer = assistant.ask(question)
    assert answer.outcome == outcome
    if outcome == ANSWERED:
        assert answer.hits[0].section.id == "pasal-10"


@pytest.mark.parametrize("question,outcome", [
    # "How do I …", "cara saya …": the asker in a request for a procedure tells no situation ...
    ("How do I register with IPSPI as a new member?", NOT_FOUND),
    ("gmn cara sy mendaftar jd anggota ipspi online?", NOT_FOUND),
    # ... while one told beside a registration is still the asker's ("apakah … berlaku buat saya?").
    ("Saya baru mendaftar jadi anggota IPSPI, apakah kode etik langsung berlaku buat saya?", ANSWERED),
])
def test_the_asker_in_a_how_to_register_tells_no_situation(assistant, question, outcome):
    assert assistant.ask(question).outcome == outcome


@pytest.mark.parametrize("question", [
    "Harga beras naik terus, gimana?",
    "Tetangga bikin pesta sampai tengah malam, bagaimana?",  # "tetangga" is a topic; no field named
])
def test_a_bare_bagaimana_after_something_else_told_is_still_refused(assistant, question):
    assert assistant.ask(question).outcome == NOT_FOUND


def test_only_a_bare_bagaimana_after_a_statement_judges_it():
    from assistant.query import _judges_what_was_told
    assert _judges_what_was_told("Pekerja sosial berpacaran dengan klien dewasa, bagaimana?")
    assert _judges_what_was_told("Pendamping desa ikut kampanye calon bupati, gimana tuh?")
    assert not _judges_what_was_told("Apa itu DTKS, bagaimana?")  # a question of its own first
    assert not _judges_what_was_told("Bagaimana pekerja sosial menjaga kerahasiaan?")
    assert not _judges_what_was_told("Pekerja sosial berpacaran dengan klien, bagaimana hukumnya menurut agama?")


@pytest.mark.parametrize("typed,question", [
    ("Selamat pagi kak, izin bertanya. Apa itu kode etik? Terima kasih sebelumnya 🙏", "Apa itu kode etik?"),
    ("Pagi pak, izin bertanya bagaimana aturannya?", "bagaimana aturannya?"),
    ("Hi all, quick question: can I accept a gift? Thanks in advance!", "can I accept a gift?"),
    ("Kak, boleh gak?", "boleh gak?"),
    # what may name someone or tell when stays, and so does a lone "Boleh?"
    ("Ibu saya, seorang lansia, ditelantarkan panti. Boleh?", "Ibu saya, seorang lansia, ditelantarkan panti. Boleh?"),
    ("Pak RT minta data klien, boleh?", "Pak RT minta data klien, boleh?"),
    ("Malam hari saya dipanggil klien, wajib datang?", "Malam hari saya dipanggil klien, wajib datang?"),
    ("Saya bertanya kepada atasan, tapi dia diam.", "Saya bertanya kepada atasan, tapi dia diam."),
    ("terima kasih", "terima kasih"),  # nothing but courtesy: as typed
])
def test_the_courtesies_around_a_question_are_set_aside(typed, question):
    from assistant.query import without_courtesy

    assert without_courtesy(typed) == question


@pytest.mark.parametrize("typed", [
    "Selamat siang bu, mohon maaf mengganggu. Apa yang dimaksud dengan kode etik pekerja sosial? Terima kasih.",
    "Permisi min, mau nanya: pekerja sosial tuh sebenarnya siapa sih? Makasih banyak",
])
def test_a_definition_asked_with_greetings_and_thanks_is_answered_as_without_them(assistant, typed):
    result = assistant.searcher.search(typed)
    assert result.outcome == ANSWERED and result.hits[0].section.id in {"pendahuluan", "kesimpulan"}


@pytest.mark.parametrize("typed,question", [
    ("Soal 3: Jelaskan prinsip kerahasiaan!", "Jelaskan prinsip kerahasiaan!"), ("1. Apa itu kode etik?", "Apa itu kode etik?"),
    ("b) Mengapa?", "Mengapa?"), ("Q4. Can I?", "Can I?"), ("(2) Apakah boleh?", "Apakah boleh?"),
    # an amount, an article of the code, a count of clients: as typed
    ("3.5 juta diminta klien, boleh?", "3.5 juta diminta klien, boleh?"), ("Pasal 3: apa isinya?", "Pasal 3: apa isinya?"),
    ("3 klien saya minta dirahasiakan", "3 klien saya minta dirahasiakan"),
])
def test_the_number_of_an_exam_question_is_set_aside(typed, question):
    from assistant.query import without_numbering

    assert without_numbering(typed) == question


def test_a_numbered_exam_question_is_not_taken_for_that_article(assistant):
    result = assistant.searcher.search("Soal 3: Jelaskan prinsip kerahasiaan dalam kode etik pekerja sosial!")
    assert result.outcome == ANSWERED and result.hits[0].section.id == "pasal-7"


def test_an_article_asked_for_with_greetings_and_thanks_is_shown_alone(assistant):
    result = assistant.searcher.search("Permisi kak, mau tanya pasal 7 isinya apa? Makasih")
    assert [h.section.id for h in result.hits] == ["pasal-7"] and result.hits[0].reason == "reference"

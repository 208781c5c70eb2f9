"""Every quote in its context: an item of a list is shown under the line that opens its list
and the sub-heading above it, the answer says where the quotes come from, and each cited
section has a citation to copy. Parser checks run on the real corpus; answers on the real
assistant (the answers of every question set are checked in ``test_answer.py``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant import chat, wording
from assistant.chat import Conversation
from assistant.cli import main as cli
from assistant.answer import _finishing
from assistant.parse import parse, unfinished
from assistant.provenance import load_source, provenance, source_path
from assistant.settings import Settings
from test_answer import assert_lists_keep_their_context, assert_only_quotes_and_fixed_wording

PROHIBITIONS = "Larangan penyalahgunaan konteks pelayanan oleh pekerja sosial profesional antara lain:"
SEXUAL = "Melakukan kegiatan seksual dengan klien"
DATING = ["Can a social worker date or have sex with a client?", "bolehkah peksos pacaran dengan klien?"]


@pytest.fixture(scope="module")
def sections(corpus_text):
    return {s.id: s for s in parse(corpus_text)}


def paragraph(sections, section_id, start):
    return next(p for p in sections[section_id].analysis + sections[section_id].prose if p.text.startswith(start))


def test_every_bullet_is_an_item_with_a_lead_in_or_sub_heading(sections):
    for s in sections.values():
        for p in s.analysis:
            if p.bullet:
                assert p.item and (p.lead_in or p.heading), p.text


@pytest.mark.parametrize("section_id,start,heading,lead_in", [
    ("pasal-6", SEXUAL, "", PROHIBITIONS),
    ("pasal-6", "Memberi pelayanan sesuai", "",
     "Secara umum kewajiban pekerja sosial profesional terhadap klien dalam penyediaan pelayanan antara lain:"),
    ("pasal-7", "Tidak membuka rahasia klien kepada orang lain kecuali", "Menjaga kerahasiaan klien dalam konteks pelayanan", ""),
    ("pasal-7", "Bila pekerja sosial profesional melimpahkan", "Hak klien untuk menentukan nasib sendiri", ""),
    ("pasal-11", "Menjelaskan modalitas", "Ongkos pelayanan",
     "Pekerja sosial professional memastikan imbalan jerih payah yang patut dan memadai dengan antara lain:"),
    # a lead-in without a colon
    ("pasal-9", "Menjadi penengah", "", "Pekerja sosial profesional juga mempunyai kewajiban terhadap rekan sejawat termasuk antara lain"),
    # a long lead-in: its last sentence opens the list
    ("pasal-3", "Memberikan sebaik-baiknya", "", "Tanggung jawab Pekerja sosial profesional antara lain sebagai berikut:"),
    # numbered lines of BAB I, the second after paragraphs explaining the first
    ("pendahuluan", "2. Memiliki kode etik", "A. Latar Belakang",
     "Sebagai suatu profesi tentunya pekerja sosial harus memenuhi syarat-syarat/kriteria atau memiliki ciri antara lain sebagai berikut :"),
    ("pendahuluan", "3. Sebagai salah satu tugas", "B. Tujuan Penulisan", "Adapun tujuan penulisan tugas ini adalah:"),
])
def test_items_know_their_lead_in_and_sub_heading(sections, corpus_text, section_id, start, heading, lead_in):
    p = paragraph(sections, section_id, start)
    assert p.item and p.heading == heading and p.lead_in == lead_in
    assert lead_in in corpus_text  # verbatim, like every quote


def test_a_paragraph_of_its_own_ends_the_list_before_it(sections):
    declaration = paragraph(sections, "pasal-7", "Hal asasi adalah")
    assert not declaration.item and not declaration.lead_in


def lines_above(markdown: str, line: str) -> list[str]:
    lines = markdown.splitlines()
    return lines[: lines.index(line)]


def assert_prohibition_shown_as_one(markdown: str) -> None:
    """"Melakukan kegiatan seksual dengan klien" stands in the quote opened by the Larangan line,
    with only other prohibitions of that list between them."""
    above = lines_above(markdown, f"> - {SEXUAL}")
    between = []
    for line in reversed(above):
        if line == f"> {PROHIBITIONS}":
            break
        between.append(line)
    else:
        pytest.fail(f"no {PROHIBITIONS!r} above the prohibition:\n{markdown}")
    assert all(line == ">" or line.startswith("> - ") for line in between), between


@pytest.mark.parametrize("question", DATING)
def test_dating_a_client_shows_the_prohibition_under_its_larangan_line(assistant, question):
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-6"
    assert_prohibition_shown_as_one(answer.markdown)
    assert_lists_keep_their_context(answer.markdown, Settings().corpus_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("question", ["When is it okay to hug a client?", "bolehkah saya memeluk klien yang sedang menangis?"])
def test_a_hug_is_quoted_as_a_boundary_never_as_sexual_activity(assistant, question):
    # The code has no word on physical contact; quoting "Melakukan kegiatan seksual dengan
    # klien" to a question on a hug would make the code call a hug what it does not.
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-6"
    assert SEXUAL not in answer.markdown
    relationship = "Memberikan atau melibatkan diri dalam hubungan dan komitmen yang bertentangan dengan kepentingan klien."
    assert f"> - {relationship}" in answer.markdown
    assert f"> {PROHIBITIONS}" in lines_above(answer.markdown, f"> - {relationship}")


@pytest.mark.parametrize("question", ["A client tells me she has decided to end her life this weekend. What must I do?",
                                      "klien bilang ingin bunuh diri, apa yang harus saya lakukan?"])
def test_a_risk_to_life_quotes_the_right_to_life_first(assistant, question):
    # Self-determination and the end of the service, quoted alone, read as "respect her choice
    # and close the case"; the code first protects the client's rights "atas hidup dan kehidupan".
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-7"
    quotes = [line for line in answer.markdown.splitlines() if line.startswith("> - ")]
    assert "atas hidup dan kehidupan" in quotes[0]


RELATIONSHIP = "Memberikan atau melibatkan diri dalam hubungan dan komitmen yang bertentangan dengan kepentingan klien."


@pytest.mark.parametrize("question", [
    "Is it okay to friend a client on Facebook?",
    "Can I have a personal relationship with a client I connect with?",
    "Seorang pekerja sosial berpacaran dengan klien dampingannya, bolehkah?",
    # "neighbour" (British spelling) was a word the code did not know: Pasal 9 on colleagues' clients led
    "My neighbour has just been assigned to me as a client. Should I keep the case?",
])
def test_a_friendship_or_dating_with_a_client_quotes_the_relationship_prohibition(assistant, question):
    # Friending was read as confidentiality ("facebook") and a staff member's as Pasal 9's
    # evaluation of staff; dating as sexual activity alone, which leaves a reader to think
    # that dating without sex is not the code's concern.
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-6"
    assert f"> - {RELATIONSHIP}" in answer.markdown
    assert f"> {PROHIBITIONS}" in lines_above(answer.markdown, f"> - {RELATIONSHIP}")


def test_steering_clients_to_a_spouses_business_is_a_conflict_of_interest(assistant):
    # was led by Pasal 7's confidentiality ("husband" is a word of telling one's spouse)
    answer = assistant.ask("Should I recommend my husband's firm to my clients when they need a lawyer?")
    assert answer.hits and answer.hits[0].section.id == "pasal-6"
    assert f"> - {RELATIONSHIP}" in answer.markdown


def test_a_staff_member_is_no_question_of_evaluating_staff(assistant):
    answer = assistant.ask("Should our care staff friend clients on Facebook?")
    # (Pasal 6's relationships and Pasal 7's confidentiality, for "Facebook", score within 0.01
    # of each other: either may lead.)
    assert "pasal-6" in [hit.section.id for hit in answer.hits[:2]]
    assert f"> - {RELATIONSHIP}" in answer.markdown
    assert "pasal-9" not in [hit.section.id for hit in answer.hits[:2]]  # evaluating staff


SERVE_REFERRED = "Melayani klien yang dirujuk oleh rekan sejawat baik yang sifatnya darurat, sementara"
NO_TAKEOVER = "Tidak mengambil alih klien dari konteks pelayanan rekan sejawat"


@pytest.mark.parametrize("question,point", [
    ("rekan saya cuti, saya diminta menangani kliennya sementara. apa kewajiban saya?", SERVE_REFERRED),
    ("Dinas sosial menitipkan seorang lansia terlantar ke panti kami untuk penanganan sementara, tapi staf "
     "menolak karena bukan tanggungan kita. Bagaimana?", SERVE_REFERRED),
    ("Can I take over a client from my colleague if the client asks?", NO_TAKEOVER),
])
def test_a_referred_client_and_a_colleagues_client_get_their_own_point(assistant, question, point):
    # Quoted alone for a client handed over for a while, "Tidak mengambil alih klien …" reads
    # as leave to turn the client away; the code says to serve such a client like any other.
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-9"
    points = [line for line in answer.markdown.splitlines() if line.startswith("> - ")]
    assert any(line.startswith(f"> - {point}") for line in points), answer.markdown
    if point == SERVE_REFERRED:
        assert not any(line.startswith(f"> - {NO_TAKEOVER}") for line in points), answer.markdown


def test_taking_clients_along_to_a_new_job_is_pasal_9s_matter(assistant):
    # was Pasal 10 first (the agency's resources), not the rule on others' clients
    answer = assistant.ask("When I leave the agency, can I take my clients with me to my new job?")
    assert answer.hits[0].section.id == "pasal-9"
    assert f"> - {NO_TAKEOVER}" in answer.markdown


def test_ending_the_service_quotes_the_duty_to_tell_the_client(assistant):
    # "fire a client" was read as nothing the code knows: Pasal 9 and Pasal 16's sanctions
    answer = assistant.ask("Is it ethical to fire a client who keeps missing appointments?")
    assert "> - Memberitahu klien tentang pengakhiran konteks pelayanan" in answer.markdown


def test_a_clients_request_for_their_record_quotes_the_duty_to_show_it(assistant):
    # Quoted alone, "Tidak membuka rahasia klien kepada orang lain …" reads as backing a refusal
    # to give clients their own record; the code says to show it at their request.
    answer = assistant.ask("A client later requests a copy of their record and the social worker refuses. "
                           "Is that ethical?")
    assert answer.hits[0].section.id == "pasal-7"
    assert "> - Memperlihatkan (memberitahukan) catatan informasi atas permintaan klien" in answer.markdown


SHOW_RECORD = "Memperlihatkan (memberitahukan) catatan informasi atas permintaan klien"
OTHERS_SECRETS = "Tidak membiarkan rahasia orang lain terbuka kepada klien tersebut"


def test_only_the_record_point_stops_mid_sentence(sections):
    # "…, dan dalam kitan itu" is finished by the next point; Pasal 4's "…, dan secara
    # bertanggungjawab" and Pasal 8's "… pendapat semacam itu" are whole sentences.
    stopped = [p.text for s in sections.values() for p in s.analysis + s.prose if unfinished(p.text)]
    assert len(stopped) == 1 and stopped[0].startswith(SHOW_RECORD)
    assert not unfinished(paragraph(sections, "pasal-4", "Menyelenggarakan pelayanan sejak").text)


@pytest.mark.parametrize("question", [
    # the other's secret is what is asked
    "Pasien minta melihat catatan asesmen tentang dirinya, di catatan itu ada cerita pribadi adiknya. "
    "Apa yang boleh saya perlihatkan?",
    # the record alone is asked: "show it on request" is still half a sentence without its limit
    "bolehkah klien melihat catatan kasusnya sendiri?",
    "A client later requests a copy of their record and the social worker refuses. Is that ethical?",
])
def test_the_duty_to_show_the_record_is_quoted_with_its_limit(assistant, question):
    # "Memperlihatkan … catatan informasi atas permintaan klien …, dan dalam kitan itu" stops
    # mid-sentence; the next point finishes it. Cut there, it reads as leave to hand over a
    # record that holds another person's secret.
    lines = assistant.ask(question).markdown.splitlines()
    shown = [i for i, line in enumerate(lines) if line.startswith(f"> - {SHOW_RECORD}")]
    assert shown and lines[shown[0] + 1] == f"> - {OTHERS_SECRETS}", lines


def test_a_point_that_finishes_another_brings_the_start_of_its_sentence(sections):
    # "… kepada klien tersebut" names the client of the point before it.
    section = sections["pasal-7"]
    finishing = next(i for i, p in enumerate(section.analysis) if p.text == OTHERS_SECRETS)
    assert _finishing(section.analysis, {finishing}) == {finishing - 1}
    assert section.analysis[finishing - 1].text.startswith(SHOW_RECORD)
    assert _finishing(section.analysis, {finishing - 1}) == {finishing}
    assert _finishing(section.analysis, {finishing + 1}) == set()


@pytest.mark.parametrize("question", [
    "A teenage client discloses that their coach has been sending them sexually explicit messages. What should the social worker do?",
    "My client is a victim of sexual assault and her mother wants to know what she told me. Can I tell her?",
])
def test_a_client_harmed_by_someone_else_is_not_quoted_the_workers_sexual_prohibition(assistant, question):
    # The prohibition is of the worker's own conduct; quoted for a client someone else harmed,
    # it points the suspicion at the worker.
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id == "pasal-7"
    assert SEXUAL not in answer.markdown


def test_a_clients_own_sex_life_is_not_quoted_the_workers_sexual_prohibition(assistant):
    # "unprotected sex" is the client's conduct with someone else, which the code does not rule on
    answer = assistant.ask("My client is HIV positive and keeps having unprotected sex with his partner. "
                           "What should I do?")
    assert SEXUAL not in answer.markdown


@pytest.mark.parametrize("question", [
    "A former client invited me to his daughter's wedding. May I attend?",
    "Bolehkah saya mempekerjakan mantan klien sebagai sopir pribadi?",
])
def test_a_former_client_is_a_relationship_question_not_a_sexual_one(assistant, question):
    # "former client" once stood for the sexual prohibition (from "dating a former client"), so
    # any question about one quoted "Melakukan kegiatan seksual dengan klien".
    answer = assistant.ask(question)
    assert SEXUAL not in answer.markdown
    assert "hubungan dan komitmen yang bertentangan dengan kepentingan klien" in answer.markdown
    # Sex with one still quotes the prohibition.
    assert SEXUAL in assistant.ask("Is it ever okay to have sex with a former client?").markdown


@pytest.mark.parametrize("question", [
    # a day, not a date with someone; loving one's job; what befell the client
    "Can I move my client's appointment to another date without asking her?",
    "Can I change the date or time of a session without asking my client?",
    "What date the client was admitted should I write in the file?",
    "How do I keep my knowledge up to date as the code requires?",
    "I love my job, but my manager wants me to skip home visits. What should I do?",
    "My client lives with intimate partner violence. May I call the police without her consent?",
    "A teenage client was sexually harassed by a neighbour. Should I tell her parents?",
    # a client's own partner
    "Klien remaja saya sering dipukul pacarnya. Bolehkah saya memberi tahu gurunya?",
    "Ibu dampingan saya cerita suaminya selingkuh. Perlu saya sampaikan ke keluarganya?",
])
def test_words_that_only_look_romantic_do_not_quote_the_sexual_prohibition(assistant, question):
    assert SEXUAL not in assistant.ask(question).markdown


@pytest.mark.parametrize("question", [
    "Is it okay to date my client once her case is closed?",
    "My client told me she is in love with me. What now?",
    "Can a case manager go on a date with someone on her caseload?",
])
def test_a_workers_romance_with_a_client_still_quotes_the_sexual_prohibition(assistant, question):
    assert SEXUAL in assistant.ask(question).markdown


@pytest.mark.parametrize("question", [
    "My client says he is having an affair. Am I obliged to tell his wife?",
    "Klien saya curhat dia selingkuh dari suaminya. Wajib saya laporkan ke suaminya?",
    "Seorang klien remaja cerita dia berpacaran dengan pria beristri. Boleh saya beri tahu orang tuanya?",
])
def test_a_clients_own_romance_is_a_confidence_not_the_sexual_prohibition(assistant, question):
    # The romance is the client's: what was told in confidence is Pasal 7's matter, not the
    # worker's relations with a client (Pasal 6's "Melakukan kegiatan seksual dengan klien").
    assert assistant.ask(question).hits[0].section.id == "pasal-7"


@pytest.mark.parametrize("question", [
    "Should I tell his employer that he is in rehab?",
    "Would it benefit my client if I told her employer about her illness?",
])
def test_telling_a_clients_employer_is_disclosure(assistant, question):
    # "employer" alone is Pasal 10's agency; telling a client's employer is Pasal 7's matter
    assert assistant.ask(question).hits[0].section.id == "pasal-7"


def test_child_abuse_is_harm_to_the_child_not_a_misuse_of_the_service(assistant):
    # "abuse" read as "penyalahgunaan" drew Pasal 6's "Larangan penyalahgunaan konteks pelayanan"
    # list (sexual activity with a client among it) under a question on confidentiality.
    answer = assistant.ask("A social worker suspects child abuse. The parent denies it and asks the worker "
                           "to keep it confidential. What should the social worker do?")
    assert answer.hits[0].section.id == "pasal-7"
    assert PROHIBITIONS not in answer.markdown and SEXUAL not in answer.markdown


def test_telling_a_family_a_clients_hiv_status_without_consent_quotes_confidentiality_first(assistant):
    # "HIV" alone drew Pasal 6's line on discrimination and its article ("melindungi kepentingan
    # klien"), which reads as leave to tell the family "for the client's good".
    answer = assistant.ask("Klien saya positif HIV dan belum setuju keluarganya diberi tahu. "
                           "Bolehkah saya memberi tahu keluarganya?")
    assert answer.hits[0].section.id == "pasal-7"
    assert ("> - Tidak membuka rahasia klien kepada orang lain walaupun pertimbangan-pertimbangan profesional "
            "mengharuskannya kalau tidak mendapatkan persetujuan yang jelas dari klien bersangkutan") in answer.markdown


def test_an_agencys_harmful_rule_quotes_the_duty_to_stop_it(assistant):
    # "rule" alone is "aturan ketentuan kaidah": Pasal 10's "Melaksanakan tugas … sesuai dengan
    # standar dan ketentuan" was the point quoted, which reads as "do your job, follow the rule".
    answer = assistant.ask("Our shelter has a rule to lock kids in a room as punishment. What should I do?")
    assert answer.hits[0].section.id == "pasal-10"
    assert "> - Mencegah dan menghentikan kebijakan, program, dan pelayanan lembaga" in answer.markdown
    assert "Melaksanakan tugas, kewajiban dan tanggungjawab" not in answer.markdown


@pytest.mark.parametrize("question", DATING)
def test_the_chat_and_the_api_show_the_prohibition_under_its_larangan_line(assistant, question):
    assert_prohibition_shown_as_one(chat.api_answer(assistant, question))
    after = chat.respond(assistant, question, Conversation())
    assert_prohibition_shown_as_one(after.messages[-1][1])


@pytest.mark.parametrize("question", DATING)
def test_the_cli_shows_the_prohibition_under_its_larangan_line(assistant, settings, question):
    result = CliRunner().invoke(cli, ["--index-dir", str(settings.index_dir), "ask", question])
    assert result.exit_code == 0, result.output
    assert_prohibition_shown_as_one(result.output)


PROHIBITION_ITEMS = [
    "Menggunakan hubungannya dengan klien sebagai alasan untuk dan demi mendapatkan keuntungan pribadinya",
    "Memberikan atau melibatkan diri dalam hubungan dan komitmen yang bertentangan dengan kepentingan klien.",
    SEXUAL,
]
#: Pasal 7's two limits of confidentiality: the law's order, and the client's clear consent.
LIMITS = [
    "Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum",
    "Tidak membuka rahasia klien kepada orang lain walaupun pertimbangan-pertimbangan profesional "
    "mengharuskannya kalau tidak mendapatkan persetujuan yang jelas dari klien bersangkutan",
]


@pytest.mark.parametrize("question", ["apa saja larangan bagi pekerja sosial?", "What is prohibited for social workers?",
                                      "apa yang tidak boleh dilakukan pekerja sosial",
                                      "What are the prohibited behaviors for social workers?"])
def test_asking_for_the_prohibitions_quotes_the_whole_list(assistant, question):
    # The Larangan line matches, none of its items does: the list is what is asked for.
    markdown = assistant.ask(question).markdown
    assert all(f"> - {item}" in markdown.splitlines() for item in PROHIBITION_ITEMS), markdown
    assert_prohibition_shown_as_one(markdown)


@pytest.mark.parametrize("question", [
    "klien anak dianiaya ortunya, boleh saya lapor tanpa izin anak?",
    "bolehkah membuka rahasia klien tanpa persetujuan klien?",
    "Can I tell the police what my client told me without her consent?",
    "Kapan sesungguhnya konfidensialitas klien dapat dilanggar?",  # the loanword is confidentiality
    "Sebagai PK, bolehkah saya menyampaikan isi litmas klien ke keluarga korban?",
    # any point of the confidentiality list brings its rule: "Memperlihatkan … catatan informasi
    # atas permintaan klien" is no leave to show the notes to a teacher or a parent
    "Pekerja sosial sekolah: guru meminta catatan konseling siswa, bolehkah diberikan?",
    "bolehkah memberitahu status HIV klien ke keluarganya?",
])
def test_a_limit_of_confidentiality_is_never_quoted_without_the_other(assistant, question):
    # Consent alone would read as "never without the client's consent", the law's order cut off.
    lines = assistant.ask(question).markdown.splitlines()
    shown = [limit for limit in LIMITS if f"> - {limit}" in lines]
    assert shown == LIMITS, lines


def test_a_list_point_of_two_sentences_is_quoted_whole(assistant, sections):
    point = paragraph(sections, "pasal-2", "Mewaspadai dan menolak")
    second = "Tidak ada suatu kekuatan apapun (kecuali Tuhan YME)"
    assert point.item and second in point.text and not point.text.startswith(second)
    markdown = assistant.ask("Does the cost of the gift or the wealth of the person giving a gift matter?").markdown
    assert second in markdown and f"> - {point.text}" in markdown.splitlines()


def test_a_sub_heading_and_a_lead_in_are_shown_once(assistant):
    markdown = assistant.ask("Does the price of a gift or how rich the giver is matter?").markdown
    assert markdown.count("Ongkos pelayanan") == 1 + markdown.count("(Ongkos pelayanan)"), markdown
    colleagues = assistant.ask("Have you ever wondered what guidelines steer the actions of social workers "
                               "when it comes to working with colleagues?").markdown
    assert colleagues.count("juga mempunyai kewajiban terhadap rekan sejawat termasuk antara lain") <= 1, colleagues


def test_bab_i_keeps_its_order(assistant, corpus_text):
    # "Kerangka nilai …" explains point 1 of the list "… sebagai berikut :" opens: shown after
    # that lead-in, as in the source, not above it.
    markdown = assistant.ask("Pekerja sosial memperkosa klien, apa kata kode etik?").markdown
    bab_i = markdown.split("### BAB I")[1].split("###")[0]
    positions = [corpus_text.index(line[2:].strip("*")) for line in bab_i.splitlines() if line.startswith("> ")]
    assert len(positions) >= 3 and positions == sorted(positions), bab_i


@pytest.mark.parametrize("question", [
    "Apa saja ciri pekerjaan sosial sebagai sebuah profesi?",
    "syarat profesi peksos apa aja?",
])
def test_one_of_bab_is_numbered_points_brings_the_others(assistant, question):
    # "2. Memiliki kode etik …" alone under "… memenuhi syarat-syarat/kriteria … sebagai berikut :"
    # would read as the profession's only criterion.
    bab_i = assistant.ask(question).markdown.split("### BAB I")[1].split("###")[0]
    assert "> 1. Dalam melaksanakan kegiatan profesionalnya" in bab_i and "> 2. Memiliki kode etik" in bab_i, bab_i


def test_a_social_worker_raping_a_client_leads_with_the_prohibition(assistant):
    answer = assistant.ask("Pekerja sosial memperkosa klien, apa kata kode etik?")
    assert answer.hits[0].section.id == "pasal-6"
    assert_prohibition_shown_as_one(answer.markdown)


def test_json_carries_citations_and_lead_ins(assistant, settings):
    result = CliRunner().invoke(cli, ["--index-dir", str(settings.index_dir), "ask", "--json", DATING[0]])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["hits"][0]
    assert first["citation"].startswith("Kodepeksos Pasal 6 (Menghargai kepentingan Klien), bagian B. Kewajiban")
    assert "3 Februari 2011" in first["citation"]
    quotes = {q["text"]: q for q in first["quotes"]}
    assert quotes[SEXUAL]["lead_in"] == PROHIBITIONS and quotes[SEXUAL]["role"] == "analysis"
    assert all(q["lead_in"] is None for q in first["quotes"] if q["role"] == "article")
    assert all("lead_in" in q for hit in data["hits"] for q in hit["quotes"])


def test_every_answer_states_its_source_and_cites_each_section(assistant, corpus_text):
    source = assistant.source
    assert source is not None and source.title == "Analisis Kode Etik Profesi Pekerjaan Sosial Indonesia (IPSPI)"
    for question in ["bolehkah saya membuka rahasia klien?", "pasal 7", "apa itu kodepeksos?"]:
        answer = assistant.ask(question)
        lines = answer.markdown.splitlines()
        assert provenance(source) in lines and wording.is_fixed(provenance(source))
        for hit in answer.hits:
            # The section's heading is its citation, one line to copy; the provenance line names the source.
            line = wording.HEADING.format(citation=hit.section.citation)
            assert line in lines and wording.is_fixed(line)
            assert line.removeprefix("### ").startswith(("Kodepeksos Pasal ", "BAB I ", "BAB III "))
        assert_only_quotes_and_fixed_wording(answer.markdown, corpus_text,
                                             {s.citation for s in parse(corpus_text)},
                                             {wording.PROSE_LABEL.format(part=s.part, title=s.title)
                                              for s in parse(corpus_text)})


def test_a_refusal_quotes_nothing_and_cites_nothing(assistant):
    answer = assistant.ask("resep rendang padang yang enak")
    assert answer.abstained and "### " not in answer.markdown and "_Sumber:" not in answer.markdown


def test_the_metadata_lives_beside_the_corpus(tmp_path):
    corpus = Settings().corpus_path
    assert source_path(corpus).parent == corpus.parent and source_path(corpus).exists()
    # A corpus of one's own without metadata still answers, without a provenance line.
    own = tmp_path / "own.txt"
    own.write_text("x", encoding="utf-8")
    assert load_source(own) is None


def test_a_broken_metadata_file_is_explained(tmp_path):
    from assistant.errors import CorpusError

    own = tmp_path / "own.txt"
    source_path(own).write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="tidak dapat dibaca"):
        load_source(own)


MEMBERSHIP = "Menjadi anggota organisasi resmi profesi pekerjaan sosial"
PERSONAL_GAIN = "Menggunakan hubungannya dengan klien sebagai alasan untuk dan demi mendapatkan keuntungan pribadinya"
MISUSE = "Tidak menyalahgunakan identitas, jabatan, dan sumberdaya lembaga untuk kepentingan pribadi"


@pytest.mark.parametrize("question,absent", [
    # "present" is a gift only as a noun one gives; "position" an office only when it is used
    ("I must present a case to my team next week. May I use the client's real name?", PERSONAL_GAIN),
    ("My client's sister was present when I asked about her diagnosis. Did I breach anything?", PERSONAL_GAIN),
    ("I'm in an awkward position: the school asks what my client told me. What can I say?", MISUSE),
    # "tips" are advice, a loan a student's, "lend" an ear, "business hours" a timetable
    ("Any tips for talking with a client who is grieving?", PERSONAL_GAIN),
    ("I still have student loans; may I take a weekend job with another agency?", PERSONAL_GAIN),
    ("Can I lend a listening ear to a client after hours?", PERSONAL_GAIN),
    ("Our business hours end at four; can I visit clients in the evening?", PERSONAL_GAIN),
    ("What is the age of consent for telling parents what a teenager said in a session?", "diskriminatif"),
    # taking part in politics is advocacy for policy, not a belief held against someone
    ("Should a hospital social worker get involved in political activity?", "diskriminatif"),
    ("How much political involvement is expected of a social worker?", "diskriminatif"),
    ("What keeps clinicians from political action on behalf of their clients?", "diskriminatif"),
    # "associated with" relates; an association is what one joins
    ("Which duties are associated with confidentiality?", MEMBERSHIP),
    ("What ethical issues are associated with home visits?", MEMBERSHIP),
    # being lucky, a trader and trafficking are not profit made from a client ("untung", "dagang")
    ("Bagaimana melayani klien yang kurang beruntung secara ekonomi?", PERSONAL_GAIN),
    ("Saya beruntung punya penyelia yang baik, tapi dia minta data klien untuk risetnya. Boleh?", PERSONAL_GAIN),
    ("Klien saya pedagang kaki lima yang digusur. Apa kewajiban saya?", PERSONAL_GAIN),
    # a client's marriage is her status; marrying a client is the worker's relationship
    ("My married client asked me not to tell her husband about her diagnosis. What should I do?", SEXUAL),
    ("My married client asked me not to tell her husband about her diagnosis. What should I do?", "diskriminatif"),
    ("Can a social worker marry a former client?", "diskriminatif"),
    # declining politely is not politics; the client's benefit is not the worker's gain
    ("Can I politely decline a client's invitation to her wedding?", "diskriminatif"),
    ("Is it for the client's benefit to share her file with the school?", PERSONAL_GAIN),
])
def test_words_that_only_look_like_a_topic_do_not_quote_its_points(assistant, question, absent):
    assert absent not in assistant.ask(question).markdown


@pytest.mark.parametrize("question,present", [
    ("A client gave me a birthday present. May I keep it?", PERSONAL_GAIN),
    ("Can I use my position to get my cousin a job at the agency?", MISUSE),
    ("A client's family wants to tip me after the home visit. May I take it?", PERSONAL_GAIN),
    ("Can I lend money to a client who is short this month?", PERSONAL_GAIN),
    ("May I turn away a client because of her political beliefs?", "diskriminatif"),
    ("Is membership in a social work association required?", MEMBERSHIP),
    ("Bolehkah peksos mencari untung dengan berdagang kepada kliennya?", PERSONAL_GAIN),
    ("Can a social worker marry a former client?", SEXUAL),
    ("Is it okay to treat married and single clients differently?", "diskriminatif"),
    ("Can I benefit financially from my client's business?", PERSONAL_GAIN),
])
def test_the_topics_themselves_still_quote_them(assistant, question, present):
    assert present in assistant.ask(question).markdown


def test_a_client_refusing_a_move_quotes_self_determination_not_confidentiality(assistant):
    # "menghormati keputusannya" was read as "Menghormati dan menjaga kerahasiaan klien": the
    # code's word on a client's own decision is the right to decide their fate.
    answer = assistant.ask("Penghuni lansia tidak mau dipindahkan ke panti lain. Haruskah saya menghormati keputusannya?")
    assert answer.hits and answer.hits[0].section.id == "pasal-7"
    assert "menentukan nasibnya sendiri" in answer.markdown
    assert "kerahasiaan" not in answer.markdown


def test_a_resident_beaten_by_staff_quotes_the_duty_to_stop_irresponsible_practice(assistant):
    # "dipukuli pengasuh" (beaten by a carer) is a colleague's practice to be stopped, as
    # "pengasuh memukul" already was (Pasal 7 and 6 led, Pasal 12 was not shown).
    answer = assistant.ask("anak asuh di LKSA kami sering dipukuli oleh pengasuh, saya harus bagaimana?")
    assert answer.hits and answer.hits[0].section.id == "pasal-12"
    assert "Mengambil tindakan untuk mencegah, memperbaiki atau menghentikan praktik" in answer.markdown


def test_a_homes_board_is_not_the_professional_association(assistant):
    # "pengurus" is mostly a home's or a foundation's board; read as the association's board, it
    # quoted "Menjadi anggota organisasi resmi profesi pekerjaan sosial" to a question on a gift.
    answer = assistant.ask("Calon orang tua angkat memberi sumbangan besar kepada pengurus panti, bagaimana menurut kode etik?")
    assert answer.hits
    assert "Menjadi anggota organisasi resmi profesi" not in answer.markdown


@pytest.mark.parametrize("question", [
    "A family I work with offered me some jewelry when the case ended. Is accepting it allowed?",
    "An older client insists I take his expensive watch. What does the code say?",
])
def test_a_valuable_object_offered_quotes_the_personal_gain_prohibition(assistant, question):
    # A gift named by what it is ("watch", "jewelry") had no word of the code: the articles on
    # personal gain were shown with their text alone, without the line that answers.
    answer = assistant.ask(question)
    assert answer.hits and answer.hits[0].section.id in ("pasal-6", "pasal-2")
    assert "keuntungan pribadinya" in answer.markdown or "demi kepentingan pribadi" in answer.markdown


def test_a_client_not_joining_a_programme_activity_is_not_a_research_participant(assistant):
    # "tidak mau ikut" (will not take part) read as a research participant's refusal, so Pasal 5's
    # "tanpa menghukum atas penolakan mereka untuk berpartisipasi" led, as if the code ruled on
    # programme meetings.
    for question in ("penghuni panti tidak mau ikut kegiatan kelompok, apakah boleh saya paksa?",
                     "klien saya tidak mau ikut terapi kelompok, bolehkah saya beri sanksi?"):
        answer = assistant.ask(question)
        assert answer.hits and answer.hits[0].section.id == "pasal-7"
        assert not any(hit.section.id == "pasal-5" for hit in answer.hits)


def test_a_client_returning_to_an_abusive_husband_quotes_self_determination(assistant):
    # "melarang" (to forbid) met the code's "Larangan" lines; the code's word on a client's own
    # choice is the right to decide their fate.
    answer = assistant.ask("istri yang kami dampingi mau kembali lagi ke suaminya yang suka memukul, bolehkah saya melarangnya?")
    assert answer.hits and answer.hits[0].section.id == "pasal-7"
    quotes = [line for line in answer.markdown.splitlines() if line.startswith("> - ")]
    assert "menentukan nasibnya sendiri" in quotes[0]


def test_a_workers_own_trauma_quotes_withdrawal_and_a_victims_case_no_sexual_conduct(assistant):
    # A case of sexual abuse is the client's situation, not the worker's sexual conduct
    # ("Melakukan kegiatan seksual dengan klien" led); the worker's own similar trauma is a
    # reason to withdraw.
    answer = assistant.ask("Saya punya trauma masa kecil yang mirip dengan kasus pencabulan yang saya dampingi, bolehkah saya mundur?")
    assert answer.hits and answer.hits[0].section.id == "pasal-6"
    assert "Segera menarik diri dari konteks pelayanan" in answer.markdown
    assert SEXUAL not in answer.markdown


def test_lost_objectivity_quotes_the_duty_to_withdraw(assistant):
    # "work objectively" met no word of the code: the articles were shown without the line.
    answer = assistant.ask("I feel I have lost my objectivity with one of my clients. What does the code expect?")
    assert "Segera menarik diri dari konteks pelayanan" in answer.markdown

"""The chat app: follow-up logic and display as plain function calls, then the real server
(real model, real corpus) started on a free loopback port and called with ``gradio_client``."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assistant import chat, wording
from assistant.chat import CONTINUATION, POINTER, REFER_BACK, Conversation
from assistant.settings import ROOT
from conftest import free_port
from test_answer import assert_only_quotes_and_fixed_wording

CONFIDENTIAL = "> - Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum"
QUESTION = "Bolehkah saya membuka rahasia klien?"


def section(assistant, section_id):
    return next(s for s in assistant.index.sections if s.id == section_id)


# -- follow-ups, from the words alone ---------------------------------------------------------

@pytest.mark.parametrize("question,kind", [
    ("pasal itu", REFER_BACK),
    ("yang tadi", REFER_BACK),
    ("lanjut", REFER_BACK),
    ("jelaskan lagi", REFER_BACK),
    ("Pasal tersebut isinya apa?", REFER_BACK),
    ("kalau ke rekan kerja bagaimana?", CONTINUATION),
    ("Terus kalau ke keluarga klien?", CONTINUATION),
    ("bagaimana dengan penelitian?", CONTINUATION),
    ("apakah itu berlaku juga di panti sosial?", POINTER),
    ("what if it is just food?", CONTINUATION),
    ("What about a former client?", CONTINUATION),
    ("Permisi kak, mau tanya lagi, kalau ke keluarga klien gimana? Makasih", CONTINUATION),  # courtesies aside
    ("Does that apply to interns too?", POINTER),
    ("tell me more", REFER_BACK),
    ("tell me more about it", REFER_BACK),
    ("Is it ok to hug a client?", None),  # "it" is no pointer: a new question
    (QUESTION, None),
    ("pasal 7", None),
    ("kalau pasal 9 bagaimana?", None),
    ("Bagaimana jika rekan sejawat melanggar kode etik?", None),  # an article named by number is answered as asked
    ("kalau saya bekerja di lembaga swasta dan klien saya meminta saya merahasiakan semuanya?", None),
    ("", None),
    ("?!", None),
])
def test_followup_kind(question, kind):
    assert chat.followup_kind(question) == kind


def test_refer_back_shows_the_last_section_in_full(assistant):
    markdown, first = chat.answer_turn(assistant, QUESTION, Conversation())
    assert first.sections[0] == "pasal-7" and first.topic == QUESTION
    assert not markdown.startswith("_Pertanyaan lanjutan")

    markdown, after = chat.answer_turn(assistant, "pasal itu", first)
    pasal7 = section(assistant, "pasal-7")
    assert markdown.splitlines()[0] == wording.FOLLOWUP_NOTE.format(citation=pasal7.citation)
    # The whole analysis, not only the three quotes of the first answer.
    assert "> - Menghormati dan menjaga kerahasiaan klien dalam konteks pelayanan" in markdown.splitlines()
    assert after.sections == ("pasal-7",) and after.topic == QUESTION


def test_continuation_is_joined_to_the_previous_question(assistant):
    _, first = chat.answer_turn(assistant, QUESTION, Conversation())
    markdown, after = chat.answer_turn(assistant, "kalau ke rekan kerja bagaimana?", first)
    lines = markdown.splitlines()
    assert lines[0] == wording.FOLLOWUP_NOTE.format(citation=section(assistant, "pasal-7").citation)
    assert "pasal-7" in after.sections  # "rahasia klien" came along from the first question
    assert after.topic == QUESTION  # the next follow-up still joins the original question
    assert markdown.endswith(wording.NOTICE)


@pytest.mark.parametrize("first,followup", [
    ("Can Therapists Accept Gifts?", "kalau hadiahnya cuma makanan?"),
    ("Bolehkah menerima hadiah dari klien?", "what if it is just food?"),
    ("Can Therapists Accept Gifts?", "kalau di kantor?"),  # one word the code does not know
])
def test_a_followup_in_the_other_language_stays_on_the_subject(assistant, first, followup):
    # The joined question mixes two languages: its words look unknown to the gate, yet the
    # follow-up is about gifts, as the question before it was.
    _, before = chat.answer_turn(assistant, first, Conversation())
    assert before.sections[0] == "pasal-6"
    markdown, after = chat.answer_turn(assistant, followup, before)
    assert markdown.splitlines()[0] == wording.FOLLOWUP_NOTE.format(citation=section(assistant, "pasal-6").citation)
    assert "pasal-6" in after.sections


@pytest.mark.parametrize("followup", ["kalau tidak?", "what if not?"])
def test_a_followup_with_no_subject_of_its_own_is_asked_with_its_question(assistant, followup):
    # Alone it has no subject and is not found; joined to the question before, it is on gifts.
    _, before = chat.answer_turn(assistant, "Bolehkah pekerja sosial menerima hadiah dari klien?", Conversation())
    markdown, after = chat.answer_turn(assistant, followup, before)
    assert markdown.splitlines()[0] == wording.FOLLOWUP_NOTE.format(citation=section(assistant, "pasal-6").citation)
    assert after.sections[0] == "pasal-6"


def test_a_followup_to_a_requirement_of_the_code_stays_on_the_subject(assistant):
    # "anak" is a word the code does not use: the join was refused as a request for a procedure.
    _, before = chat.answer_turn(assistant, "Apa saja syarat informed consent?", Conversation())
    assert before.sections[0] == "pasal-5"
    markdown, after = chat.answer_turn(assistant, "kalau partisipannya anak?", before)
    assert markdown.splitlines()[0] == wording.FOLLOWUP_NOTE.format(citation=section(assistant, "pasal-5").citation)
    assert after.sections[0] == "pasal-5"


def test_a_followup_naming_the_client_stays_on_the_subject(assistant):
    # "kalau kliennya penerima PKH?" names a programme, and the client: a narrower question on
    # fees, not a programme question of its own (it got the administrative note).
    _, before = chat.answer_turn(assistant, "klien tidak mampu bayar, boleh dihentikan layanannya?", Conversation())
    assert before.sections[0] == "pasal-11"
    markdown, after = chat.answer_turn(assistant, "kalau kliennya penerima PKH?", before)
    assert wording.NOT_FOUND not in markdown and after.sections[0] == "pasal-11"


@pytest.mark.parametrize("first,followup,note", [
    # nothing of the code: the gate's refusal of the join is not made near by the question before
    ("Can Therapists Accept Gifts?", "kalau resep nasi goreng?", wording.NOT_FOUND),
    # administrative on its own, not made a worker's conduct by the question before
    ("Bolehkah menerima hadiah dari klien?", "kalau pencairan PKH gimana?", wording.ADMINISTRATIVE),
])
def test_a_followup_off_the_code_is_still_refused(assistant, first, followup, note):
    _, before = chat.answer_turn(assistant, first, Conversation())
    markdown, _ = chat.answer_turn(assistant, followup, before)
    assert not markdown.startswith("_Pertanyaan lanjutan")
    assert markdown.startswith(wording.NOT_FOUND) and note in markdown


def test_no_followup_without_a_previous_answer(assistant):
    markdown, _ = chat.answer_turn(assistant, "pasal itu", Conversation())
    answer = assistant.ask("pasal itu")  # answered as asked, whatever that finds
    assert markdown == chat.with_full_texts(answer.markdown, answer.hits)


def test_a_new_question_changes_the_topic(assistant):
    _, first = chat.answer_turn(assistant, QUESTION, Conversation())
    markdown, after = chat.answer_turn(assistant, "pasal 16", first)
    assert not markdown.startswith("_Pertanyaan lanjutan")
    assert after.sections == ("pasal-16",) and after.topic == "pasal 16"


def test_joined_question_keeps_the_followup_whole():
    assert chat.joined_question("bolehkah membuka rahasia", "kalau ke rekan?", 1000) == \
        "bolehkah membuka rahasia kalau ke rekan?"
    joined = chat.joined_question("x" * 2000, "kalau ke rekan?", 1000)
    assert len(joined) <= 1000 and joined.endswith(" kalau ke rekan?")


@pytest.mark.parametrize("turns", [
    [QUESTION, "pasal itu"],
    [QUESTION, "kalau ke rekan kerja bagaimana?", "terus kalau ke keluarga klien?"],
    ["Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?", "jelaskan lagi"],
    ["pasal 7", "lanjut"],
    ["Can Therapists Accept Gifts?", "kalau hadiahnya cuma makanan?"],
])
def test_every_chat_line_is_a_quote_or_fixed_wording(assistant, corpus_text, turns):
    from assistant.parse import parse

    citations = {s.citation for s in parse(corpus_text)}
    labels = {wording.PROSE_LABEL.format(part=s.part, title=s.title) for s in parse(corpus_text)}
    conversation = Conversation()
    for question in turns:
        conversation = chat.respond(assistant, question, conversation)
    for role, markdown in conversation.messages:
        if role == "assistant":
            assert_only_quotes_and_fixed_wording(markdown, corpus_text, citations, labels)


# -- what the chat shows ---------------------------------------------------------------------

def test_quoted_sections_carry_their_full_text_one_tap_away(assistant):
    answer = assistant.ask(QUESTION)
    markdown = chat.with_full_texts(answer.markdown, answer.hits)
    lines = markdown.splitlines()
    opening = wording.FULL_TEXT_OPEN.format(citation="Pasal 7 · Menghargai Hak-hak Klien")
    assert lines.count(opening) == 1 and lines.count(wording.FULL_TEXT_CLOSE) == len(answer.hits)
    # after the section's own quotes, before the closing notice; collapsed (no "open")
    assert lines.index(CONFIDENTIAL) < lines.index(opening) < lines.index(wording.RULE)
    assert "<details open" not in markdown
    reference = assistant.ask("pasal 7")  # asked by number: already the full text
    assert chat.with_full_texts(reference.markdown, reference.hits) == reference.markdown


def without_full_texts(markdown: str) -> str:
    out, inside = [], False
    for line in markdown.split("\n"):
        if line.startswith("<details><summary>"):
            inside = True
        elif line == wording.FULL_TEXT_CLOSE:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(line for i, line in enumerate(out) if line or not (i and not out[i - 1]))


@pytest.mark.parametrize("question", [QUESTION, "Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?",
                                      "Apa kewajiban saya terhadap rekan sejawat?"])
def test_full_texts_only_add_to_the_answer(assistant, question):
    answer = assistant.ask(question)
    markdown = chat.with_full_texts(answer.markdown, answer.hits)
    assert without_full_texts(markdown) == answer.markdown
    lines = markdown.splitlines()
    openings = [i for i, line in enumerate(lines) if line.startswith("<details><summary>")]
    assert len(openings) == len([h for h in answer.hits if h.reason != "reference"]) > 0
    for i in openings:  # each right under its section's last quote, after a blank line
        assert lines[i - 1] == "" and lines[i - 2].startswith("> ")


@pytest.mark.parametrize("typed,shown", [
    ("<img src=x onerror=alert(1)><script>alert(2)</script>**bold**",
     r"&lt;img src\=x onerror\=alert\(1\)&gt;&lt;script&gt;alert\(2\)&lt;/script&gt;\*\*bold\*\*"),
    ("# judul\n- butir [tautan](https://x.id)", r"\# judul \- butir \[tautan\]\(https\://x\.id\)"),
    ("a\x00b\u202ec  d", "a bc d"),  # NUL is a space, the direction override is dropped
    ("Bolehkah saya membuka rahasia klien?", "Bolehkah saya membuka rahasia klien?"),
    ("هل يجوز", "هل يجوز"),
    (None, ""),
])
def test_user_text_is_escaped(typed, shown):
    assert chat.user_text(typed) == shown


def test_user_text_is_cut():
    assert chat.user_text("x" * 20000, limit=1000) == "x" * 1000 + "…"


BAD_INPUTS = [
    ("", wording.EMPTY_QUESTION),
    ("   \n\t ", wording.EMPTY_QUESTION),
    ("\x00\x01\x02", wording.EMPTY_QUESTION),
    ("😀🙏😀", wording.NO_WORDS),
    ("?!?", wording.NO_WORDS),
    ("Terima kasih 🙏", wording.ONLY_COURTESY),  # after an answer: no question, no "Tidak ditemukan"
    ("Halo kak!", wording.ONLY_COURTESY),
]


@pytest.mark.parametrize("message,expected", BAD_INPUTS)
def test_chat_answers_bad_input_with_the_indonesian_message(assistant, message, expected):
    before = Conversation(topic=QUESTION, sections=("pasal-7",))
    after = chat.respond(assistant, message, before)
    assert after.messages[-1] == ("assistant", expected)
    assert (after.topic, after.sections) == (before.topic, before.sections)


@pytest.mark.parametrize("message", [
    "x" * 20000, "<script>alert(1)</script>", "שלום עולם مرحبا", "a\x00b", 42, None,
])
def test_chat_never_raises(assistant, message):
    after = chat.respond(assistant, message, Conversation())
    role, markdown = after.messages[-1]
    assert role == "assistant" and markdown and "Traceback" not in markdown


def test_unexpected_failure_is_a_fixed_apology_and_logs_no_question(caplog):
    class Broken:
        def ask(self, question):
            raise RuntimeError(f"boom {question}")

    with caplog.at_level(logging.ERROR):
        assert chat.api_answer(Broken(), "nama klien Budi") == wording.APP_ERROR
    assert "RuntimeError" in caplog.text and "Budi" not in caplog.text


def test_conversation_keeps_only_the_latest_messages(assistant):
    conversation = Conversation()
    for number in range(1, 17):
        conversation = chat.respond(assistant, f"pasal {number}", conversation)
        conversation = chat.open_section(assistant, "kesimpulan", conversation)
    assert len(conversation.messages) == chat.MAX_MESSAGES
    assert conversation.messages[-1][1] == chat.open_section(assistant, "kesimpulan", Conversation()).messages[-1][1]


def test_article_list_has_every_section_by_part(assistant):
    groups = chat.section_groups(assistant.index.sections)
    labels = [label for label, _ in groups]
    assert labels[0] == "BAB I · Pendahuluan" and labels[-1] == "BAB III · Kesimpulan"
    assert [label[:2] for label in labels[1:-1]] == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    numbers = [s.number for _, sections in groups[1:-1] for s in sections]
    assert numbers == list(range(1, 17))


@pytest.mark.parametrize("section_id", ["pasal-7", "kesimpulan"])
def test_opening_a_section_shows_it_in_full(assistant, section_id):
    after = chat.open_section(assistant, section_id, Conversation())
    opened = section(assistant, section_id)
    (_, asked), (_, shown) = after.messages
    assert "Buka" in asked and wording.HEADING.format(citation=opened.citation) in shown
    assert all(f"> {line}" in shown for line in opened.article)
    assert all(any(f"> {mark}{p.text}" in shown for mark in ("", "- ", "**")) for p in opened.analysis + opened.prose)
    assert after.sections == (section_id,)
    if section_id == "pasal-7":
        assert shown == chat.with_links(assistant.ask("pasal 7").markdown, [opened])
    assert shown.count(wording.SECTION_LINK.format(label=chat.section_label(opened),
                                                   path=chat.section_path(opened))) == 1


def test_chat_answer_links_every_cited_section_to_its_page(assistant):
    after = chat.respond(assistant, QUESTION, Conversation())
    markdown = after.messages[-1][1]
    answer = assistant.ask(QUESTION)
    lines = markdown.splitlines()
    links = [line for line in lines if line.startswith("Alamat bagian ini")]
    expected = [wording.SECTION_LINK.format(label=chat.section_label(h.section), path=chat.section_path(h.section))
                for h in answer.hits]
    assert links == expected and len(links) >= 1
    assert all(wording.is_fixed(line) for line in links)
    for hit, link in zip(answer.hits, links):  # under its own section, before the next one
        heading = lines.index(wording.HEADING.format(citation=hit.section.citation))
        following = [i for i, line in enumerate(lines) if line.startswith("### ") and i > heading]
        assert heading < lines.index(link) < (following[0] if following else lines.index(wording.RULE))
    assert chat.with_links(answer.markdown, []) == answer.markdown  # the API and CLI answer stays as it was


@pytest.mark.parametrize("section_id,path", [("pasal-1", "/pasal/1"), ("pasal-16", "/pasal/16"),
                                             ("pendahuluan", "/pendahuluan"), ("kesimpulan", "/kesimpulan")])
def test_section_paths(assistant, section_id, path):
    assert chat.section_path(section(assistant, section_id)) == path


# -- importing app.py ------------------------------------------------------------------------

def test_importing_app_starts_nothing():
    probe = (
        "import json, os, sys, threading, socket\n"
        "import app\n"
        "s = socket.socket(); busy = s.connect_ex(('127.0.0.1', 7860)) == 0; s.close()\n"
        "state = {'threads': threading.active_count(), 'torch': 'torch' in sys.modules,\n"
        "  'service': 'assistant.service' in sys.modules, 'uvicorn': 'uvicorn' in sys.modules,\n"
        "  'gradio': 'gradio' in sys.modules,\n"
        "  'blocks': [n for n, v in vars(app).items() if type(v).__name__ == 'Blocks']}\n"
        "import assistant.ui\n"
        "state['analytics'] = os.environ['GRADIO_ANALYTICS_ENABLED']\n"
        "print(json.dumps(state))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    state = json.loads(out.stdout.strip().splitlines()[-1])
    assert state == {"threads": 1, "torch": False, "service": False, "uvicorn": False, "gradio": False,
                     "analytics": "False", "blocks": []}


# -- the real server -------------------------------------------------------------------------

# ``app_url`` (the app served in-process on a free loopback port) comes from conftest.py.

@pytest.fixture
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False, download_files=False)


def test_confidentiality_question_returns_pasal_7(client):
    markdown = client.predict("bolehkah saya membuka rahasia klien?", api_name="/tanya")
    lines = markdown.splitlines()
    assert lines[2].startswith("### Kodepeksos Pasal 7 (Menghargai Hak-hak Klien)")
    assert CONFIDENTIAL in lines


@pytest.mark.parametrize("question", [QUESTION, "Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?",
                                      "pasal 7", "pasal 99"])
def test_tanya_equals_the_assistant(client, assistant, question):
    assert client.predict(question, api_name="/tanya") == assistant.ask(question).markdown


def test_tanya_equals_the_cli(client, settings):
    from assistant.cli import main

    out = CliRunner().invoke(main, ["--index-dir", str(settings.index_dir), "ask", QUESTION])
    assert out.exit_code == 0, out.output
    assert client.predict(QUESTION, api_name="/tanya") == out.output.rstrip("\n")


@pytest.mark.parametrize("message,expected", BAD_INPUTS + [
    ("x" * 20000, wording.TRUNCATED.format(limit=1000)),
])
def test_tanya_bad_input_gets_the_indonesian_message(client, message, expected):
    markdown = client.predict(message, api_name="/tanya")
    assert markdown.splitlines()[0] == expected


@pytest.mark.parametrize("message", ["<img src=x onerror=alert(1)><script>alert(2)</script>**bold**",
                                     "هل يجوز إفشاء أسرار العميل؟"])
def test_tanya_odd_input_is_answered(client, assistant, message):
    assert client.predict(message, api_name="/tanya") == assistant.ask(message).markdown


def test_out_of_scope_question_is_not_found(client):
    markdown = client.predict("jadwal kereta bandung jakarta hari ini", api_name="/tanya")
    if wording.NOT_FOUND not in markdown:
        pytest.xfail("abstention tuning in progress")
    assert "> " not in markdown


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def test_followup_through_the_client(client, assistant):
    """One ``Client`` is one session: the server keeps its conversation between calls."""
    history, box = client.predict(QUESTION, api_name="/percakapan")
    assert box == "" and [m["role"] for m in history] == ["user", "assistant"]
    assert CONFIDENTIAL in _text(history[-1]).splitlines()

    history, _ = client.predict("pasal itu", api_name="/percakapan")
    note = wording.FOLLOWUP_NOTE.format(citation=section(assistant, "pasal-7").citation)
    assert len(history) == 4 and _text(history[-1]).splitlines()[0] == note

    history, _ = client.predict("kalau ke rekan kerja bagaimana?", api_name="/percakapan")
    assert _text(history[-1]).splitlines()[0] == note


def test_sessions_do_not_share_a_conversation(app_url, client):
    from gradio_client import Client

    client.predict(QUESTION, api_name="/percakapan")
    history, _ = Client(app_url, verbose=False).predict("pasal itu", api_name="/percakapan")
    assert len(history) == 2 and not _text(history[-1]).startswith("_Pertanyaan lanjutan")


def test_user_text_reaches_the_chat_escaped(client):
    history, _ = client.predict("<script>alert(2)</script>**bold**", api_name="/percakapan")
    assert _text(history[0]) == r"&lt;script&gt;alert\(2\)&lt;/script&gt;\*\*bold\*\*"


def test_only_the_two_endpoints_are_public(client):
    assert set(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == \
        {"/tanya", "/percakapan"}


def test_page_names_no_other_host(app_url):
    import httpx

    for path in ("/", "/lite", "/pasal/7"):
        page = httpx.get(app_url + path, timeout=10).text
        assert "fonts.googleapis" not in page and "cdn.jsdelivr" not in page


def test_chat_and_light_page_are_one_server(app_url):
    import httpx

    assert httpx.get(app_url + "/config", timeout=10).json()["title"] == "Tanya Kodepeksos"
    assert 'href="/"' in httpx.get(app_url + "/lite", timeout=10).text  # the light page links to the chat


@pytest.mark.parametrize("name,value,message", [
    ("TANYA_DENSE_WEIGHT", "banyak", "TANYA_DENSE_WEIGHT harus angka"),
    ("TANYA_CONCURRENCY", "dua", "TANYA_CONCURRENCY harus bilangan bulat"),
    ("TANYA_ENCODER_THREADS", "0", "TANYA_ENCODER_THREADS harus bilangan bulat"),
    ("GRADIO_SERVER_PORT", "tujuh", "GRADIO_SERVER_PORT harus bilangan bulat"),
    ("GRADIO_SERVER_PORT", "70000", "port 70000 tidak ada"),
])
def test_app_with_a_bad_setting_says_so_without_a_traceback(name, value, message):
    env = {**os.environ, "GRADIO_SERVER_PORT": str(free_port()), name: value}
    out = subprocess.run([sys.executable, str(ROOT / "app.py")],
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1
    assert f"tidak dapat dimulai: {message}" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


@pytest.mark.slow
def test_app_on_a_busy_port_says_so_without_a_traceback():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(busy.getsockname()[1])}
        out = subprocess.run([sys.executable, str(ROOT / "app.py")], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1
    assert "tidak dapat dimulai" in out.stderr and "tidak dapat dipakai" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout

"""The light pages over HTTP (FastAPI's TestClient, the real assistant, the chat mounted as
in production): ``/lite`` asks by POST only and answers as the chat does, every section has
its own address with link-preview tags, sizes stay under 30 KB, bad input gets the chat's
Indonesian messages, and what the user typed is shown as text."""

from __future__ import annotations

import html
import json
import re

import pytest

from assistant import chat, ui, ui_text, wording
from assistant.provenance import citation
from assistant.web import MAX_FORM_BYTES, create_app, first_line, render_markdown
from test_answer import assert_only_quotes_and_fixed_wording
from conftest import dev_questions

LIMIT = 30 * 1024
QUESTION = "Bolehkah saya membuka rahasia klien?"
CONFIDENTIAL = "Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum"
INJECTION = "<img src=x onerror=alert(1)><script>alert(2)</script>**bold** [x](javascript:alert(3))"
HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def client(assistant):
    from fastapi.testclient import TestClient

    with TestClient(create_app(assistant), base_url="http://127.0.0.1") as client:
        yield client


def ask(client, question, **kwargs):
    return client.post("/lite", data={"q": question}, **kwargs)


def meta(page: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    assert found, f"no {key}"
    return html.unescape(found.group(1))


def answer_html(page: str) -> str:
    return page.split('<section class="answer"', 1)[1].split("</section>", 1)[0]


# -- the light page ----------------------------------------------------------------------------

def test_lite_page_is_one_small_request_without_scripts_from_anywhere(client):
    response = client.get("/lite")
    page = response.text
    assert response.status_code == 200 and len(response.content) <= LIMIT
    assert '<form method="post" action="/lite#jawaban">' in page and 'name="q"' in page
    assert page.count("<style>") == 1 and "<link rel=\"stylesheet\"" not in page
    assert page.count("<script") == 1 and "<script src" not in page  # only the optional worker registration
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page), "a resource from another host"
    assert 'id="jawaban"' not in page


def test_lite_page_lists_every_section_and_links_to_the_chat(client, assistant):
    page = client.get("/lite").text
    for section in assistant.index.sections:
        assert f'<a href="{chat.section_path(section)}">{html.escape(chat.section_label(section))}</a>' in page
    assert '<a href="/">' in page


def test_a_question_in_the_url_is_never_answered(client):
    question = "kapan saya boleh membuka rahasia klien kepada polisi"
    response = client.get("/lite", params={"q": question})
    assert response.status_code == 200
    assert response.text == client.get("/lite").text  # no answer, and the question not echoed
    assert "polisi" not in response.text


@pytest.mark.parametrize("question", [QUESTION, "pasal 7", "Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?",
                                      "jadwal kereta bandung jakarta hari ini"])
def test_answer_is_the_chats_answer_rendered_once(client, assistant, corpus_text, question):
    response = ask(client, question)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    answer = assistant.ask(question)
    markdown = chat.with_links(answer.markdown, [h.section for h in answer.hits])
    assert str(render_markdown(markdown)) in answer_html(response.text)
    citations = {s.citation for s in assistant.index.sections}
    labels = {wording.PROSE_LABEL.format(part=s.part, title=s.title) for s in assistant.index.sections}
    assert_only_quotes_and_fixed_wording(markdown, corpus_text, citations, labels)


def test_answer_links_each_cited_section_to_its_page(client, assistant):
    page = answer_html(ask(client, QUESTION).text)
    answer = assistant.ask(QUESTION)
    assert answer.hits
    for hit in answer.hits:
        assert f'<a href="{chat.section_path(hit.section)}">' in page
    assert CONFIDENTIAL in page


def test_page_and_answer_stay_under_30_kb(client):
    questions = [QUESTION, "pasal 7", "pasal 6", "pendahuluan", "pasal 3 dan pasal 12", "x " * 600,
                 *[q["q"] for q in dev_questions()]]
    sizes = {q[:40]: len(ask(client, q).content) for q in questions}
    assert max(sizes.values()) <= LIMIT, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_pages_are_compressed_for_the_phone(client):
    response = client.get("/pasal/7", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 2


def test_the_chats_shell_is_compressed_and_links_the_light_page_before_its_scripts_run(client):
    # Gradio sends the chat's 95 KB HTML shell uncompressed and empty until its scripts have run.
    response = client.get("/", headers={"accept-encoding": "gzip", **HTML})
    page = response.text
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 4
    assert page.count('id="memuat"') == 1 and ui.LOADING_LINE in page
    assert page.index(ui.LOADING_LINE) < page.index("<gradio-app")
    assert '<a href="/lite">' in ui.LOADING_LINE


# -- bad input: the chat's messages, never a traceback ----------------------------------------

@pytest.mark.parametrize("question,expected", [
    ("", wording.EMPTY_QUESTION),
    ("   \n\t ", wording.EMPTY_QUESTION),
    ("\x00\x01", wording.EMPTY_QUESTION),
    ("?!?", wording.NO_WORDS),
    ("😀🙏😀", wording.NO_WORDS),
])
def test_bad_input_gets_the_chats_message(client, assistant, question, expected):
    response = ask(client, question)
    assert response.status_code == 400
    assert str(render_markdown(expected)) in response.text
    assert chat.respond(assistant, question, chat.Conversation()).messages[-1] == ("assistant", expected)
    assert "Traceback" not in response.text and '<form method="post"' in response.text


def test_missing_field_is_an_empty_question(client):
    response = client.post("/lite", data={"pertanyaan": QUESTION})
    assert response.status_code == 400 and str(render_markdown(wording.EMPTY_QUESTION)) in response.text


def test_long_question_is_cut_like_in_the_chat(client):
    response = ask(client, "rahasia klien " * 500)
    assert response.status_code == 200
    assert str(render_markdown(wording.TRUNCATED.format(limit=1000))) in response.text
    assert len(response.content) <= LIMIT


def test_oversized_form_is_refused_unread(client):
    response = ask(client, "x" * (MAX_FORM_BYTES + 1))
    assert response.status_code == 413
    assert html.escape(ui_text.LITE_TOO_LONG) in response.text and "x" * 100 not in response.text


def test_unexpected_failure_is_the_fixed_apology(assistant, monkeypatch, caplog):
    from fastapi.testclient import TestClient

    def broken(question):
        raise RuntimeError(f"boom {question}")

    app = create_app(assistant, chat_page=False)
    monkeypatch.setattr(assistant, "ask", broken)
    with TestClient(app) as client:
        response = ask(client, "nama klien Budi")
    assert response.status_code == 500
    assert str(render_markdown(wording.APP_ERROR)) in response.text and "boom" not in response.text
    assert "Budi" not in caplog.text


def test_what_the_user_typed_shows_as_text(client):
    response = ask(client, INJECTION)
    page = response.text
    assert "<img src=x" not in page and "<script>alert" not in page and "javascript:" not in page.split("<bdi>")[0]
    asked = page.split("<bdi>", 1)[1].split("</bdi>", 1)[0]
    assert html.unescape(asked) == INJECTION
    assert page.count("<script") == 1  # the worker registration, nothing typed
    csp = response.headers["content-security-policy"]
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp


def test_markdown_renderer_shows_raw_html_as_text():
    rendered = str(render_markdown("> <script>alert(1)</script> [x](javascript:alert(2))"))
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered and 'href="javascript' not in rendered


# -- an address for every section --------------------------------------------------------------

def test_every_section_has_its_page_with_link_preview_tags(client, assistant):
    assert len(assistant.index.sections) == 18
    for section in assistant.index.sections:
        response = client.get(chat.section_path(section))
        page = response.text
        assert response.status_code == 200 and len(response.content) <= LIMIT, section.id
        assert meta(page, "og:title") == section.citation
        description = meta(page, "og:description")
        assert description == meta(page, "description")
        assert first_line(section).startswith(description.rstrip("…")) and len(description) <= 200
        assert f"<title>{html.escape(chat.section_label(section))}" in page
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        for line in (*section.article, *(p.text for p in section.analysis + section.prose)):
            numbered = re.match(r"\d+\. (.*)", line)  # BAB I's "1. …" is shown as an item of a numbered list
            assert (numbered.group(1) if numbered else line) in text, (section.id, line[:60])
        assert "Analisis penulis blog" in text or not section.analysis  # labelled as analysis
        assert wording.NOTICE.strip("_") in text
        # a page to share carries its citation with the source, to paste into a report
        assert f"Kutip: {citation(section, assistant.source)}" in text and "3 Februari 2011" in text


def test_section_pages_link_to_their_neighbours(client):
    page = client.get("/pasal/7").text
    assert '<a href="/pasal/6" rel="prev">' in page and '<a href="/pasal/8" rel="next">' in page
    assert '<a href="/pasal/1" rel="prev">' in client.get("/pasal/2").text
    assert 'rel="prev"' not in client.get("/pendahuluan").text


@pytest.mark.parametrize("path", ["/pasal/0", "/pasal/17", "/pasal/99", "/pasal/abc", "/pasal/07", "/pasal/7/x",
                                  "/pasal", "/bab-2", "/lite/lagi"])
def test_unknown_address_is_an_indonesian_404_with_the_list(client, assistant, path):
    response = client.get(path, headers=HTML)
    assert response.status_code == 404
    assert html.escape(ui_text.NOT_FOUND_TEXT) in response.text
    for section in assistant.index.sections:
        assert f'href="{chat.section_path(section)}"' in response.text


def test_api_clients_keep_json_404(client):
    response = client.get("/gradio_api/tidak-ada", headers={"accept": "application/json"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("application/json")


def test_the_chat_is_still_served_at_the_root(client):
    assert client.get("/").status_code == 200
    assert client.get("/config").json()["title"] == ui_text.PAGE_TITLE


# -- installable, offline ----------------------------------------------------------------------

def test_manifest_and_icons(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = json.loads(manifest.text)
    assert data["start_url"] == "/lite" and data["lang"] == "id" and data["display"] == "standalone"
    for icon in data["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200 and response.headers["content-type"] == icon["type"]
    assert 'rel="manifest" href="/manifest.webmanifest"' in client.get("/lite").text


def test_service_worker_keeps_pages_but_never_answers(client):
    response = client.get("/sw.js")
    script = response.text
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert "__VERSION__" not in script and re.search(r'"kodepeksos-[0-9a-f]{12}"', script)
    assert 'request.method !== "GET"' in script  # a POST (a question) is never put in the cache


def test_offline_page_says_asking_needs_a_connection(client):
    page = client.get("/offline").text
    assert html.escape(ui_text.OFFLINE_TEXT) in page and "koneksi" in ui_text.OFFLINE_TEXT


def test_chat_list_links_every_address(assistant):
    markdown = ui.section_addresses(assistant.index.sections)
    for section in assistant.index.sections:
        assert f"]({chat.section_path(section)})" in markdown
    assert "(/lite)" in markdown


# -- the same server from the command line ---------------------------------------------------

def test_cli_serve_on_a_busy_port_says_so(settings):
    import socket

    from click.testing import CliRunner

    from assistant.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = CliRunner().invoke(main, ["--index-dir", str(settings.index_dir), "serve",
                                        "--host", "127.0.0.1", "--port", str(port)])
    assert out.exit_code == 1
    assert f"tidak dapat dimulai: 127.0.0.1:{port} tidak dapat dipakai" in out.output
    assert "Traceback" not in out.output


def test_cli_serve_refuses_an_impossible_port():
    from click.testing import CliRunner

    from assistant.cli import main

    out = CliRunner().invoke(main, ["serve", "--port", "70000"])
    assert out.exit_code == 2 and "--port" in out.output

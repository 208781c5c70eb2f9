"""The light pages in real browsers, against the real server on loopback: Debian's Chromium
(driven by Playwright) with JavaScript switched off asks and reads an answer at a 360×740
phone viewport; w3m dumps a section as text; with JavaScript on, the service worker keeps
visited pages readable offline and says plainly that asking needs a connection. Every
request stays on the app's host. Writes screenshots to ``artifacts/``.

Skipped where Chromium or w3m is missing, unless ``TANYA_REQUIRE_BROWSER=1`` (CI), then it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from assistant import ui_text, wording
from test_browser import ARGS, ARTIFACTS, CHROMIUM, CONFIDENTIAL, INJECTION, PHONE, _playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Bolehkah saya membuka rahasia klien?"
LIMIT = 30 * 1024


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh browser context (empty cache, no worker) that records every request it makes,
    the service worker's included, and the bytes it received."""

    def __init__(self, browser, javascript: bool):
        self.context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        self.urls: list[str] = []
        self.documents: list[str] = []
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.bytes = 0
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", lambda e: setattr(self, "bytes", self.bytes + int(e.get("encodedDataLength", 0))))

    def _request(self, request):
        self.urls.append(request.url)
        if request.resource_type == "document":
            self.documents.append(f"{request.method} {urlsplit(request.url).path}")

    def fits(self) -> bool:
        return self.page.evaluate("document.documentElement.scrollWidth <= innerWidth")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    visits = []

    def start(javascript: bool = True) -> Visit:
        visits.append(Visit(browser, javascript))
        return visits[-1]

    yield start
    for v in visits:
        v.close()


def assert_loopback_only(urls, app_url):
    host = urlsplit(app_url).netloc
    assert urls and sorted({u for u in urls if urlsplit(u).netloc != host and not u.startswith("data:")}) == []


def ask(page, question: str):
    page.fill("#q", question)
    page.get_by_role("button", name=ui_text.SEND, exact=True).click()
    page.wait_for_selector("#jawaban")


def test_without_javascript_a_phone_asks_and_reads_the_answer(visit, app_url):
    v = visit(javascript=False)
    v.page.goto(app_url + "/lite")
    ask(v.page, QUESTION)
    answer = v.page.locator("#jawaban")
    text = answer.inner_text()
    assert "Kodepeksos Pasal 7 (Menghargai Hak-hak Klien)" in text and CONFIDENTIAL in text
    assert v.documents == ["GET /lite", "POST /lite"]  # page and answer: two requests
    assert v.bytes <= LIMIT
    assert v.fits()
    assert answer.evaluate("el => el.getBoundingClientRect().top") < 200, "the answer starts off screen"
    v.page.screenshot(path=str(ARTIFACTS / "lite-answer.png"))
    v.page.screenshot(path=str(ARTIFACTS / "lite-answer-full.png"), full_page=True)
    v.page.get_by_role("link", name="Pasal 7 · Menghargai Hak-hak Klien").first.click()
    assert urlsplit(v.page.url).path == "/pasal/7"
    assert_loopback_only(v.urls, app_url)


def test_without_javascript_an_example_is_one_tap(visit, app_url):
    v = visit(javascript=False)
    v.page.goto(app_url + "/lite")
    v.page.screenshot(path=str(ARTIFACTS / "lite-start.png"))
    v.page.get_by_role("button", name=ui_text.EXAMPLES[2]).click()
    v.page.wait_for_selector("#jawaban")
    assert "Pasal 8" in v.page.locator("#jawaban").inner_text()


def test_what_is_typed_shows_as_text_and_runs_nothing(visit, app_url):
    v = visit(javascript=True)
    dialogs = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    v.page.goto(app_url + "/lite")
    ask(v.page, INJECTION)
    assert v.page.locator("#jawaban bdi").inner_text() == INJECTION
    assert v.page.locator("#jawaban img, #jawaban strong:has-text('bold')").count() == 0
    v.page.wait_for_timeout(300)
    assert dialogs == []


def test_bad_input_shows_the_message_without_a_traceback(visit, app_url):
    v = visit(javascript=False)
    v.page.goto(app_url + "/lite")
    ask(v.page, "?!?")
    text = v.page.locator("#jawaban").inner_text()
    assert wording.NO_WORDS.replace("\\", "") in text and "Traceback" not in text


def test_section_page_on_a_phone(visit, app_url):
    v = visit(javascript=False)
    response = v.page.goto(app_url + "/pasal/6")
    assert response.status == 200
    text = v.page.locator("main").inner_text()
    assert "Pasal 6 · Menghargai kepentingan Klien" in text and "Analisis penulis blog" in text
    assert v.fits()
    v.page.screenshot(path=str(ARTIFACTS / "pasal-6.png"))
    v.page.screenshot(path=str(ARTIFACTS / "pasal-6-full.png"), full_page=True)
    v.page.get_by_role("link", name="Pasal 7 →").click()
    assert urlsplit(v.page.url).path == "/pasal/7"
    assert_loopback_only(v.urls, app_url)


def test_unknown_address_is_the_indonesian_page_in_a_browser(visit, app_url):
    v = visit(javascript=False)
    response = v.page.goto(app_url + "/pasal/17")
    assert response.status == 404 and ui_text.NOT_FOUND_TITLE in v.page.locator("h1").inner_text()
    v.page.get_by_role("link", name="Pasal 16 · Dianggap mengetahui dan kesediaan mematuhi").click()
    assert urlsplit(v.page.url).path == "/pasal/16"


def test_visited_section_is_readable_offline(visit, app_url):
    v = visit(javascript=True)
    page = v.page
    page.goto(app_url + "/lite")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=15_000)
    page.reload()  # now controlled by the worker
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.goto(app_url + "/pasal/6")
    page.wait_for_function("caches.match('/pasal/6').then(r => !!r)", timeout=10_000)
    online = page.locator("main").inner_text()

    v.context.set_offline(True)
    try:
        page.goto(app_url + "/pasal/6")
        assert page.locator("main").inner_text() == online
        page.goto(app_url + "/lite")
        assert page.locator("#q").is_visible()
        page.fill("#q", QUESTION)
        page.get_by_role("button", name=ui_text.SEND, exact=True).click()
        page.wait_for_selector(f"text={ui_text.OFFLINE_TITLE}")
        assert ui_text.OFFLINE_TEXT in page.locator("main").inner_text()
        page.screenshot(path=str(ARTIFACTS / "lite-offline-question.png"))
        page.goto(app_url + "/pasal/9")  # never opened: the same plain page, not the browser's error
        assert ui_text.OFFLINE_READ in page.locator("main").inner_text()
    finally:
        v.context.set_offline(False)
    # Answers hold the question: none is ever kept.
    kept = page.evaluate("caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys()))))"
                         ".then(lists => lists.flat().map(r => r.method + ' ' + new URL(r.url).pathname))")
    assert "GET /pasal/6" in kept and all(k.startswith("GET ") for k in kept)
    assert_loopback_only(v.urls, app_url)


def test_w3m_reads_a_section(app_url):
    if not shutil.which("w3m"):
        if os.environ.get("TANYA_REQUIRE_BROWSER") == "1":
            pytest.fail("browser tests are required here, but w3m is missing (apt-get install w3m)")
        pytest.skip("w3m not found (apt-get install w3m)")
    out = subprocess.run(["w3m", "-dump", "-cols", "80", app_url + "/pasal/7"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "LANG": "C.UTF-8"})
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "Pasal 7 · Menghargai Hak-hak Klien" in text
    assert "Pekerja sosial profesional wajib mengakui, menghargai, berupaya mewujudkan dan melindungi hak - hak klien." in text
    assert CONFIDENTIAL in text and "Analisis penulis blog" in text

"""The chat in a real headless Chromium (Debian's, driven by Playwright) at a 360×740 phone
viewport: ask, read the answer, nothing overflows, nothing injected runs, every request goes
to the app itself. Writes screenshots and ``artifacts/browser-metrics.json``.

Skipped where Chromium is missing, unless ``TANYA_REQUIRE_BROWSER=1`` (CI), then it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from assistant import ui_text, wording
from assistant.settings import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = ROOT / "artifacts"
INJECTION = "<img src=x onerror=alert(1)><script>alert(2)</script>**bold**"
CONFIDENTIAL = "Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum"
ANSWER_WAIT_MS = 20_000

#: True when ``el`` is at least partly on screen: inside the viewport and inside every
#: scrolling box around it (the answer lives in the chat's own scroll box).
ON_SCREEN = """el => {
  let r = el.getBoundingClientRect();
  let top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') {
      const b = p.getBoundingClientRect();
      top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom);
    }
  }
  return bottom - top > 20 && r.left >= 0 && r.right <= innerWidth + 1;
}"""


def _playwright():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
            return sync_playwright
        except ImportError:
            reason = "the playwright package is not installed (pip install -e '.[test]')"
    if os.environ.get("TANYA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def metrics():
    ARTIFACTS.mkdir(exist_ok=True)
    data: dict = {}
    yield data
    (ARTIFACTS / "browser-metrics.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"\nbrowser metrics: {json.dumps(data)}")


class Session:
    """One page with everything it requested, every dialog it opened, and bytes received."""

    def __init__(self, browser, app_url, viewport):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.urls: list[str] = []
        self.dialogs: list[str] = []
        self.bytes = 0
        self.page.on("request", lambda r: self.urls.append(r.url))
        self.page.on("websocket", lambda ws: self.urls.append(ws.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", self._finished)
        self.page.goto(app_url, wait_until="load")
        self.box = self.page.locator("#pertanyaan textarea")
        self.box.wait_for(state="visible")

    def _finished(self, event):
        self.bytes += int(event.get("encodedDataLength", 0))

    def settle(self, quiet_ms=500, limit_s=10.0):
        """Wait until no request has started for ``quiet_ms``."""
        end = time.monotonic() + limit_s
        seen = -1
        while time.monotonic() < end and seen != len(self.urls):
            seen = len(self.urls)
            self.page.wait_for_timeout(quiet_ms)

    def bot_messages(self):
        return self.page.locator("#percakapan [data-testid='bot']")

    def ask(self, question: str) -> float:
        """Type and send ``question``; seconds until its answer is on the page."""
        before = self.bot_messages().count()
        self.box.fill(question)
        start = time.perf_counter()
        self.box.press("Enter")
        return self.wait_for_answer(before, start)

    def wait_for_answer(self, before: int, start: float | None = None) -> float:
        """Wait for answer number ``before + 1``; seconds since ``start`` when it appeared."""
        self.page.wait_for_function(
            "n => document.querySelectorAll(\"#percakapan [data-testid='bot']\").length > n",
            arg=before, timeout=ANSWER_WAIT_MS, polling="raf")
        seconds = time.perf_counter() - (start or time.perf_counter())
        self.page.wait_for_timeout(150)  # the scroll to the new question runs after render
        return seconds

    def on_screen(self, locator) -> bool:
        return locator.evaluate(ON_SCREEN)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def phone(browser, app_url, metrics):
    session = Session(browser, app_url, PHONE)
    session.settle()
    metrics["first_load_bytes"] = session.bytes
    metrics["first_load_requests"] = len(session.urls)
    session.page.screenshot(path=str(ARTIFACTS / "phone-start.png"))
    yield session
    session.close()


def test_phone_on_a_slow_link_sees_the_way_to_the_light_page_before_the_chat_loads(browser, app_url):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")  # slow 3G: 400 kbit/s, 400 ms
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 400,
                                                      "downloadThroughput": 50_000, "uploadThroughput": 50_000})
        page.goto(app_url, wait_until="commit")
        link = page.locator("#memuat a[href='/lite']")
        link.wait_for(state="visible", timeout=20_000)
        assert page.locator("#pertanyaan textarea").count() == 0, "the chat was already drawn"
        assert page.locator("#memuat").evaluate(ON_SCREEN)
    finally:
        context.close()


def test_phone_loading_line_goes_once_the_chat_is_drawn(phone):
    assert phone.page.locator("#memuat").count() == 0


def test_phone_question_shows_pasal_7_on_screen(phone, metrics):
    seconds = phone.ask("Bolehkah saya membuka rahasia klien?")
    metrics["submit_to_answer_ms"] = round(seconds * 1000)
    answer = phone.bot_messages().last
    text = answer.inner_text()
    assert "Kodepeksos Pasal 7 (Menghargai Hak-hak Klien)" in text and CONFIDENTIAL in text
    assert answer.locator("a[href='/pasal/7']").count() == 1  # the section's own address
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert phone.on_screen(page.locator("#pertanyaan textarea")), "input box off screen"
    assert phone.on_screen(answer), "latest answer off screen"
    page.screenshot(path=str(ARTIFACTS / "phone-answer.png"))
    # the full article is one tap away, collapsed until tapped
    details = answer.locator("details").first
    assert details.get_attribute("open") is None
    details.locator("summary").click()
    assert details.get_attribute("open") is not None
    assert "Menghormati dan menjaga kerahasiaan klien dalam konteks pelayanan" in details.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.screenshot(path=str(ARTIFACTS / "phone-full-text.png"))


# In the rendered answer: the list item and the first paragraph of the quote that holds it.
PROHIBITION_QUOTE = """() => [...document.querySelectorAll("#percakapan [data-testid='bot'] blockquote")]
  .filter(q => q.innerText.includes('Melakukan kegiatan seksual dengan klien'))
  .map(q => [q.querySelector('p') ? q.querySelector('p').innerText : '',
             [...q.querySelectorAll('li')].map(li => li.innerText)])"""


@pytest.mark.parametrize("question", ["bolehkah peksos pacaran dengan klien?",
                                      "Can a social worker date or have sex with a client?"])
def test_phone_shows_the_prohibition_under_its_larangan_line(phone, question):
    phone.ask(question)
    quotes = phone.page.evaluate(PROHIBITION_QUOTE)
    assert quotes, "the prohibition is not quoted"
    opening, items = quotes[-1]
    assert opening == "Larangan penyalahgunaan konteks pelayanan oleh pekerja sosial profesional antara lain:"
    assert "Melakukan kegiatan seksual dengan klien" in items  # a point of that list, in it
    assert phone.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    phone.page.screenshot(path=str(ARTIFACTS / "phone-prohibition.png"))


def test_phone_injection_shows_as_text(phone):
    phone.ask(INJECTION)
    user = phone.page.locator("#percakapan [data-testid='user']").last
    assert user.inner_text().strip() == INJECTION
    chat_box = phone.page.locator("#percakapan")
    assert chat_box.locator("img[src='x'], script").count() == 0
    assert user.locator("strong").count() == 0
    phone.page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert phone.dialogs == []
    assert phone.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    phone.page.screenshot(path=str(ARTIFACTS / "phone-injection.png"))


def test_phone_very_long_question_fits(phone):
    phone.ask("x" * 20000)
    answer = phone.bot_messages().last
    assert "hanya 1000 karakter pertama yang dicari" in answer.inner_text()  # wording.TRUNCATED
    assert phone.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert phone.on_screen(answer) and phone.on_screen(phone.page.locator("#pertanyaan textarea"))
    phone.page.screenshot(path=str(ARTIFACTS / "phone-long-question.png"))


def test_phone_example_is_one_tap(phone):
    example = phone.page.locator("#contoh").get_by_text(ui_text.EXAMPLES[1], exact=True)
    example.scroll_into_view_if_needed()
    before = phone.bot_messages().count()
    example.click()
    phone.wait_for_answer(before)
    text = phone.bot_messages().last.inner_text()
    assert "BAB III · Kesimpulan" in text or "Pasal 16" in text
    assert phone.on_screen(phone.page.locator("#pertanyaan textarea"))


def test_phone_article_list_opens_any_pasal(phone, assistant):
    page = phone.page
    page.get_by_role("tab", name=ui_text.TAB_BROWSE).click()
    buttons = page.locator("button.daftar")
    assert buttons.count() == len(assistant.index.sections) == 18
    addresses = page.locator("#alamat a")
    assert addresses.count() == 19  # every section's own page, and the light page
    assert addresses.filter(has_text="Pasal 16").get_attribute("href") == "/pasal/16"
    page.screenshot(path=str(ARTIFACTS / "phone-list.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    before = phone.bot_messages().count()
    target = buttons.filter(has_text="Pasal 16 ·")
    target.scroll_into_view_if_needed()
    target.click()
    phone.wait_for_answer(before)
    pasal16 = next(s for s in assistant.index.sections if s.id == "pasal-16")
    assert pasal16.citation in phone.bot_messages().last.inner_text()
    assert phone.on_screen(phone.page.locator("#pertanyaan textarea"))
    assert phone.on_screen(phone.bot_messages().last)


def test_phone_new_conversation_forgets(phone):
    page = phone.page
    page.get_by_role("button", name=ui_text.CLEAR).click()
    page.wait_for_function("!document.querySelector(\"#percakapan [data-testid='bot']\")", timeout=5000)
    phone.ask("pasal itu")
    assert not phone.bot_messages().last.inner_text().startswith("Pertanyaan lanjutan")
    assert phone.bot_messages().count() == 1


def test_phone_requests_stay_on_the_app_host(phone, app_url):
    host = urlsplit(app_url).netloc
    others = sorted({u for u in phone.urls if urlsplit(u).netloc != host and not u.startswith("data:")})
    assert phone.urls and others == []


def test_desktop_screenshot(browser, app_url, metrics):
    session = Session(browser, app_url, DESKTOP)
    try:
        session.ask("Bolehkah saya membuka rahasia klien?")
        assert "Pasal 7" in session.bot_messages().last.inner_text()
        assert session.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        session.page.screenshot(path=str(ARTIFACTS / "desktop.png"))
        host = urlsplit(app_url).netloc
        assert all(urlsplit(u).netloc == host for u in session.urls if not u.startswith("data:"))
        assert wording.NOT_FOUND not in session.bot_messages().last.inner_text()
    finally:
        session.close()

"""The web server: the light pages and the chat in one process (``python app.py``,
``tanya-kodepeksos serve``).

* ``/lite``: the question form (POST, so a question never lands in a URL, a history or a
  log) and the answer below it, plus the list of sections. Server-rendered, no JavaScript
  needed, one inline stylesheet; page plus answer well under 30 KB.
* ``/pasal/1`` … ``/pasal/16``, ``/pendahuluan``, ``/kesimpulan``: each section in full, with
  a title, a description and Open Graph tags so that a link sent in a chat previews it.
* ``/manifest.webmanifest``, ``/icon.svg``, ``/sw.js``, ``/offline``: installable, and the
  light pages readable offline once visited (the service worker is optional: every page
  works without it).
* ``/``: the Gradio chat (``assistant.ui``), mounted as Gradio documents.

Answers are the chat's: ``Assistant.ask`` Markdown with the chat's link line under each
section, rendered by one Markdown renderer (markdown-it-py, raw HTML off). The user's text
is escaped by the templates (Jinja2 autoescaping). No access log is written.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import inspect
import json
import logging
import os
import socket
import sys
import threading
import time
from importlib import resources
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader
from markdown_it import MarkdownIt
from markupsafe import Markup

from assistant import chat, ui_text, wording
from assistant.answer import section_markdown
from assistant.errors import AssistantError, InputError
from assistant.provenance import citation, provenance
from assistant.records import Hit, Section

#: A form body longer than this is refused unread: the box allows 1,000 characters, which
#: percent-encoded is at most 9 KB even in a script that takes 3 bytes per character.
MAX_FORM_BYTES = 16 * 1024
#: Seconds open connections get to finish when the server is asked to stop.
SHUTDOWN_SECONDS = 3
#: Longest page description (og:description): a link preview shows about two lines.
MAX_DESCRIPTION = 200
#: Paths whose responses are compressed here; the chat's own responses are left to Gradio.
LIGHT_PREFIXES = ("/lite", "/pasal", "/pendahuluan", "/kesimpulan", "/offline", "/sw.js",
                  "/manifest.webmanifest", "/icon.svg")

#: FastAPI's OpenTelemetry hooks (newer FastAPI) record requests, bodies included, as soon
#: as a provider or FASTAPI_OTEL_AUTO_CONFIGURE is set: off for this app and the chat's.
NO_TELEMETRY = ({"telemetry": {"tracing": False, "metrics": False, "logs": False, "operation_spans": False,
                               "auto_configure": False}}
                if "telemetry" in inspect.signature(FastAPI).parameters else {})

# Raw HTML off: a "<script>" in the corpus or an answer shows as text. CommonMark also
# refuses javascript: links.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_TEMPLATES = Environment(loader=PackageLoader("assistant", "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True)


def render_markdown(markdown: str) -> Markup:
    """HTML for an answer's Markdown (the one renderer of the light pages)."""
    return Markup(_MARKDOWN.render(markdown))


def _static(name: str) -> str:
    return resources.files("assistant").joinpath("static", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


def first_line(section: Section) -> str:
    """The section's first line: its article text, or BAB I/III's first paragraph."""
    if section.article:
        return section.article[0]
    return next((p.text for p in (*section.prose, *section.analysis)), section.title)


class Pages:
    """The light pages of one assistant, rendered once at start (they only change with the
    corpus) except the answer page."""

    def __init__(self, assistant):
        self.assistant = assistant
        self.sections = tuple(assistant.index.sections)
        self.by_path = {chat.section_path(s): s for s in self.sections}
        css, register = _static("lite.css"), _static("register.js")
        icon = _static("icon.svg")
        self.common = dict(text=ui_text, css=Markup(css), register=Markup(register),
                           icon="data:image/svg+xml," + quote(icon, safe=" =:/'\"#"),
                           limit=assistant.settings.max_question_chars,
                           groups=[(label, [(chat.section_label(s), chat.section_path(s)) for s in group])
                                   for label, group in chat.section_groups(self.sections)])
        # Only the inline style and the inline registration script may run or apply.
        self.csp = ("default-src 'self'; img-src 'self' data:; style-src " + _csp_hash(css)
                    + "; script-src " + _csp_hash(register)
                    + "; worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        self.lite = self._lite()
        self.section_pages = {path: self._section(s) for path, s in self.by_path.items()}
        self.not_found = self._notice(ui_text.NOT_FOUND_TITLE, [ui_text.NOT_FOUND_TEXT])
        self.offline = self._notice(ui_text.OFFLINE_TITLE, [ui_text.OFFLINE_TEXT, ui_text.OFFLINE_READ])
        # The worker's cache is named after the pages it keeps: a new corpus or layout
        # replaces what phones hold, the next time they are online.
        digest = hashlib.sha256("".join([self.lite, self.offline, *self.section_pages.values()]).encode())
        self.service_worker = _static("sw.js").replace("__VERSION__", digest.hexdigest()[:12])

    def _render(self, template: str, **values) -> str:
        return _TEMPLATES.get_template(template).render(**self.common, **values)

    def _lite(self, **values) -> str:
        return self._render("lite.html", title=ui_text.LITE_TITLE, og_title=ui_text.LITE_TITLE,
                            description=ui_text.LITE_DESCRIPTION, og_type="website", **values)

    def _section(self, section: Section) -> str:
        lines = section_markdown(Hit(section, 1.0, (), "reference"), full=True)
        heading = wording.HEADING.format(citation=section.citation)
        if lines and lines[0] == heading:
            lines = lines[1:]  # the page's own title says it
        source = self.assistant.source
        if source:  # a page to share: its citation names the source too
            lines += [wording.CITATION.format(citation=citation(section, source)), ""]
        lines += [wording.RULE, ""] + ([provenance(source), ""] if source else []) + [wording.NOTICE]
        index = self.sections.index(section)
        neighbour = lambda i: ((chat.short_label(self.sections[i]), chat.section_path(self.sections[i]))
                               if 0 <= i < len(self.sections) else None)
        return self._render(
            "section.html", title=f"{chat.section_label(section)} · {ui_text.PAGE_TITLE}",
            og_title=section.citation, description=_description(first_line(section)), og_type="article",
            heading=chat.section_label(section), part=section.part,
            body=render_markdown("\n".join(lines)), previous=neighbour(index - 1), next=neighbour(index + 1))

    def _notice(self, heading: str, lines: list[str]) -> str:
        return self._render("notice.html", title=f"{heading} · {ui_text.PAGE_TITLE}", og_title=heading,
                            description=ui_text.LITE_DESCRIPTION, og_type="website",
                            heading=heading, lines=lines)

    def answer(self, question: str, markdown: str) -> str:
        """The light page with ``question`` (shown escaped) and the answer's Markdown below it."""
        return self._lite(answered=True, question=question, answer=render_markdown(markdown))


def answer_markdown(assistant, question: str) -> tuple[str, int]:
    """The chat's answer to one question on its own (no conversation) and the HTTP status:
    200 for an answer (also "not found"), 400 with the chat's Indonesian message for a question
    that cannot be searched, 500 with the fixed apology when something unexpected fails
    (logged by type and place only, never the question)."""
    try:
        answer = assistant.ask(question)
    except Exception as exc:  # a page with the chat's message, never a traceback
        return chat._error_text(exc), 400 if isinstance(exc, InputError) else 500
    return chat.with_links(answer.markdown, [h.section for h in answer.hits]), 200


class _LightGzip:
    """Compresses the light pages (a 3G link carries a third of the bytes) and the chat's own
    HTML shell at ``/`` (95 KB, Gradio sends it uncompressed; its scripts come compressed),
    into which it puts ``shell_line`` (``assistant.ui.LOADING_LINE``) before the element the
    chat is drawn in. Every other path (the chat's scripts, its event streams) passes through
    untouched."""

    def __init__(self, app, shell_line: str = ""):
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=512)
        self.shell = GZipMiddleware(_ShellLine(app, shell_line.encode()), minimum_size=512)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(LIGHT_PREFIXES):
            return await self.gzip(scope, receive, send)
        if scope["type"] == "http" and scope["path"] == "/" and scope["method"] == "GET":
            return await self.shell(scope, receive, send)
        return await self.app(scope, receive, send)


class _ShellLine:
    """Puts a line of HTML into an HTML response before ``<gradio-app`` (once; a response
    without that tag, or not HTML, is sent as it came)."""

    MARK = b"<gradio-app"

    def __init__(self, app, line: bytes):
        self.app, self.line = app, line

    async def __call__(self, scope, receive, send):
        if not self.line:
            return await self.app(scope, receive, send)
        start: dict = {}
        body: list[bytes] = []

        async def collect(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return None
            if message["type"] != "http.response.body":
                return await send(message)
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return None
            content = b"".join(body)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
            if html and self.MARK in content:
                content = content.replace(self.MARK, self.line + self.MARK, 1)
            await send({**start, "headers": headers + [(b"content-length", str(len(content)).encode())]})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, collect)


def _html(body: str, pages: Pages, status: int = 200, cache: str = "max-age=300") -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={
        "Cache-Control": cache, "Content-Security-Policy": pages.csp,
        "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"})


def _manifest() -> dict:
    return {
        "name": ui_text.PAGE_TITLE, "short_name": ui_text.APP_NAME_SHORT, "lang": "id",
        "description": ui_text.LITE_DESCRIPTION, "start_url": "/lite", "scope": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#1e3a8a",
        "icons": [{"src": "/icon.svg", "sizes": "any", "type": "image/svg+xml"},
                  {"src": "/icon-192.png", "sizes": "192x192", "type": "image/png"},
                  {"src": "/icon-512.png", "sizes": "512x512", "type": "image/png"}],
    }


def create_app(assistant, *, chat_page: bool = True, concurrency: int = 2,
               host: str = "127.0.0.1", port: int = 7860) -> FastAPI:
    """The FastAPI app: light pages, section pages, offline files and (``chat_page``) the
    Gradio chat mounted at ``/``. ``concurrency``: questions answered at once, in the chat's
    queue and on the light page alike."""
    pages = Pages(assistant)
    asking = threading.BoundedSemaphore(concurrency)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, **NO_TELEMETRY)

    def ask(question: str) -> tuple[str, int]:
        with asking:  # search is CPU-bound: more at once only adds waiting
            return answer_markdown(assistant, question)

    @app.get("/lite")
    def lite_get() -> HTMLResponse:
        # A question in the URL (?q=…) is never answered: it would sit in histories and logs.
        return _html(pages.lite, pages)

    @app.post("/lite")
    async def lite_post(request: Request) -> HTMLResponse:
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > MAX_FORM_BYTES:
            return _html(pages.answer("", ui_text.LITE_TOO_LONG), pages, 413, "no-store")
        form = await request.form(max_files=0, max_fields=4)
        question = form.get("q")
        question = question if isinstance(question, str) else ""
        markdown, status = await run_in_threadpool(ask, question)
        shown = " ".join(question.split())[: assistant.settings.max_question_chars]
        return _html(pages.answer(shown, markdown), pages, status, "no-store")

    def section_page(path: str) -> HTMLResponse:
        if path in pages.section_pages:
            return _html(pages.section_pages[path], pages)
        return _html(pages.not_found, pages, 404)

    @app.get("/pasal/{number}")
    def pasal(number: str) -> HTMLResponse:
        return section_page(f"/pasal/{number}")

    @app.get("/pendahuluan")
    def pendahuluan() -> HTMLResponse:
        return section_page("/pendahuluan")

    @app.get("/kesimpulan")
    def kesimpulan() -> HTMLResponse:
        return section_page("/kesimpulan")

    @app.get("/offline")
    def offline() -> HTMLResponse:
        return _html(pages.offline, pages)

    @app.get("/sw.js")
    def service_worker() -> Response:
        return Response(pages.service_worker, media_type="text/javascript",
                        headers={"Cache-Control": "no-cache"})

    @app.get("/manifest.webmanifest")
    def manifest() -> Response:
        return Response(json.dumps(_manifest(), ensure_ascii=False), media_type="application/manifest+json",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/icon.svg")
    def icon() -> Response:
        return Response(_static("icon.svg"), media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    for size in (192, 512):
        data = resources.files("assistant").joinpath("static", f"icon-{size}.png").read_bytes()
        app.add_api_route(f"/icon-{size}.png", lambda data=data: Response(
            data, media_type="image/png", headers={"Cache-Control": "max-age=86400"}), methods=["GET"])

    async def not_found(request: Request, exc: Exception) -> Response:
        """Browsers get the Indonesian page with the list; API clients keep JSON."""
        if "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/gradio_api"):
            return _html(pages.not_found, pages, 404)
        return Response('{"detail":"Not Found"}', status_code=404, media_type="application/json")

    app.add_exception_handler(404, not_found)
    if chat_page:
        import gradio as gr

        from assistant import ui

        demo = ui.build_demo(assistant)
        demo.queue(default_concurrency_limit=concurrency)
        gr.mount_gradio_app(app, demo, path="/", server_name=host, server_port=port,
                            app_kwargs=dict(NO_TELEMETRY), **ui.LAUNCH)
        # Unknown paths fall through to the mounted chat; there too a browser gets the page.
        app.routes[-1].app.add_exception_handler(404, not_found)
    app.add_middleware(_LightGzip, shell_line=ui.LOADING_LINE if chat_page else "")
    return app


# -- running it ---------------------------------------------------------------------------------

def _count(name: str, default: int) -> int:
    """A whole number ≥ 1 from the environment, or a one-line Indonesian message and exit."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        sys.exit(f"Tanya Kodepeksos tidak dapat dimulai: {name} harus bilangan bulat ≥ 1, bukan {value!r}.")
    return int(value)


def _check_port(host: str, port: int) -> None:
    if port > 65535:
        sys.exit(f"Tanya Kodepeksos tidak dapat dimulai: port {port} tidak ada (1–65535).")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            sys.exit(f"Tanya Kodepeksos tidak dapat dimulai: {host}:{port} tidak dapat dipakai ({exc.strerror}).")


class _QuietCancel(logging.Filter):
    """Drops the traceback of a chat stream cut at shutdown (after ``SHUTDOWN_SECONDS``):
    stopping is not an error, and the log should show real ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError))


def serve(host: str | None = None, port: int | None = None, settings=None) -> None:
    """Load the assistant and serve the chat at ``/`` and the light pages, until stopped.

    Host and port default to Gradio's own ``GRADIO_SERVER_NAME`` / ``GRADIO_SERVER_PORT``,
    else 127.0.0.1:7860. A bad setting ends with one Indonesian line, no traceback.
    """
    import uvicorn

    from assistant.service import Assistant

    host = host or os.environ.get("GRADIO_SERVER_NAME", "").strip() or "127.0.0.1"
    port = port or _count("GRADIO_SERVER_PORT", 7860)
    # How many questions are answered at once; the rest wait in Gradio's queue. Chosen by
    # scripts/loadtest.py (deploy/README.md): search is CPU-bound, so more than the cores only adds waiting.
    concurrency = _count("TANYA_CONCURRENCY", 2)
    _check_port(host, port)
    # Gradio reads these on import: let it see the values in use, never a bad one.
    os.environ["GRADIO_SERVER_NAME"], os.environ["GRADIO_SERVER_PORT"] = host, str(port)
    print("Memuat indeks Kodepeksos …", flush=True)
    try:
        assistant = Assistant(settings, log=lambda message: print(message, flush=True))
    except AssistantError as exc:
        # A broken setting, corpus or model: one Indonesian line, no traceback.
        sys.exit(f"Tanya Kodepeksos tidak dapat dimulai: {exc}")
    chat.warm_up(assistant)
    app = create_app(assistant, concurrency=concurrency, host=host, port=port)
    # One encoder thread per request (TANYA_ENCODER_THREADS, default 1): with two requests at
    # once on two cores, more threads only fight (torch: p50 262 -> 18 ms when the cores are shared).
    assistant.encoder.set_threads(assistant.settings.encoder_threads)
    shown = f"[{host}]" if ":" in host else host
    print(f"Tanya Kodepeksos: http://{shown}:{port}/ (percakapan), http://{shown}:{port}/lite (versi ringan)",
          flush=True)
    # No access log: a request line could carry what someone typed. On a stop signal, open
    # chat streams (a browser tab left open) get a few seconds, not forever.
    logging.getLogger("uvicorn.error").addFilter(_QuietCancel())
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", server_header=False,
                timeout_graceful_shutdown=SHUTDOWN_SECONDS)


def main() -> None:
    """``python app.py``: serve on the host and port of the environment."""
    serve()


@contextlib.contextmanager
def running(app, host: str = "127.0.0.1", timeout: float = 60.0):
    """Serve ``app`` on a free port of ``host`` in a background thread; yields its base URL.
    For tests and the page benchmark."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, access_log=False, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)

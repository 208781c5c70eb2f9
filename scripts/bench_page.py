"""How fast a phone on a slow link can ask: ``/lite`` against the Gradio chat, cold, in Chromium.

Both pages are opened in a fresh browser context (empty cache, no service worker) at 360×740
with Chromium's own network emulation (slow 3G: 400 kbit/s down and up, 400 ms latency) and
its CPU slowed 4×, both set through the DevTools protocol. For each page it prints:

* ``shown``: seconds from the start of the visit until the page shows the way to the light
  page (a link to ``/lite``): what a phone on a slow link sees before the chat can be used;
* ``usable``: seconds from the start of the visit until the question box is on screen;
* ``answer``: seconds until the first answer is shown, counted from the start of the visit
  as if the question were sent the moment the box appeared: ``usable`` plus the time from
  pressing send to the answer (``after submit``; the question is sent one second after the
  box appears, that second not counted, so that the byte counts can settle);
* bytes received (as on the wire: compressed, headers included) and requests, up to each of
  those moments.

Service workers are blocked: a cold visit has none yet, and Chromium's emulation slows only
the page's own requests, not a worker's, so a worker forwarding the question would make
``/lite`` look faster than a phone on that link would see it.

It starts ``python app.py`` on a free loopback port (or measures ``--url``), runs ``--runs``
times and prints the median. A benchmark, not a test: the figures depend on the machine.

    .venv/bin/python scripts/bench_page.py [--runs 3] [--url http://127.0.0.1:7860] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 740}
#: Slow 3G as the issue measured it: 400 kbit/s each way, 400 ms added latency.
NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8, "connectionType": "cellular3g"}
CPU_SLOWDOWN = 4
#: A pause after each timed step (not timed) so that the byte counts include what has arrived.
SETTLE_MS = 1000
QUESTION = "Bolehkah saya membuka rahasia klien?"

#: How each page is used: the question box, how to send, and what shows the answer.
PAGES = {
    "lite": {"path": "/lite", "box": "#q", "send": "button[type=submit]", "answer": "#jawaban"},
    "chat": {"path": "/", "box": "#pertanyaan textarea", "send": None,
             "answer": "#percakapan [data-testid='bot']"},
}
#: What shows the way to the light page, on either page.
LIGHT_LINK = "a[href='/lite']"



class Traffic:
    """Bytes received (encoded, as on the wire, headers included) and requests made by one
    page, from its DevTools network events."""

    def __init__(self, cdp):
        self.received: dict[str, int] = {}
        self.requests = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        if not event["request"]["url"].startswith("data:"):
            self.requests += 1

    def _data(self, event):  # an event stream that is still open has no total yet
        rid = event["requestId"]
        self.received[rid] = self.received.get(rid, 0) + int(event.get("encodedDataLength", 0))

    def _finished(self, event):
        rid = event["requestId"]
        self.received[rid] = max(self.received.get(rid, 0), int(event.get("encodedDataLength", 0)))

    def snapshot(self) -> tuple[int, int]:
        return sum(self.received.values()), self.requests


def measure(browser, base: str, name: str, question: str, timeout_ms: int) -> dict:
    spec = PAGES[name]
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        traffic = Traffic(cdp)
        start = time.perf_counter()
        page.goto(base + spec["path"], wait_until="commit", timeout=timeout_ms)
        page.locator(LIGHT_LINK).first.wait_for(state="visible", timeout=timeout_ms)
        shown = time.perf_counter() - start
        box = page.locator(spec["box"])
        box.wait_for(state="visible", timeout=timeout_ms)
        usable = time.perf_counter() - start
        page.wait_for_timeout(SETTLE_MS)  # the protocol's last events for what has arrived
        usable_bytes, usable_requests = traffic.snapshot()
        box.fill(question)
        sent = time.perf_counter()
        if spec["send"]:
            page.click(spec["send"])
        else:
            box.press("Enter")
        page.locator(spec["answer"]).first.wait_for(state="visible", timeout=timeout_ms)
        after_submit = time.perf_counter() - sent
        page.wait_for_timeout(SETTLE_MS)
        answer_bytes, answer_requests = traffic.snapshot()
        # From the start of the visit, as if the question were sent the moment the box appeared.
        return {"page": name, "shown_s": round(shown, 2), "usable_s": round(usable, 2), "answer_s": round(usable + after_submit, 2),
                "after_submit_s": round(after_submit, 2), "usable_bytes": usable_bytes,
                "usable_requests": usable_requests, "answer_bytes": answer_bytes,
                "answer_requests": answer_requests}
    finally:
        context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(timeout_s: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            sys.exit(f"app.py ended: {proc.stderr.read()[-2000:]}")
        try:
            urllib.request.urlopen(url + "/lite", timeout=2).close()
            return proc, url
        except OSError:
            if time.monotonic() > deadline:
                proc.terminate()
                sys.exit("app.py did not start in time")
            time.sleep(1)


def median_row(rows: list[dict]) -> dict:
    keys = [k for k in rows[0] if k != "page"]
    return {"page": rows[0]["page"], **{k: statistics.median(r[k] for r in rows) for k in keys}}


def show(row: dict, label: str) -> str:
    return (f"{label:<14} shown {row['shown_s']:6.2f} s  usable {row['usable_s']:6.2f} s  "
            f"({row['usable_bytes'] / 1024:6.1f} KB, "
            f"{row['usable_requests']:3} req)   answer {row['answer_s']:6.2f} s  "
            f"(after submit {row['after_submit_s']:5.2f} s; {row['answer_bytes'] / 1024:6.1f} KB, "
            f"{row['answer_requests']:3} req)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start app.py on a free port)")
    parser.add_argument("--runs", type=int, default=3, help="cold visits per page (default 3)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--pages", default="lite,chat", help="which pages, comma-separated")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per step")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    names = [n for n in args.pages.split(",") if n]
    proc, base = (None, args.url.rstrip("/")) if args.url else start_app(900)
    rows: dict[str, list[dict]] = {n: [] for n in names}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for run in range(args.runs):
                for name in names:  # alternated, so that a busy moment hits both
                    row = measure(browser, base, name, args.question, int(args.timeout * 1000))
                    rows[name].append(row)
                    if not args.json:
                        print(show(row, f"{name} #{run + 1}"), flush=True)
            browser.close()
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
    medians = {n: median_row(r) for n, r in rows.items()}
    if args.json:
        print(json.dumps({"network": NETWORK, "cpu_slowdown": CPU_SLOWDOWN, "runs": rows, "median": medians},
                         indent=2))
        return
    print(f"\nmedian of {args.runs} (slow 3G: 400 kbit/s, 400 ms; CPU {CPU_SLOWDOWN}x slower; 360x740)")
    for name, row in medians.items():
        print(show(row, name))


if __name__ == "__main__":
    main()

"""Load test: 50 concurrent gradio_client sessions × 4 questions against the real app.

    .venv/bin/python scripts/loadtest.py [--sessions 50] [--per-session 4] [--lite] [--url URL]

Starts ``app.py`` on a free loopback port (the index in ``index/``, built first if needed),
asks every question once sequentially to get the reference answers, then runs the sessions
at once, each with its own ``Client``, through the ``/tanya`` endpoint (``--lite``: each
session POSTs the light page ``/lite`` instead). Prints how many requests were answered,
whether every answer equals the sequential one, p50/p95/max latency and the throughput
(answers per second over the whole run: what the server sustains with that many people
asking at once). ``--url`` measures a server already running there instead, e.g. nginx in
front of replicas (deploy/README.md). Loops are bounded; a started app is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant import question_sets
from assistant.measure.bench import free_port, stop
from assistant.measure.evaluate import percentile

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = question_sets.benchmark_paths()  # the shared dev questions, else a set of questions/


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app exited early with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/config", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("app did not start in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--per-session", type=int, default=4)
    parser.add_argument("--lite", action="store_true", help="POST /lite instead of the /tanya API")
    parser.add_argument("--url", help="a running server to measure (default: start app.py on loopback)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    path = next(p for p in QUESTIONS if p.exists())
    pool = [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    plan = [[pool[(s * args.per_session + k) % len(pool)] for k in range(args.per_session)] for s in range(args.sessions)]

    proc = None
    if args.url:
        url = args.url.rstrip("/")
    else:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), HF_HUB_OFFLINE="1")
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if proc is not None:
            wait_ready(url, proc)
        from gradio_client import Client

        def client_for_session():
            if args.lite:
                import httpx

                return httpx.Client(base_url=url, timeout=300)
            return Client(url, verbose=False)

        def ask(client, question: str) -> str:
            if args.lite:
                page = client.post("/lite", data={"q": question})
                page.raise_for_status()
                return page.text
            return client.predict(question, api_name="/tanya")

        reference_client = client_for_session()
        reference = {q: ask(reference_client, q) for q in dict.fromkeys(q for s in plan for q in s)}

        def session(questions: list[str]) -> list[tuple[str, str | None, float]]:
            client = client_for_session()
            out = []
            for q in questions:
                start = time.perf_counter()
                try:
                    answer = ask(client, q)
                except Exception as exc:  # a failed request is counted, not raised
                    answer = None
                    print(f"request failed: {type(exc).__name__}", file=sys.stderr)
                out.append((q, answer, (time.perf_counter() - start) * 1000))
            return out

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.sessions) as executor:
            results = [r for rs in executor.map(session, plan) for r in rs]
        wall = time.perf_counter() - start
    finally:
        if proc is not None:
            stop(proc)

    latencies = [ms for _, a, ms in results if a is not None]
    answered = len(latencies)
    identical = sum(1 for q, a, _ in results if a is not None and a == reference[q])
    report = {
        "requests": len(results), "answered": answered, "identical_to_sequential": identical,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "wall_s": round(wall, 2), "sessions": args.sessions, "per_session": args.per_session,
        "answers_per_s": round(answered / wall, 2), "path": "/lite" if args.lite else "/tanya",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{answered}/{len(results)} answered, {identical}/{len(results)} identical to the sequential answer")
        print(f"latency p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, max {report['max_ms']} ms; "
              f"wall {report['wall_s']} s for {args.sessions} sessions × {args.per_session} questions "
              f"({report['path']}): {report['answers_per_s']} answers/s; load average {report['load_average']}")
    sys.exit(0 if answered == identical == len(results) else 1)


if __name__ == "__main__":
    main()

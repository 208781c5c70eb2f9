"""Load test: 50 concurrent gradio_client sessions × 4 questions against the real app.

    .venv/bin/python scripts/loadtest.py [--sessions 50] [--per-session 4] [--concurrency-limit N]

Starts ``app.py`` on a free loopback port (the index in ``index/``, built first if needed),
asks every question once sequentially to get the reference answers, then runs the sessions
at once, each with its own ``Client``, through the ``/tanya`` endpoint. Prints how many
requests were answered, whether every answer equals the sequential one, and p50/p95/max
latency. Traffic goes only to 127.0.0.1; loops are bounded; the app is stopped at the end.
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
from assistant.bench import free_port, stop
from assistant.evaluate import percentile

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
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    path = next(p for p in QUESTIONS if p.exists())
    pool = [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    plan = [[pool[(s * args.per_session + k) % len(pool)] for k in range(args.per_session)] for s in range(args.sessions)]

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(url, proc)
        from gradio_client import Client

        reference_client = Client(url, verbose=False)
        reference = {q: reference_client.predict(q, api_name="/tanya") for q in dict.fromkeys(q for s in plan for q in s)}

        def session(questions: list[str]) -> list[tuple[str, str | None, float]]:
            client = Client(url, verbose=False)
            out = []
            for q in questions:
                start = time.perf_counter()
                try:
                    answer = client.predict(q, api_name="/tanya")
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
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(f"{answered}/{len(results)} answered, {identical}/{len(results)} identical to the sequential answer")
        print(f"latency p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, max {report['max_ms']} ms; "
              f"wall {report['wall_s']} s for {args.sessions} sessions × {args.per_session} questions")
    sys.exit(0 if answered == identical == len(results) else 1)


if __name__ == "__main__":
    main()

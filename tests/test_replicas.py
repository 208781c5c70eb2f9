"""Many users across replicas: Debian's nginx with ``deploy/nginx/tanya-kodepeksos.conf`` in
front of two replicas on loopback ports, 100 sessions at once, one replica killed mid-run.

Every answer must arrive and equal the single-process answer: the API's (``/gradio_api/call/
tanya``: a POST that queues the question, then the event stream of its answer, both on the
session's replica) and the light page's (``POST /lite``). A light-page request that was on
the killed replica is sent on to the other one by nginx; an API answer whose question the killed
replica had taken gets an error for its event stream (no other replica knows its id) and
asks again, as a person would (counted, and bounded).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from assistant.measure.bench import stop
from assistant.settings import ROOT
from conftest import dev_questions, free_port, read_jsonl

pytestmark = pytest.mark.slow

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
SITE = ROOT / "deploy" / "nginx" / "tanya-kodepeksos.conf"
SESSIONS = 100
API_ATTEMPTS = 3
#: Longer than any answer takes here, even queued behind 300 others on a busy machine: a
#: request this slow hangs (as when a replica blocked on a full stderr pipe).
HANG_SECONDS = 120


def questions() -> list[str]:
    """Twenty questions of different kinds (dev, else the real ones), and one off-topic."""
    rows = dev_questions() or read_jsonl(ROOT / "questions" / "real-questions-1-dev.jsonl")
    return [row["q"] for row in rows[:20]] + ["jadwal kereta bandung besok"]


def site_config(listen: int, replicas: list[int]) -> str:
    """The shipped site file with this test's ports, and the replica's address in a header."""
    text = SITE.read_text(encoding="utf-8")
    shipped = re.findall(r"(?m)^    server 127\.0\.0\.1:\d+ ([^\n]*)\n", text)
    assert len(shipped) == 2 and len(set(shipped)) == 1, "the shipped upstream block changed: adjust this test"
    servers = "".join(f"    server 127.0.0.1:{p} {shipped[0]}\n" for p in replicas)  # the shipped parameters
    text = re.sub(r"(?m)^    server 127\.0\.0\.1:\d+ [^\n]*\n", "", text)
    text = text.replace("    hash $tanya_affinity consistent;\n", "    hash $tanya_affinity consistent;\n" + servers)
    text = text.replace("    listen 80;\n", f"    listen 127.0.0.1:{listen};\n").replace("    listen [::]:80;\n", "")
    text = text.replace("        add_header Set-Cookie $tanya_set_cookie;\n",
                        "        add_header Set-Cookie $tanya_set_cookie;\n"
                        "        add_header X-Replica $upstream_addr always;\n")
    assert f"127.0.0.1:{listen}" in text and "X-Replica" in text and servers in text
    return text


def main_config(tmp: Path, site: Path) -> str:
    temp = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
            f"events {{ worker_connections 1024; }}\nhttp {{\n{temp}\n    include {site};\n}}\n")


@pytest.fixture(scope="module")
def deployment(assistant, tmp_path_factory):
    """nginx on a free loopback port in front of two replicas (``app.py``) of the session's index."""
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("nginx")
    ports = [free_port(), free_port()]
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANYA_")}
    env.update(HF_HUB_OFFLINE="1", TANYA_INDEX_DIR=str(assistant.settings.index_dir), GRADIO_SERVER_NAME="127.0.0.1")
    # Each replica's stderr goes to a file: a pipe nobody reads fills up with the tracebacks
    # uvicorn logs when a stream is cut, and a replica blocked writing to it stops answering.
    logs = [open(tmp / f"replica-{p}.log", "wb") for p in ports]
    replicas = [subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=tmp, env={**env, "GRADIO_SERVER_PORT": str(p)},
                                 stdout=subprocess.DEVNULL, stderr=log) for p, log in zip(ports, logs)]
    listen = free_port()
    (tmp / "site.conf").write_text(site_config(listen, ports))
    (tmp / "nginx.conf").write_text(main_config(tmp, tmp / "site.conf"))
    command = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    proxy = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import httpx

        deadline = time.monotonic() + 300
        for port, replica, log in zip(ports, replicas, logs):
            while True:
                assert replica.poll() is None, Path(log.name).read_text(errors="replace")[-2000:]
                assert time.monotonic() < deadline, "a replica did not start"
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/lite", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
        yield {"url": f"http://127.0.0.1:{listen}", "replicas": replicas,
               "direct": [f"http://127.0.0.1:{p}" for p in ports], "addresses": [f"127.0.0.1:{p}" for p in ports],
               "error_log": tmp / "error.log"}
    finally:
        proxy.send_signal(signal.SIGQUIT)  # nginx's graceful stop
        try:
            proxy.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proxy.kill()
            proxy.wait()
        for replica, log in zip(replicas, logs):
            if replica.poll() is None:
                stop(replica)
            log.close()


async def ask_api(client, base: str, question: str, cookie: str) -> tuple[str, str | None]:
    """The /tanya answer through Gradio's queue: POST the question, read its event stream."""
    headers = {"Cookie": cookie} if cookie else {}
    joined = await client.post(f"{base}/gradio_api/call/tanya", json={"data": [question]}, headers=headers)
    joined.raise_for_status()
    event_id = joined.json()["event_id"]
    async with client.stream("GET", f"{base}/gradio_api/call/tanya/{event_id}", headers=headers) as stream:
        stream.raise_for_status()
        event = None
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "complete":
                return json.loads(line.split(":", 1)[1])[0], stream.headers.get("x-replica")
            elif event == "error":
                raise RuntimeError(f"the app reported an error: {line}")
    raise RuntimeError("the event stream ended without an answer")


async def ask_lite(client, base: str, question: str, cookie: str) -> tuple[str, str | None]:
    page = await client.post(f"{base}/lite", data={"q": question}, headers={"Cookie": cookie} if cookie else {})
    page.raise_for_status()
    return page.text, page.headers.get("x-replica")


def test_nginx_config_is_valid_and_sets_the_affinity_cookie_once(deployment):
    import httpx

    first = httpx.get(deployment["url"] + "/lite", timeout=30)
    assert first.status_code == 200
    cookie = first.cookies.get("tanya_replica")
    assert cookie and re.fullmatch(r"[0-9a-f]{32}", cookie)  # a random number, nothing else
    again = httpx.get(deployment["url"] + "/lite", cookies={"tanya_replica": cookie}, timeout=30)
    assert "set-cookie" not in again.headers
    # The same cookie, the same replica.
    replicas = {httpx.get(deployment["url"] + "/lite", cookies={"tanya_replica": cookie}, timeout=30)
                .headers["x-replica"] for _ in range(5)}
    assert len(replicas) == 1


def test_every_answer_arrives_when_a_replica_dies(deployment):
    import httpx

    asked = questions()
    reference: dict[tuple[str, str], str] = {}

    async def single_process() -> None:
        async with httpx.AsyncClient(timeout=300) as client:
            for q in asked:
                reference["api", q] = (await ask_api(client, deployment["direct"][0], q, ""))[0]
                reference["lite", q] = (await ask_lite(client, deployment["direct"][0], q, ""))[0]

    asyncio.run(single_process())
    assert all(reference.values())

    plan = [[("api", asked[(3 * s) % len(asked)]), ("lite", asked[(3 * s + 1) % len(asked)]),
             ("api", asked[(3 * s + 2) % len(asked)])] for s in range(SESSIONS)]
    total = sum(len(p) for p in plan)
    results: list[dict] = []
    killed_at: list[float] = []

    async def session(client, steps) -> None:
        cookie = f"tanya_replica={uuid.uuid4().hex}"
        for kind, q in steps:
            error, asked_at = None, time.monotonic()
            for attempt in range(1, API_ATTEMPTS + 1):
                try:
                    ask = ask_api if kind == "api" else ask_lite
                    answer, replica = await ask(client, deployment["url"], q, cookie)
                    break
                except (httpx.HTTPError, RuntimeError, KeyError) as exc:
                    error = f"{type(exc).__name__}: {exc}"[:160]
                    # A light page cut after its headers (the replica died between sending them
                    # and the body) cannot move: nginx already passed the headers on. The person
                    # sends the form again, once. Any other failure of a light page is nginx's.
                    cut_short = isinstance(exc, httpx.RemoteProtocolError) and attempt == 1
                    if (kind == "lite" and not cut_short) or attempt == API_ATTEMPTS:
                        answer, replica = None, None
                        break
                    await asyncio.sleep(0.5)
            # $upstream_addr lists every replica tried ("A, B" when A was down): the last answered.
            replica = replica.split(",")[-1].strip() if replica else None
            results.append({"kind": kind, "q": q, "answer": answer, "replica": replica,
                            "attempts": attempt, "done": time.monotonic(), "error": error,
                            "seconds": time.monotonic() - asked_at})

    async def killer() -> None:
        while len(results) < total // 3:
            await asyncio.sleep(0.05)
        deployment["replicas"][0].send_signal(signal.SIGKILL)  # a crash, not a clean stop
        killed_at.append(time.monotonic())

    async def load() -> None:
        limits = httpx.Limits(max_connections=2 * SESSIONS, max_keepalive_connections=SESSIONS)
        async with httpx.AsyncClient(timeout=300, limits=limits) as client:
            await asyncio.gather(killer(), *(session(client, steps) for steps in plan))

    started = time.monotonic()
    asyncio.run(asyncio.wait_for(load(), timeout=900))
    assert killed_at and deployment["replicas"][0].wait(timeout=30) == -signal.SIGKILL

    assert len(results) == total
    missing = [r for r in results if r["answer"] is None]
    errors = Counter((r["kind"], r["error"]) for r in missing)
    assert missing == [], f"{len(missing)} of {total} unanswered: {errors.most_common(5)}; nginx: " + \
        deployment["error_log"].read_text(errors="replace")[-6000:]
    # No request hangs (a stream sent to a replica that does not know it waits forever).
    slowest = max(r["seconds"] for r in results)
    assert slowest < HANG_SECONDS, f"a request took {slowest:.0f} s"
    different = [(r["kind"], r["q"]) for r in results if r["answer"] != reference[r["kind"], r["q"]]]
    assert different == []
    # Both replicas answered before the crash; afterwards only the survivor did.
    before = {r["replica"] for r in results if r["done"] < killed_at[0]}
    after = {r["replica"] for r in results if r["done"] > killed_at[0] + 1.0}
    assert before == set(deployment["addresses"]), before
    assert after == {deployment["addresses"][1]}, after
    # nginx moved the dead replica's light-page requests itself, but for one caught between its
    # headers and its body (a window of a few writes: seen once in about a dozen runs); API
    # answers whose stream was cut were asked again, at most once more.
    cut = [r for r in results if r["kind"] == "lite" and r["attempts"] > 1]
    assert len(cut) <= 2, cut
    retried = [r for r in results if r["attempts"] > 1]
    assert all(r["attempts"] == 2 for r in retried)
    print(f"{total} answers in {time.monotonic() - started:.1f} s; {len(retried) - len(cut)} API answers "
          f"and {len(cut)} light pages asked again")

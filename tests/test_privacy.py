"""Users type about clients: no question may end up in a file or a log. The real app runs as
a process with its own home, temp and Gradio folders; after questions through both public
endpoints and the light page, no file it could have written, and nothing it printed, holds
the question."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from assistant.settings import ROOT
from conftest import free_port

pytestmark = pytest.mark.slow

MARKER = "Ibu Sulastri Wirakusuma 0812-7788-4821"
QUESTIONS = [f"bolehkah saya membuka rahasia klien saya, {MARKER}?", f"pasal itu {MARKER}", f"pasal 7 {MARKER}"]


def _files_changed_since(folder: Path, since: float):
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime >= since:
                yield path
        except OSError:
            continue


def test_no_question_is_written_anywhere(assistant, settings, tmp_path):
    home, tmp, gradio_tmp = tmp_path / "home", tmp_path / "tmp", tmp_path / "gradio"
    for folder in (home, tmp, gradio_tmp):
        folder.mkdir()
    port = free_port()
    env = dict(_as_a_user_runs_it(), HOME=str(home), TMPDIR=str(tmp), GRADIO_TEMP_DIR=str(gradio_tmp),
               GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port),
               TANYA_INDEX_DIR=str(settings.index_dir), HF_HUB_OFFLINE="1")
    started = time.time() - 1
    log_out, log_err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with open(log_out, "wb") as out, open(log_err, "wb") as err:
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=out, stderr=err)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 180
            while True:
                assert proc.poll() is None, log_err.read_text(errors="replace")
                try:
                    urllib.request.urlopen(url + "/config", timeout=2).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "app did not start"
                    time.sleep(0.5)
            from gradio_client import Client

            client = Client(url, verbose=False, download_files=False)
            answers = [client.predict(q, api_name="/tanya") for q in QUESTIONS]
            assert "Pasal 7" in answers[0]
            for q in QUESTIONS:
                client.predict(q, api_name="/percakapan")
                # the light page asks by POST, from the same process
                form = urllib.parse.urlencode({"q": q}).encode()
                with urllib.request.urlopen(url + "/lite", data=form, timeout=60) as page:
                    assert page.status == 200 and b'id="jawaban"' in page.read()
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    needle = MARKER.encode()
    suspects = [log_out, log_err]
    for folder in (home, tmp, gradio_tmp, settings.index_dir, ROOT):
        suspects += [p for p in _files_changed_since(folder, started) if ".venv" not in p.parts]
    leaked = [str(p) for p in suspects if needle in p.read_bytes()]
    assert leaked == []
    assert suspects, "the scan looked at nothing"
    # Nor anything else in the user's home: no library's usage records (ONNX Runtime keeps
    # its telemetry queue and a device id under ~/.cache unless told not to).
    assert [str(p) for p in home.rglob("*") if p.is_file()] == []


def _as_a_user_runs_it() -> dict:
    """This environment without what the test run itself sets: ORT_DISABLE_TELEMETRY (set by
    importing the package) and the CI markers that make some libraries keep quiet."""
    ci = ("CI", "GITHUB_ACTIONS", "TF_BUILD", "ORT_DISABLE_TELEMETRY")
    return {k: v for k, v in os.environ.items() if k not in ci}


def test_the_command_line_writes_nothing_in_the_home_folder(settings, assistant, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(_as_a_user_runs_it(), HOME=str(home), TANYA_INDEX_DIR=str(settings.index_dir), HF_HUB_OFFLINE="1")
    out = subprocess.run([sys.executable, "-m", "assistant", "ask", QUESTIONS[0]], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Pasal 7" in out.stdout, out.stderr
    assert [str(p) for p in home.rglob("*") if p.is_file()] == []

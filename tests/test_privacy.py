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
    env = dict(os.environ, HOME=str(home), TMPDIR=str(tmp), GRADIO_TEMP_DIR=str(gradio_tmp),
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

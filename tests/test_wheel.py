"""The package as a new user gets it: a wheel built from the repository, installed into a fresh
virtual environment, asked from a folder that is not the repository.

The wheel must carry the corpus, the tuned model and the gate, and the installed command must
build its index in the user's cache folder (never inside site-packages), then answer from it
without torch. To stay fast, the fresh environment borrows the dependencies of the
environment running the tests (a ``.pth`` line pointing at its site-packages; the wheel is
installed with ``--no-deps``), so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from assistant.settings import ROOT

pytestmark = pytest.mark.slow

#: What a wheel must hold besides the code: the corpus, the tuned model and the gate.
DATA = [
    "assistant/corpus/kodepeksos-ipspi-analisis-2011.txt",
    "assistant/corpus/vocabulary.yaml",
    "assistant/corpus/example_questions.jsonl",
    "assistant/models/offtopic_gate.json",
    "assistant/models/example_vectors.npz",
    "assistant/models/minilm-kodepeksos/model.safetensors",
    "assistant/models/minilm-kodepeksos/tokenizer.json",
    "assistant/models/minilm-kodepeksos/1_Pooling/config.json",
    "assistant/models/minilm-kodepeksos/2_Normalize/config.json",
]
QUESTION = "bolehkah saya membuka rahasia klien?"
HEAVY = ("torch", "transformers", "sentence_transformers", "onnx", "scipy", "sklearn")


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    out = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=900, **kwargs)
    assert out.returncode == 0, f"{cmd}: {out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A fresh environment with the wheel installed; its paths and a clean environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy: an in-tree build would write build/ and *.egg-info into the repository.
    source = tmp / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("assistant", "corpus", "models"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", tmp / "dist", source])
    (wheel,) = (tmp / "dist").glob("tanya_kodepeksos-*.whl")

    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # A plain path line: this environment's packages become importable, but its .pth files
    # (the editable install of this repository) are not run, so `assistant` is the wheel's.
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel])

    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANYA_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HF_HUB_OFFLINE="1", HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"))
    return {"wheel": wheel, "site": site, "bin": venv / "bin", "python": python, "cwd": elsewhere, "env": env,
            "cache": tmp / "cache" / "tanya-kodepeksos"}


def test_the_wheel_carries_the_corpus_model_and_gate(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert [name for name in DATA if name not in names] == []
    assert not any(name.startswith(("index/", "assistant/index/")) for name in names)


def test_the_installed_command_answers_from_another_folder(installed):
    command = installed["bin"] / "tanya-kodepeksos"
    where = run([installed["python"], "-c", "import assistant; print(assistant.__file__)"],
                cwd=installed["cwd"], env=installed["env"]).stdout
    assert where.startswith(str(installed["site"]))  # the wheel's package, not the repository's

    first = run([command, "ask", QUESTION], cwd=installed["cwd"], env=installed["env"])
    assert "Pasal 7" in first.stdout
    assert "disusun" in first.stderr  # the first question builds the index …
    live = (installed["cache"] / "index" / "CURRENT").read_text().strip()
    manifest = json.loads((installed["cache"] / "index" / live / "manifest.json").read_text())
    assert manifest["onnx"] and manifest["onnx_check"]["min_cosine_questions"] >= 0.999
    assert manifest["examples_stored"] == manifest["example_count"]  # the shipped vectors were found
    # … in the user's cache folder, and nothing inside the installed package or the folder asked from.
    assert not (installed["site"] / "index").exists() and not (installed["site"] / "assistant" / "index").exists()
    assert list(installed["cwd"].iterdir()) == []

    # The second answers from that index, the same, without torch.
    probe = ("import json, runpy, sys\nsys.argv = ['tanya-kodepeksos', 'ask', sys.argv[1]]\n"
             "try:\n    runpy.run_module('assistant', run_name='__main__')\nexcept SystemExit as exc:\n"
             "    assert not exc.code\n"
             f"print('MODULES', json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n")
    second = run([installed["python"], "-c", probe, QUESTION], cwd=installed["cwd"], env=installed["env"])
    assert "disusun" not in second.stderr
    assert second.stdout.split("MODULES")[0].strip() == first.stdout.strip()
    assert json.loads(second.stdout.rsplit("MODULES", 1)[1]) == []


def test_the_installed_command_can_serve(installed):
    out = run([installed["bin"] / "tanya-kodepeksos", "serve", "--help"], cwd=installed["cwd"], env=installed["env"])
    assert "serve" in out.stdout

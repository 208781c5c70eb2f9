"""The command line as a user runs it: subprocesses of ``python -m assistant``."""

import json
import subprocess
import sys

import pytest

from conftest import SHARED_EVAL, OWN_QUESTIONS

pytestmark = pytest.mark.slow


def run(settings, *args, stdin=None):
    env_args = ["--index-dir", str(settings.index_dir)]
    return subprocess.run(
        [sys.executable, "-m", "assistant", *env_args, *args],
        input=stdin, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def built(assistant, settings):
    """The session index exists (built by the ``assistant`` fixture)."""
    return settings


def test_ask_prints_markdown(built):
    out = run(built, "ask", "bolehkah saya membuka rahasia klien?")
    assert out.returncode == 0, out.stderr
    assert "### Kodepeksos Pasal 7 (Menghargai Hak-hak Klien), bagian B." in out.stdout
    assert "Traceback" not in out.stderr


def test_ask_json_object(built):
    out = run(built, "ask", "--json", "bolehkah saya membuka rahasia klien?")
    data = json.loads(out.stdout)
    assert set(data) == {"question", "outcome", "abstained", "answer", "hits"}
    assert data["outcome"] == "answered" and data["hits"][0]["id"] == "pasal-7"
    assert set(data["hits"][0]) == {"id", "title", "part", "score", "citation", "quotes"}
    confidential = next(q for q in data["hits"][0]["quotes"]
                        if q["text"] == "Tidak membuka rahasia klien kepada orang lain kecuali atas perintah ketentuan hukum")
    assert confidential == {"text": confidential["text"], "role": "analysis", "lead_in": None,
                            "heading": "Menjaga kerahasiaan klien dalam konteks pelayanan"}
    scores = [h["score"] for h in data["hits"]]
    assert len({h["id"] for h in data["hits"]}) == len(data["hits"])
    assert scores == sorted(scores, reverse=True)


def test_ask_json_lines_from_stdin(built):
    out = run(built, "ask", "--json", "-", stdin="pasal 7\n\nbolehkah saya membuka rahasia klien?\n")
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["question"] for d in lines] == ["pasal 7", "bolehkah saya membuka rahasia klien?"]
    assert out.returncode == 0


@pytest.mark.parametrize("args,message", [
    (["ask", ""], "Pertanyaan kosong"),
    (["ask", "   "], "Pertanyaan kosong"),
    (["ask", "?!?"], "tidak memuat kata"),
    (["eval", "/nonexistent/file.jsonl"], "tidak dapat dibaca"),
])
def test_bad_input_is_one_clear_line(built, args, message):
    out = run(built, *args)
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_malformed_eval_line_is_named(built, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "pasal 7", "gold": ["pasal-7"]}\n{not json\n', encoding="utf-8")
    out = run(built, "eval", str(bad))
    assert out.returncode == 1
    assert "bad.jsonl:2" in out.stderr and "Traceback" not in out.stderr


def test_eval_json_object(built):
    path = SHARED_EVAL if SHARED_EVAL.exists() else OWN_QUESTIONS
    out = run(built, "eval", "--json", str(path))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    for key in ("recall_at_1", "recall_at_3", "mrr", "abstain_recall", "false_abstain_rate", "p50_ms", "p95_ms", "per_kind", "results"):
        assert key in report
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert [r["id"] for r in report["results"]] == [q["id"] for q in lines]
    assert all(set(r) == {"id", "hits", "outcome", "abstained", "ms"} for r in report["results"])
    valid = {f"pasal-{n}" for n in range(1, 17)} | {"pendahuluan", "kesimpulan"}
    assert all(set(r["hits"]) <= valid for r in report["results"])


@pytest.mark.parametrize("value", ["abc", "1.5", "-0.1"])
def test_bad_dense_weight_setting_is_one_clear_line(built, value):
    env = {**__import__("os").environ, "TANYA_DENSE_WEIGHT": value}
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "--index-dir", str(built.index_dir), "ask", "pasal 7"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert out.returncode != 0
    assert "TANYA_DENSE_WEIGHT harus angka antara 0 dan 1" in out.stderr
    assert "Traceback" not in out.stderr


def test_dense_weight_setting_is_read():
    from assistant.settings import Settings

    assert Settings.from_env({}).dense_weight == 0.6
    assert Settings.from_env({"TANYA_DENSE_WEIGHT": "0.4"}).dense_weight == 0.4


def test_build_fills_the_start_cache_too(monkeypatch, tmp_path):
    # After the index, ``build`` starts the assistant once, so the examples' features and
    # classifier are cached before a server's first start (which would otherwise fit it and
    # keep scikit-learn loaded). Plumbing only: the index build and the start are stand-ins.
    from click.testing import CliRunner

    import assistant.embed
    import assistant.index
    import assistant.service
    from assistant import cli

    calls = []
    monkeypatch.setattr(assistant.embed, "Encoder", lambda settings: None)
    monkeypatch.setattr(assistant.index, "build", lambda settings, encoder, log: calls.append("index") or tmp_path)
    monkeypatch.setattr(assistant.service, "Assistant", lambda settings: calls.append(("start", settings.index_dir)))
    result = CliRunner().invoke(cli.main, ["--index-dir", str(tmp_path), "build"])
    assert result.exit_code == 0, result.output
    assert calls == ["index", ("start", tmp_path)]

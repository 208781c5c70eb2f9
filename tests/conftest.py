"""Shared fixtures: the real corpus, a real index built once per session into a temporary
folder with the default model (the packaged MiniLM tuned on Kodepeksos questions, in
``models/``), and a deterministic fake encoder for fast plumbing tests."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from assistant.bench import free_port  # noqa: E402,F401  (a free loopback port, for the tests)
from assistant.embed import Encoder  # noqa: E402
from assistant.settings import ROOT, Settings  # noqa: E402

SHARED_EVAL = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
OWN_QUESTIONS = ROOT / "tests" / "data" / "own_questions.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return Settings().corpus_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Real corpus and model; the index goes to a temporary folder, never the repo's."""
    return Settings.from_env(index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def assistant(settings):
    """The real assistant (the default tuned MiniLM, real corpus), index built once per session."""
    from assistant.service import Assistant

    return Assistant(settings)


def dev_questions() -> list[dict]:
    """The shared dev questions, or the held-out set where shared/ is not beside the repo."""
    return read_jsonl(SHARED_EVAL) if SHARED_EVAL.exists() else []


def own_questions() -> list[dict]:
    return read_jsonl(OWN_QUESTIONS)


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
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.DIM] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


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


def pytest_terminal_summary(terminalreporter):
    if BLOCKED:
        terminalreporter.write_line(f"network guard blocked {len(BLOCKED)} connection(s): {sorted(set(BLOCKED))[:10]}")


@pytest.fixture(scope="session")
def network_guard_log() -> list[str]:
    """Addresses the guard refused so far (a test can assert none were attempted)."""
    return BLOCKED

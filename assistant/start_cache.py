"""A cache of the work every start repeats: the example questions, analyzed as questions.

To compare a new question with the labelled examples (``assistant.examples``), a start
analyzes every example the way a question is analyzed (stems, slang and typo mending,
vocabulary concepts): two thirds of what ``ask`` spends before it can answer, once torch is
gone. The result depends only on the code, its libraries, the vocabulary, the corpus and the
examples, so it is kept as JSON in ``<index folder>/cache/`` under a key made of all of them,
and computed again whenever any of them changes. The examples' classifier
(``ExampleIndex.fit_classifier``, about 3 s) is kept beside them, as NumPy arrays, under a key
that adds the examples' vectors. The cache is only ever a shortcut: a
missing, damaged or foreign file is recomputed, and a folder that cannot be written to only
means the next start computes it again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import uuid
import zipfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from assistant.examples import Classifier, Example
    from assistant.index import Index
    from assistant.query import Query
    from assistant.vocabulary import Vocabulary

#: The libraries whose behaviour the analysis depends on (stems, slang, typo distances).
LIBRARIES = ("PySastrawi", "nahiarhdnlp", "rapidfuzz", "PyStemmer", "bm25s")
FOLDER = "cache"
#: Entries kept per name (the product's searcher and, say, an ablation's variants).
KEEP = 4
_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_digest() -> str:
    """A digest of this package's Python sources and the analysis libraries' versions."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def key(*parts: str) -> str:
    """The cache key of work that depends on the code and on ``parts`` (digests, texts)."""
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def cached(folder: Path, name: str, cache_key: str, compute: Callable[[], list]) -> list:
    """The JSON list stored under ``name`` and ``cache_key`` in ``folder``, or ``compute()``,
    stored there for the next start (only the ``KEEP`` newest keys of ``name`` are kept)."""
    path = folder / f"{name}-{cache_key}.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(value, list):
            return value
    except (OSError, ValueError):
        pass
    value = compute()
    _store(folder, name, path, lambda tmp: tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8"))
    return value


def _store(folder: Path, name: str, path: Path, write: Callable[[Path], None]) -> None:
    """Write a cache entry to ``path`` through ``write`` (given a temporary file of the same
    suffix), atomically, and keep only the ``KEEP`` newest entries of ``name``. A read-only
    index folder keeps nothing: computed again next time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}"
        write(tmp)
        os.replace(tmp, path)  # readers see the whole file or none
        entries = sorted(folder.glob(f"{name}-*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def features_key(index: Index, vocabulary: Vocabulary | None, examples: list[Example], options: str) -> str:
    """What the examples' analyzed features depend on besides the code: the corpus's chunks
    and titles, the vocabulary, the examples and the analyzer's ``options``."""
    chunks = hashlib.sha256("\n".join(f"{c.text}\t{c.context}" for c in index.chunks).encode()).hexdigest()
    titles = "\n".join(s.title for s in index.sections)
    return key(chunks, titles, repr(vocabulary), repr(examples), options)


def example_features(index: Index, vocabulary: Vocabulary | None, examples: list[Example],
                     analyze: Callable[[str], Query], options: str) -> list[dict[str, float]]:
    """``assistant.examples.answered_features`` of ``examples`` with ``analyze``, from the
    cache of ``index``'s folder when the code, the corpus's chunks, the vocabulary, the
    examples and the analyzer's ``options`` (e.g. slang and typo mending on or off) match."""
    from assistant.examples import answered_features

    cache_key = features_key(index, vocabulary, examples, options)
    return cached(index.folder.parent / FOLDER, "example-features", cache_key,
                  lambda: answered_features(examples, analyze))


def cached_arrays(folder: Path, name: str, cache_key: str,
                  compute: Callable[[], dict[str, np.ndarray] | None],
                  valid: Callable[[dict[str, np.ndarray]], bool] = lambda arrays: True) -> dict[str, np.ndarray] | None:
    """Like ``cached``, for named NumPy arrays (an ``.npz`` file); ``compute`` may return None
    (nothing to keep: computed again next time). A stored entry that is not ``valid`` is
    computed again and replaced."""
    path = folder / f"{name}-{cache_key}.npz"
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {k: stored[k] for k in stored.files}
        if valid(arrays):
            return arrays
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        pass
    value = compute()
    if value is not None:
        _store(folder, name, path, lambda tmp: np.savez(tmp, **value))
    return value


def classifier_key(features_key: str, vectors: np.ndarray) -> str:
    """The cache key of the classifier fitted on examples of ``features_key`` and ``vectors``."""
    return key(features_key, hashlib.sha256(np.ascontiguousarray(vectors).tobytes()).hexdigest())


def example_classifier(index: Index, features_key: str, vectors: np.ndarray, shape: tuple[int, int],
                       fit: Callable[[], Classifier | None]) -> Classifier | None:
    """``ExampleIndex.fit_classifier``'s result, from the cache of ``index``'s folder when the
    examples' features (``features_key``: what ``example_features`` was keyed on) and their
    vectors match, else fitted (about 3 s) and kept. A stored entry whose weights are not of
    ``shape`` (sections, vocabulary + dimension) is fitted again and replaced."""
    from assistant.examples import Classifier

    cache_key = classifier_key(features_key, vectors)

    def compute():
        classifier = fit()
        return None if classifier is None else {"weights": classifier.weights, "bias": classifier.bias}

    def valid(arrays):
        return (set(arrays) >= {"weights", "bias"} and arrays["weights"].shape == shape
                and arrays["bias"].shape == shape[:1])

    arrays = cached_arrays(index.folder.parent / FOLDER, "example-classifier", cache_key, compute, valid)
    return None if arrays is None else Classifier(arrays["weights"], arrays["bias"])

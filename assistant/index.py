"""Build, save and load the index folder: chunks, BM25, FAISS and a manifest.

Layout of ``index/``::

    CURRENT                  name of the live build folder (replaced atomically)
    build-<time>-<rand>/     manifest.json, chunks.jsonl, dense.faiss, bm25/, examples.npy,
                             encoder/ (the tuned model as ONNX: model.onnx, model.onnx.data,
                             word_embeddings.f16, tokenizer.json; ``assistant.onnx_export``)

A build is written to a fresh folder and only then published by replacing ``CURRENT``,
so a build killed half-way leaves the previous index intact. Loading checks the manifest
(format, model, corpus hash, example questions, analysis rules, the ONNX export, file checksums) and
refuses anything that does not match: a stale or foreign index is rebuilt or explained, never served.

sentence-transformers embeds the chunks and example questions; for the tuned default model
the build also exports it to ONNX and checks the export against those vectors, and the
manifest's ``onnx`` field then tells the answer path to encode questions with ONNX Runtime
(``assistant.onnx_encoder``), without torch.
"""

from __future__ import annotations

import fcntl
import re
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import bm25s
import faiss
import numpy as np

from assistant import analyze, dense, lexical
from assistant.chunk import chunk
from assistant.embed import Encoder, TextEncoder, model_id, stored_query_vectors
from assistant.onnx_encoder import FOLDER as ONNX_FOLDER, spec_for
from assistant.errors import CorpusError, IndexStateError
from assistant.examples import Example, load_examples
from assistant.parse import parse
from assistant.records import HEADING, Chunk, Section
from assistant.settings import Settings

FORMAT_VERSION = 1
#: "B. " before a part's heading.
_PART_LETTER = re.compile(r"^[A-G]\.\s*")
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
#: The example questions' embeddings (as queries), one row per loaded example, in order.
EXAMPLE_VECTORS = "examples.npy"
POINTER = "CURRENT"
LOCK = ".build.lock"


@dataclass
class Index:
    """Everything search needs, loaded and checked."""

    sections: list[Section]
    chunks: list[Chunk]
    lexical: bm25s.BM25
    dense: faiss.Index
    manifest: dict
    folder: Path
    #: The labelled example questions (``assistant.examples``) and their embeddings.
    examples: list[Example] = field(default_factory=list)
    example_vectors: np.ndarray | None = None

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


def index_text(c: Chunk, sections: dict[str, Section]) -> str:
    """What a chunk is indexed as: its section's title, its lead-in, then its own words.

    A part's heading ("Kewajiban … Terhadap Lembaga Yang Mempekerjakannya") is a short chunk
    of each article of the part, so "kewajiban terhadap lembaga" finds Pasal 10 and 11
    (measured better than adding the heading to the long article text: docs/design.md).
    """
    if c.role == HEADING:
        return _PART_LETTER.sub("", c.text)
    return " ".join(p for p in (sections[c.section_id].title, c.context, c.text) if p)


def read_corpus(settings: Settings) -> tuple[str, list[Section], list[Chunk]]:
    """The corpus text, its sections and chunks. Raises ``CorpusError`` if unreadable."""
    try:
        text = settings.corpus_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"Berkas korpus {settings.corpus_path} tidak dapat dibaca: {exc}") from exc
    sections = parse(text)
    return text, sections, chunk(sections)


def read_examples(settings: Settings, sections: list[Section]) -> list[Example]:
    """The labelled example questions (none without ``examples_path``). Raises ``CorpusError``."""
    path = settings.examples_path
    return load_examples(path, {s.id for s in sections}) if path else []


def expected_manifest(settings: Settings, corpus_text: str, sections: list[Section], chunks: list[Chunk],
                      examples: list[Example]) -> dict:
    """The manifest fields an index must carry to be served with these settings."""
    # What is indexed, not only the chunks: a change to ``index_text`` makes the index stale.
    by_id = {s.id: s for s in sections}
    chunk_blob = "\n".join(f"{c.section_id}\t{c.role}\t{c.text}\t{index_text(c, by_id)}" for c in chunks)
    example_blob = "\n".join(f"{e.question}\t{','.join(e.sections)}" for e in examples)
    return {
        "format_version": FORMAT_VERSION,
        "model": model_id(settings),
        "passage_prefix": settings.prefixes()[1],
        "chunk_count": len(chunks),
        "corpus_sha256": _sha256(corpus_text.encode("utf-8")),
        "chunks_sha256": _sha256(chunk_blob.encode("utf-8")),
        "query_prefix": settings.prefixes()[0],
        "example_count": len(examples),
        "examples_sha256": _sha256(example_blob.encode("utf-8")),
        "analysis": analyze.fingerprint(),
        # The export the answer path encodes questions with (None: sentence-transformers).
        "onnx": spec_for(settings),
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hashes(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            with open(path, "rb") as fh:  # streamed: the ONNX weights would add 90 MB to peak memory
                out[path.relative_to(folder).as_posix()] = hashlib.file_digest(fh, "sha256").hexdigest()
    return out


def build(settings: Settings, encoder: TextEncoder, log: Callable[[str], None] = lambda _: None,
          unless_current: bool = False) -> Path:
    """Build the index into a new folder under ``settings.index_dir`` and publish it.

    Returns the new build folder. Raises ``IndexStateError`` if the folder is not writable.
    The vectors are always sentence-transformers' (``Encoder``): given another encoder for a
    model that is exported (the ONNX one that answers), a sentence-transformers one is loaded.
    Builds in other threads or processes wait for each other (a lock file in the folder),
    so one build's clean-up never deletes another's half-written folder. With
    ``unless_current``, a build that finds, once it holds the lock, that another process has
    just published a current index returns that index's folder instead of building again
    (processes starting together on a new install build once).
    """
    corpus_text, sections, chunks = read_corpus(settings)
    examples = read_examples(settings, sections)
    if spec_for(settings) is not None and not isinstance(encoder, Encoder):
        encoder = Encoder(settings)
    root = settings.index_dir
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / LOCK, "a")
    except OSError as exc:
        raise IndexStateError(f"Folder indeks {root} tidak dapat ditulis: {exc}") from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, or the process dies
        if unless_current and check(settings) is None:
            return _live_folder(root)
        folder = _build_locked(settings, encoder, log, corpus_text, sections, chunks, examples)
    log("Indeks selesai disusun.")
    return folder


def _build_locked(settings: Settings, encoder: TextEncoder, log: Callable[[str], None], corpus_text: str,
                  sections: list[Section], chunks: list[Chunk], examples: list[Example]) -> Path:
    root = settings.index_dir
    try:
        folder = root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
        folder.mkdir()
    except OSError as exc:
        raise IndexStateError(f"Folder indeks {root} tidak dapat ditulis: {exc}") from exc
    try:
        by_id = {s.id: s for s in sections}
        texts = [index_text(c, by_id) for c in chunks]
        log(f"Menyusun indeks: {len(chunks)} potongan teks …")
        vectors = encoder.encode_passages(texts)
        lexical.save(lexical.build([analyze.index_terms(t) for t in texts]), folder)
        dense.save(dense.build(vectors), folder)
        example_vectors, stored = None, 0
        if examples:
            # Embedded as questions are: an example is compared with the question asked.
            example_vectors, stored = stored_query_vectors(encoder, [e.question for e in examples],
                                                           settings.example_vectors_path)
            if stored:
                log(f"Vektor {stored} dari {len(examples)} contoh pertanyaan diambil dari {settings.example_vectors_path.name}.")
            np.save(folder / EXAMPLE_VECTORS, example_vectors)
        with open(folder / CHUNKS, "w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        manifest = expected_manifest(settings, corpus_text, sections, chunks, examples)
        if manifest["onnx"] is not None:
            from assistant.onnx_export import export_checked  # torch's exporter: build time only

            log("Mengekspor model ke ONNX dan membandingkannya dengan sentence-transformers …")
            manifest["onnx_check"] = export_checked(encoder, folder / ONNX_FOLDER, manifest["onnx"], texts, vectors,
                                                    [e.question for e in examples], example_vectors)
        manifest.update(dimension=int(vectors.shape[1]), examples_stored=stored, files=_file_hashes(folder),
                        built_at=time.time())
        _write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        _write_atomic(root / POINTER, folder.name + "\n")  # the moment the new index goes live
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):  # disk full, folder made read-only mid-build, ...
            raise IndexStateError(f"Indeks di {root} tidak dapat ditulis: {exc}") from exc
        raise
    _remove_old_builds(root, keep=folder.name)
    return folder


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _remove_old_builds(root: Path, keep: str) -> None:
    for path in root.glob("build-*"):
        if path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    for path in root.glob(".*.tmp"):
        path.unlink(missing_ok=True)


def check(settings: Settings) -> str | None:
    """Why the index cannot be served with these settings (Indonesian), or None if it can."""
    try:
        _load(settings)
    except IndexStateError as exc:
        return str(exc)
    return None


def _live_folder(root: Path) -> Path:
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexStateError(f"Indeks belum disusun di {root}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexStateError(f"Penunjuk indeks {root / POINTER} tidak terbaca: {exc}") from exc
    if not name.startswith("build-") or "/" in name or not (root / name).is_dir():
        raise IndexStateError(f"Penunjuk indeks {root / POINTER} menunjuk ke folder yang tidak ada.")
    return root / name


def _load(settings: Settings, attempts: int = 3) -> Index:
    """The checked live index. A build published while we read (it deletes the folder we
    were reading) is not damage: read again from the new pointer."""
    for attempt in range(attempts):
        seen = _pointer(settings.index_dir)
        try:  # the folder named may be gone already: a build published after we read the pointer
            return _load_folder(settings, _live_folder(settings.index_dir))
        except IndexStateError:
            if attempt + 1 == attempts or _pointer(settings.index_dir) == seen:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _pointer(root: Path) -> str | None:
    try:
        return (root / POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _load_folder(settings: Settings, folder: Path) -> Index:
    corpus_text, sections, chunks = read_corpus(settings)
    examples = read_examples(settings, sections)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexStateError(f"Manifest indeks tidak terbaca ({exc}).") from exc
    if not isinstance(manifest, dict):
        raise IndexStateError("Manifest indeks rusak.")
    expected = expected_manifest(settings, corpus_text, sections, chunks, examples)
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise IndexStateError(
                f"Indeks tidak cocok ({key}: indeks {manifest.get(key)!r}, seharusnya {value!r})."
            )
    try:
        actual = _file_hashes(folder)
    except OSError as exc:
        raise IndexStateError(f"Berkas indeks tidak terbaca ({exc}).") from exc
    if actual != manifest.get("files"):
        raise IndexStateError("Berkas indeks rusak atau tidak lengkap (checksum tidak cocok).")
    try:
        bm25 = lexical.load(folder)
        faiss_index = dense.load(folder)
        example_vectors = np.load(folder / EXAMPLE_VECTORS, allow_pickle=False) if examples else None
    except Exception as exc:  # bm25s/faiss raise assorted errors on bad files
        raise IndexStateError(f"Berkas indeks tidak dapat dimuat ({exc}).") from exc
    if faiss_index.ntotal != len(chunks) or faiss_index.d != manifest.get("dimension"):
        raise IndexStateError("Indeks FAISS tidak cocok dengan manifest.")
    if bm25.scores["num_docs"] != len(chunks):
        raise IndexStateError("Indeks BM25 tidak cocok dengan manifest.")
    if example_vectors is not None and example_vectors.shape != (len(examples), faiss_index.d):
        raise IndexStateError("Vektor contoh pertanyaan tidak cocok dengan manifest.")
    return Index(sections, chunks, bm25, faiss_index, manifest, folder, examples, example_vectors)


def load(settings: Settings, encoder: TextEncoder | None = None, rebuild: bool = True,
         log: Callable[[str], None] = lambda _: None) -> Index:
    """The checked index. If it is missing or does not match and ``rebuild`` is true (and
    an encoder is given), it is rebuilt first, with a message to ``log``; otherwise
    ``IndexStateError`` says why it cannot be served."""
    try:
        return _load(settings)
    except IndexStateError as exc:
        if not rebuild or encoder is None:
            raise
        reason = str(exc)
    log(f"{reason} Indeks disusun ulang …")
    try:
        build(settings, encoder, log, unless_current=True)
    except IndexStateError as exc:  # say why a rebuild was needed, not only why it failed
        raise IndexStateError(f"{reason} {exc}") from exc
    return _load(settings)

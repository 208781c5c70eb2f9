"""Where the quotes come from: the corpus file's metadata, the provenance line every answer
ends with, and the one-line citation of each section a user can paste into a report.

The metadata sits beside the corpus text (``<corpus>.source.yaml``), so that a corpus and
its provenance travel together; this module only reads it and fills ``assistant.wording``'s
fixed templates. Pure apart from ``load_source``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant import wording
from assistant.errors import CorpusError
from assistant.records import Section

_FIELDS = ("title", "kind", "published_text", "code", "code_owner")


@dataclass(frozen=True)
class Source:
    """The document the corpus is: a blog post reproducing the code, with its author's analysis."""

    title: str
    kind: str  # "tulisan blog"
    published_text: str  # "3 Februari 2011"
    code: str  # "Kodepeksos"
    code_owner: str  # "IPSPI"


def source_path(corpus_path: Path) -> Path:
    """The metadata file of a corpus file: ``corpus/x.txt`` -> ``corpus/x.source.yaml``."""
    return Path(corpus_path).with_suffix(".source.yaml")


def load_source(corpus_path: Path) -> Source | None:
    """The corpus's metadata, or None when the corpus has none (a corpus of one's own).
    Raises ``CorpusError`` in Indonesian for a file that cannot be read or lacks a field."""
    path = source_path(corpus_path)
    if not path.exists():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Source(**{name: str(data[name]).strip() for name in _FIELDS})
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise CorpusError(f"Berkas sumber korpus {path} tidak dapat dibaca: {exc}") from exc


def provenance(source: Source) -> str:
    """The fixed line that says what the quotes are and whose the official text is."""
    return wording.PROVENANCE.format(title=source.title, kind=source.kind, date=source.published_text,
                                     code=source.code, owner=source.code_owner)


def citation(section: Section, source: Source | None) -> str:
    """"Kodepeksos Pasal 6 (Menghargai kepentingan Klien), bagian B. Kewajiban …, dalam
    "Analisis …", tulisan blog, 3 Februari 2011": one line to paste into a report or a chat
    (an answer's heading is ``section.citation``, its provenance line names the source)."""
    if source is None:
        return section.citation
    return wording.CITE_IN.format(name=section.citation, title=source.title, kind=source.kind,
                                  date=source.published_text)

"""Split sections into quotable chunks: a sentence, a bullet or a short paragraph. Pure.

A chunk's ``text`` is always a verbatim substring of the corpus file. A bullet keeps the
lead-in ("… dengan antara lain:") or sub-heading it stands under as ``context``, so that
search sees "Menjaga kerahasiaan klien" next to "Tidak membuka rahasia klien …" without
the quote ever including it.
"""

from __future__ import annotations

import re

from assistant.records import ANALYSIS, ARTICLE, HEADING, PROSE, Chunk, Paragraph, Section

#: Paragraphs longer than this are split into sentences, so a quote stays a readable unit.
MAX_CHUNK_CHARS = 320

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends; each piece is a verbatim substring of ``text``."""
    if len(text) <= MAX_CHUNK_CHARS:
        return [text]
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def _is_heading(paragraph: Paragraph) -> bool:
    # A lead-in ends with ":"; a sub-heading is a short unbulleted line with no final stop.
    text = paragraph.text
    return not paragraph.bullet and (text.endswith(":") or (len(text) < 60 and text[-1] not in ".)"))


def _analysis_chunks(section: Section, paragraphs: tuple[Paragraph, ...], role: str):
    context = ""
    for paragraph in paragraphs:
        if role == PROSE:
            context = paragraph.heading
        elif _is_heading(paragraph):
            context = paragraph.text
        elif not paragraph.bullet:
            context = ""  # a paragraph of its own stands under no lead-in
        for piece in sentences(paragraph.text):
            yield role, piece, "" if piece == context else context


def chunk(sections: list[Section]) -> list[Chunk]:
    """All chunks of all sections, in document order, with ids 0…n-1."""
    units: list[tuple[str, str, str, str]] = []
    for section in sections:
        for line in section.article:
            units.extend((section.id, ARTICLE, piece, "") for piece in sentences(line))
        if section.number is not None and section.part:
            # "Kewajiban … terhadap masyarakat" is asked of the part: each of its articles answers.
            units.append((section.id, HEADING, section.part, ""))
        for role, text, context in _analysis_chunks(section, section.analysis, ANALYSIS):
            units.append((section.id, role, text, context))
        for role, text, context in _analysis_chunks(section, section.prose, PROSE):
            units.append((section.id, role, text, context))
    return [Chunk(i, sid, role, text, context) for i, (sid, role, text, context) in enumerate(units)]


def paragraph_of(section: Section, chunk: Chunk) -> Paragraph | None:
    """The paragraph of ``section`` a chunk was cut from (a chunk is a paragraph or a sentence of one)."""
    paragraphs = section.prose if chunk.role == PROSE else section.analysis
    return next((p for p in paragraphs if p.text == chunk.text), None) or next(
        (p for p in paragraphs if chunk.text in p.text), None)

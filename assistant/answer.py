"""Turn search results into an answer: Indonesian Markdown made of verbatim quotes and the
fixed lines of ``assistant.wording``, nothing else.

A quote is rendered as ``> <text>`` where ``<text>`` is an exact substring of the corpus
file (only the blog's bullet character is dropped). Article text, the author's analysis
and BAB I/III prose are each shown under their own label and never mixed.
"""

from __future__ import annotations

from assistant import wording
from assistant.records import ANALYSIS, PROSE, Answer, Hit, Section
from assistant.search import Result


def quote(text: str) -> str:
    return f"> {text}"


def _block(label: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    out = [label, ""]
    for line in lines:
        out += [quote(line), ""]
    return out


def _prose_label(section: Section) -> str:
    return wording.PROSE_LABEL.format(part=section.part, title=section.title)


def section_markdown(hit: Hit, full: bool = False) -> list[str]:
    """Lines for one section: heading, article text, then matching (or all) quotes."""
    section = hit.section
    out = [wording.HEADING.format(citation=section.citation), ""]
    out += _block(wording.ARTICLE_LABEL, list(section.article))
    if full or hit.reason == "reference":
        out += _block(wording.ANALYSIS_LABEL, [p.text for p in section.analysis])
        out += _block(_prose_label(section), [p.text for p in section.prose])
        return out
    out += _block(wording.ANALYSIS_LABEL, [c.text for c in hit.chunks if c.role == ANALYSIS])
    out += _block(_prose_label(section), [c.text for c in hit.chunks if c.role == PROSE])
    return out


def hit_quotes(hit: Hit) -> list[str]:
    """The corpus strings an answer shows for ``hit``: article text first, then quotes."""
    if hit.reason == "reference":
        return [*hit.section.article, *(p.text for p in hit.section.analysis), *(p.text for p in hit.section.prose)]
    return [*hit.section.article, *(c.text for c in hit.chunks)]


def compose(question: str, result: Result, notes: tuple[str, ...] = ()) -> Answer:
    """The answer to ``question`` from ``result``; ``notes`` are fixed lines shown first."""
    lines: list[str] = []
    for note in notes:
        lines += [note, ""]
    for number in result.unknown_references:
        lines += [wording.UNKNOWN_REFERENCE.format(number=number), ""]
    if result.abstained or not result.hits:
        lines += [wording.NOT_FOUND, "", wording.NOT_FOUND_HINT]
        return Answer(question, "\n".join(lines).strip(), (), True, notes)
    reference = all(h.reason == "reference" for h in result.hits)
    lines += [wording.INTRO_REFERENCE if reference else wording.INTRO, ""]
    for hit in result.hits:
        lines += section_markdown(hit)
    if result.scope:
        lines += [wording.SCOPE_NOTE, ""]
    lines += [wording.RULE, "", wording.NOTICE]
    return Answer(question, "\n".join(lines).strip(), result.hits, False, notes)

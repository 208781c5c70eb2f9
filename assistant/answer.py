"""Turn search results into an answer: Indonesian Markdown made of verbatim quotes and the
fixed lines of ``assistant.wording``, nothing else.

A quote line is ``> <text>``, ``> - <text>`` (an item of a list) or ``> **<text>**`` (a
sub-heading), where ``<text>`` is an exact substring of the corpus file (only the blog's
bullet character is dropped); a bare ``>`` separates paragraphs inside one quote. Article
text, the author's analysis and BAB I/III prose are each shown under their own label and
never mixed. An item of a list is never shown without the line that opens its list and the
sub-heading above it: "Melakukan kegiatan seksual dengan klien" is a prohibition only
under "Larangan penyalahgunaan konteks pelayanan … antara lain:".
"""

from __future__ import annotations

from typing import Iterable

from assistant import wording
from assistant.chunk import paragraph_of
from assistant.parse import unfinished
from assistant.provenance import Source, provenance
from assistant.records import ANALYSIS, PROSE, Answer, Chunk, Hit, Paragraph, Section
from assistant.search import ADMINISTRATIVE, CLIENTS_CASE, NEAR, NOT_FOUND, OTHER_DOCUMENT, Result

# The kinds of a quoted unit, which decide how it is laid out.
_PLAIN, _SUBHEADING, _LEAD_IN, _ITEM, _NUMBERED = "plain", "subheading", "lead-in", "item", "numbered"


def quote(text: str) -> str:
    return f"> {text}"


def _layout(units: Iterable[tuple[str, str]]) -> list[str]:
    """Quote lines for (text, kind) units in source order. A sub-heading, a lead-in and the
    items under them stay in one quote; items of one list are one Markdown list."""
    out: list[str] = []
    previous = None
    for text, kind in units:
        line = {_SUBHEADING: f"**{text}**", _ITEM: f"- {text}"}.get(kind, text)
        if previous is not None:
            if kind == previous and kind in (_ITEM, _NUMBERED):
                pass  # the next item of the same list
            elif (kind in (_ITEM, _NUMBERED, _LEAD_IN) and previous in (_SUBHEADING, _LEAD_IN)) or (
                    kind == _PLAIN and previous == _SUBHEADING):
                out.append(">")  # under the line that opens it, inside the same quote
            else:
                out.append("")
        out.append(quote(line))
        previous = kind
    return out + [""] if out else out


def _block(label: str, lines: list[str]) -> list[str]:
    return [label, "", *lines] if lines else []


def _full_units(paragraphs: tuple[Paragraph, ...]) -> list[tuple[str, str]]:
    """Every paragraph, each known as what it is in its list."""
    lead_ins = {p.lead_in for p in paragraphs if p.item}
    subheadings = {p.heading for p in paragraphs if p.item}
    units = []
    shown = {p.text for p in paragraphs}
    current = ""
    for p in paragraphs:
        if p.heading and p.heading != current and p.heading not in shown:
            # BAB I's "A. Latar Belakang" is no paragraph of its own: shown where it starts
            units.append((p.heading, _SUBHEADING))
        current = p.heading or current
        if p.item:
            units.append((p.text, _ITEM if p.bullet else _NUMBERED))
        elif p.text in subheadings:
            units.append((p.text, _SUBHEADING))
        elif any(p.text.endswith(lead_in) for lead_in in lead_ins if lead_in):
            units.append((p.text, _LEAD_IN))
        else:
            units.append((p.text, _PLAIN))
    return units


def _chosen_units(section: Section, chunks: Iterable[Chunk]) -> list[tuple[str, str]]:
    """The chosen chunks as units in source order, each item preceded by the sub-heading and
    lead-in of its list (once for several items of one list).

    A chunk is quoted as the whole paragraph it was cut from, once: a sentence of a list item
    is no item of its own ("Tidak ada suatu kekuatan apapun …" finishes Pasal 2's "Mewaspadai
    dan menolak pengaruh-pengaruh …"), nor is a citation cut from its sentence a statement
    ("(national association of social worker-nasw dalam zastrow, 1992)."). A lead-in is the
    whole paragraph that ends with it, in its place: BAB I's "Kerangka nilai …" explains point
    1 of the list it opens, so it comes after that lead-in, not before."""
    chunks = list(chunks)
    if not chunks:
        return []
    paragraphs = section.prose if chunks[0].role == PROSE else section.analysis
    position = {id(p): i for i, p in enumerate(paragraphs)}
    chosen: set[int] = set()
    loose: list[str] = []  # (a chunk is always cut from a paragraph; kept should one not be)
    for chunk in chunks:
        p = paragraph_of(section, chunk)
        if p is None:
            loose.append(chunk.text)
        else:
            chosen.add(position[id(p)])
    chosen |= _finishing(paragraphs, chosen)
    opening = {
        max(k for k in range(i) if not paragraphs[k].item and paragraphs[k].text.endswith(paragraphs[i].lead_in))
        for i in chosen if paragraphs[i].item and paragraphs[i].lead_in
    }
    units: list[tuple[str, str]] = []
    heading = None
    for i in sorted(chosen | opening):
        p = paragraphs[i]
        if p.heading and p.heading != heading:
            units.append((p.heading, _SUBHEADING))  # the sub-heading it stands under, once
            heading = p.heading
        kind = _LEAD_IN if i in opening else (_ITEM if p.bullet else _NUMBERED) if p.item else _PLAIN
        units.append((p.text, kind))
    return units + [(text, _PLAIN) for text in loose]


def _finishing(paragraphs: tuple[Paragraph, ...], chosen: set[int]) -> set[int]:
    """The items that make one sentence with a chosen item: the item after one that stops
    mid-sentence (``parse.unfinished``), and the unfinished item before a chosen one ("… kepada
    klien tersebut" names the client of the item before it)."""
    def joined(i: int) -> bool:  # item i stops mid-sentence and item i + 1 of its list finishes it
        return (i + 1 < len(paragraphs) and paragraphs[i].item and paragraphs[i + 1].item
                and paragraphs[i].lead_in == paragraphs[i + 1].lead_in
                and paragraphs[i].heading == paragraphs[i + 1].heading and unfinished(paragraphs[i].text))
    more: set[int] = set()
    for i in chosen:
        j = i
        while joined(j):  # forwards, to the item that ends the sentence
            j += 1
            more.add(j)
        j = i - 1
        while j >= 0 and joined(j):  # backwards, to the item that starts it
            more.add(j)
            j -= 1
    return more - chosen


def section_markdown(hit: Hit, full: bool = False) -> list[str]:
    """Lines for one section: its heading (the citation a user copies), the article text,
    then the matching (or all) quotes."""
    section = hit.section
    out = [wording.HEADING.format(citation=section.citation), ""]
    out += _block(wording.ARTICLE_LABEL, _layout((line, _PLAIN) for line in section.article))
    if full or hit.reason == "reference":
        out += _block(wording.ANALYSIS_LABEL, _layout(_full_units(section.analysis)))
        out += _block(wording.PROSE_LABEL, _layout(_full_units(section.prose)))
    else:
        out += _block(wording.ANALYSIS_LABEL, _layout(_chosen_units(section, (c for c in hit.chunks if c.role == ANALYSIS))))
        out += _block(wording.PROSE_LABEL, _layout(_chosen_units(section, (c for c in hit.chunks if c.role == PROSE))))
    return out


def hit_quotes(hit: Hit) -> list[dict]:
    """What an answer quotes for ``hit``, in order: each quote's text, its role and the
    line that opens its list (``lead_in``, None when it stands in no list)."""
    section = hit.section
    if hit.reason == "outline":
        return []  # listed by its citation only
    if hit.reason == "reference":
        chosen = [(p, p.text, ANALYSIS) for p in section.analysis] + [(p, p.text, PROSE) for p in section.prose]
    else:
        chosen = []
        for c in hit.chunks:
            p = paragraph_of(section, c)
            if not any(p is not None and p is q for q, _, _ in chosen):
                chosen.append((p, p.text if p is not None else c.text, c.role))
    return [{"text": line, "role": "article", "lead_in": None, "heading": None} for line in section.article] + [
        {"text": text, "role": role,
         "lead_in": (p.lead_in or None) if p is not None and p.item else None,
         "heading": (p.heading or None) if p is not None and p.item else None}
        for p, text, role in chosen
    ]


def compose(question: str, result: Result, notes: tuple[str, ...] = (), source: Source | None = None) -> Answer:
    """The answer to ``question`` from ``result``; ``notes`` are fixed lines shown first;
    ``source`` (the corpus's metadata) adds each section's citation and the provenance line."""
    lines: list[str] = []
    for note in notes:
        lines += [note, ""]
    for number in result.unknown_references:
        lines += [wording.UNKNOWN_REFERENCE.format(number=number), ""]
    if result.query is not None and result.query.field_code:
        lines += [wording.OTHER_CODE, ""]
    if result.outcome == NOT_FOUND:
        lines += [wording.NOT_FOUND, ""]
        lines += [{ADMINISTRATIVE: wording.ADMINISTRATIVE, CLIENTS_CASE: wording.CLIENTS_CASE,
                   OTHER_DOCUMENT: wording.OTHER_DOCUMENT}.get(result.refusal, wording.NOT_FOUND_HINT)]
        return Answer(question, "\n".join(lines).strip(), (), True, notes, NOT_FOUND)
    if result.outline:
        # The list of the articles: each one's citation, no text.
        lines += [wording.OUTLINE_INTRO.format(count=len(result.hits)), ""]
        lines += [wording.OUTLINE_ITEM.format(citation=h.section.citation) for h in result.hits]
        lines += ["", wording.OUTLINE_HINT, ""]
    else:
        if all(h.reason == "reference" for h in result.hits):
            intro = wording.INTRO_REFERENCE if any(h.section.article for h in result.hits) else wording.INTRO_REFERENCE_PROSE
        else:
            intro = wording.NEAR_INTRO if result.outcome == NEAR else wording.INTRO
        lines += [intro, ""]
        for hit in result.hits:
            lines += section_markdown(hit)
        if result.scope:
            lines += [wording.SCOPE_NOTE, ""]
    lines += [wording.RULE, ""]
    if source is not None:
        lines += [provenance(source), ""]
    lines += [wording.NOTICE]
    return Answer(question, "\n".join(lines).strip(), result.hits, False, notes, result.outcome)

"""Parse the blog post into the sections of the code. Pure: text in, ``Section`` list out.

The document (see ``shared/source/README.md``) holds a blog header and an untitled intro
(not sections), BAB I Pendahuluan, BAB II with parts A–G holding Pasal 1–16, BAB III
Kesimpulan, then readers' comments (not sections). Each Pasal is a number line, a title
line, the article's own text, then ``Analisis :`` and the author's analysis.
"""

from __future__ import annotations

import re

from assistant.errors import CorpusError
from assistant.records import Paragraph, Section

#: The private-use character the blog used as a bullet (U+F0D8), followed by a space.
BULLET = "\uf0d8"

_PART = re.compile(r"^([A-G])\.\s+(\S.*)$")
_PASAL = re.compile(r"^Pasal\s+(\d+)$")
_ANALYSIS = re.compile(r"^Analisis\s*:\s*$")
_COMMENTS = re.compile(r"^\d+\s+komentar\s*:?\s*$")


def strip_bullet(line: str) -> str:
    """The line without its bullet marker and the whitespace around it."""
    return line.strip().lstrip(BULLET).strip()


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]


def _find(lines: list[str], pattern: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == pattern:
            return i
    raise CorpusError(f"Struktur korpus tidak dikenali: baris {pattern!r} tidak ditemukan.")


#: A line that opens a list: it ends with ":" ("… dengan antara lain:", "… sebagai berikut :")
#: or with "antara lain" (Pasal 9's second list has no colon).
_LEAD_IN = re.compile(r"(?::|\bantara lain)\s*$")
#: A numbered line of BAB I ("1. Dalam melaksanakan …"): an item of the list above it.
_NUMBERED = re.compile(r"^\d+\.\s")
#: A lead-in longer than this is shown by its last sentence, the one that opens the list.
MAX_LEAD_IN_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def _opening(text: str) -> str:
    """The part of a lead-in that opens the list: all of it, or the last sentence of a long one."""
    if len(text) <= MAX_LEAD_IN_CHARS:
        return text
    return _SENTENCE_END.split(text)[-1]


#: An item that stops in the middle of its sentence: its last clause is a conjunction and a
#: few words ("Memperlihatkan … catatan informasi atas permintaan klien …, dan dalam kitan
#: itu"), finished by the next item ("Tidak membiarkan rahasia orang lain terbuka kepada klien
#: tersebut").
#: (A conjunction, a preposition and at most two words, no verb: "…, dan secara
#: bertanggungjawab" ends Pasal 4's item.)
_UNFINISHED = re.compile(r",\s*(?:dan|serta|atau)\s+(?:dalam|untuk|dengan|oleh|kepada|terhadap|dari|karena)\b"
                         r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)


def unfinished(text: str) -> bool:
    """Whether a list item stops mid-sentence, so that the next item finishes it: shown alone,
    "Memperlihatkan … catatan informasi atas permintaan klien" reads as leave to show the whole
    record, which the next item limits."""
    return bool(_UNFINISHED.search(text))


def _is_subheading(text: str) -> bool:
    """"Ongkos pelayanan", "Hak klien untuk menentukan nasib sendiri": a short line that is no sentence."""
    return len(text) < 60 and text[-1] not in ".):"


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    """An article's analysis: each bullet knows the lead-in and sub-heading it stands under.
    A paragraph of its own (no bullet, no lead-in) ends the list before it."""
    out: list[Paragraph] = []
    heading = lead_in = ""
    for line in lines:
        text = strip_bullet(line)
        if not text:
            continue
        bullet = line.strip().startswith(BULLET)
        if bullet:
            out.append(Paragraph(text, bullet=True, heading=heading, lead_in=lead_in, item=True))
            continue
        if _LEAD_IN.search(text):
            lead_in = _opening(text)
        elif _is_subheading(text):
            heading, lead_in = text, ""
        else:
            heading = lead_in = ""
        out.append(Paragraph(text, heading=heading if text != heading else ""))
    return out


def _prose(lines: list[str], headings: re.Pattern) -> tuple[Paragraph, ...]:
    """Paragraphs of BAB I/III, each knowing the sub-heading it stands under; a numbered line
    ("1. …") knows the lead-in of its list, which holds until the next lead-in or sub-heading
    (BAB I explains item 1 in paragraphs of their own before item 2)."""
    out: list[Paragraph] = []
    heading = lead_in = ""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if headings.match(text):
            heading, lead_in = text, ""
            continue
        numbered = bool(_NUMBERED.match(text))
        out.append(Paragraph(text, heading=heading, lead_in=lead_in if numbered else "", item=numbered))
        if not numbered and _LEAD_IN.search(text):
            lead_in = _opening(text)
    return tuple(out)


def _parse_pasal(number: int, block: list[str], part: str) -> Section:
    body = [line for line in block if line.strip()]
    if not body:
        raise CorpusError(f"Pasal {number} tidak berjudul.")
    title, rest = body[0].strip(), body[1:]
    split = next((i for i, line in enumerate(rest) if _ANALYSIS.match(line.strip())), None)
    if split is None:
        raise CorpusError(f"Pasal {number}: baris 'Analisis :' tidak ditemukan.")
    article = [p.text for p in _paragraphs(rest[:split])]
    analysis = _paragraphs(rest[split + 1 :])
    if not article:
        raise CorpusError(f"Pasal {number} tidak memuat teks pasal.")
    return Section(
        id=f"pasal-{number}",
        title=title,
        part=part,
        number=number,
        article=tuple(article),
        analysis=tuple(analysis),
    )


def _parse_bab2(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    part = ""
    current: tuple[int, str, list[str]] | None = None
    for line in lines:
        text = line.strip()
        part_match = _PART.match(text)
        pasal_match = _PASAL.match(text)
        if part_match or pasal_match:
            if current:
                sections.append(_parse_pasal(current[0], current[2], current[1]))
                current = None
            if part_match:
                part = f"{part_match.group(1)}. {part_match.group(2)}"
            else:
                current = (int(pasal_match.group(1)), part, [])
            continue
        if current is not None:
            current[2].append(line)
    if current:
        sections.append(_parse_pasal(current[0], current[2], current[1]))
    return sections


def parse(text: str) -> list[Section]:
    """Sections of the code, in document order: pendahuluan, pasal-1 … pasal-16, kesimpulan.

    Raises ``CorpusError`` if the text lacks the expected structure.
    """
    lines = _lines(text)
    bab1 = _find(lines, "BAB I")
    bab2 = _find(lines, "BAB II", bab1 + 1)
    bab3 = _find(lines, "BAB III", bab2 + 1)
    kesimpulan = _find(lines, "Kesimpulan", bab3 + 1)
    end = next((i for i in range(kesimpulan, len(lines)) if _COMMENTS.match(lines[i].strip())), len(lines))

    # BAB I's own title line ("PENDAHULUAN") is skipped; its sub-headings are "A. …", "B. …".
    intro = Section(
        id="pendahuluan",
        title="Pendahuluan",
        part="BAB I",
        prose=_prose(lines[bab1 + 2 : bab2], _PART),
    )
    pasal = _parse_bab2(lines[bab2 + 2 : bab3])
    numbers = [s.number for s in pasal]
    if numbers != list(range(1, 17)):
        raise CorpusError(f"Diharapkan Pasal 1–16 berurutan, ditemukan {numbers}.")
    closing = Section(
        id="kesimpulan",
        title="Kesimpulan",
        part="BAB III",
        prose=_prose(lines[kesimpulan + 1 : end], re.compile(r"^$")),
    )
    return [intro, *pasal, closing]

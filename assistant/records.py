"""The frozen records that cross module boundaries: ``Section``, ``Chunk``, ``Hit``, ``Answer``."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Chunk roles. The article text is the code; analysis is one student's commentary;
#: prose is BAB I / BAB III of the blog post (the author's own framing, not articles).
ARTICLE = "article"
ANALYSIS = "analysis"
PROSE = "prose"
#: A part's heading ("F. Kewajiban Pekerja Sosial Profesional Terhadap Masyarakat"), one
#: chunk per article of the part: searched, never quoted.
HEADING = "heading"


@dataclass(frozen=True)
class Paragraph:
    """A line of the corpus, verbatim, without its bullet marker.

    ``heading`` is the sub-heading it stands under (BAB I's "A. Latar Belakang", Pasal 7's
    "Menjaga kerahasiaan klien dalam konteks pelayanan"), if any. ``lead_in`` is, for an item
    of a list (``item``: a bullet, or a numbered line of BAB I), the line that opens the list
    ("Larangan penyalahgunaan konteks pelayanan … antara lain:"), verbatim; for a long
    paragraph, its last sentence. An item is only ever shown under both: cut from them, a
    prohibition reads like a duty.
    """

    text: str
    bullet: bool = False
    heading: str = ""
    lead_in: str = ""
    item: bool = False


@dataclass(frozen=True)
class Section:
    """One section of the code: ``pasal-1`` … ``pasal-16``, ``pendahuluan`` or ``kesimpulan``.

    ``article`` holds the article's own text (lines, verbatim; empty for BAB I/III),
    ``analysis`` the author's analysis paragraphs and bullets, ``prose`` the paragraphs
    of BAB I/III.
    """

    id: str
    title: str
    part: str  # "B. Kewajiban Pekerja Sosial Profesional Terhadap Klien", "BAB I", ...
    number: int | None = None
    article: tuple[str, ...] = ()
    analysis: tuple[Paragraph, ...] = ()
    prose: tuple[Paragraph, ...] = ()

    @property
    def citation(self) -> str:
        """"Kodepeksos Pasal 7 (Menghargai Hak-hak Klien), bagian B. Kewajiban …" or "BAB I
        Pendahuluan (uraian penulis)": the section's heading in answers and pages, and the line
        a user pastes into a report (``assistant.provenance.citation`` adds the source)."""
        if self.number is not None:
            return f"Kodepeksos Pasal {self.number} ({self.title}), bagian {self.part}"
        return f"{self.part} {self.title} (uraian penulis)"


@dataclass(frozen=True)
class Chunk:
    """A quotable unit: a sentence, bullet or short paragraph of one section.

    ``text`` is verbatim from the corpus file. ``context`` is the lead-in or sub-heading the
    unit stands under (used to index it, never quoted as part of it).
    """

    id: int
    section_id: str
    role: str  # ARTICLE, ANALYSIS, PROSE or HEADING
    text: str
    context: str = ""


@dataclass(frozen=True)
class Hit:
    """One ranked section with the chunks that matched best, best first."""

    section: Section
    score: float
    chunks: tuple[Chunk, ...] = ()
    reason: str = "search"  # "search", "reference" (asked by number), "outline" (listed), "scope", "followup"


@dataclass(frozen=True)
class Answer:
    """What the assistant says to one question: Markdown plus the hits it quotes."""

    question: str
    markdown: str
    hits: tuple[Hit, ...] = ()
    abstained: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    outcome: str = "answered"  # "answered", "near" or "not found" (``assistant.search``)

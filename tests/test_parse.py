"""The parser against the real corpus: all 16 Pasal, their parts, and no bleeding between
article text, analysis, BAB I/III prose and the readers' comments."""

import pytest

from assistant.errors import CorpusError
from assistant.parse import BULLET, parse

TITLES = {
    1: "Perilaku Pribadi",
    2: "Integritas",
    3: "Kemampuan Profesional",
    4: "Pelayanan",
    5: "Keilmuan dan Penelitian",
    6: "Menghargai kepentingan Klien",
    7: "Menghargai Hak-hak Klien",
    8: "Penghargaan, Keterbukaan, dan Penghormatan",
    9: "Klien Rekan sejawat",
    10: "Komitmen terhadap Lembaga yang Mempekerjakan",
    11: "Ongkos pelayanan",
    12: "Memelihara Integritas Profesi",
    13: "Kemaslahatan masyarakat",
    14: "Pengembangan Pengetahuan dan Keterampilan",
    15: "Meningkatkan Kesejahteraan Sosial",
    16: "Dianggap mengetahui dan kesediaan mematuhi",
}
PARTS = {
    "A. Perilaku Dan Integritas Pribadi Pekerja Sosial Profesional": [1, 2, 3, 4, 5],
    "B. Kewajiban Pekerja Sosial Profesional Terhadap Klien": [6, 7],
    "C. Kewajiban Pekerja Sosial Profesional Terhadap Rekan Sejawat": [8, 9],
    "D. Kewajiban Pekerja Sosial Profesional Terhadap Lembaga Yang Mempekerjakannya": [10, 11],
    "E. Kewajiban Pekerja Sosial Profesional Terhadap Profesi Pekerjaan Sosial": [12, 13, 14],
    "F. Kewajiban Pekerja Sosial Profesional Terhadap Masyarakat": [15],
    "G. Kekuatan Kode Etik Profesi Pekerjaan Sosial Indonesia": [16],
}


@pytest.fixture(scope="module")
def sections(corpus_text):
    return {s.id: s for s in parse(corpus_text)}


def test_section_ids_in_document_order(corpus_text):
    ids = [s.id for s in parse(corpus_text)]
    assert ids == ["pendahuluan", *[f"pasal-{n}" for n in range(1, 17)], "kesimpulan"]


@pytest.mark.parametrize("number,title", TITLES.items())
def test_every_pasal_title(sections, number, title):
    section = sections[f"pasal-{number}"]
    assert section.number == number
    assert section.title == title


@pytest.mark.parametrize("part,numbers", PARTS.items())
def test_every_pasal_part(sections, part, numbers):
    assert [s.number for s in sections.values() if s.part == part] == numbers


def test_pasal_7_article_is_its_one_sentence(sections):
    assert sections["pasal-7"].article == (
        "Pekerja sosial profesional wajib mengakui, menghargai, berupaya mewujudkan dan melindungi hak - hak klien.",
    )


def test_pasal_11_analysis_starts_after_analisis_line(sections):
    p11 = sections["pasal-11"]
    assert p11.article[0].startswith("Pekerja sosial professional wajib memastikan bahwa dalam konteks pelayanan")
    assert [p.text for p in p11.analysis[:2]] == [
        "Ongkos pelayanan",
        "Pekerja sosial professional memastikan imbalan jerih payah yang patut dan memadai dengan antara lain:",
    ]


@pytest.mark.parametrize("number", range(1, 17))
def test_article_and_analysis_never_bleed(sections, number):
    s = sections[f"pasal-{number}"]
    assert len(s.article) == 1, "every Pasal's own text is one paragraph"
    assert s.analysis, "every Pasal has an analysis"
    assert not any("Analisis" in p.text for p in s.analysis)
    assert not any(p.text in s.article for p in s.analysis)
    assert not any(BULLET in p.text for p in s.analysis)
    assert not any(f"Pasal {number + 1}" == p.text for p in s.analysis)


def test_bullets_are_marked(sections):
    p16 = sections["pasal-16"].analysis
    assert [p.bullet for p in p16] == [False, True, True, True]
    assert p16[2].text == "Memiliki dan menyimpan rumusan Kodepeksos"


def test_pendahuluan_has_both_subsections_and_no_blog_header(sections):
    prose = sections["pendahuluan"].prose
    assert {p.heading for p in prose} == {"A. Latar Belakang", "B. Tujuan Penulisan"}
    assert prose[-1].text == "3. Sebagai salah satu tugas Mata Kuliah Nilai Dan Etika Pekerjaan Sosial."
    assert not any("Selamat Datang" in p.text for s in sections.values() for p in s.prose)


def test_kesimpulan_excludes_readers_comments(sections):
    prose = sections["kesimpulan"].prose
    assert len(prose) == 4
    assert prose[0].text.startswith("Kode Etik Profesi Pekerjaan Sosial ini, disebut dengan “Kodepeksos”")
    everything = " ".join(p.text for s in sections.values() for p in (*s.prose, *s.analysis))
    assert "BalasHapus" not in everything and "PK BAPAS" not in everything and "Pembimbing Kemasyarakatan" not in everything


def test_corpus_without_structure_is_refused():
    with pytest.raises(CorpusError, match="tidak ditemukan"):
        parse("Pasal 1\nJudul\nTeks")

"""Retrieval quality floors on the real model and corpus, so a change that makes answers
worse fails. Each set's floors live in ``questions/manifest.yaml``, a few points under what
the product measures (docs/evaluation.md); every set is asked once per test run
(``conftest.SetRuns``), shared with the verbatim-quote test."""

import pytest

from assistant import question_sets

FLOORED = [s for s in question_sets.sets(available=False) if s.floors]


@pytest.mark.slow
@pytest.mark.parametrize("question_set", FLOORED, ids=[s.name for s in FLOORED])
def test_question_set_floors(set_runs, question_set):
    if not question_set.available:
        pytest.skip(f"{question_set.path} is not there")
    report = set_runs[question_set].report
    assert not question_set.below_floors(report), question_set.below_floors(report)


@pytest.mark.skipif(not question_sets.dev().available, reason="shared/eval/dev_questions.jsonl is not beside the repo")
def test_dev_questions_meet_the_targets_per_kind(set_runs):
    # The quality targets hold per kind too (the totals are among the floors above).
    dev = question_sets.dev()
    report = set_runs[dev].report
    assert not dev.below_floors(report), dev.below_floors(report)
    for kind, figures in report["per_kind"].items():
        if figures["recall_at_1"] is not None:
            assert figures["recall_at_1"] >= dev.per_kind_recall_at_1, kind


@pytest.mark.parametrize("question,expected", [
    ("bolehkah saya membuka rahasia klien?", {"pasal-7"}),
    ("Can I date a client?", {"pasal-6"}),
    ("curhatan klien boleh diceritain ke suami?", {"pasal-7"}),
    ("klien ga sanggup bayar, blh sy stop layanannya?", {"pasal-11"}),
    # Part C: both Pasal 8 and Pasal 9 list duties towards colleagues.
    ("kewajban peksos trhadap rekn sejwat", {"pasal-8", "pasal-9"}),
])
def test_typical_questions_rank_the_right_article_first(assistant, question, expected):
    assert assistant.searcher.search(question).hits[0].section.id in expected


@pytest.mark.parametrize("question,abstains", [
    # Not in the code: a timetable, another code, a procedure, an article that does not exist.
    ("jadwal kereta bandung jakarta hari ini", True),
    ("Apa isi kode etik advokat tentang kerahasiaan klien?", True),
    ("Bagaimana prosedur pendaftaran akreditasi panti?", True),
    ("Pasal 17 Kodepeksos isinya apa?", True),
    # Procedures asked with "bagaimana cara", a leading "cara", "how to".
    ("Bagaimana cara mengisi formulir rujukan ke rumah sakit jiwa?", True),
    ("cara daftar DTKS buat lansia gmn ya", True),
    ("How to register my client into DTKS?", True),
    # Requirements and registration, even in the code's own words; a told situation is not one.
    ("Apa saja syarat mengikuti uji sertifikasi kompetensi pekerja sosial?", True),
    ("Bagaimana cara mendaftar uji kompetensi peksos?", True),
    ("Atasan menyuruh saya mengubah hasil asesmen klien agar memenuhi syarat bantuan.", False),
    ("Apa syarat yang harus dipenuhi pekerjaan sosial agar disebut profesi?", False),
    # A named law is another document; obeying the law in general is conduct.
    ("Apa isi UU Perlindungan Anak tentang hak anak?", True),
    ("What is the minimum age of a child under the child protection law?", True),
    ("Apakah pekerja sosial wajib mematuhi undang-undang yang berlaku?", False),
    ("Does the code say I must obey the law?", False),
    # Situations told in the first person, without "boleh": the code may judge them.
    ("Saya sering mencetak brosur usaha katering istri pakai printer dan kertas kantor.", False),
    ("Saya mulai dekat dan berpacaran dengan kakak kandung dari remaja yang sedang saya dampingi.", False),
    # Another body's code, by name or acronym; a regulation as the source of the answer.
    ("What does the APA ethics code say about social media?", True),
    ("kode etik kedokteran soal rahasia medis pasien gimana?", True),
    # ... whose code it is after "of", "for", "untuk", "bagi" ("code of ethics for nurses");
    # the code for social workers is this one.
    ("What does the code of ethics for doctors say about gifts from patients?", True),
    ("Apa isi kode etik bagi para psikolog tentang kerahasiaan?", True),
    ("What does the code of ethics for social workers say about gifts?", False),
    ("Berapa lama arsip klien wajib disimpan menurut Permensos?", True),
    ("Bolehkah peksos ikut melobi DPR agar permensos direvisi?", False),
    # A number or a ready-made artifact is asked for: the code gives neither.
    ("Masa berlaku sertifikat kompetensi pekerja sosial berapa tahun?", True),
    ("Template kontrak layanan antara pekerja sosial dan klien", True),
    ("How do I appeal a decision of the IPSPI ethics board?", True),
    # What the code says is asked, however the question is worded: never refused for that.
    ("Teman bilang ikut perkumpulan profesi itu nggak penting. Apa kata kode etik soal itu?", False),
    ("Apakah kode etik menyinggung atasan yang mengaku tulisan bawahannya sebagai karyanya?", False),
    ("Prosedur menjelaskan batas-batas kerahasiaan kepada klien", False),
    ("Klien saya punya toko. Wajar nggak kalau saya minta potongan harga?", False),
    # A "how" that touches two of the code's topics asks how to act, not for a procedure;
    # with a procedure word ("prosedur"), an administrative one ("register") or a single
    # topic ("daftar jadi anggota") it is still a procedure.
    ("gmn caranya biar rekan sejawat nggak tersinggung kalau sy nolak ngebocorin rahasia klien pas rapat?", False),
    ("How do I tell my supervisor that a colleague keeps sharing client secrets in the canteen?", False),
    ("gimana caranya daftar jadi anggota IPSPI online?", True),
    ("How to register my client into the social welfare database as a volunteer?", True),
    ("Bagaimana prosedur rujukan kasus kekerasan ke rekan sejawat di kabupaten lain lewat aplikasi?", True),
    # "di luar jam kantor" tells when something happens; "jam kantor ... buka jam berapa" asks a time.
    ("Klien sering menelepon saya di luar jam kantor untuk curhat soal suaminya", False),
    ("Jam kantor Dinsos kota buka jam berapa ya?", True),
    # Asking what a word of the code means is no unknown topic.
    ("kerahasiaan tuh maksudnya gmn sih, contohnya?", False),
    # "Pasal berapa" of a named law asks another document.
    ("Pasal berapa di UU Kesejahteraan Sosial yang mengatur izin praktik?", True),
])
def test_abstention(assistant, question, abstains):
    assert assistant.searcher.search(question).abstained is abstains


@pytest.mark.parametrize("question,asks_the_code", [
    # What the code says, names or quotes is asked: a question on conduct, which neither the
    # unknown-words rule nor the off-topic gate may refuse.
    ("kode etik ini ngatur soal utang piutang sama klien ga?", True),
    ("Bagaimana kode etik memandang pekerja sosial yang menjual data klien?", True),
    ("Deklarasi apa yang dikutip di kode etik pekerja sosial?", True),
    ("kode etik peksos nyebut soal media sosial nggak?", True),
    ("What does this article say about gifts from a client's family?", True),
    ("Bagaimana artikel ini menggambarkan tugas pekerja sosial di masyarakat?", True),
    # "bener ga?" asks whether it is right; "dilanggar" what rule is broken.
    ("rekan sy upload foto anak panti di tiktok buat konten, bener ga?", True),
    ("Aturan mana yang dilanggar kalau pendamping memalsukan daftar hadir penerima bantuan?", True),
    # "Pasal mana …?", "which article …?" ask the code; "bagaimana menyikapinya?" how to act.
    ("Pasal mana yang cocok buat pendamping yang minta uang rokok ke warga?", True),
    ("Which article covers a worker who gossips about clients at the market?", True),
    ("Keluarga klien mengancam saya lewat DM Instagram. Bagaimana menyikapinya?", True),
    ("Kode etik psikologi terbaru tahun berapa?", False),
])
def test_asking_what_the_code_says_counts_as_conduct(assistant, question, asks_the_code):
    assert assistant.searcher.analyzer(question).conduct is asks_the_code


@pytest.mark.parametrize("question,unrelated", [
    # A gift is about personal gain (Pasal 6, 2), not about confidentiality: no "rahasia" quote.
    ("klien ngasih hadiah, boleh diterima ga?", "rahasia"),
    ("peksos blh ga nawarin produk MLM atau jualan ke kliennya?", "rahasia"),
])
def test_sections_sharing_only_generic_words_are_not_quoted(assistant, question, unrelated):
    answer = assistant.ask(question)
    assert answer.hits[0].section.id in {"pasal-6", "pasal-2"}
    assert not any(unrelated in line for line in answer.markdown.splitlines() if line.startswith("> "))


@pytest.mark.parametrize("question,expected", [
    ("kewajiban pekerja sosial terhadap masyarakat", {"pasal-15"}),
    ("kewajban peksos trhadap lembga tmpat kerja", {"pasal-10", "pasal-11"}),
])
def test_part_headings_find_their_articles_and_are_never_quoted(assistant, question, expected):
    from assistant.records import HEADING

    result = assistant.searcher.search(question)
    assert result.hits[0].section.id in expected
    assert not any(c.role == HEADING for h in result.hits for c in h.chunks)

"""Retrieval quality floors on the real model and corpus, so a change that makes answers
worse fails. Floors sit a few points under what main measures (README: quality table)."""

import pytest

from assistant.evaluate import evaluate
from conftest import ROOT, dev_questions, own_questions, read_jsonl


@pytest.fixture(scope="module")
def own_report(assistant):
    return evaluate(own_questions(), assistant.searcher.search)


def test_held_out_questions_floor(own_report):
    # own is among the example questions (corpus/example_questions.jsonl) and the tuned
    # model's training questions: 1.000 / 1.000 / 1.000 / 12 / 0 measured; the unseen sets
    # are heldout2-5, tune6 and tune7b below.
    assert own_report["recall_at_1"] >= 0.95
    assert own_report["recall_at_3"] >= 0.97
    assert own_report["mrr"] >= 0.96
    assert own_report["abstained_oos"] >= 11  # of 12 questions the code does not answer
    assert own_report["false_abstain"] <= 1


# name: (R@1, R@3, MRR, abstained at least, wrongly abstained at most), a few points under
# what main measures (README, "Quality"). tune, tune2, tune4, tune5a-c, tune7a and tune8a-c are
# example questions and training questions of the tuned model (so they partly score themselves);
# tune3 (an example set), tune6, tune7b, tune9a-b and tune10-15b were never trained on, and
# heldout2-5 were written blind and never tuned on. The off-topic gate was fitted on own, tune,
# tune2, tune3, tune6, tune7b, tune9a-b and tune12 (their out-of-scope questions are examples);
# the example weight on tune6, tune7b, tune9a-b, tune12 and tune14; dev, tune10, tune11, tune13
# and heldout2-5 met neither.
SET_FLOORS = {
    "tune_questions.jsonl": (0.95, 0.97, 0.95, 8, 1),  # measured 0.990 / 1.000 / 0.993 / 9 / 0
    "tune2_questions.jsonl": (0.95, 0.97, 0.95, 9, 1),  # 1.000 / 1.000 / 1.000 / 10 / 0
    "tune3_questions.jsonl": (0.93, 0.96, 0.94, 0, 1),  # 0.983 / 1.000 / 0.992 / - / 0
    "tune4_questions.jsonl": (0.95, 0.96, 0.95, 0, 3),  # 0.996 / 1.000 / 0.997 / - / 0
    "tune5a_questions.jsonl": (0.92, 0.94, 0.93, 0, 6),  # 0.971 / 0.981 / 0.975 / - / 4
    "tune5b_questions.jsonl": (0.94, 0.95, 0.95, 0, 4),  # 0.990 / 0.990 / 0.990 / - / 2
    "tune5c_questions.jsonl": (0.93, 0.95, 0.94, 0, 4),  # 0.981 / 0.990 / 0.986 / - / 2
    "tune6_questions.jsonl": (0.92, 0.96, 0.94, 118, 2),  # 0.971 / 1.000 / 0.986 / 122 / 0 (fits the gate)
    "tune7a_questions.jsonl": (0.94, 0.95, 0.95, 0, 2),  # 0.991 / 1.000 / 0.995 / - / 0
    "tune7b_questions.jsonl": (0.86, 0.93, 0.89, 0, 1),  # 0.909 / 0.964 / 0.930 / - / 0
    "tune8a_questions.jsonl": (0.94, 0.95, 0.94, 0, 4),  # 0.987 / 0.987 / 0.987 / - / 2
    "tune8b_questions.jsonl": (0.92, 0.93, 0.92, 0, 5),  # 0.973 / 0.980 / 0.976 / - / 3
    "tune8c_questions.jsonl": (0.93, 0.94, 0.93, 0, 4),  # 0.980 / 0.987 / 0.983 / - / 2
    "tune9a_questions.jsonl": (0.73, 0.86, 0.79, 0, 4),  # 0.783 / 0.906 / 0.840 / - / 2
    "tune9b_questions.jsonl": (0.88, 0.93, 0.90, 0, 5),  # 0.928 / 0.978 / 0.949 / - / 3
    "tune10_questions.jsonl": (0.87, 0.93, 0.90, 14, 4),  # 0.917 / 0.961 / 0.939 / 17 / 2 (fresh: 0.883 / 0.961 / 0.920 / 14 / 1)
    "tune11_questions.jsonl": (0.88, 0.92, 0.90, 32, 6),  # 0.925 / 0.956 / 0.939 / 35 / 4 (fresh: 0.894 / 0.938 / 0.915 / 28 / 4)
    "tune12_questions.jsonl": (0.87, 0.91, 0.89, 181, 5),  # 0.910 / 0.950 / 0.928 / 189 / 3 (fits the gate; fresh 128 / 3)
    "tune13_questions.jsonl": (0.88, 0.93, 0.90, 17, 3),  # 0.928 / 0.967 / 0.946 / 19 / 1 (fresh: 0.878 / 0.944 / 0.908 / 19 / 1)
    "tune14_questions.jsonl": (0.78, 0.88, 0.82, 0, 4),  # 0.829 / 0.921 / 0.869 / - / 1 (fresh: 0.754 / 0.867 / 0.807 / 7)
    "tune15a_questions.jsonl": (0.76, 0.86, 0.80, 0, 6),  # 0.811 / 0.900 / 0.852 / - / 3 (fresh: 0.800 / 0.885 / 0.839 / 7)
    "tune15b_questions.jsonl": (0.77, 0.89, 0.82, 0, 6),  # 0.815 / 0.937 / 0.872 / - / 3 (fresh, the same)
    "heldout2_questions.jsonl": (0.86, 0.91, 0.88, 9, 3),  # 0.911 / 0.944 / 0.924 / 10 / 2
    "heldout3_questions.jsonl": (0.85, 0.93, 0.89, 8, 2),  # 0.900 / 0.967 / 0.931 / 9 / 0
    "heldout4_questions.jsonl": (0.84, 0.88, 0.85, 13, 5),  # 0.889 / 0.911 / 0.898 / 15 / 3
    "heldout5_questions.jsonl": (0.93, 0.95, 0.94, 18, 2),  # 0.979 / 0.993 / 0.986 / 20 / 0
}


@pytest.mark.parametrize("name", sorted(SET_FLOORS))
def test_question_set_floors(assistant, name):
    report = evaluate(read_jsonl(ROOT / "tests" / "data" / name), assistant.searcher.search)
    r1, r3, mrr, abstained, wrong = SET_FLOORS[name]
    assert report["recall_at_1"] >= r1
    assert report["recall_at_3"] >= r3
    assert report["mrr"] >= mrr
    assert report["abstained_oos"] >= abstained
    assert report["false_abstain"] <= wrong


@pytest.mark.skipif(not dev_questions(), reason="shared/eval/dev_questions.jsonl is not beside the repo")
def test_dev_questions_meet_the_targets(assistant):
    # The targets of issue 4, per kind too.
    report = evaluate(dev_questions(), assistant.searcher.search)
    assert report["recall_at_1"] >= 0.90
    assert report["recall_at_3"] >= 0.97
    assert report["mrr"] >= 0.93
    assert report["abstained_oos"] >= 4
    assert report["false_abstain"] <= 1
    for kind, figures in report["per_kind"].items():
        if figures["recall_at_1"] is not None:
            assert figures["recall_at_1"] >= 0.8, kind


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
    ("What does the NASW Code of Ethics say about social media?", True),
    ("kode etik kedokteran soal rahasia medis pasien gimana?", True),
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

"""Every sentence the assistant says in its own voice. Nothing else is ever generated.

An answer line is either a verbatim quote from the corpus (rendered as ``> …``) or one of
these lines, with only a citation or an article number filled in. ``is_fixed`` tells
whether a line is one of them; the tests use it to prove that an answer says nothing else.
"""

from __future__ import annotations

import re

INTRO = "Bagian Kodepeksos yang paling berkaitan, dikutip apa adanya:"
INTRO_REFERENCE = "Berikut bunyi pasal yang Anda minta, dikutip apa adanya:"
#: The same, for BAB I or BAB III asked by name (the author's prose, not articles).
INTRO_REFERENCE_PROSE = "Berikut bagian tulisan yang Anda minta, dikutip apa adanya:"
#: The list of the articles ("daftar pasal", "ada berapa pasal?"): each article's citation.
OUTLINE_INTRO = "Kodepeksos memuat {count} pasal, dalam bagian A sampai G:"
OUTLINE_ITEM = "- {citation}"
OUTLINE_HINT = "Ketik nomor pasal, misalnya \"pasal 7\", untuk membaca bunyinya, atau \"semua pasal\" untuk semuanya."
HEADING = "### {citation}"
ARTICLE_LABEL = "**Teks pasal (kode etik):**"
ANALYSIS_LABEL = "**Analisis penulis blog (bukan teks kode etik):**"
#: The heading above it names the part ("BAB I Pendahuluan (uraian penulis)").
PROSE_LABEL = "**Uraian penulis blog (bukan pasal kode etik):**"
SCOPE_NOTE = (
    "_Catatan: teks ini menyebut dirinya pedoman perilaku bagi anggota IPSPI; teks ini tidak "
    "menyebut kelompok lain (misalnya PK BAPAS, mahasiswa, atau pekerja sosial LSM) secara "
    "khusus. Kutipan di atas adalah bunyi teksnya, bukan keputusan tentang keanggotaan Anda._"
)
FOLLOWUP_NOTE = "_Pertanyaan lanjutan; dijawab dengan merujuk ke {citation}._"
UNKNOWN_REFERENCE = "Kodepeksos hanya memuat Pasal 1 sampai Pasal 16; Pasal {number} tidak ada."
TRUNCATED = "_Pertanyaan Anda sangat panjang; hanya {limit} karakter pertama yang dicari._"
NOT_FOUND = (
    "**Tidak ditemukan.** Saya tidak menemukan bagian Kodepeksos yang menjawab pertanyaan ini, "
    "jadi saya tidak mengutip apa pun."
)
NOT_FOUND_HINT = (
    "Kodepeksos (Pasal 1–16) mengatur perilaku dan integritas pribadi pekerja sosial profesional "
    "serta kewajibannya terhadap klien, rekan sejawat, lembaga tempat ia bekerja, profesi, dan "
    "masyarakat. Coba dengan kata lain, "
    "atau ketik nomor pasal, misalnya \"pasal 7\"."
)
#: Heading of a "near" answer: the ranking found passages, but not confidently an answer.
NEAR_INTRO = (
    "**Bagian yang mungkin berkaitan — Kodepeksos mungkin tidak membahas ini secara langsung.** "
    "Berikut bagian yang paling dekat, dikutip apa adanya:"
)
#: Shown first when a question names another social-work body's code ("menurut kode etik NASW").
OTHER_CODE = (
    "Pertanyaan ini menyebut organisasi pekerja sosial lain (misalnya NASW atau IFSW). Tanya Kodepeksos "
    "hanya memuat Kodepeksos IPSPI; isi kode etik organisasi lain tidak dapat dikutip di sini."
)
#: Why nothing is quoted for a question about another document ("kode etik perawat", "the code
#: of ethics for nurses", "UU Nomor 14 Tahun 2019").
OTHER_DOCUMENT = (
    "Pertanyaan ini tentang dokumen lain, misalnya kode etik profesi lain atau peraturan perundang-undangan. "
    "Tanya Kodepeksos hanya memuat Kodepeksos IPSPI; isi dokumen lain tidak dapat dikutip di sini."
)
#: Why nothing is quoted for an administrative question.
ADMINISTRATIVE = (
    "Kodepeksos mengatur perilaku etis pekerja sosial profesional; kode etik ini tidak mengatur urusan "
    "administrasi seperti bantuan sosial (PKH, BPNT, bansos) dan pencairannya, registrasi atau izin praktik, "
    "sertifikasi, gaji, pendidikan dan karier, serta lowongan kerja. Untuk urusan itu, hubungi instansi yang "
    "mengurusnya, misalnya dinas sosial setempat."
)
#: Why nothing is quoted for a client's question about their own case ("Can I get a different
#: caseworker?", "What if I refuse to let a CPS worker into my home?").
CLIENTS_CASE = (
    "Kodepeksos mengatur kewajiban pekerja sosial profesional; kode etik ini tidak mengatur hak dan langkah "
    "klien dalam kasusnya sendiri, misalnya mengganti pekerja sosial atau menolak kunjungan. Untuk kasus Anda, "
    "hubungi lembaga yang menanganinya. Keberatan atas perilaku seorang pekerja sosial dapat disampaikan kepada "
    "atasannya atau kepada Dewan Pengawas Kode Etik Profesi IPSPI."
)
NOTICE = (
    "_Ini kutipan, bukan putusan etik. Untuk keputusan atas situasi Anda, bicarakan dengan "
    "penyelia Anda atau Dewan Pengawas Kode Etik Profesi IPSPI._"
)
RULE = "---"
#: Every answer that quotes says what the quotes are (``assistant.provenance``, filled from
#: the corpus's metadata file).
PROVENANCE = (
    "_Sumber: \"{title}\", {kind}, {date}. Teks pasal: {code} menurut tulisan itu; analisis dan BAB I/III: "
    "penulisnya. Teks resmi: {owner}._"
)
#: A section's citation with its source (``ask --json``, the section pages); the heading of
#: each section in an answer is the citation without it (``Section.citation``).
CITATION = "_Kutip: {citation}_"
CITE_IN = "{name}, dalam \"{title}\", {kind}, {date}"

#: Messages for input that cannot be searched (shown instead of an answer).
EMPTY_QUESTION = "Pertanyaan kosong. Ketik pertanyaan tentang kode etik, misalnya \"Bolehkah saya membuka rahasia klien?\"."
NO_WORDS = "Pertanyaan tidak memuat kata yang bisa dicari. Ketik pertanyaan dengan huruf, misalnya \"pasal 7\"."
#: ... and for a greeting or thanks with no question in it ("Halo kak!", "Terima kasih 🙏").
ONLY_COURTESY = "Silakan ketik pertanyaan tentang kode etik, misalnya \"Bolehkah saya menerima hadiah dari klien?\"."

_TEMPLATES = [
    INTRO, INTRO_REFERENCE, INTRO_REFERENCE_PROSE, HEADING, ARTICLE_LABEL, ANALYSIS_LABEL, PROSE_LABEL,
    SCOPE_NOTE, FOLLOWUP_NOTE, UNKNOWN_REFERENCE, TRUNCATED, NOT_FOUND, NOT_FOUND_HINT, NOTICE,
    RULE, EMPTY_QUESTION, NO_WORDS, ONLY_COURTESY, PROVENANCE, CITATION, NEAR_INTRO, ADMINISTRATIVE, CLIENTS_CASE,
    OTHER_CODE, OTHER_DOCUMENT, OUTLINE_INTRO, OUTLINE_ITEM, OUTLINE_HINT,
]


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else (r"-?\d+" if part in {"number", "limit", "count"} else r".+?")
        for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


_PATTERNS = [_pattern(t) for t in _TEMPLATES]


def is_fixed(line: str) -> bool:
    """Whether ``line`` is one of the fixed lines above (placeholders filled in)."""
    return any(p.match(line) for p in _PATTERNS)


# -- Chat app (assistant/chat.py). The full article sits in a collapsible block: one tap opens it.
FULL_TEXT_OPEN = "<details><summary>Buka teks lengkap {citation}</summary>"
FULL_TEXT_CLOSE = "</details>"
#: Shown instead of an answer when something unexpected fails (never a traceback).
APP_ERROR = "Maaf, terjadi kesalahan saat mencari jawaban. Coba lagi, atau ketik nomor pasal, misalnya \"pasal 7\"."

#: Under each quoted section (chat and light page): the section's own address, to share or reread.
SECTION_LINK = "Alamat bagian ini, untuk dibagikan: [{label}]({path})"

_CHAT_TEMPLATES = [FULL_TEXT_OPEN, FULL_TEXT_CLOSE, APP_ERROR, SECTION_LINK]
# Appended after the fact so that the lines above stay untouched; ``is_fixed`` reads _PATTERNS.
_TEMPLATES += _CHAT_TEMPLATES
_PATTERNS += [_pattern(t) for t in _CHAT_TEMPLATES]

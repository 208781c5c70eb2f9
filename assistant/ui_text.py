"""The app's own interface text, in Indonesian: labels, the privacy line, the examples, and the
words of the light pages (``assistant.web``).

These are words around the answers, never part of one; every answer line comes from
``assistant.answer`` and ``assistant.wording``.
"""

from __future__ import annotations

PAGE_TITLE = "Tanya Kodepeksos"
HEADER = (
    "### Tanya Kodepeksos\n"
    "Kutipan Kode Etik Profesi Pekerjaan Sosial (IPSPI) apa adanya, bukan putusan etik.\n\n"
    "**Privasi:** jangan mengetik nama klien atau data pribadi. Pertanyaan tidak disimpan. "
    "Koneksi lambat? Pakai [versi ringan](/lite)."
)
#: Shown while the chat's scripts load (seconds on a slow link): the way to the light page.
LOADING = "Memuat percakapan… Koneksi lambat? Buka <a href=\"/lite\">versi ringan</a>."
TAB_CHAT = "Tanya"
TAB_BROWSE = "Daftar pasal"
CHAT_LABEL = "Percakapan"
#: Shown in the empty chat: what the assistant does and does not do.
CHAT_PLACEHOLDER = (
    "Jawaban berupa **kutipan** pasal kode etik dan analisis penulis blog, apa adanya: bukan "
    "nasihat, bukan putusan. Ketik nomor pasal (misalnya \"pasal 7\") untuk membaca satu pasal, "
    "atau buka **Daftar pasal**."
)
INPUT_LABEL = "Pertanyaan"
PLACEHOLDER = "Tulis pertanyaan…"
SEND = "Tanya"
CLEAR = "Mulai percakapan baru"
EXAMPLES_LABEL = "Contoh pertanyaan (ketuk untuk bertanya)"
EXAMPLES = (
    "Bolehkah saya membuka rahasia klien?",
    "Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?",
    "Apa kewajiban saya terhadap rekan sejawat?",
)
BROWSE_INTRO = "Ketuk pasal untuk membacanya utuh di percakapan."
#: The user's side of the chat when a section is opened from the list.
OPEN_SECTION = "Buka {citation}"
#: Above the list of every section's own address, in the "Daftar pasal" tab.
ADDRESSES_INTRO = (
    "**Alamat setiap bagian** (untuk dibagikan; setelah dibuka sekali, bisa dibaca lagi tanpa "
    "koneksi). Versi ringan untuk koneksi lambat: [/lite](/lite)."
)

# -- The light pages (assistant/web.py): no JavaScript needed, readable offline. -------------------
LITE_TITLE = "Tanya Kodepeksos (versi ringan)"
LITE_DESCRIPTION = (
    "Kutipan Kode Etik Profesi Pekerjaan Sosial (IPSPI) apa adanya: tanya, atau baca pasal "
    "per pasal. Halaman ringan, bisa dibaca tanpa koneksi."
)
LITE_INTRO = "Kutipan Kode Etik Profesi Pekerjaan Sosial (IPSPI) apa adanya, bukan putusan etik."
LITE_PRIVACY = "Jangan mengetik nama klien atau data pribadi. Pertanyaan tidak disimpan."
LITE_ASKED = "Pertanyaan Anda:"
LITE_ANSWER = "Jawaban"
LITE_ASK_AGAIN = "Tanya lagi"
LITE_LIST = "Daftar pasal"
LITE_LIST_HINT = "Ketuk untuk membaca satu bagian utuh. Bagian yang pernah dibuka bisa dibaca lagi tanpa koneksi."
LITE_CHAT = "Versi percakapan (lebih berat, perlu JavaScript)"
LITE_HEADING = "Tanya Kode Etik Pekerja Sosial"
LITE_ASK = "Ajukan pertanyaan"
LITE_PREVIOUS = "Sebelumnya"
LITE_NEXT = "Berikutnya"
#: A form body far longer than the box allows (only a script can send one).
LITE_TOO_LONG = "Pertanyaan terlalu panjang untuk dikirim. Ketik pertanyaan yang lebih pendek."
NOT_FOUND_TITLE = "Halaman tidak ditemukan"
NOT_FOUND_TEXT = (
    "Alamat ini tidak ada. Kodepeksos memuat Pendahuluan, Pasal 1 sampai Pasal 16, dan "
    "Kesimpulan; pilih salah satu di bawah ini."
)
OFFLINE_TITLE = "Tidak ada koneksi"
OFFLINE_TEXT = (
    "Ponsel ini sedang tidak tersambung ke internet. Bertanya perlu koneksi: pertanyaan yang "
    "baru Anda kirim belum terkirim. Coba lagi setelah tersambung."
)
OFFLINE_READ = (
    "Tanpa koneksi, halaman ringan dan bagian yang pernah Anda buka di ponsel ini tetap bisa "
    "dibaca. Bagian yang belum pernah dibuka baru bisa dibaca setelah tersambung."
)
APP_NAME_SHORT = "Kodepeksos"

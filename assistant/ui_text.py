"""The chat app's own interface text, in Indonesian: labels, the privacy line, the examples.

These are words around the answers, never part of one; every answer line comes from
``assistant.answer`` and ``assistant.wording``.
"""

from __future__ import annotations

PAGE_TITLE = "Tanya Kodepeksos"
HEADER = (
    "### Tanya Kodepeksos\n"
    "Kutipan Kode Etik Profesi Pekerjaan Sosial (IPSPI) apa adanya, bukan putusan etik.\n\n"
    "**Privasi:** jangan mengetik nama klien atau data pribadi. Pertanyaan tidak disimpan."
)
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

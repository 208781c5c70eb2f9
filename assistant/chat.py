"""The chat: conversation state, follow-up questions without an LLM, and what each turn shows.

Plain functions over a frozen ``Conversation``; ``assistant.ui`` only wires them to Gradio.

A follow-up is recognised from the words of the question, then answered from the conversation:

* **Refer-back** ("pasal itu", "yang tadi", "lanjut", "jelaskan lagi"): every word is a pointer
  (itu, tadi, tersebut…), a request for more (lanjut, lagi, jelaskan…) or filler (pasal, apa,
  tolong…): there is nothing to search for, so the last cited section is shown in full.
* **Continuation** ("kalau ke rekan kerja bagaimana?", "terus kalau ke keluarga?"): a short
  question that opens with a continuation word (kalau, terus, bagaimana dengan…). Grammar
  says it leaves its subject to the previous question, so it is searched joined to that
  question; its own words stay in the search, so a new subject still ranks.
* **Pointer** ("apakah itu berlaku juga di panti?"): a short question that leans on a pointer
  (itu, tersebut, juga…) but says more. It is searched on its own first, and joined to the
  previous question only when it finds nothing on its own (the assistant abstains).

A joined search that finds nothing falls back to the question's own answer. A follow-up's
answer starts with ``wording.FOLLOWUP_NOTE`` naming the section it continues from. The user's
own text is escaped before display so it can never render as markup.
"""

from __future__ import annotations

import html
import logging
import string
import traceback
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable

from assistant import ui_text, wording
from assistant.analyze import words
from assistant.answer import compose, section_markdown
from assistant.errors import AssistantError
from assistant.query import without_courtesy
from assistant.records import Answer, Hit, Section
from assistant.search import ANSWERED, Result, heading_references, references

log = logging.getLogger(__name__)

REFER_BACK = "refer-back"
CONTINUATION = "continuation"
POINTER = "pointer"

#: Words that point back at what was just said (English too: "Does that apply to interns?";
#: not "it", the empty subject of "Is it ok to …?").
_POINTERS = frozenset("itu ini tadi tersebut barusan sebelumnya td tsb that this previous above".split())
#: Words that ask for more of the same.
_MORE = frozenset(
    "lanjut lanjutkan lanjutannya teruskan lagi selengkapnya lengkapnya lengkap detail detailnya "
    "rinci rinciannya jelaskan jelasin terangkan uraikan maksud maksudnya artinya "
    "more explain elaborate details detail full".split()
)
#: Words that say nothing searchable on their own.
_FILLER = frozenset(
    "pasal bagian yang yg apa isi isinya bunyi bunyinya tolong coba dong ya mohon minta bisa "
    "saya aku mau ingin lebih lihat tampilkan baca tentang soal gimana bagaimana kembali ulang "
    "sekali kak article section the please show me tell what does is it about say says".split()
)
#: Openings that continue the previous question rather than start a new one. ("Bagaimana
#: jika …" is left out: it usually opens a new situation of its own.)
_OPENERS = tuple(tuple(o.split()) for o in (
    "kalau", "kalo", "klo", "kl", "terus", "trus", "lalu", "lantas", "kemudian", "tapi",
    "tetapi", "sedangkan", "dan", "bagaimana dengan", "gimana dengan", "bagaimana kalau",
    "gimana kalau",
    # English: "what if it is just food?", "what about a former client?"
    "what if", "what about", "how about", "and if", "and what about", "but what if", "but if",
    "and", "but",
))
#: ASCII marks that can start Markdown syntax (":" and "." too: they make bare links).
#: "?", ",", ";", quotes, "/", "%" and "@" cannot, and stay as typed (screen readers read them).
_MARKUP = frozenset(string.punctuation) - frozenset("&<>?,;\"'/%@")
#: Direction overrides and isolates could make the user's text display in another order.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Elliptical questions are short; a longer one carries its own subject.
MAX_FOLLOWUP_WORDS = 8
#: Messages kept on screen (and in memory) per conversation; older ones scroll away.
MAX_MESSAGES = 40


@dataclass(frozen=True)
class Conversation:
    """What the chat remembers of one session, in memory only.

    ``topic`` is the last question answered from the code on its own (follow-ups are
    joined to it), ``sections`` the ids cited by the last answer, best first, and
    ``messages`` the (role, Markdown) pairs on screen.
    """

    topic: str = ""
    sections: tuple[str, ...] = ()
    messages: tuple[tuple[str, str], ...] = ()


def followup_kind(question: str) -> str | None:
    """``REFER_BACK``, ``CONTINUATION``, ``POINTER`` or None, from the words of ``question``."""
    question = without_courtesy(question)  # "Kak, kalau hadiahnya cuma makanan? Makasih"
    tokens = words(question)
    if not tokens or references(question)[0] or heading_references(question):
        return None  # nothing to read, or an article or heading named: answer it as asked
    cues = _POINTERS | _MORE
    if any(t in cues for t in tokens) and all(t in cues or t in _FILLER for t in tokens):
        return REFER_BACK
    if len(tokens) > MAX_FOLLOWUP_WORDS:
        return None
    if any(tuple(tokens[: len(o)]) == o for o in _OPENERS):
        return CONTINUATION
    if any(t in _POINTERS or t == "juga" for t in tokens):
        return POINTER
    return None


# -- what one turn shows --------------------------------------------------------------------

def full_text_block(section: Section) -> list[str]:
    """The section's whole article and analysis inside a collapsed ``<details>`` block."""
    lines = section_markdown(Hit(section, 1.0, (), "reference"), full=True)
    body = lines[2:]  # without the heading: the section's block above names it in full
    return [wording.FULL_TEXT_OPEN.format(citation=html.escape(section_label(section))), "", *body,
            wording.FULL_TEXT_CLOSE, ""]


def with_full_texts(markdown: str, hits: Iterable[Hit]) -> str:
    """``markdown`` with each quoted section followed by its full text, one tap away.

    Sections asked for by number already show their full text and get no block.
    """
    lines = markdown.split("\n")
    for hit in reversed(tuple(hits)):
        if hit.reason == "reference":
            continue
        heading = wording.HEADING.format(citation=hit.section.citation)
        if heading not in lines:
            continue
        start = lines.index(heading)
        stop = next((i for i in range(start + 1, len(lines))
                     if lines[i].startswith("### ") or lines[i] == wording.RULE), len(lines))
        # right after the section's last quote, before any note that follows the sections
        end = max((i for i in range(start, stop) if lines[i].startswith("> ")), default=start) + 1
        lines[end:end] = ["", *full_text_block(hit.section)]
    return "\n".join(line for i, line in enumerate(lines) if line or not (i and not lines[i - 1]))


def user_text(text: object, limit: int = 1000) -> str:
    """The user's message as Markdown that displays exactly as typed, never as markup.

    Control and direction-override characters are dropped, whitespace is collapsed, and
    the text is cut at ``limit``. ``& < >`` become entities and every other ASCII mark
    that Markdown could read as syntax is backslash-escaped, so ``**x**``, ``<script>``,
    ``# x`` or ``https://x.id`` show as the characters themselves.
    """
    if not isinstance(text, str):
        return ""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text if ch not in _BIDI)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(html.escape(ch) if ch in "&<>" else "\\" + ch if ch in _MARKUP else ch for ch in text)


def _error_text(exc: Exception) -> str:
    """Our own errors carry an Indonesian message; anything else gets the fixed apology.

    Only the exception type and where it happened are logged, never the question.
    """
    if isinstance(exc, AssistantError):
        return str(exc)
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "?"
    log.error("chat: %s at %s", type(exc).__name__, where)
    return wording.APP_ERROR


def api_answer(assistant, question: object) -> str:
    """The ``/tanya`` endpoint: exactly the CLI's ``ask`` Markdown, or the Indonesian message."""
    try:
        return assistant.ask(question).markdown
    except Exception as exc:  # an API call must never answer with a traceback
        return _error_text(exc)


# -- one turn of the conversation -----------------------------------------------------------

def _section(assistant, section_id: str) -> Section:
    return next(s for s in assistant.index.sections if s.id == section_id)


def _reference_answer(assistant, question: str, section: Section, notes: tuple[str, ...] = ()) -> Answer:
    """The section in full, laid out as if it had been asked for by number."""
    hit = Hit(section, 1.0, (), "reference")
    return compose(question, Result(hits=(hit,), abstained=False), notes, assistant.source)


def _remember(conversation: Conversation, answer: Answer, topic: str | None) -> Conversation:
    if answer.abstained or not answer.hits:
        return conversation  # a miss does not change what the conversation is about
    return replace(conversation, topic=conversation.topic if topic is None else topic,
                   sections=tuple(h.section.id for h in answer.hits))


def joined_question(topic: str, question: str, limit: int) -> str:
    """The previous question and the follow-up as one search, the follow-up never cut off."""
    room = max(0, limit - len(question) - 1)
    return f"{topic[len(topic) - room:] if room else ''} {question}".strip()


def answer_turn(assistant, question: str, conversation: Conversation) -> tuple[str, Conversation]:
    """The chat Markdown for ``question`` and the conversation after it.

    Raises ``AssistantError`` (``InputError`` for a question with no words).
    """
    kind = followup_kind(question) if conversation.sections else None
    if kind is None:
        answer = assistant.ask(question)
        return with_full_texts(answer.markdown, answer.hits), _remember(conversation, answer, answer.question)
    last = _section(assistant, conversation.sections[0])
    note = wording.FOLLOWUP_NOTE.format(citation=last.citation)
    if kind == REFER_BACK:
        answer = _reference_answer(assistant, question, last, (note,))
        return answer.markdown, _remember(conversation, answer, topic=None)
    own = assistant.ask(question) if kind == POINTER else None
    # A follow-up that finds nothing, or only passages that may be related, on its own is
    # searched joined to the question before it.
    if own is None or own.outcome != ANSWERED:
        joined = assistant.ask(joined_question(conversation.topic, question,
                                               assistant.settings.max_question_chars), follow_up=question)
        if joined.outcome == ANSWERED or (not joined.abstained and (own is None or own.abstained)):
            markdown = f"{note}\n\n{with_full_texts(joined.markdown, joined.hits)}"
            return markdown, _remember(conversation, joined, topic=None)
    own = own or assistant.ask(question)
    return with_full_texts(own.markdown, own.hits), _remember(conversation, own, own.question)


def respond(assistant, message: object, conversation: Conversation) -> Conversation:
    """The conversation after the user sends ``message``: their text, then the answer."""
    limit = assistant.settings.max_question_chars
    shown = user_text(message, limit)
    try:
        markdown, after = answer_turn(assistant, message if isinstance(message, str) else "", conversation)
        markdown = with_links(markdown, assistant.index.sections)
    except Exception as exc:  # the chat shows a message, never a traceback or a toast
        markdown, after = _error_text(exc), conversation
    turn = ((("user", shown),) if shown else ()) + (("assistant", markdown),)
    return replace(after, messages=(conversation.messages + turn)[-MAX_MESSAGES:])


def open_section(assistant, section_id: str, conversation: Conversation) -> Conversation:
    """The conversation after the user opens a section from the list: it is shown in full."""
    section = _section(assistant, section_id)
    topic = f"pasal {section.number}" if section.number is not None else section.title
    answer = _reference_answer(assistant, topic, section)
    turn = (("user", user_text(ui_text.OPEN_SECTION.format(citation=section.citation))),
            ("assistant", with_links(answer.markdown, (section,))))
    return Conversation(topic, (section.id,), (conversation.messages + turn)[-MAX_MESSAGES:])


def chat_messages(conversation: Conversation) -> list[dict]:
    """The messages in the Chatbot's ``{"role", "content"}`` format."""
    return [{"role": role, "content": content} for role, content in conversation.messages]


# -- the article list -----------------------------------------------------------------------

def section_groups(sections: Iterable[Section]) -> list[tuple[str, list[Section]]]:
    """Sections grouped under their part, in the order of the text: BAB I, A … G, BAB III."""
    groups: dict[str, list[Section]] = {}
    for section in sections:
        label = section.part if section.number is not None else f"{section.part} · {section.title}"
        groups.setdefault(label, []).append(section)
    return list(groups.items())


def section_label(section: Section) -> str:
    """"Pasal 7 · Menghargai Hak-hak Klien", or "Pendahuluan" for BAB I."""
    return f"Pasal {section.number} · {section.title}" if section.number is not None else section.title


def short_label(section: Section) -> str:
    """"Pasal 7", or "Pendahuluan" for BAB I."""
    return f"Pasal {section.number}" if section.number is not None else section.title


def section_path(section: Section) -> str:
    """The section's own address on the server: "/pasal/7", "/pendahuluan", "/kesimpulan"."""
    return f"/pasal/{section.number}" if section.number is not None else f"/{section.id}"


def with_links(markdown: str, sections: Iterable[Section]) -> str:
    """``markdown`` with a link to its own page under each section it quotes.

    A section counts as quoted when its heading line is in ``markdown``; the link line
    (``wording.SECTION_LINK``) follows the section's last line, before any note that closes
    the answer (``wording.SCOPE_NOTE``) and before the rule.
    """
    lines = markdown.split("\n")
    for section in sections:
        heading = wording.HEADING.format(citation=section.citation)
        if heading not in lines:
            continue
        start = lines.index(heading)
        stop = next((i for i in range(start + 1, len(lines))
                     if lines[i].startswith("### ") or lines[i] == wording.RULE), len(lines))
        end = stop
        while end > start + 1 and (not lines[end - 1] or lines[end - 1] == wording.SCOPE_NOTE):
            end -= 1
        link = wording.SECTION_LINK.format(label=section_label(section), path=section_path(section))
        lines[end:end] = ["", link]
    return "\n".join(lines)


def warm_up(assistant) -> None:
    """Load the embedding model now, so the first person to ask does not wait for it."""
    assistant.ask("rahasia klien")

"""Bad input, through the library and the command line: each gets a clear Indonesian message
or a normal answer (with a note when the question was cut), never a traceback.

The chat and the HTTP API are covered by the app's tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant import wording
from assistant.cli import answer_json
from assistant.errors import InputError
from assistant.parse import parse
from assistant.service import clean_question
from test_answer import assert_only_quotes_and_fixed_wording

LIMIT = 1000  # Settings.max_question_chars
QUESTION = "bolehkah saya membuka rahasia klien?"
EMPTY = wording.EMPTY_QUESTION
NO_WORDS = wording.NO_WORDS
TRUNCATED = wording.TRUNCATED.format(limit=LIMIT)
MB = 1_000_000


def unknown(number: int) -> str:
    return wording.UNKNOWN_REFERENCE.format(number=number)


#: Input that cannot be searched -> the exact message.
REFUSED = [
    pytest.param("", EMPTY, id="empty"),
    pytest.param("   \t\n \u3000 ", EMPTY, id="whitespace"),
    pytest.param("\x00\x01\x07\x1b\x7f", EMPTY, id="nul-and-control-only"),
    pytest.param("\u200b\u200e\u202e\u2066", EMPTY, id="invisible-and-bidi-only"),
    pytest.param("\ud800\udcff", EMPTY, id="lone-surrogates-only"),
    pytest.param("😀🙏👍", NO_WORDS, id="only-emoji"),
    pytest.param("👩\u200d⚕️🙏🏽", NO_WORDS, id="emoji-zwj-sequence"),
    pytest.param("?!... ,;: — «»", NO_WORDS, id="only-punctuation"),
    pytest.param(None, EMPTY, id="not-a-string-none"),
    pytest.param(42, EMPTY, id="not-a-string-int"),
    pytest.param(b"pasal 7", EMPTY, id="not-a-string-bytes"),
]

#: Input that is answered -> (first line, section ids of the hits; [] means "not found").
ANSWERED = [
    pytest.param("pasal 99", unknown(99), [], id="pasal-99"),
    pytest.param("pasal 0", unknown(0), [], id="pasal-0"),
    pytest.param("pasal -1", unknown(-1), [], id="pasal-minus-1"),
    pytest.param("pasal 7 dan pasal 99", unknown(99), ["pasal-7"], id="pasal-7-and-99"),
    pytest.param("pasal 7", wording.INTRO_REFERENCE, ["pasal-7"], id="pasal-7"),
    pytest.param("BAB III", wording.INTRO_REFERENCE_PROSE, ["kesimpulan"], id="bab-iii"),
    pytest.param("bagian c", wording.INTRO_REFERENCE, ["pasal-8", "pasal-9"], id="bagian-c"),
    pytest.param("bolehkah\x00saya membuka\x07rahasia\x0bklien?", wording.INTRO, ["pasal-7"], id="nul-inside"),
    pytest.param("bolehkah saya membuka rahasia \ud800 klien?", wording.INTRO, ["pasal-7"], id="lone-surrogate-inside"),
    pytest.param(f"\u202e{QUESTION}\u202c", wording.INTRO, ["pasal-7"], id="bidi-override"),
    pytest.param(f"<b>{QUESTION}</b>", wording.INTRO, ["pasal-7"], id="html-tags"),
    pytest.param("<script>alert('x')</script>", wording.NOT_FOUND, [], id="script-tag"),
    pytest.param("'; DROP TABLE klien; --", wording.NOT_FOUND, [], id="sql"),
    pytest.param("ما هي واجبات الأخصائي الاجتماعي؟", wording.NOT_FOUND, [], id="arabic"),
    pytest.param("מה החובות של עובד סוציאלי?", wording.NOT_FOUND, [], id="hebrew"),
    pytest.param(f"سؤال: {QUESTION}", wording.INTRO, ["pasal-7"], id="arabic-then-indonesian"),
    pytest.param((QUESTION + " ") * 560, TRUNCATED, ["pasal-7"], id="paste-20k"),
    pytest.param((QUESTION + " ") * (MB // len(QUESTION)), TRUNCATED, ["pasal-7"], id="paste-1mb"),
    pytest.param("x" * MB, TRUNCATED, [], id="paste-1mb-one-word"),
]


@pytest.fixture(scope="module")
def checker(corpus_text):
    sections = parse(corpus_text)
    citations = {s.citation for s in sections}
    labels = {wording.PROSE_LABEL.format(part=s.part, title=s.title) for s in sections}
    return lambda markdown: assert_only_quotes_and_fixed_wording(markdown, corpus_text, citations, labels)


# -- the library ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,message", REFUSED)
def test_unsearchable_input_gets_the_exact_message(assistant, text, message):
    with pytest.raises(InputError) as refused:
        assistant.ask(text)
    assert str(refused.value) == message
    with pytest.raises(InputError, match="^" + message[:20]):
        clean_question(text, LIMIT)


@pytest.mark.parametrize("text", ["Halo kak!", "Terima kasih banyak 🙏", "Thanks!", "Selamat pagi", "Assalamualaikum wr wb"])
def test_a_greeting_or_thanks_alone_is_asked_for_a_question(assistant, text):
    with pytest.raises(InputError) as refused:
        assistant.ask(text)
    assert str(refused.value) == wording.ONLY_COURTESY


@pytest.mark.parametrize("text", ["Halo kak, apa itu kode etik?", "Boleh?", "Ibu saya"])
def test_a_question_with_courtesies_is_searched(assistant, text):
    assert assistant.ask(text).question


@pytest.mark.parametrize("text,first,hits", ANSWERED)
def test_odd_input_gets_a_normal_answer(assistant, checker, text, first, hits):
    answer = assistant.ask(text)
    assert answer.markdown.splitlines()[0] == first
    assert [h.section.id for h in answer.hits][: len(hits) or None] == hits
    assert answer.abstained == (not hits)
    assert (wording.NOT_FOUND in answer.markdown) == (not hits)
    assert answer.notes == ((TRUNCATED,) if first == TRUNCATED else ())
    checker(answer.markdown)  # the question is never echoed: no tags, no pasted text


@pytest.mark.parametrize("text,expected,cut", [
    ("  bolehkah\x00saya \t membuka\r\nrahasia  ", "bolehkah saya membuka rahasia", False),
    ("\u202eRahasia\u202c klien \ud800", "Rahasia klien", False),
    ("e\u0301tika", "\u00e9tika", False),  # NFC: one way to spell each letter
    ("a" * (LIMIT + 1), "a" * LIMIT, True),  # one long word is cut mid-word
])
def test_clean_question(text, expected, cut):
    assert clean_question(text, LIMIT) == (expected, cut)


@pytest.mark.parametrize("size", [20_000, MB])
def test_long_paste_is_cut_at_a_word_boundary(size):
    text = ("kerahasiaan klien " * (size // 18 + 1))[:size]
    cleaned, cut = clean_question(text, LIMIT)
    assert cut and len(cleaned) <= LIMIT and len(cleaned) > LIMIT - 20
    assert text.startswith(cleaned + " ")  # whole words only


# -- the command line ---------------------------------------------------------------------------
def run_cli(settings, *args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--index-dir", str(settings.index_dir), *args],
        input=stdin, capture_output=True, timeout=300,
    )


def assert_no_traceback(run: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in run.stderr, run.stderr.decode(errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("text,message", [
    pytest.param("", EMPTY, id="empty"),
    pytest.param("   ", EMPTY, id="whitespace"),
    pytest.param("\x01\x02\x1b\x7f", EMPTY, id="control"),
    pytest.param(b"\xff\xfe", EMPTY, id="undecodable-bytes"),  # arrive as lone surrogates
    pytest.param("😀🙏👍", NO_WORDS, id="only-emoji"),
    pytest.param("?!...", NO_WORDS, id="only-punctuation"),
])
def test_cli_refuses_with_one_exact_line(assistant, settings, text, message):
    run = run_cli(settings, "ask", text)
    assert_no_traceback(run)
    assert run.returncode == 1
    assert run.stderr.decode() == f"Error: {message}\n"
    assert run.stdout == b""


@pytest.mark.slow
@pytest.mark.parametrize("number", [99, 0, -1])
def test_cli_unknown_article(assistant, settings, number):
    run = run_cli(settings, "ask", f"pasal {number}")
    assert_no_traceback(run)
    assert run.returncode == 0
    assert run.stdout.decode().splitlines()[0] == unknown(number)


@pytest.mark.slow
def test_cli_undecodable_bytes_inside_a_question(assistant, settings):
    run = run_cli(settings, "ask", b"bolehkah saya membuka rahasia \xff klien?")
    assert_no_traceback(run)
    assert run.returncode == 0
    assert "### Kodepeksos Pasal 7 (" in run.stdout.decode()


#: Every answered case that fits on one line of stdin (the CLI reads one question per line).
STDIN_CASES = [p for p in ANSWERED if "\n" not in p.values[0] and "\r" not in p.values[0]] + [
    pytest.param(text, message, None, id=f"refused-{id_}")
    for text, message, id_ in (("\x00\x01", EMPTY, "control"), ("😀🙏👍", NO_WORDS, "emoji"),
                               ("?!...", NO_WORDS, "punctuation"))
]


@pytest.mark.slow
def test_cli_stdin_json_matches_the_library(assistant, settings):
    """One process answers every case from stdin, long pastes included, as the library does."""
    texts = [p.values[0] for p in STDIN_CASES]
    stdin = "".join(t + "\n" for t in texts).encode("utf-8", "surrogatepass")
    stdin = stdin.replace("\ud800".encode("utf-8", "surrogatepass"), b"\xff")  # as a terminal would send it
    run = run_cli(settings, "ask", "--json", "-", stdin=stdin)
    assert_no_traceback(run)
    assert run.returncode == 1  # some lines were refused
    lines = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert len(lines) == len(texts)
    for param, got in zip(STDIN_CASES, lines):
        text, expected = param.values[0], param.values[1]
        if param.id.startswith("refused-"):
            assert got["error"] == expected, param.id
            continue
        want = answer_json(assistant.ask(text))
        assert got["answer"] == want["answer"], param.id
        assert [h["id"] for h in got["hits"]] == [h["id"] for h in want["hits"]], param.id
        assert got["answer"].splitlines()[0] == expected, param.id


@pytest.mark.slow
def test_cli_stdin_one_megabyte_paste_is_cut_with_a_note(assistant, settings):
    paste = (QUESTION + " ") * (MB // len(QUESTION))
    run = run_cli(settings, "ask", "-", stdin=(paste + "\n").encode())
    assert_no_traceback(run)
    assert run.returncode == 0
    out = run.stdout.decode()
    assert out.splitlines()[0] == TRUNCATED
    assert "### Kodepeksos Pasal 7 (" in out
    assert len(out) < 20_000  # the paste is not echoed back

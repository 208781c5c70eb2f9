"""The README shows real output: its printed answer is what the assistant prints today."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
_PRINTED = re.compile(r'`tanya-kodepeksos ask "(?P<q>[^"]+)"` prints, in full:\n\n```markdown\n(?P<md>.*?)\n```\n', re.S)


def test_the_readmes_printed_answer_is_todays(assistant):
    shown = list(_PRINTED.finditer(README.read_text(encoding="utf-8")))
    assert shown, "the README no longer shows an answer in full"
    for match in shown:
        assert assistant.ask(match["q"]).markdown.rstrip("\n") == match["md"]

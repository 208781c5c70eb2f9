"""Question files in JSON Lines: one ``{"q": text, "gold": [section ids], …}`` object a line.
Read by the evaluation (``assistant.measure.evaluate``) and for the example questions
(``assistant.examples``); each caller names the error a bad file is."""

from __future__ import annotations

import json
from pathlib import Path


def question_lines(path: Path, error: type[Exception], gold_required: bool = False) -> list[tuple[int, dict]]:
    """(line number, object) for every non-empty line. Raises ``error`` in Indonesian naming
    the file or the bad line: unreadable, not JSON, no "q" text, or a "gold" that is not a
    list (or is missing, when ``gold_required``)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"Berkas {path} tidak dapat dibaca: {exc}") from exc
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise error(f"{path}:{number}: baris bukan JSON yang sah ({exc}).") from exc
        gold = item.get("gold", None if gold_required else []) if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not isinstance(gold, list):
            raise error(f"{path}:{number}: baris harus berisi objek dengan \"q\" (teks) dan \"gold\" (daftar).")
        out.append((number, item))
    return out


def question_text(rows: list[dict]) -> str:
    """A question file's text: one JSON object a line, UTF-8 as written (what the build
    scripts of ``corpus/`` write, byte for byte)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

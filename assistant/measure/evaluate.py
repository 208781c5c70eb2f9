"""Measure retrieval on a JSON Lines question file: recall@k, MRR, abstention, latency.

Each line: ``{"id": str, "q": str, "gold": [section ids], "kind": str}``; ``gold: []``
means the code does not cover the question and the right behaviour is to abstain (the
"not found" outcome). A "near" answer (closest passages under a hedging heading) shows its
hits: it counts for the ranking figures and is not a refusal. An optional ``"split"`` lets a
set be measured by halves (``--split measure``).
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

from assistant.errors import InputError
from assistant.jsonl import question_lines
from assistant.search import NEAR, Result


def read_questions(path: Path, split: str | None = None) -> list[dict]:
    """The questions of a JSON Lines file (only those of ``split``, if given). Raises
    ``InputError`` naming the bad line, or when nothing is left to measure."""
    out = []
    for number, item in question_lines(path, InputError):
        item.setdefault("id", f"line-{number}")
        item.setdefault("kind", "other")
        if split is None or item.get("split") == split:
            out.append(item)
    if not out:
        where = f" bagian {split!r}" if split else ""
        raise InputError(f"Berkas {path}{where} tidak berisi pertanyaan.")
    return out


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _metrics(rows: list[dict]) -> dict:
    gold_rows = [r for r in rows if r["gold"]]
    oos = [r for r in rows if not r["gold"]]
    ranks = []
    for r in gold_rows:
        rank = next((i + 1 for i, sid in enumerate(r["hits"]) if sid in r["gold"]), None)
        ranks.append(rank)
    n = len(gold_rows) or 1
    return {
        "questions": len(rows),
        "recall_at_1": sum(1 for k in ranks if k == 1) / n if gold_rows else None,
        "recall_at_3": sum(1 for k in ranks if k and k <= 3) / n if gold_rows else None,
        "mrr": sum(1 / k for k in ranks if k) / n if gold_rows else None,
        "abstained_oos": sum(1 for r in oos if r["abstained"]),
        "oos": len(oos),
        "abstain_recall": (sum(1 for r in oos if r["abstained"]) / len(oos)) if oos else None,
        "false_abstain": sum(1 for r in gold_rows if r["abstained"]),
        "false_abstain_rate": (sum(1 for r in gold_rows if r["abstained"]) / n) if gold_rows else None,
        "near": sum(1 for r in rows if r["outcome"] == NEAR),
        "near_oos": sum(1 for r in oos if r["outcome"] == NEAR),
    }


def evaluate(questions: list[dict], search: Callable[[str], Result]) -> dict:
    """Run ``search`` on every question and return the figures and per-question results.

    A question's hits are the sections its answer shows, best first: what the user sees.
    An abstained question shows nothing, so it scores as a miss.
    """
    rows = []
    for item in questions:
        start = time.perf_counter()
        result = search(item["q"])
        ms = (time.perf_counter() - start) * 1000
        rows.append({
            "id": item["id"], "kind": item["kind"], "gold": item.get("gold", []),
            "hits": [h.section.id for h in result.hits],
            "abstained": result.abstained, "outcome": result.outcome, "ms": round(ms, 2),
        })
    report = _metrics(rows)
    latencies = [r["ms"] for r in rows]
    report["p50_ms"] = round(statistics.median(latencies), 2)
    report["p95_ms"] = round(percentile(latencies, 0.95), 2)
    kinds = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
    report["per_kind"] = {kind: _metrics(group) for kind, group in sorted(kinds.items())}
    report["results"] = [{k: r[k] for k in ("id", "hits", "outcome", "abstained", "ms")} for r in rows]
    return report


def format_report(report: dict) -> str:
    """A plain-text table of the figures."""
    def f(x):
        return "   -  " if x is None else f"{x:6.3f}"

    lines = [
        f"questions: {report['questions']}",
        f"recall@1: {f(report['recall_at_1'])}   recall@3: {f(report['recall_at_3'])}   MRR: {f(report['mrr'])}",
        f"abstained on {report['abstained_oos']}/{report['oos']} out-of-scope questions; "
        f"wrongly abstained on {report['false_abstain']} in-scope questions; "
        f"{report['near']} near answers ({report['near_oos']} of them out of scope)",
        f"latency p50: {report['p50_ms']:.1f} ms   p95: {report['p95_ms']:.1f} ms",
        "",
        f"{'kind':<12}{'n':>4}{'R@1':>8}{'R@3':>8}{'MRR':>8}{'abst':>8}",
    ]
    for kind, m in report["per_kind"].items():
        abst = f"{m['abstained_oos']}/{m['oos']}" if m["oos"] else f"{m['false_abstain']}!" if m["false_abstain"] else "-"
        lines.append(f"{kind:<12}{m['questions']:>4}{f(m['recall_at_1']):>8}{f(m['recall_at_3']):>8}{f(m['mrr']):>8}{abst:>8}")
    return "\n".join(lines)

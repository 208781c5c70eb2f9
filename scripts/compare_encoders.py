"""Does answering with ONNX Runtime give the same answers as sentence-transformers (torch)?

For every question set (the shared dev set and every set of ``questions/manifest.yaml``)
each question is answered twice from the same index, once with each query encoder
(``assistant.embed.Encoder``, ``assistant.onnx_encoder.OnnxEncoder``), and compared:

- the answer's Markdown, and the sections it cites in their order;
- the cosine between the two encoders' vectors of every text the search embedded for the
  question (the question, and its normalized form when the off-topic gate looks again);
- the cosine between the index's chunk vectors (sentence-transformers, at build) and the
  ONNX encoder's vectors of the same chunks.

Every difference is listed with both rankings and scores. Prints a table, or JSON::

    python scripts/compare_encoders.py [--json] [FILE.jsonl ...]

The index is the configured one (``TANYA_INDEX_DIR``, default ``index/``), built first if
it is missing or stale. Takes about two minutes on a quiet 2-core machine (4,900 questions).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.embed import Encoder  # noqa: E402
from assistant.index import index_text  # noqa: E402
from assistant.onnx_encoder import OnnxEncoder, answer_encoder  # noqa: E402
from assistant.settings import Settings  # noqa: E402

SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
MIN_COSINE = 0.999


def question_sets() -> list[Path]:
    """The shared dev set and every JSON Lines file of questions in the repository."""
    found = [SHARED_DEV] if SHARED_DEV.exists() else []
    for folder in (ROOT / "questions",):
        found += sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    return found


def read_questions(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["q"] for r in rows if isinstance(r, dict) and isinstance(r.get("q"), str)]


def assistants(settings: Settings):
    """(torch assistant, ONNX assistant): one loaded index, two query encoders."""
    from assistant.service import Assistant

    base = Assistant(settings, log=lambda m: print(m, file=sys.stderr))
    torch_encoder = Encoder(base.settings)
    onnx_encoder = base.encoder if isinstance(base.encoder, OnnxEncoder) else answer_encoder(base.index, torch_encoder)
    if not isinstance(onnx_encoder, OnnxEncoder):
        sys.exit(f"Model {settings.model!r} has no ONNX export: nothing to compare.")
    out = []
    for encoder in (torch_encoder, onnx_encoder):
        clone = copy.copy(base)
        clone.encoder = encoder
        clone.searcher = copy.copy(base.searcher)
        clone.searcher.encoder = encoder
        out.append(clone)
    return out


def compare_question(a, b, question: str) -> dict:
    """Both answers to ``question`` and the cosines of every text each search embedded."""
    for assistant in (a, b):
        assistant.encoder._cache.clear()
    answer_a, answer_b = a.ask(question), b.ask(question)
    texts = set(a.encoder._cache) | set(b.encoder._cache)
    cosines = [float(a.encoder.encode_query(t) @ b.encoder.encode_query(t)) for t in texts]
    sections_a = [h.section.id for h in answer_a.hits]
    sections_b = [h.section.id for h in answer_b.hits]
    row = {"same_markdown": answer_a.markdown == answer_b.markdown, "same_sections": sections_a == sections_b,
           "min_cosine": min(cosines, default=1.0), "texts": len(texts)}
    if not row["same_markdown"]:
        row["detail"] = {
            "question": question, "abstained": [answer_a.abstained, answer_b.abstained],
            "torch": [(h.section.id, round(float(h.score), 4)) for h in answer_a.hits],
            "onnx": [(h.section.id, round(float(h.score), 4)) for h in answer_b.hits],
        }
    return row


def chunk_cosines(assistant_onnx) -> dict:
    index = assistant_onnx.index
    by_id = {s.id: s for s in index.sections}
    stored = index.dense.reconstruct_n(0, index.dense.ntotal)
    fresh = assistant_onnx.encoder.encode_passages([index_text(c, by_id) for c in index.chunks])
    cosines = np.sum(stored * fresh, axis=1)
    return {"chunks": len(cosines), "min_cosine": round(float(cosines.min()), 6)}


def _shown(path: Path) -> str:
    for base in (ROOT, ROOT.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def run(paths: list[Path]) -> dict:
    torch_assistant, onnx_assistant = assistants(Settings.from_env())
    report = {"chunks": chunk_cosines(onnx_assistant), "sets": [], "differences": []}
    started = time.perf_counter()
    for path in paths:
        rows = [compare_question(torch_assistant, onnx_assistant, q) for q in read_questions(path)]
        report["sets"].append({
            "set": _shown(path),
            "questions": len(rows), "same_markdown": sum(r["same_markdown"] for r in rows),
            "same_sections": sum(r["same_sections"] for r in rows),
            "min_cosine": round(min((r["min_cosine"] for r in rows), default=1.0), 6),
            "texts": sum(r["texts"] for r in rows)})
        report["differences"] += [dict(r["detail"], set=path.name) for r in rows if "detail" in r]
        print(f"{path.name}: {report['sets'][-1]['same_markdown']}/{len(rows)} identical", file=sys.stderr)
    sets = report["sets"]
    report["total"] = {"questions": sum(s["questions"] for s in sets),
                       "same_markdown": sum(s["same_markdown"] for s in sets),
                       "same_sections": sum(s["same_sections"] for s in sets),
                       "min_cosine_questions": min((s["min_cosine"] for s in sets), default=1.0),
                       "seconds": round(time.perf_counter() - started, 1)}
    report["ok"] = (report["total"]["min_cosine_questions"] >= MIN_COSINE
                    and report["chunks"]["min_cosine"] >= MIN_COSINE)
    return report


def format_report(r: dict) -> str:
    lines = [f"{'set':<52} {'questions':>9} {'same answer':>11} {'same sections':>13} {'min cosine':>10}"]
    for s in r["sets"]:
        lines.append(f"{s['set']:<52} {s['questions']:>9} {s['same_markdown']:>11} {s['same_sections']:>13} "
                     f"{s['min_cosine']:>10.6f}")
    t = r["total"]
    lines.append(f"{'all':<52} {t['questions']:>9} {t['same_markdown']:>11} {t['same_sections']:>13} "
                 f"{t['min_cosine_questions']:>10.6f}")
    lines.append(f"\nChunks: {r['chunks']['chunks']}, least cosine index (sentence-transformers) vs ONNX "
                 f"{r['chunks']['min_cosine']:.6f}")
    for d in r["differences"]:
        lines.append(f"\nDIFFERENT ({d['set']}): {d['question']}\n  abstained torch/onnx {d['abstained']}\n"
                     f"  torch {d['torch']}\n  onnx  {d['onnx']}")
    lines.append(f"\n{'OK' if r['ok'] else 'NOT OK'}: every cosine ≥ {MIN_COSINE} "
                 f"({t['seconds']:.0f} s for {t['questions']} questions)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="question sets (default: all)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    report = run([p.resolve() for p in args.files] or question_sets())
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()

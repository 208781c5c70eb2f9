"""The ablation table: what each stage of search adds, measured on question files.

``python -m assistant ablation FILE.jsonl [FILE.jsonl …] [--out docs/ablation.md]``
runs every variant below on every file with the real index and model, and prints (and
optionally writes) a Markdown table. Each variant is the product's searcher with stages
switched off, so the last row is exactly what users get.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from assistant import question_sets
from assistant.measure.evaluate import evaluate, read_questions
from assistant.fusion import FusionParams
from assistant.search import Searcher


@dataclass(frozen=True)
class Variant:
    name: str
    method: str
    slang: bool = False
    typos: bool = False
    vocabulary: bool = False
    examples: bool = False
    example_vectors: bool = True  # the examples vote by embedding too, not by terms alone
    dense_weight: float | None = None  # None: the product's
    untuned: bool = False  # the packaged MiniLM as published instead of the tuned default
    gate: bool = False  # the off-topic gate (``assistant.offtopic``; fitted for the tuned model only)
    classifier: bool = False  # the examples' classifier beside their nearest ones (``assistant.examples``)


VARIANTS = (
    Variant("BM25 saja (Sastrawi + stopword)", "lexical"),
    Variant("Dense saja (MiniLM disetel, bawaan)", "dense"),
    Variant("Dense saja (MiniLM paket, tanpa penyetelan)", "dense", untuned=True),
    Variant("Fusi BM25 + dense", "fused"),
    Variant("+ normalisasi slang", "fused", slang=True),
    Variant("+ toleransi salah ketik", "fused", slang=True, typos=True),
    Variant("+ kosakata domain", "fused", slang=True, typos=True, vocabulary=True),
    Variant("+ contoh pertanyaan, suara kata saja (tf-idf)", "fused", slang=True, typos=True, vocabulary=True,
            examples=True, example_vectors=False),
    Variant("+ contoh pertanyaan", "fused", slang=True, typos=True, vocabulary=True, examples=True),
    Variant("+ pengklasifikasi contoh pertanyaan", "fused", slang=True, typos=True, vocabulary=True, examples=True,
            classifier=True),
    Variant("+ penyaring pertanyaan di luar kode etik (produk)", "fused", slang=True, typos=True, vocabulary=True,
            examples=True, gate=True, classifier=True),
    Variant("produk tanpa dense (tanpa penyaring dan pengklasifikasi: keduanya butuh embedding)", "lexical",
            slang=True, typos=True, vocabulary=True, examples=True),
    Variant("produk, bobot dense 0.35", "fused", slang=True, typos=True, vocabulary=True, examples=True,
            dense_weight=0.35, gate=True, classifier=True),
    Variant("produk dengan MiniLM paket tanpa penyetelan, bobot 0.15 (sebelumnya)", "fused", slang=True, typos=True,
            vocabulary=True, examples=True, dense_weight=0.15, untuned=True, classifier=True),
)


def _untuned(assistant):
    """The same assistant with the packaged MiniLM as published, its index in a temporary
    folder (built once per run and removed at exit; the product's index is never touched)."""
    if getattr(assistant, "_untuned_twin", None) is None:
        from assistant.service import Assistant
        from assistant.settings import PACKAGED_MODEL

        folder = Path(tempfile.mkdtemp(prefix="tanya-untuned-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        assistant._untuned_twin = Assistant(replace(assistant.settings, model=PACKAGED_MODEL, index_dir=folder))
    return assistant._untuned_twin


def searcher_for(assistant, variant: Variant, abstain: bool = True) -> Searcher:
    if variant.untuned:
        assistant = _untuned(assistant)
    base = assistant.searcher
    fusion = replace(base.fusion, method=variant.method)
    if variant.dense_weight is not None:
        fusion = replace(fusion, dense_weight=variant.dense_weight)
    return Searcher(
        assistant.index, assistant.encoder, assistant.vocabulary if variant.vocabulary else None,
        base.max_sections, base.max_quotes, fusion,
        base.thresholds, slang=variant.slang, typos=variant.typos, abstain=abstain,
        examples=assistant.examples if variant.examples else None,
        example_vectors=assistant.index.example_vectors if variant.examples and variant.example_vectors else None,
        gate=base.gate if variant.gate else None, classifier=variant.classifier,
    )


def _table(assistant, sets, abstain: bool) -> list[str]:
    lines = [
        "| variant | " + " | ".join(f"{name}: R@1 / R@3 / MRR / abstain OOS / false abstain" for name, _ in sets) + " |",
        "|---|" + "---|" * len(sets),
    ]
    for variant in VARIANTS:
        searcher = searcher_for(assistant, variant, abstain)
        cells = []
        for _name, questions in sets:
            r = evaluate(questions, searcher.search)
            cells.append(
                f"{r['recall_at_1']:.3f} / {r['recall_at_3']:.3f} / {r['mrr']:.3f} / "
                f"{r['abstained_oos']}/{r['oos']} / {r['false_abstain']}"
            )
        lines.append(f"| {variant.name} | " + " | ".join(cells) + " |")
    return lines


def run(assistant, files: list[Path]) -> str:
    """The Markdown report for ``files``."""
    seen = {e.question for e in assistant.examples}
    # Outside the repository (an installed package) there is no manifest: no roles to show.
    roles = {s.path: s.roles for s in question_sets.sets()} if question_sets.MANIFEST.exists() else {}
    sets = []
    for f in files:
        questions = read_questions(f)
        # What a set was used for (questions/manifest.yaml) says what its figures mean: one
        # whose questions are example questions scores itself from the examples on.
        if Path(f).resolve() in roles:
            mark = f" ({', '.join(roles[Path(f).resolve()])})"
        else:
            mark = " (also examples)" if any(q["q"] in seen for q in questions) else ""
        sets.append((Path(f).name + mark, questions))
    lines = ["## With the product's abstention", ""] + _table(assistant, sets, True)
    lines += ["", "## Ranking alone (abstention off; every question gets its top sections)", ""]
    lines += _table(assistant, sets, False)
    fusion: FusionParams = assistant.searcher.fusion
    header = [
        "# Ablation: what each search stage adds",
        "",
        f"Generated by `python -m assistant ablation` on {time.strftime('%Y-%m-%d')}; model "
        f"`{assistant.index.manifest.get('model')}`, fusion dense weight {fusion.dense_weight}. "
        "Hits are the sections an answer shows (an abstention shows none and counts as a miss). "
        "Each set is marked with its roles in `questions/manifest.yaml`. A set marked \"examples\" "
        "(or \"also examples\") is in `corpus/example_questions.jsonl`, so from the \"contoh "
        "pertanyaan\" row on it partly scores itself, and a \"gate-fitting\" set scores the "
        "off-topic gate's row on questions it was fitted on; \"measuring\" sets are neither.",
        "",
    ]
    return "\n".join(header + lines) + "\n"

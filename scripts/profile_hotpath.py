"""Where the time goes, and what candidate speed-ups would save, without changing a ranking.

Run from the repository root (it builds a throwaway index under /tmp)::

    .venv/bin/python scripts/profile_hotpath.py [--json]

It prints:

1. cold start of an ``ask`` process, phase by phase, in a fresh interpreter;
2. the warm query path per stage (cProfile, per question), over the dev questions;
3. candidate replacements, each checked to give bit-identical scores (and so identical
   rankings) on every dev and held-out question before it is timed:
   - (adopted since) ``fusion.pool`` without the per-section Python loop, compared with the
     former loop kept below as ``pool_former_loop`` for the timing table;
   - (adopted since) ``lexical.scores`` from bm25s's sparse matrix in one pass, instead of one
     ``get_scores`` call per term;
   both at the real size and on a synthetic corpus of 100× the chunks and sections;
4. Sastrawi stemming of an unseen word, and the file-hash check of ``index.load``;
5. encoder latency with 1 and 2 torch threads.

This is a measuring tool, not part of the assistant; it only reads the package.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from statistics import median

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import bench  # noqa: E402
from assistant.settings import Settings  # noqa: E402

COLD_PHASES = r"""
import json, sys, time
t0 = time.perf_counter(); marks = {}
def mark(name):
    marks[name] = round(time.perf_counter() - t0, 3)
import assistant.cli; mark("import assistant.cli (package, bm25s, faiss, Sastrawi, vocabulary)")
from assistant.settings import Settings
from assistant import index
from assistant.embed import Encoder
settings = Settings.from_env()
enc = Encoder(settings)
idx = index.load(settings, enc, rebuild=False); mark("index.load (parse, chunk, sha256, bm25, faiss)")
from assistant.service import Assistant
a = Assistant(settings); mark("Assistant() again (loads index a 2nd time + Searcher init)")
a.ask("pasal 7"); mark("first ask('pasal 7') (no model)")
import sentence_transformers; mark("import sentence_transformers (torch, transformers, sklearn)")
a.encoder.model; mark("model load (SentenceTransformer from disk)")
a.ask(sys.argv[1]); mark("first free-text ask (tokenizer, first forward)")
print(json.dumps(marks))
"""


def cold_phases(settings: Settings) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TANYA_INDEX_DIR": str(settings.index_dir)}
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", COLD_PHASES, bench.COLD_QUESTION], env=env,
                             capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cumulative = {k: median(r[k] for r in runs) for k in runs[0]}
    phases, last = {}, 0.0
    for k, v in cumulative.items():
        phases[k] = round(v - last, 3)
        last = v
    return phases


def stage_profile(assistant, questions: list[str]) -> dict:
    """Per-question cumulative ms of the named stages, warm query cache (encoding excluded)."""
    for q in questions:
        assistant.ask(q)
    profile = cProfile.Profile()
    profile.enable()
    for q in questions:
        assistant.ask(q)
    profile.disable()
    stats = pstats.Stats(profile).stats
    wanted = {("service.py", "ask"), ("search.py", "search"), ("query.py", "__call__"), ("lexical.py", "scores"),
              ("dense.py", "scores"), ("fusion.py", "fuse"), ("fusion.py", "pool"), ("search.py", "_quotes"),
              ("answer.py", "compose"), ("service.py", "clean_question"), ("analyze.py", "words")}
    out = {}
    for (filename, _, name), (_, calls, _, cumulative, _) in stats.items():
        key = (Path(filename).name, name)
        if key in wanted:
            out[f"{key[0]}:{name}"] = {"calls_per_question": round(calls / len(questions), 1),
                                       "ms_per_question": round(cumulative * 1000 / len(questions), 3)}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["ms_per_question"]))


# -- candidate replacements --------------------------------------------------------------------
# The implementations the package used before adopting the two above (kept here as the
# reference the timings and the bit-identity checks compare against).
def pool_former_loop(chunk_scores: np.ndarray, chunk_section: np.ndarray, n_sections: int,
                    second_weight: float) -> np.ndarray:
    """The former ``fusion.pool``: a Python loop over sections (same result)."""
    out = np.zeros(n_sections, dtype=np.float32)
    for s in range(n_sections):
        values = np.sort(chunk_scores[chunk_section == s])[::-1]
        if len(values):
            out[s] = values[0] + (second_weight * values[1] if len(values) > 1 else 0.0)
    return out


def lexical_scores_former(index, terms) -> np.ndarray:
    """The former ``lexical.scores``: one bm25s ``get_scores`` call per term (same result)."""
    weights = dict.fromkeys(terms, 1.0) if isinstance(terms, list) else terms
    out = np.zeros(index.scores["num_docs"], dtype=np.float32)
    for term, weight in weights.items():
        if term in index.vocab_dict and weight:
            out += weight * np.asarray(index.get_scores([term]), dtype=np.float32)
    return out


def _time_ms(fn, args_list, rounds: int = 3) -> float:
    best = []
    for _ in range(rounds):
        t = time.perf_counter()
        for args in args_list:
            fn(*args)
        best.append((time.perf_counter() - t) * 1000 / len(args_list))
    return round(median(best), 4)


def candidates(assistant, questions: list[str]) -> dict:
    from assistant import fusion, lexical

    searcher = assistant.searcher
    cases = []
    for q in questions:
        query = searcher.analyzer(q)
        lex, den = searcher.chunk_scores(query)
        cases.append((query, lex, den))
    out = {}
    # identity first: every question, both pooled vectors, bit for bit
    for query, lex, den in cases:
        for vec in (lex, den - float(np.mean(den))):
            a = fusion.pool(vec, searcher._chunk_section, len(searcher._section_ids), 0.3)
            b = pool_former_loop(vec, searcher._chunk_section, len(searcher._section_ids), 0.3)
            assert np.array_equal(a, b), "pool_former_loop differs"
        a = lexical.scores(assistant.index.lexical, query.terms)
        b = lexical_scores_former(assistant.index.lexical, query.terms)
        assert np.array_equal(a, b), "lexical_scores_former differs"
    n_sec = len(searcher._section_ids)
    pool_args = [(lex, searcher._chunk_section, n_sec, 0.3) for _, lex, _ in cases]
    lex_args = [(assistant.index.lexical, query.terms) for query, _, _ in cases]
    out["identical_on_questions"] = len(cases)
    out["pool_ms"] = {"now": _time_ms(fusion.pool, pool_args), "former_loop": _time_ms(pool_former_loop, pool_args)}
    out["lexical_scores_ms"] = {"now": _time_ms(lexical.scores, lex_args),
                                "former": _time_ms(lexical_scores_former, lex_args)}
    # 100× corpus: synthetic copies (see assistant.bench)
    sections, chunks, terms, _ = bench._synthetic(assistant.index, 100, np.random.default_rng(7))
    position = {s.id: i for i, s in enumerate(sections)}
    chunk_section = np.array([position[c.section_id] for c in chunks])
    big = lexical.build(terms)
    rng = np.random.default_rng(1)
    big_scores = [rng.random(len(chunks), dtype=np.float32) for _ in range(10)]
    for vec in big_scores:
        assert np.array_equal(fusion.pool(vec, chunk_section, len(sections), 0.3),
                              pool_former_loop(vec, chunk_section, len(sections), 0.3))
    for query, _, _ in cases:
        assert np.array_equal(lexical.scores(big, query.terms), lexical_scores_former(big, query.terms))
    out["at_100x"] = {
        "chunks": len(chunks), "sections": len(sections),
        "pool_ms": {"now": _time_ms(fusion.pool, [(v, chunk_section, len(sections), 0.3) for v in big_scores], 1),
                    "former_loop": _time_ms(pool_former_loop, [(v, chunk_section, len(sections), 0.3) for v in big_scores])},
        "lexical_scores_ms": {"now": _time_ms(lexical.scores, [(big, q.terms) for q, _, _ in cases]),
                              "former": _time_ms(lexical_scores_former, [(big, q.terms) for q, _, _ in cases])},
    }
    return out


def stemming_and_hashes(settings: Settings) -> dict:
    from assistant import analyze, index

    unseen = [f"memper{w}kannya" for w in ("tanggungjawab", "kerahasia", "lindung", "baharu", "kokoh")]
    unseen += ["ketidakberpihakan", "dipertanggungjawabkannya", "pengelolaannya", "kesejahteraannya"]
    t = time.perf_counter()
    for w in unseen:
        analyze._STEMMER.stem(w)  # the uncached Sastrawi call that ``analyze.stem`` wraps
    per_word = (time.perf_counter() - t) * 1000 / len(unseen)
    folder = index.load(settings, rebuild=False).folder
    t = time.perf_counter()
    for _ in range(20):
        index._file_hashes(folder)
    hashes = (time.perf_counter() - t) * 1000 / 20
    t = time.perf_counter()
    for _ in range(5):
        index.load(settings, rebuild=False)
    load = (time.perf_counter() - t) * 1000 / 5
    return {"sastrawi_unseen_word_ms": round(per_word, 3), "file_hashes_ms": round(hashes, 3),
            "index_load_ms": round(load, 1)}


def torch_threads(assistant, questions: list[str]) -> dict:
    import torch

    model = assistant.encoder.model
    out = {}
    before = torch.get_num_threads()
    for n in (1, 2):
        torch.set_num_threads(n)
        for q in questions[:5]:
            model.encode(q)
        times = []
        for _ in range(3):
            for q in questions:
                t = time.perf_counter()
                model.encode(q, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
                times.append(time.perf_counter() - t)
        out[f"{n}_thread"] = bench.percentiles(times)
        # 8 users at once (threads, as the app serves them): wall time and per-request latency
        assistant.encoder._cache.clear()
        done = []

        def one(q):
            t = time.perf_counter()
            model.encode(q, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            done.append(time.perf_counter() - t)

        t = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(one, questions * 2))
        out[f"{n}_thread_8_concurrent"] = {**bench.percentiles(done), "wall_s": round(time.perf_counter() - t, 2),
                                          "requests": len(done)}
    torch.set_num_threads(before)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from assistant.service import Assistant

    _, questions = bench.read_questions(None)
    own = [json.loads(line)["q"] for line in bench.OWN_QUESTIONS.read_text().splitlines() if line.strip()]
    report = {"load_average_start": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="tanya-profile-") as tmp:
        settings = replace(Settings.from_env(), index_dir=Path(tmp) / "index")
        assistant = Assistant(settings)
        report["cold_start_phases_s"] = cold_phases(settings)
        report["warm_stages"] = stage_profile(assistant, questions)
        report["candidates"] = candidates(assistant, questions + own)
        report["stemming_and_hashes"] = stemming_and_hashes(settings)
        report["torch_threads"] = torch_threads(assistant, questions)
    report["load_average_end"] = os.getloadavg()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

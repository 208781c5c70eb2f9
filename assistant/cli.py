"""The command line: ``build``, ``ask`` and ``eval`` sharing one loaded assistant.

Errors of the package (``AssistantError``) become one Indonesian line on stderr and exit
status 1, never a traceback.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import click

from assistant.answer import hit_quotes
from assistant.provenance import Source, citation
from assistant.errors import AssistantError, InputError
from assistant.records import Answer
from assistant.settings import Settings


def _fail(exc: AssistantError) -> click.ClickException:
    return click.ClickException(str(exc))


def _assistant(ctx: click.Context):
    from assistant.service import Assistant

    if "assistant" not in ctx.obj:
        ctx.obj["assistant"] = Assistant(ctx.obj["settings"], log=lambda m: click.echo(m, err=True))
    return ctx.obj["assistant"]


def answer_json(answer: Answer, source: Source | None = None) -> dict:
    """The ``ask --json`` object for one answer; ``source``: the corpus's metadata, for citations."""
    return {
        "question": answer.question,
        "outcome": answer.outcome,
        "abstained": answer.abstained,
        "answer": answer.markdown,
        "hits": [
            {"id": h.section.id, "title": h.section.title, "part": h.section.part,
             "score": round(float(h.score), 4), "citation": citation(h.section, source), "quotes": hit_quotes(h)}
            for h in answer.hits
        ],
    }


@click.group()
@click.option("--index-dir", type=click.Path(path_type=Path), envvar="TANYA_INDEX_DIR", help="Folder indeks.")
@click.option("--model", envvar="TANYA_MODEL", help="Model embedding (nama atau path).")
@click.pass_context
def main(ctx: click.Context, index_dir: Path | None, model: str | None) -> None:
    """Tanya Kodepeksos: kutipan Kode Etik Profesi Pekerjaan Sosial (IPSPI)."""
    overrides = {k: v for k, v in (("index_dir", index_dir), ("model", model)) if v}
    try:
        ctx.obj = {"settings": Settings.from_env(**overrides)}
    except AssistantError as exc:
        raise _fail(exc) from None


@main.command()
@click.pass_context
def build(ctx: click.Context) -> None:
    """Susun ulang indeks di folder index/."""
    from assistant.embed import Encoder
    from assistant.index import build as build_index
    from assistant.service import Assistant

    settings = ctx.obj["settings"]
    try:
        folder = build_index(settings, Encoder(settings), log=lambda m: click.echo(m, err=True))
        # The start cache (the examples analyzed, their classifier fitted) is filled here, so a
        # server's first start neither waits for it nor keeps scikit-learn loaded afterwards.
        click.echo("Menyiapkan cache contoh pertanyaan …", err=True)
        Assistant(settings)
    except AssistantError as exc:
        raise _fail(exc) from None
    click.echo(f"Indeks tersimpan di {folder}")


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Keluarkan satu objek JSON; dengan '-' satu baris per pertanyaan.")
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool) -> None:
    """Jawab QUESTION dengan kutipan kode etik ('-' = baca dari stdin, satu per baris)."""
    from assistant.service import clean_question

    try:
        if question != "-":
            clean_question(question, ctx.obj["settings"].max_question_chars)  # refuse before loading
            assistant = _assistant(ctx)
            answer = assistant.ask(question)
            click.echo(json.dumps(answer_json(answer, assistant.source), ensure_ascii=False) if as_json else answer.markdown)
            return
        # Bytes that are not UTF-8 become U+FFFD instead of a decoding traceback.
        lines = [line for line in io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if line.strip()]
        if not lines:
            raise InputError("Tidak ada pertanyaan di masukan standar (satu pertanyaan per baris).")
        assistant = _assistant(ctx)
        failed = False
        for line in lines:
            try:
                answer = assistant.ask(line)
            except AssistantError as exc:
                failed = True
                out = {"question": line.rstrip("\n"), "error": str(exc)} if as_json else None
                click.echo(json.dumps(out, ensure_ascii=False) if as_json else str(exc), err=not as_json)
                continue
            click.echo(json.dumps(answer_json(answer, assistant.source), ensure_ascii=False) if as_json else answer.markdown + "\n")
        if failed:
            ctx.exit(1)
    except AssistantError as exc:
        raise _fail(exc) from None


@main.command(name="eval")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Keluarkan satu objek JSON.")
@click.option("--split", help="Hanya pertanyaan dengan \"split\" ini (misalnya measure).")
@click.pass_context
def eval_command(ctx: click.Context, file: Path, as_json: bool, split: str | None) -> None:
    """Ukur recall@1, recall@3, MRR, abstain dan latensi pada FILE (JSON Lines)."""
    from assistant.measure.evaluate import evaluate, format_report, read_questions

    try:
        questions = read_questions(file, split)
        assistant = _assistant(ctx)
        report = evaluate(questions, lambda q: assistant.searcher.search(q))
    except AssistantError as exc:
        raise _fail(exc) from None
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Tulis tabel Markdown ke berkas ini juga.")
@click.pass_context
def ablation(ctx: click.Context, files: tuple[Path, ...], out: Path | None) -> None:
    """Tabel ablation: sumbangan tiap tahap pencarian pada FILES (JSON Lines)."""
    from assistant.measure.ablation import run

    try:
        report = run(_assistant(ctx), list(files))
    except AssistantError as exc:
        raise _fail(exc) from None
    click.echo(report)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")


@main.command()
@click.option("--repeats", default=3, show_default=True, type=click.IntRange(1, 20), help="Ulangan tiap pengukuran.")
@click.option("--scales", default="10,100,1000", show_default=True, help="Kelipatan korpus sintetis ('' = tidak ada).")
@click.option("--questions", type=click.Path(path_type=Path), help="Pertanyaan (JSON Lines dengan \"q\").")
@click.option("--no-app", is_flag=True, help="Jangan menyalakan app.py untuk mengukur memori.")
@click.option("--json", "as_json", is_flag=True, help="Keluarkan satu objek JSON.")
@click.pass_context
def bench(ctx: click.Context, repeats: int, scales: str, questions: Path | None, no_app: bool, as_json: bool) -> None:
    """Ukur kecepatan dan memori di mesin ini (lihat assistant/measure/bench.py)."""
    from assistant.measure.bench import format_report, run

    try:
        factors = [int(f) for f in scales.replace(" ", "").split(",") if f]
    except ValueError:
        raise click.BadParameter("contoh: --scales 10,100,1000", param_hint="--scales") from None
    try:
        report = run(ctx.obj["settings"], repeats, factors, questions, app=not no_app,
                     log=lambda m: click.echo(m, err=True))
    except AssistantError as exc:
        raise _fail(exc) from None
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report))


@main.command()
@click.option("--host", envvar="GRADIO_SERVER_NAME", default="127.0.0.1", show_default=True,
              help="Alamat yang didengarkan (0.0.0.0 = semua jaringan).")
@click.option("--port", envvar="GRADIO_SERVER_PORT", default=7860, show_default=True,
              type=click.IntRange(1, 65535), help="Port.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Sajikan percakapan (/) dan versi ringan (/lite, /pasal/7 …) sampai dihentikan."""
    from assistant.web import serve as run

    run(host, port, ctx.obj["settings"])

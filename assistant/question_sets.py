"""The labelled question sets and what each is for, as ``questions/manifest.yaml`` says.

Every place that needs a set's role reads it here: the tests (quality floors, which sets
must stay unseen), ``scripts/tune_embedder.py`` (which sets it trains on),
``scripts/fit_offtopic_gate.py`` (which sets it fits on), ``scripts/build_examples.py``
(which sets make ``corpus/example_questions.jsonl``), ``scripts/build_known_questions.py``
(which make ``corpus/known_questions.jsonl``), the benchmarks' default questions.

    from assistant import question_sets
    for qs in question_sets.sets(role="measuring"):
        print(qs.name, qs.path, qs.floors)

Roles (a set may have several): ``training`` (the tuned embedder learnt from it),
``examples`` (its questions are in the example questions), ``known`` (its questions are
looked up as asked, ``assistant.known``), ``gate-fitting`` (the off-topic
gate was fitted on it), ``tuning`` (thresholds, weights or rules were chosen on it) and
``measuring`` (measuring only: nothing was chosen, fitted or trained on it).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "questions"
MANIFEST = FOLDER / "manifest.yaml"
ROLES = ("training", "examples", "known", "gate-fitting", "gate-threshold", "tuning", "measuring")
#: Which of a set's questions are example questions: every one, only those the code does not
#: answer (they teach the off-topic gate what is off-topic), or only those it answers (the
#: set's out-of-scope questions stay unseen, a measure of the gate).
EXAMPLE_PARTS = ("all", "out-of-scope", "in-scope")
#: Quality floors a set may carry: the figure of ``assistant.measure.evaluate``'s report each bounds,
#: and whether the floor is its least (min) or its most (max) allowed value.
FLOORS = {
    "recall_at_1": ("recall_at_1", min),
    "recall_at_3": ("recall_at_3", min),
    "mrr": ("mrr", min),
    "min_refused_out_of_scope": ("abstained_oos", min),
    "max_wrongly_refused": ("false_abstain", max),
}


@dataclass(frozen=True)
class QuestionSet:
    """One entry of the manifest. ``path`` is absolute; ``size`` and ``kinds`` are what the
    manifest states (a test checks them against the file)."""

    name: str
    path: Path
    roles: tuple[str, ...]
    size: int
    kinds: dict[str, int]
    written: str
    how: str
    use: str = ""
    old_name: str | None = None
    examples: str | None = None
    floors: dict[str, float] = field(default_factory=dict)
    per_kind_recall_at_1: float | None = None
    #: Kept outside ``questions/`` (the shared dev set); may be absent on another machine.
    external: bool = False

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def available(self) -> bool:
        return self.path.exists()

    def below_floors(self, report: dict) -> list[str]:
        """The floors ``report`` (of ``assistant.measure.evaluate.evaluate``) misses, each as
        "name: figure < floor"; empty when all are met."""
        missed = []
        for name, floor in self.floors.items():
            key, bound = FLOORS[name]
            value = report[key]
            if value is None or (value < floor if bound is min else value > floor):
                missed.append(f"{name}: {value} {'<' if bound is min else '>'} {floor}")
        return missed

    def questions(self) -> list[dict]:
        """The set's questions (``assistant.measure.evaluate.read_questions``: ids and kinds filled in).
        Raises ``InputError`` naming a bad line."""
        from assistant.measure.evaluate import read_questions

        return read_questions(self.path)


@functools.cache
def _manifest(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("sets"), list):
            raise TypeError("no list of sets")
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError) as exc:
        raise InputError(f"Manifes kumpulan pertanyaan {path} tidak dapat dibaca: {exc}") from exc
    return data


@functools.cache
def load(path: Path = MANIFEST) -> tuple[QuestionSet, ...]:
    """Every set of the manifest, in its order. Raises ``InputError`` in Indonesian for a
    manifest that cannot be read or names an unknown role or floor."""
    out = []
    for entry in _manifest(path)["sets"]:
        try:
            out.append(_entry(entry, Path(path)))
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"Manifes {path}: entri {entry!r} tidak lengkap ({exc}).") from exc
    return tuple(out)


def _entry(entry: dict, manifest: Path) -> QuestionSet:
    file, roles = Path(entry["file"]), tuple(entry["roles"])
    examples = entry.get("examples", "all") if "examples" in roles else entry.get("examples")
    unknown = [r for r in roles if r not in ROLES] + [f for f in entry.get("floors", {}) if f not in FLOORS]
    if examples not in (EXAMPLE_PARTS if "examples" in roles else (None,)):
        unknown.append(f"examples: {examples}")
    if unknown:
        raise InputError(f"Manifes {manifest}: {file}: peran, bagian contoh atau batas mutu tidak dikenal: "
                         f"{', '.join(map(str, unknown))}.")
    return QuestionSet(
        name=file.stem, path=(manifest.parent / file).resolve(), roles=roles, size=entry["size"],
        kinds=dict(entry["kinds"]), written=str(entry["written"]), how=entry["how"].strip(),
        use=entry.get("use", "").strip(), old_name=entry.get("old_name"), examples=examples,
        floors=dict(entry.get("floors", {})), per_kind_recall_at_1=entry.get("per_kind_recall_at_1"),
        external=bool(entry.get("external", False)),
    )


def sets(role: str | None = None, *, without: str | None = None, available: bool = True,
         path: Path = MANIFEST) -> list[QuestionSet]:
    """The sets having ``role`` (all when None) and not ``without``, in manifest order; with
    ``available`` only those whose file is there (the external dev set may be absent)."""
    for r in (role, without):
        if r is not None and r not in ROLES:
            raise ValueError(f"unknown role {r!r}; one of {ROLES}")
    return [s for s in load(path)
            if (role is None or s.has(role)) and (without is None or not s.has(without))
            and (s.available or not available)]


def get(name: str, path: Path = MANIFEST) -> QuestionSet:
    """The set whose file is ``name`` (with or without ``.jsonl``)."""
    stem = name.removesuffix(".jsonl")
    for s in load(path):
        if s.name == stem:
            return s
    raise KeyError(f"no question set {name!r} in {path}")


def dev(path: Path = MANIFEST) -> QuestionSet:
    """The shared dev set (the one kept outside ``questions/``)."""
    return next(s for s in load(path) if s.external)


def benchmark_paths(path: Path = MANIFEST) -> list[Path]:
    """The question files the benchmarks ask by default, in order of preference (the first
    that exists is used)."""
    return [(Path(path).parent / name).resolve() for name in _manifest(path).get("benchmark", [])]


def duplicates_kept(path: Path = MANIFEST) -> list[str]:
    """Ids of questions the example questions hold although an earlier set gave the same text."""
    return list(_manifest(path).get("examples_duplicates_kept", []))


def question_texts(question_sets: list[QuestionSet], normalize=lambda q: q) -> set[str]:
    """Every question text of ``question_sets``, passed through ``normalize``."""
    return {normalize(item["q"]) for s in question_sets for item in s.questions()}


def counts(question_set: QuestionSet) -> tuple[int, dict[str, int]]:
    """The size and the kinds with counts of a set's file, as the manifest should state them."""
    questions = question_set.questions()
    return len(questions), dict(Counter(q["kind"] for q in questions))

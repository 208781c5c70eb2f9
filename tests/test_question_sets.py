"""The question sets and their manifest (``questions/manifest.yaml``, ``assistant.question_sets``):
every file of the folder is listed and every listed file is there, sizes and kinds are what
the manifest says, and the example questions are exactly what the manifest's example sets
build. Fast: no model."""

import importlib.util

import pytest

from assistant import question_sets
from assistant.errors import InputError
from assistant.parse import parse
from assistant.settings import ROOT, Settings

ALL = question_sets.sets(available=False)
INSIDE = [s for s in ALL if not s.external]


def test_every_file_of_the_folder_is_in_the_manifest_and_the_other_way_round():
    on_disk = {p.name for p in question_sets.FOLDER.glob("*.jsonl")}
    listed = {s.path.name for s in INSIDE}
    assert on_disk == listed, (sorted(on_disk - listed), sorted(listed - on_disk))
    assert all(s.path.parent == question_sets.FOLDER for s in INSIDE)
    assert len({s.name for s in ALL}) == len(ALL)


@pytest.mark.parametrize("question_set", [s for s in ALL if s.available], ids=lambda s: s.name)
def test_size_and_kinds_match_the_file(question_set):
    assert question_sets.counts(question_set) == (question_set.size, question_set.kinds)


@pytest.mark.parametrize("question_set", [s for s in ALL if s.available], ids=lambda s: s.name)
def test_ids_are_unique_and_gold_names_real_sections(question_set, corpus_text):
    sections = {s.id for s in parse(corpus_text)}
    questions = question_set.questions()
    assert len({q["id"] for q in questions}) == len(questions)
    assert {g for q in questions for g in q["gold"]} <= sections


def test_every_entry_says_what_the_set_is_and_what_it_is_for():
    for s in ALL:
        assert s.roles and s.how and s.use and s.written.startswith("20"), s.name
        assert s.external or s.old_name is None or not (ROOT / s.old_name).exists(), s.name
    # Measuring only means nothing else.
    assert all(s.roles == ("measuring",) for s in question_sets.sets(role="measuring", available=False))


def test_the_example_questions_are_what_the_manifest_builds():
    # scripts/build_examples.py from the manifest as it stands gives the shipped file byte for byte.
    spec = importlib.util.spec_from_file_location("build_examples", ROOT / "scripts" / "build_examples.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    shipped = Settings().examples_path.read_text(encoding="utf-8")
    assert build.text(build.example_rows()) == shipped


def test_roles_are_read_from_the_manifest():
    training = {s.name for s in question_sets.sets(role="training")}
    examples = {s.name for s in question_sets.sets(role="examples")}
    assert training and training <= examples
    assert not training & {s.name for s in question_sets.sets(role="measuring")}
    assert {s.name for s in question_sets.sets(without="examples")} == {s.name for s in ALL if s.available} - examples
    with pytest.raises(ValueError, match="unknown role"):
        question_sets.sets(role="trained")


def test_the_real_sets_are_split_into_a_dev_and_a_measure_half_kept_apart():
    for n in (1, 2):
        dev, measure = question_sets.get(f"real-questions-{n}-dev"), question_sets.get(f"real-questions-{n}-measure")
        assert measure.roles == ("measuring",) and dev.has("examples")
        assert {q["split"] for q in dev.questions()} == {"dev"} and {q["split"] for q in measure.questions()} == {"measure"}
        assert not question_sets.question_texts([dev]) & question_sets.question_texts([measure])
        assert abs(len(dev.questions()) - len(measure.questions())) <= 7


def test_a_broken_manifest_is_explained_in_indonesian(tmp_path):
    bad = tmp_path / "manifest.yaml"
    bad.write_text("sets: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="tidak dapat dibaca"):
        question_sets.load(bad)
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("sets:\n  - {file: a.jsonl, roles: [trained], size: 1, kinds: {}, written: 2026-12-01, how: x}\n",
                       encoding="utf-8")
    with pytest.raises(InputError, match="tidak dikenal"):
        question_sets.load(unknown)


def test_a_floor_missed_is_named():
    s = question_sets.QuestionSet(name="x", path=ROOT, roles=("measuring",), size=1, kinds={}, written="2026",
                                  how="x", floors={"recall_at_1": 0.9, "max_wrongly_refused": 1})
    assert s.below_floors({"recall_at_1": 0.95, "false_abstain": 1}) == []
    assert s.below_floors({"recall_at_1": 0.85, "false_abstain": 2}) == ["recall_at_1: 0.85 < 0.9",
                                                                        "max_wrongly_refused: 2 > 1"]


def test_the_benchmarks_ask_the_dev_set_else_a_set_of_the_folder():
    first, fallback = question_sets.benchmark_paths()
    assert first == question_sets.dev().path
    assert fallback.parent == question_sets.FOLDER and fallback.exists()

"""The default embedder: the packaged all-MiniLM-L6-v2 tuned on Kodepeksos questions, kept
in ``models/`` and loaded offline; the untuned packaged model stays one setting away."""

from dataclasses import replace

import numpy as np
import pytest

from assistant.embed import model_id, model_path
from assistant.errors import ModelError
from assistant.settings import DEFAULT_MODEL, PACKAGED_MODEL, TUNED_MODEL, TUNED_MODEL_PATH, Settings


def test_the_default_is_the_tuned_model_on_disk():
    settings = Settings.from_env({})
    assert settings.model == DEFAULT_MODEL == TUNED_MODEL
    assert model_path(settings) == TUNED_MODEL_PATH
    assert (TUNED_MODEL_PATH / "model.safetensors").stat().st_size > 80_000_000  # the real weights, not a pointer
    assert "tuned" in model_id(settings) and model_id(settings) != model_id(replace(settings, model=PACKAGED_MODEL))


#: Paraphrases written for this test (in no question set) and the article each is about.
PARAPHRASES = [
    ("atasan nyuruh sy tanda tangan laporan kegiatan yg ga pernah ada, gmn?", "pasal-1"),
    ("Keluarga klien ngasih amplop setelah urusan bansosnya beres. Saya terima atau tolak?", "pasal-6"),
    ("Teman sekantor cerita ke grup WA soal masalah rumah tangga klien kami.", "pasal-7"),
    ("Saya disuruh menangani kasus anak korban kekerasan padahal belum pernah dilatih untuk itu.", "pasal-3"),
    ("Rekan baru di panti sering bikin kesalahan; apakah saya perlu membimbingnya?", "pasal-8"),
    ("Yayasan tempat saya kerja memakai dana donatur untuk keperluan pengurus.", "pasal-10"),
]


def _dense_mrr(assistant) -> float:
    from assistant.fusion import FusionParams
    from assistant.search import Searcher

    searcher = Searcher(assistant.index, assistant.encoder, assistant.vocabulary,
                        fusion=FusionParams(method="dense"), abstain=False)
    return float(np.mean([1 / (searcher.search(q).ranking.index(gold) + 1) for q, gold in PARAPHRASES]))


@pytest.mark.slow
def test_the_tuned_model_ranks_paraphrases_better_than_the_packaged_one(assistant, settings, tmp_path_factory):
    # Dense retrieval alone, on everyday situations told without the code's words: what the
    # tuning is for. Measured 0.52 (tuned) against 0.16 (packaged) on 2026-12-01.
    from assistant.service import Assistant

    # Dense ranking needs the chunks' vectors only: the packaged twin's index skips embedding
    # the example questions (most of its build) and, without them, the gate.
    packaged = Assistant(replace(settings, model=PACKAGED_MODEL, index_dir=tmp_path_factory.mktemp("packaged"),
                                 examples_path=None, gate_path=None))
    tuned_mrr, packaged_mrr = _dense_mrr(assistant), _dense_mrr(packaged)
    assert tuned_mrr >= 0.4 and tuned_mrr > packaged_mrr + 0.15, (tuned_mrr, packaged_mrr)
    question = PARAPHRASES[0][0]
    assert not np.allclose(assistant.encoder.encode_query(question), packaged.encoder.encode_query(question), atol=1e-3)


def test_a_missing_tuned_model_is_explained(monkeypatch, tmp_path):
    import assistant.embed as embed

    monkeypatch.setattr(embed, "TUNED_MODEL_PATH", tmp_path / "nowhere")
    with pytest.raises(ModelError, match="tidak ada.*scripts/tune_embedder.py"):
        embed.tuned_model_path()


def test_the_tuning_script_skips_every_measuring_question():
    # The sets that measure the tuned model (every set questions/manifest.yaml does not mark
    # "training", the dev set too) stay unseen, even where a training set holds one of their
    # questions word for word.
    import importlib.util

    from assistant import question_sets
    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("tune_embedder", ROOT / "scripts" / "tune_embedder.py")
    tune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tune)
    training = tune.training_sets()
    assert training == question_sets.sets(role="training") and len(training) > 5
    held = tune.measuring_questions()
    assert question_sets.question_texts(question_sets.sets(role="measuring")) <= held
    train = question_sets.question_texts(training)
    assert train & held  # the overlap exists (12 questions), and is what the script skips

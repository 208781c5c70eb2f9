"""The stored vectors of the labelled questions (``questions/vectors.npz``,
``assistant.measure.question_vectors``): the tests ask every question set from them, so they
must be the answer encoder's own vectors and cover what the sets ask."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import question_sets
from assistant.embed import vector_key
from assistant.measure import question_vectors


def test_stored_vectors_are_what_the_answer_encoder_gives(assistant):
    encoder = assistant.encoder
    with np.load(question_vectors.STORE, allow_pickle=False) as data:
        assert str(data["identity"]) == encoder.identity, "rebuild: python scripts/build_question_vectors.py"
        stored = dict(zip(data["keys"].tolist(), data["vectors"]))
    # Every 97th question of the repository's sets: a spread over every set, the same each run.
    texts = [q["q"] for s in question_sets.sets() if not s.external for q in s.questions()][::97]
    compared = 0
    for text in texts:
        key = vector_key(encoder.identity, encoder.query_prefix + text)
        if key in stored:
            live = type(encoder)._encode(encoder, [encoder.query_prefix + text], 1)[0]
            np.testing.assert_allclose(stored[key], live, atol=1e-6, err_msg=text)
            compared += 1
    assert compared >= 0.9 * len(texts) > 40


def test_a_loaded_store_answers_as_encoding_does(assistant, settings):
    """The same sections, quotes and outcome with the store as without it."""
    from assistant.service import Assistant

    with_store = Assistant(settings)
    assert question_vectors.load_into(with_store.encoder) > 5000
    sets = [s for s in question_sets.sets() if not s.external]
    for text in [q["q"] for s in sets[::5] for q in s.questions()[:2]]:
        with question_vectors.recording(with_store.encoder) as recorder:
            stored = with_store.ask(text)
        assert not recorder.encoded, "the store lacks a question of the sets"
        assert stored.markdown == assistant.ask(text).markdown


@pytest.mark.slow
def test_the_store_covers_what_the_sets_ask(set_runs):
    """A stale store would make the suite encode again (slowly): rebuild it then with
    ``python scripts/build_question_vectors.py``."""
    set_runs[question_sets.sets()[0]]
    asked = sum(len(run.answers) for run in set_runs._runs.values())
    assert set_runs.encoded_live <= 0.01 * asked, (set_runs.encoded_live, asked)

"""The start cache (``assistant.start_cache``): a shortcut that never changes an answer."""

from __future__ import annotations

import functools
import json

from assistant.examples import Example, answered_features
from assistant.start_cache import FOLDER, cached, example_features, features_key, key


def test_the_cached_example_features_are_the_computed_ones(assistant):
    searcher = assistant.searcher
    analyze = functools.partial(searcher.analyzer, terms_only=True)
    # Written by the session's first start (other tests' searchers, with other options, may
    # have written entries of their own beside it).
    stored = assistant.index.folder.parent / FOLDER / (
        "example-features-" + features_key(assistant.index, assistant.vocabulary, assistant.index.examples,
                                           "slang=True typos=True") + ".json")
    assert stored.is_file()
    computed = answered_features(assistant.index.examples, analyze)
    assert json.loads(stored.read_text()) == computed
    assert example_features(assistant.index, assistant.vocabulary, assistant.index.examples, analyze,
                            "slang=True typos=True") == computed


def test_other_examples_or_options_get_another_entry(assistant, tmp_path):
    analyze = functools.partial(assistant.searcher.analyzer, terms_only=True)
    examples = [Example("boleh buka rahasia klien?", ("pasal-7",)), Example("jadwal kereta", ())]
    first = example_features(assistant.index, assistant.vocabulary, examples, analyze, "slang=True typos=True")
    assert first == answered_features(examples, analyze) and len(first) == 1
    other = example_features(assistant.index, None, examples, analyze, "slang=False typos=True")
    assert other == first  # computed again under its own key, not read from the first entry
    assert len(list((assistant.index.folder.parent / FOLDER).glob("example-features-*.json"))) >= 3


def test_a_damaged_entry_is_computed_again(tmp_path):
    name, cache_key = "rows", key("a")
    (tmp_path / f"{name}-{cache_key}.json").write_text("{not json")
    assert cached(tmp_path, name, cache_key, lambda: [{"x": 1.0}]) == [{"x": 1.0}]
    assert cached(tmp_path, name, cache_key, lambda: [{"x": 2.0}]) == [{"x": 1.0}]  # now stored


def test_a_folder_that_cannot_be_written_only_means_no_cache(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    calls = []
    for _ in range(2):
        assert cached(blocked / "cache", "rows", key("a"), lambda: calls.append(1) or [{"x": 1.0}]) == [{"x": 1.0}]
    assert len(calls) == 2


def test_the_key_follows_its_parts():
    assert key("a", "b") == key("a", "b") != key("a", "c") != key("ab")


def test_the_cached_classifier_is_the_fitted_one(assistant):
    import numpy as np

    from assistant.start_cache import classifier_key, example_classifier

    examples = assistant.searcher.examples
    # Fitted by the session's first start, under the product's key (other tests' searchers may
    # have fitted others).
    product_key = classifier_key(features_key(assistant.index, assistant.vocabulary, assistant.index.examples,
                                              "slang=True typos=True"), examples.vectors)
    stored = assistant.index.folder.parent / FOLDER / f"example-classifier-{product_key}.npz"
    assert stored.is_file()
    fitted = examples.fit_classifier()
    assert np.allclose(examples.classifier.weights, fitted.weights, atol=1e-6)
    assert np.allclose(examples.classifier.bias, fitted.bias, atol=1e-6)
    shape = fitted.weights.shape
    calls = []
    again = example_classifier(assistant.index, "another key", examples.vectors, shape,
                               lambda: calls.append(1) or fitted)
    assert calls and np.array_equal(again.weights, fitted.weights)  # another key: fitted again
    # A stored entry of another shape (another vocabulary, say) is fitted again, not served.
    backup = stored.read_bytes()
    try:
        np.savez(stored, weights=np.zeros((2, 3), np.float32), bias=np.zeros(2, np.float32))
        from assistant.search import Searcher

        # The product's entry, found by its key as a start finds it.

        searcher = Searcher(assistant.index, assistant.encoder, assistant.vocabulary,
                            examples=assistant.index.examples, example_vectors=assistant.index.example_vectors)
        assert searcher.examples.classifier.weights.shape == shape
        with np.load(stored) as reread:
            assert reread["weights"].shape == shape  # replaced
    finally:
        stored.write_bytes(backup)


def test_a_damaged_array_entry_is_computed_again(tmp_path):
    import numpy as np

    from assistant.start_cache import cached_arrays

    name, cache_key = "arrays", key("a")
    (tmp_path / f"{name}-{cache_key}.npz").write_bytes(b"PK\x03\x04 not a zip")
    first = cached_arrays(tmp_path, name, cache_key, lambda: {"w": np.ones(3)})
    assert np.array_equal(first["w"], np.ones(3))
    stored = cached_arrays(tmp_path, name, cache_key, lambda: {"w": np.zeros(3)})
    assert np.array_equal(stored["w"], np.ones(3))  # now read from the file
    assert cached_arrays(tmp_path, "none", cache_key, lambda: None) is None

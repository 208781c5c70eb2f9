"""The assistant as one object: settings, model, index and search wired together.

``Assistant.ask(question)`` checks and clamps the question, searches and composes the
answer. The CLI, the chat and the benchmarks all go through it, so they answer alike.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from assistant import wording
from assistant.answer import compose
from assistant.embed import Encoder, model_id
from assistant.errors import InputError
from assistant.fusion import FusionParams
from assistant.index import Index, load
from assistant.known import load_known
from assistant.offtopic import load_gate
from assistant.onnx_encoder import answer_encoder
from assistant.provenance import load_source
from assistant.query import only_courtesy
from assistant.records import Answer
from assistant.search import Searcher
from assistant.settings import Settings
from assistant.vocabulary import load_vocabulary

# Lone surrogates (undecodable bytes in argv/stdin, "\ud800" in JSON) crash the tokenizer.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_question(text: object, limit: int) -> tuple[str, bool]:
    """The question with control characters removed, whitespace collapsed, cut to ``limit``.

    Returns (question, was_cut). Raises ``InputError`` with an Indonesian message if nothing
    searchable is left.
    """
    if not isinstance(text, str):
        raise InputError(wording.EMPTY_QUESTION)
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = " ".join(text.split())
    if not text:
        raise InputError(wording.EMPTY_QUESTION)
    cut = len(text) > limit
    if cut:
        text = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    if not any(ch.isalnum() for ch in text):
        raise InputError(wording.NO_WORDS)
    return text, cut


class Assistant:
    """Loads (or builds) the index once; answers questions; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, log: Callable[[str], None] = lambda _: None):
        self.settings = settings or Settings.from_env()
        builder = Encoder(self.settings)  # sentence-transformers: loaded only if the index must be built
        self.index: Index = load(self.settings, builder, rebuild=True, log=log)
        # ONNX Runtime where the build exported the model (no torch to answer), else sentence-transformers.
        self.encoder = answer_encoder(self.index, builder)
        self.vocabulary = load_vocabulary(self.settings.vocabulary_path)
        #: What the corpus is (``corpus/<name>.source.yaml``): every answer says it and cites by it.
        self.source = load_source(self.settings.corpus_path)
        self.examples = self.index.examples
        self.searcher = Searcher(self.index, self.encoder, self.vocabulary,
                                 self.settings.max_sections, self.settings.max_quotes,
                                 fusion=FusionParams(dense_weight=self.settings.dense_weight),
                                 examples=self.examples, example_vectors=self.index.example_vectors,
                                 gate=load_gate(self.settings.gate_path, model_id(self.settings)),
                                 known=load_known(self.settings.known_path, {s.id for s in self.index.sections}))

    def ask(self, question: object, follow_up: str = "") -> Answer:
        """The answer to one question. Raises ``InputError`` for a question with no words.

        ``follow_up``: ``question`` joins an earlier answered question to this follow-up of it
        (``Searcher.search``)."""
        text, cut = clean_question(question, self.settings.max_question_chars)
        if only_courtesy(text):
            raise InputError(wording.ONLY_COURTESY)
        notes = (wording.TRUNCATED.format(limit=self.settings.max_question_chars),) if cut else ()
        result = self.searcher.search(text, follow_up)
        return compose(text, result, notes, self.source)

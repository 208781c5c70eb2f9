"""Write ``models/example_vectors.npz``: the example questions' vectors for the shipped model.

A build of the index takes each example question's vector from this file when it holds one
for the same model, query prefix and text (``assistant.embed.stored_query_vectors``), so a
first start encodes only the chunks: about 35 s instead of 80 on two cores. A vector it lacks
is encoded at build, so a stale file costs time, never quality. Re-run after changing the
example questions (``scripts/build_examples.py``) or the model (``scripts/tune_embedder.py``);
``tests/test_examples.py`` says when the file no longer covers every example.

    python scripts/build_example_vectors.py
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.embed import Encoder, save_query_vectors  # noqa: E402
from assistant.examples import load_examples  # noqa: E402
from assistant.index import read_corpus  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    settings = Settings.from_env()
    _, sections, _ = read_corpus(settings)
    questions = [e.question for e in load_examples(settings.examples_path, {s.id for s in sections})]
    started = time.perf_counter()
    save_query_vectors(Encoder(settings), questions, settings.example_vectors_path)
    print(f"{len(questions)} vectors written to {settings.example_vectors_path} "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

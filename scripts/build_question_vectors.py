"""Write ``questions/vectors.npz``: the vector of every text the answer path encodes while
asking every question set, for ``assistant.measure.question_vectors`` (the tests ask the
sets from it instead of encoding 5,000 questions again). Asks from the repository's index
(built if missing or stale), with one ONNX thread, as the tests do.

    python scripts/build_question_vectors.py
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import question_sets  # noqa: E402
from assistant.measure.question_vectors import STORE, recording  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    assistant = Assistant(Settings.from_env(encoder_threads=1))
    started = time.perf_counter()
    asked = 0
    with recording(assistant.encoder) as recorder:
        for question_set in question_sets.sets():
            for item in question_set.questions():
                assistant.ask(item["q"])  # what the answer encodes, and what the figures search
                assistant.searcher.search(item["q"])
                asked += 1
        count = recorder.save(STORE)
    print(f"{asked} questions asked, {count} vectors written to {STORE} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

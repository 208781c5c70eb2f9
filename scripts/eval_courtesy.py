"""What greetings and thanks around a question cost, and what setting them aside wins back:
every question of the tuning sets that are not examples, measured as typed, wrapped in the
courtesies of a message ("Permisi kak, mau tanya. … Mohon pencerahannya, terima kasih."; "Hi
all, quick question. … Thanks in advance!"), and wrapped with ``without_courtesy`` switched
off. Each question gets one of four wrappings of its language, chosen by its text, so the
figures repeat. Totals only.

    python scripts/eval_courtesy.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant import query as query_module  # noqa: E402
from assistant import question_sets  # noqa: E402
from assistant.measure.evaluate import evaluate  # noqa: E402
from assistant.service import Assistant  # noqa: E402

WRAPPINGS = {
    False: [("Permisi kak, mau tanya. ", " Mohon pencerahannya, terima kasih."),
            ("Selamat siang bapak ibu, izin bertanya ", " Terimakasih sebelumnya 🙏"),
            ("Assalamualaikum wr wb. Kak, ", " Ditunggu jawabannya ya kak."),
            ("Sore min, maaf ganggu, ", " Makasih banyak min!")],
    True: [("Hi all, quick question. ", " Thanks in advance!"),
           ("Hello everyone, ", " Any advice would be appreciated."),
           ("Dear all, I wanted to ask: ", " Many thanks."),
           ("Hey guys, quick question: ", " Thx")],
}


def main() -> None:
    searcher = Assistant().searcher
    typed, wrapped = [], []
    for question_set in question_sets.sets("tuning", without="examples"):
        for item in question_set.questions():
            before, after = WRAPPINGS[searcher.analyzer(item["q"]).english][sum(map(ord, item["q"])) % 4]
            typed.append(item)
            wrapped.append({**item, "q": before + item["q"] + after})
    print("| questions | asked | R@1 | R@3 | in scope refused | out of scope refused |\n|---|---|---|---|---|---|")

    def row(name, questions):
        r = evaluate(questions, searcher.search)
        print(f"| {len(questions)} | {name} | {r['recall_at_1']:.3f} | {r['recall_at_3']:.3f} | {r['false_abstain']} "
              f"| {r['abstained_oos']}/{r['oos']} |", flush=True)

    row("as typed", typed)
    row("with courtesies", wrapped)
    query_module.without_courtesy = lambda text: text  # the examples stay analysed as they are
    row("with courtesies, not set aside", wrapped)


if __name__ == "__main__":
    main()

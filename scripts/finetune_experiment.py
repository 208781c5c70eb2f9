"""Does tuning the embedder on pairs built from the corpus help on questions it never saw?

Pairs come from the corpus and ``corpus/vocabulary.yaml`` only, never from a question set:
every everyday/English term of a concept is paired with the two chunks that best match the
concept's own corpus words (BM25), and every article title with its article text. The
packaged all-MiniLM-L6-v2 is trained one epoch with in-batch negatives (the
MultipleNegativesRankingLoss recipe, written out because ``datasets``/``accelerate`` are
not installed; identical passages in a batch are masked), lr 3e-5, batch 32, seed 0.

    python scripts/finetune_experiment.py              # writes /tmp/tanya-finetuned (~7 min, 2 cores)
    TANYA_MODEL=/tmp/tanya-finetuned TANYA_INDEX_DIR=/tmp/tanya-ft-index \
        python -m assistant ablation ../shared/eval/dev_questions.jsonl tests/data/heldout2_questions.jsonl

Result on 2026-11-28 (README, "Tried and rejected"): dense alone gains about 0.1 R@1 on the
held-out sets, the fused product gains no question at R@1.
"""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np  # noqa: E402
import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

from assistant import analyze, lexical  # noqa: E402
from assistant.embed import packaged_model_path  # noqa: E402
from assistant.index import index_text, read_corpus  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.vocabulary import load_vocabulary  # noqa: E402

random.seed(0)
torch.manual_seed(0)
settings = Settings()
_, sections, chunks = read_corpus(settings)
by_id = {s.id: s for s in sections}
texts = [index_text(c, by_id) for c in chunks]
bm = lexical.build([analyze.index_terms(t) for t in texts])
vocab = load_vocabulary(settings.vocabulary_path)
pairs = []
for c in vocab.concepts:
    terms = {t: 1.0 for p in c.corpus for t in analyze.index_terms(p)}
    sc = lexical.scores(bm, terms)
    best = [int(i) for i in np.argsort(-sc)[:2] if sc[i] > 0]
    if not best:
        continue
    for t in c.everyday + c.english:
        for i in best:
            pairs.append((t, texts[i]))
for s in sections:
    arts = [texts[i] for i, ch in enumerate(chunks) if ch.section_id == s.id and ch.role == "article"]
    for a in arts:
        pairs.append((s.title, a))
random.shuffle(pairs)
print("pairs", len(pairs), flush=True)
model = SentenceTransformer(str(packaged_model_path()), device="cpu")
model.max_seq_length = 128
opt = torch.optim.AdamW(model.parameters(), lr=float(os.environ.get("LR", "3e-5")))
bs = 32
epochs = int(os.environ.get("EPOCHS", "1"))
model.train()
ce = torch.nn.CrossEntropyLoss()
step = 0
for _ in range(epochs):
    random.shuffle(pairs)
    for k in range(0, len(pairs) - bs + 1, bs):
        batch = pairs[k : k + bs]
        a = model.tokenize([x for x, _ in batch])
        b = model.tokenize([y for _, y in batch])
        ea = model(a)["sentence_embedding"]
        eb = model(b)["sentence_embedding"]
        ea = torch.nn.functional.normalize(ea, dim=-1)
        eb = torch.nn.functional.normalize(eb, dim=-1)
        sim = ea @ eb.T * 20.0
        labels = torch.arange(len(batch))
        # the same chunk twice in a batch is not a negative of itself
        same = torch.tensor(
            [[batch[i][1] == batch[j][1] and i != j for j in range(len(batch))] for i in range(len(batch))]
        )
        sim = sim.masked_fill(same, -1e4)
        loss = ce(sim, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            print("step", step, float(loss), flush=True)
model.eval()
out = os.environ.get("OUT", "/tmp/tanya-finetuned")
model.save(out)
print("saved", out, "steps", step)

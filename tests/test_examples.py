"""Labelled example questions (``assistant.examples``): the file loads and is checked, and
similar questions lend their sections evidence, on the real corpus and analyzer."""

import json
import math
from dataclasses import replace

import numpy as np
import pytest

from assistant.errors import CorpusError
from assistant.examples import DENSE_SHARE, Example, ExampleIndex, load_examples
from assistant.search import Searcher
from assistant.settings import Settings

SECTIONS = {f"pasal-{n}" for n in range(1, 17)} | {"pendahuluan", "kesimpulan"}


def write(tmp_path, lines):
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_shipped_examples_load_and_name_real_sections():
    examples = load_examples(Settings().examples_path, SECTIONS)
    assert all(set(e.sections) <= SECTIONS for e in examples)
    assert sum(1 for e in examples if e.sections) > 1300
    assert sum(1 for e in examples if not e.sections) > 300  # questions the code does not answer


def test_questions_the_code_does_not_answer_are_kept_apart_and_vote_for_nothing(tmp_path, assistant):
    path = write(tmp_path, [json.dumps({"q": "jadwal kereta bandung", "gold": []}),
                            json.dumps({"q": "boleh buka rahasia klien?", "gold": ["pasal-7"]})])
    examples = load_examples(path, SECTIONS)
    assert examples == [Example("jadwal kereta bandung", ()), Example("boleh buka rahasia klien?", ("pasal-7",))]
    searcher = assistant.searcher
    vectors = assistant.encoder.encode_queries([e.question for e in examples])
    index = ExampleIndex(examples, searcher.analyzer, searcher._section_ids, vectors)
    assert [e.question for e in index.examples] == ["boleh buka rahasia klien?"]
    assert [e.question for e in index.offtopic] == ["jadwal kereta bandung"]
    query = searcher.analyzer("jadwal kereta bandung")
    vector = assistant.encoder.encode_query(query.text)
    voted = {sid for sid, v in zip(searcher._section_ids, index.scores(query, vector)) if v}
    assert voted == {"pasal-7"}  # only the answered example votes, however far it is
    answered, offtopic = index.cosines(vector)
    assert offtopic[0] > 0.999 > answered[0]


@pytest.mark.parametrize("line,message", [
    ("{not json", "bukan JSON"),
    (json.dumps({"q": "x"}), "gold"),
    (json.dumps({"q": "x", "gold": ["pasal-17"]}), "pasal-17"),
])
def test_a_bad_line_is_named_in_indonesian(tmp_path, line, message):
    with pytest.raises(CorpusError, match=message) as info:
        load_examples(write(tmp_path, [line]), SECTIONS)
    assert ":1:" in str(info.value)


def test_a_missing_file_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="tidak dapat dibaca"):
        load_examples(tmp_path / "absent.jsonl", SECTIONS)


def test_similar_examples_vote_for_their_sections(assistant):
    searcher = assistant.searcher
    examples = [
        Example("klien ngasih amplop biar kasusnya didahulukan", ("pasal-2", "pasal-6")),
        Example("rekan kerja mau ambil alih klien saya", ("pasal-9",)),
    ]
    index = ExampleIndex(examples, searcher.analyzer, searcher._section_ids)
    scores = dict(zip(searcher._section_ids, index.scores(searcher.analyzer("dikasih amplop sama keluarga klien"))))
    assert scores["pasal-2"] == 1.0  # the first section of the nearest example
    assert 0 < scores["pasal-6"] < scores["pasal-2"]  # a later section counts less
    assert scores["pasal-9"] < scores["pasal-6"]
    nothing = index.scores(searcher.analyzer("jadwal kereta bandung"))
    assert not nothing.any()


def test_term_similarity_is_the_cosine_of_tf_idf_weighted_features(assistant):
    # The shipped examples' index, checked against the cosine written out with dicts.
    from assistant.examples import features

    index = assistant.searcher.examples
    analyze = assistant.searcher.analyzer

    def tf_idf(question):
        row = {t: w * index.idf[index.vocab[t]] for t, w in features(analyze(question)).items() if t in index.vocab}
        norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
        return {t: v / norm for t, v in row.items()}

    for question in ("boleh terima hadiah dari klien?", "rahasia klien dibuka ke polisi", "jadwal kereta bandung"):
        query = tf_idf(question)
        expected = [sum(w * tf_idf(e.question).get(t, 0.0) for t, w in query.items()) for e in index.examples[:300]]
        assert index.similarity(analyze(question))[:300] == pytest.approx(expected, abs=1e-9)
    assert index.similarity(analyze("boleh terima hadiah dari klien?")).max() > 0.3


def test_an_example_told_in_other_words_votes_by_embedding(assistant):
    # No content word in common, so the term vote is silent; the embeddings still find
    # the example that tells the same situation (the real tuned model).
    searcher = assistant.searcher
    examples = [
        Example("Keluarga klien memberi saya hadiah mahal setelah kasusnya selesai", ("pasal-6",)),
        Example("Rekan kerja mau mengambil alih klien yang sedang saya tangani", ("pasal-9",)),
    ]
    vectors = assistant.encoder.encode_queries([e.question for e in examples])
    index = ExampleIndex(examples, searcher.analyzer, searcher._section_ids, vectors)
    query = searcher.analyzer("ibunya anak dampingan mau kasih gelang")
    by_terms = dict(zip(searcher._section_ids, index.scores(query)))
    assert by_terms["pasal-6"] == by_terms["pasal-9"] == 0.0
    both = dict(zip(searcher._section_ids, index.scores(query, assistant.encoder.encode_query(query.text))))
    assert both["pasal-6"] == pytest.approx(DENSE_SHARE)  # the whole embedding vote
    # Cosines with the shipped model 0.265 (gift) vs 0.218 (colleague): the nearer example
    # weighs 1, the other exp(-0.047 / 0.05) = 0.39. ("kalung emas", a necklace, is now a gift
    # word of the vocabulary, so a bracelet is offered instead.)
    assert both["pasal-9"] < 0.7 * both["pasal-6"]


def test_the_assistant_loads_one_vector_per_example(assistant):
    index = assistant.index
    assert len(index.examples) == len(index.example_vectors) > 700
    # The stored vectors are the examples' own, as questions are embedded.
    first = assistant.encoder.encode_queries([index.examples[0].question])[0]
    assert float(first @ index.example_vectors[0]) > 0.999


def test_examples_change_the_ranking_but_are_never_quoted(assistant):
    # The product's searcher has the shipped examples; the same searcher without them differs
    # on some questions, and no hit ever quotes anything but the corpus's own chunks.
    with_examples = assistant.searcher
    assert with_examples.examples is not None
    without = Searcher(assistant.index, assistant.encoder, assistant.vocabulary,
                       fusion=with_examples.fusion)
    question = "Saya ditawari hp baru oleh donatur asal laporan penerima bantuannya dibuat bagus."
    a, b = with_examples.search(question), without.search(question)
    assert a.ranking != b.ranking
    chunks = set(assistant.index.chunks)
    assert a.hits and all(c in chunks for hit in a.hits for c in hit.chunks)


def test_no_question_of_a_set_that_gives_no_examples_is_an_example():
    # The dev, tuning and measuring sets measure what a new question gets: none of their
    # questions may be an example (questions/manifest.yaml says which sets give examples).
    # A known set's questions are looked up, so it scores itself whatever the examples hold.
    from assistant import question_sets

    examples = {e.question for e in load_examples(Settings().examples_path, SECTIONS)}
    unseen = [s for s in question_sets.sets() if not s.has("examples") and not s.has("known")]
    assert len(unseen) > 10
    assert not examples & question_sets.question_texts(unseen)
    # Sets whose out-of-scope questions are examples (for the off-topic gate): their in-scope
    # ones are not, so they still measure the ranking.
    partial = [s for s in question_sets.sets(role="examples") if s.examples == "out-of-scope"]
    assert partial
    for question_set in partial:
        answered = {q["q"] for q in question_set.questions() if q["gold"]}
        assert not examples & answered, question_set.name
    # Sets whose in-scope questions only are examples: their out-of-scope ones still show what
    # the gate does with questions it never saw.
    answered_only = [s for s in question_sets.sets(role="examples") if s.examples == "in-scope"]
    assert answered_only
    for question_set in answered_only:
        answered = {q["q"] for q in question_set.questions() if q["gold"]}
        assert not examples & {q["q"] for q in question_set.questions() if not q["gold"]}, question_set.name
        assert examples & answered, question_set.name


# -- The shipped example vectors (models/example_vectors.npz) ----------------------------------


def test_a_build_takes_stored_vectors_and_encodes_only_what_the_store_lacks(tmp_path, fake_encoder):
    from assistant.embed import save_query_vectors, stored_query_vectors

    texts = ["boleh buka rahasia klien?", "jadwal kereta bandung", "hadiah dari klien", "rahasia"]
    store = tmp_path / "vectors.npz"
    save_query_vectors(fake_encoder, texts[:2], store)
    vectors, taken = stored_query_vectors(fake_encoder, texts, store)
    assert taken == 2
    assert np.allclose(vectors, fake_encoder.encode_queries(texts))
    # Another model's store, a damaged one and none: nothing taken, the same vectors.
    other = type(fake_encoder)(replace(fake_encoder.settings, model="another-fake-model"))
    save_query_vectors(other, texts, tmp_path / "other.npz")
    (tmp_path / "damaged.npz").write_bytes(store.read_bytes()[:100])
    for path in (tmp_path / "other.npz", tmp_path / "damaged.npz", tmp_path / "missing.npz", None):
        again, taken = stored_query_vectors(fake_encoder, texts, path)
        assert taken == 0 and np.allclose(again, vectors)


def test_the_shipped_vectors_cover_every_example_and_are_the_models_own(assistant, torch_encoder):
    manifest = assistant.index.manifest
    # Every example came from the store (else: python scripts/build_example_vectors.py) …
    assert manifest["examples_stored"] == manifest["example_count"] > 2000
    # … and a sample of them is what sentence-transformers computes now.
    examples = assistant.index.examples
    step = len(examples) // 40
    fresh = torch_encoder.encode_queries([e.question for e in examples[::step]])
    stored = assistant.index.example_vectors[::step]
    assert np.sum(fresh * stored, axis=1).min() >= 0.9999


# -- The examples' classifier (ExampleIndex.fit_classifier) -------------------------------------


def test_the_classifier_learns_sections_from_the_examples(assistant):
    searcher = assistant.searcher
    examples = [
        Example("boleh terima hadiah dari keluarga klien?", ("pasal-6",)),
        Example("keluarga klien kasih amplop, terima gak?", ("pasal-6", "pasal-2")),
        Example("boleh cerita kasus klien ke teman?", ("pasal-7",)),
        Example("rahasia klien diminta wartawan", ("pasal-7",)),
        Example("jadwal kereta bandung", ()),
    ]
    vectors = assistant.encoder.encode_queries([e.question for e in examples])
    index = ExampleIndex(examples, searcher.analyzer, searcher._section_ids, vectors)
    assert index.classifier is None
    index.classifier = index.fit_classifier()
    query = searcher.analyzer("klien mau kasih hadiah jam tangan")
    p = dict(zip(searcher._section_ids, index.classify(query, assistant.encoder.encode_query(query.text))))
    assert sum(p.values()) == pytest.approx(1.0, abs=1e-5)
    assert p["pasal-6"] > p["pasal-7"] > p["pasal-9"] >= 0  # never named: nearly nothing
    assert p["pasal-9"] < 1e-6
    assert p["pasal-2"] > p["pasal-9"]  # a later section of an example is learnt too
    # Leaving one gift example out weakens the gift; leaving both, one section is left: nothing to learn.
    amplop = np.array(["amplop" not in e.question for e in index.examples])
    index.classifier = index.fit_classifier(keep=amplop)
    p_without = dict(zip(searcher._section_ids, index.classify(query, assistant.encoder.encode_query(query.text))))
    assert p_without["pasal-2"] < p["pasal-2"]
    gifts = np.array(["hadiah" not in e.question and "amplop" not in e.question for e in index.examples])
    assert index.fit_classifier(keep=gifts) is None


def test_the_classifier_ranks_but_does_not_decide_what_else_is_shown(assistant):
    # The shipped examples' classifier moves the gold article first for these questions of the
    # tuning sets (Pasal 13 for a product promoted in the profession's name, Pasal 14 for case
    # discussions between homes, Pasal 4 for a service done only for the report, …); any one of
    # them may flip when the vocabulary moves the classifier's features, so most, not all, must. Whether a further
    # section is shown stays the nearest examples' call (EXAMPLE_EVIDENCE) for every one.
    product = assistant.searcher
    assert product.examples.classifier is not None
    without = Searcher(assistant.index, assistant.encoder, assistant.vocabulary, fusion=product.fusion,
                       examples=assistant.index.examples, example_vectors=assistant.index.example_vectors,
                       gate=product.gate, classifier=False)
    assert without.examples.classifier is None
    questions = {
        "sy diajak promosiin produk ke warga miskin pake nama profesi, blh ga?": "pasal-13",
        "Sebagai kepala lembaga, saya ingin mengadakan diskusi kasus rutin antar peksos dari beberapa panti. "
        "Apakah kegiatan ini sejalan dengan tanggung jawab profesi?": "pasal-14",
        "pendampingan cuma formalitas buat laporan, emg salah ya?": "pasal-4",
        "Terima uang pelicin kasus adopsi, boleh?": "pasal-2",
        "Perusahaan donatur panti meminta saya diam soal kondisi buruk anak-anak agar citranya tetap bagus. "
        "Bagaimana saya harus bersikap?": "pasal-2",
        "Saya sudah 15 tahun bekerja dan merasa tidak perlu lagi ikut pelatihan. Apakah sikap ini bertentangan "
        "dengan tanggung jawab terhadap profesi?": "pasal-12",
        "Remaja di LPKA dilarang menyampaikan keluhan tentang perlakuan petugas. Apakah pekerja sosial punya "
        "kewajiban membela hak anak untuk bersuara?": "pasal-7",
    }
    moved = 0
    for question, gold in questions.items():
        a, b = product.search(question), without.search(question)
        moved += a.ranking[0] == gold != b.ranking[0]
        assert {h.section.id for h in a.hits} == {h.section.id for h in b.hits}, question
    assert moved >= 5

def test_the_term_columns_do_not_depend_on_the_order_a_row_lists_its_terms():
    # A row's terms come in the order of sets, which differs between processes; the examples'
    # classifier is kept on disk by one start and read by another, its columns in this order.
    examples = [Example("a", ("pasal-7",)), Example("b", ("pasal-6",))]
    sections = ["pasal-6", "pasal-7"]
    one = ExampleIndex(examples, None, sections, rows=[{"rahasia": 1.0, "klien": 0.5}, {"hadiah": 1.0, "klien": 1.0}])
    other = ExampleIndex(examples, None, sections, rows=[{"klien": 0.5, "rahasia": 1.0}, {"klien": 1.0, "hadiah": 1.0}])
    assert one.vocab == other.vocab

"""The domain vocabulary file and query analysis: it loads, every entry points at words the
corpus really has, and informal, misspelled and English questions reach the code's words."""

import re

import pytest

from assistant.analyze import fold
from assistant.errors import CorpusError
from assistant.search import Searcher
from assistant.settings import Settings
from assistant.vocabulary import load_vocabulary


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(Settings().vocabulary_path)


def test_vocabulary_loads_with_enough_concepts(vocabulary):
    assert len(vocabulary.concepts) >= 40
    assert len({c.id for c in vocabulary.concepts}) == len(vocabulary.concepts)
    assert any(c.scope for c in vocabulary.concepts) and any(c.group for c in vocabulary.concepts)


def test_every_corpus_term_occurs_in_the_corpus(vocabulary, corpus_text):
    text = fold(corpus_text)
    missing = [
        (c.id, term) for c in vocabulary.concepts for term in c.corpus
        if not re.search(r"(?<!\w)" + re.escape(fold(term)) + r"(?!\w)", text)
    ]
    assert missing == []


def test_the_workplace_words_are_english_words_of_one_topic(vocabulary):
    # ``query.WORKPLACE_TRIGGERS`` names vocabulary terms: renamed in the vocabulary, a word
    # would silently stop keeping scope questions such ("… social workers in hospitals?").
    from assistant.query import WORKPLACE_TRIGGERS, _is_topic

    having = {c.id for c in vocabulary.concepts if _is_topic(c) and WORKPLACE_TRIGGERS <= {t.lower() for t in c.english}}
    assert len(having) == 1


def test_every_concept_has_everyday_or_english_words(vocabulary):
    assert all(c.everyday or c.english for c in vocabulary.concepts)


def test_broken_vocabulary_is_refused(tmp_path):
    bad = tmp_path / "v.yaml"
    bad.write_text("concepts:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="corpus"):
        load_vocabulary(bad)


@pytest.mark.parametrize("question,concept", [
    ("curhatan klien boleh diceritain ke suami?", "kerahasiaan"),
    ("sy beda agama sm klien, blh ga nolak?", "diskriminasi"),
    ("ongkos pelayann brp?", "ongkos_pelayanan"),
    ("Can I date a client?", "hubungan_seksual"),
    ("klien ngajak nikah gimana", "hubungan_seksual"),
    ("What are the ethics of home visits in social work?", "pendampingan"),
    ("What is bartering?", "ongkos_pelayanan"),
    ("What do you do if you're feeling burnt out as a social worker?", "menarik_diri"),
    ("Can I give my client a ride home?", "hubungan_ganda"),
    ("Bolehkah saya mengantar klien pulang dengan motor saya?", "hubungan_ganda"),
    ("Apakah konseling di ruang terbuka melanggar kode etik?", "kerahasiaan"),
    ("Must a social worker always behave in a trustworthy manner?", "integritas"),
    ("rekan kerja saya melanggar kode etik, apa yang harus saya lakukan?", "praktik_tidak_etis"),
    ("Kapan sesungguhnya konfidensialitas klien dapat dilanggar?", "kerahasiaan"),
    ("Pekerja sosial memperkosa klien, apa kata kode etik?", "hubungan_seksual"),
    ("apa yang tidak boleh dilakukan pekerja sosial", "larangan"),
    # a hug is a boundary of the relationship, not sexual activity
    ("When is it okay to hug a client?", "hubungan_ganda"),
    ("bolehkah memeluk klien?", "hubungan_ganda"),
    # a risk to the client's life is the right to life of Pasal 7
    ("klien bilang ingin bunuh diri, apa yang harus saya lakukan?", "hak_klien"),
    ("My client is suicidal and asked me not to tell anyone", "hak_klien"),
    ("keluarga klien nawarin duit biar laporannya bagus", "pengaruh_materi"),
    ("My former client requested a copy of their record. Must I give it?", "akses_catatan_klien"),
    # a client harmed by someone else is who the client is, not the worker's sexual conduct
    ("My client is a victim of sexual assault", "jenis_klien"),
    # an invitation to a client's family occasion is a matter of the relationship's boundaries
    ("Our client invited me to the wedding of his son, is it ok to attend?", "hubungan_ganda"),
    ("A client invited me to her birthday party. Can I go?", "hubungan_ganda"),
    ("Can I attend my client's funeral?", "hubungan_ganda"),
    ("saya diundang klien ke hajatan keluarganya, boleh datang?", "hubungan_ganda"),
    # an exam vignette's colleague found out doing wrong is practice to be stopped (Pasal 12)
    ("A social worker discovers that her colleague has been billing for visits never made.", "praktik_tidak_etis"),
    # adding to the profession's knowledge is Pasal 14's sharing of it, not BAB I's "knowledge base"
    ("How can a practitioner add to the knowledge of the profession?", "berbagi_pengetahuan"),
    ("Our shelter turns away LGBTQ+ youth. Is that allowed?", "diskriminasi"),
    ("Can I refuse to work with a queer couple because of my faith?", "diskriminasi"),
])
def test_everyday_words_reach_concepts(assistant, question, concept):
    assert concept in assistant.searcher.analyzer(question).concepts


@pytest.mark.parametrize("typed,meant", [
    ("kewajban", "kewajiban"), ("menentukn", "menentukan"), ("pelayann", "pelayanan"),
    ("sy", "saya"), ("blh", "boleh"), ("ningkatin", "meningkatkan"),
    # Typed without vowels: the one corpus word whose letters they are.
    ("sjwt", "sejawat"), ("rkn", "rekan"), ("jrih", "jerih"), ("pyah", "payah"),
    # Two letters the wrong way round: one slip, though the similarity counts two.
    ("sosail", "sosial"), ("sejawta", "sejawat"),
    # A letter left out of a word the corpus lacks but the vocabulary or a question has.
    ("hadia", "hadiah"), ("bayarn", "bayaran"), ("bolehkh", "bolehkah"),
])
def test_misspellings_and_slang_are_normalized(assistant, typed, meant):
    assert assistant.searcher.analyzer(typed).normalized == (meant,)


def test_a_word_without_vowels_is_mended_only_to_a_single_corpus_word():
    from assistant.normalize import Normalizer

    normalizer = Normalizer({"rekan", "rukun", "sejawat", "kerja", "pekerja", "pekerjaan"})
    assert normalizer.revowel("sjwt") == "sejawat"
    assert normalizer.revowel("sjwat") == "sejawat"
    assert normalizer.revowel("rkn") is None  # "rekan" or "rukun": not guessed
    assert normalizer.revowel("pkrj") == "pekerja"  # one stem: the shortest word
    assert normalizer.revowel("sjwtx") is None and normalizer.revowel("sj") is None


def test_a_letter_left_out_is_mended_only_to_one_word_one_letter_longer():
    from assistant.normalize import Normalizer

    normalizer = Normalizer({"klien"}, spellings={"hadiah", "sara", "survey", "responden", "bantuan", "bantuin"})
    assert normalizer.word("hadia") == ("hadiah",)
    assert normalizer.word("sarah") == ("sarah",)  # a name: a letter too many is no slip ("SARA")
    assert normalizer.word("disurvey") == ("disurvey",)  # an affix, not a slip
    assert normalizer.word("respond") == ("respond",)  # two letters short of "responden"
    assert normalizer.mend_dropped("bantun") is None  # "bantuan" or "bantuin": not guessed


def test_any_dictionary_word_with_one_slip_is_mended_only_when_one_word_fits():
    from assistant.normalize import Normalizer

    normalizer = Normalizer({"klien"})
    assert normalizer.one_slip("kanotr") == "kantor"  # two letters the wrong way round
    assert normalizer.one_slip("kntor") == "kantor"  # a letter left out
    assert normalizer.one_slip("dilaragn") == "dilarang"
    assert normalizer.one_slip("jalnan") is None  # "jalanan" or "jalinan": not guessed
    assert normalizer.one_slip("kantor") is None and normalizer.one_slip("ktor") is None
    assert normalizer.word("kanotr") == ("kantor",)
    # ... or to a word of the vocabulary the dictionary lacks
    assert Normalizer({"klien"}, spellings={"peksos"}).one_slip("peksso") == "peksos"


@pytest.mark.parametrize("question,first", [
    ("bolehkh pekrja sosial nerima hadia dri klien?", "pasal-6"),
    ("peksos blh mnt bayarn lbh ga dri klien miskin?", "pasal-11"),
])
def test_a_misspelt_everyday_word_finds_its_article(assistant, question, first):
    assert assistant.ask(question).hits[0].section.id == first


@pytest.mark.parametrize("word", ["klien", "rahasia", "pekerja", "mahasiswa", "pk", "mlm", "lsm"])
def test_correct_and_domain_words_are_left_alone(assistant, word):
    assert assistant.searcher.analyzer(word).normalized == (word,)


@pytest.mark.parametrize("question", [
    "Saya PK BAPAS, apakah kode etik ini berlaku untuk saya?",
    "sy PK bapas, kodepeksos berlaku jg ga?",
    "Does this code of ethics apply to students?",
    # A workplace named by its kind says where the workers are, no topic covered (Pasal 10, the
    # employing institution, led alone).
    "Does this code apply to social workers in hospitals?",
    "Is this code binding for school social workers?",
    # ... and "must follow this code" asks it, as "who must follow" did.
    "Social worker in hospital must follow this code also?",
])
def test_scope_questions_quote_kesimpulan_and_pasal_16_with_the_note(assistant, question):
    from assistant import wording

    answer = assistant.ask(question)
    assert [h.section.id for h in answer.hits[:2]] == ["kesimpulan", "pasal-16"]
    assert wording.SCOPE_NOTE in answer.markdown
    assert "pedoman perilaku bagi anggota Ikatan Pekerja Sosial profesional Indonesia (IPSPI)" in answer.markdown


def test_a_question_that_only_mentions_a_group_is_not_a_scope_question(assistant):
    result = assistant.searcher.search("sy mahasiswa lg nulis skripsi pake data klien, hrs disamarin ga?")
    assert not result.scope and result.hits[0].section.id in {"pasal-5", "pasal-7"}


def test_every_glossary_translation_occurs_in_the_corpus(vocabulary, corpus_text):
    text = fold(corpus_text)
    assert len(vocabulary.glossary) >= 50
    # Translation is word by word, so each word of each translation must be in the corpus.
    missing = [
        w for _, value in vocabulary.glossary for w in value.split()
        if not re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", text)
    ]
    assert missing == []


def test_english_questions_are_translated_not_slang_normalized(assistant):
    query = assistant.searcher.analyzer("Does the code forbid misusing my knowledge or experience?")
    assert {"menyalahgunakan", "pengetahuan", "pengalaman"} <= set(query.normalized)
    assert "memakai" not in assistant.searcher.analyzer("can I make a decision for my client?").normalized


def test_glossary_words_sharing_a_stem_share_the_union_of_translations(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(
        "concepts:\n  - id: x\n    corpus: [kerahasiaan]\n"
        "english_glossary:\n  supervise: pengawasan\n  supervision: penyelia pengawasan\n",
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(path)
    assert vocabulary.translate("supervise") == ("pengawasan", "penyelia")
    assert vocabulary.translate("supervising") == ("pengawasan", "penyelia")


def test_a_glossary_phrase_is_translated_before_its_words(vocabulary, tmp_path):
    # "abuse" alone is also a misuse ("penyalahgunaan", Pasal 3 and 10); a child's abuse is harm.
    assert "penyalahgunaan" in vocabulary.translate_words(["abuse", "of", "power"])
    child = vocabulary.translate_words(["suspects", "child", "abuse", "at", "home"])
    assert "teraniaya" in child and "penyalahgunaan" not in child
    assert child[0] == "suspects" and child[-2:] == ["at", "home"]  # words it does not know stay
    path = tmp_path / "v.yaml"
    path.write_text("concepts:\n  - id: x\n    corpus: [kerahasiaan]\n"
                    "english_glossary:\n  abuse: penyalahgunaan\n  child abuse: teraniaya\n", encoding="utf-8")
    small = load_vocabulary(path)
    assert small.translate_words(["child", "abused"]) == ["teraniaya"]  # by the stems of its words
    assert small.translate_words(["abused"]) == ["penyalahgunaan"]


def test_the_longest_vocabulary_match_wins(vocabulary):
    # "gratis" alone is about fees (Pasal 11); inside "berobat gratis" it is about access (Pasal 15).
    found = {c.id for c, _ in vocabulary.match(["layanan", "berobat", "gratis"])}
    assert "kesejahteraan_sosial" in found and "ongkos_pelayanan" not in found
    assert "ongkos_pelayanan" in {c.id for c, _ in vocabulary.match(["layanannya", "gratis", "ga"])}


def test_a_phrase_may_span_one_pronoun_that_owns_its_noun(vocabulary):
    # Indonesian puts the owner after the noun: "atasan saya nyuruh" is "atasan nyuruh".
    def found(text):
        return {c.id for c, _ in vocabulary.match(text.split())}
    assert "kebijakan_lembaga" in found("atasan saya nyuruh manipulasi data")
    assert "kebijakan_lembaga" in found("atasan nyuruh manipulasi data")
    assert "kebijakan_lembaga" not in found("atasan saya dan teman nyuruh")  # one pronoun, nothing else
    assert "kebijakan_lembaga" not in found("atasan saya saya nyuruh")  # at most one
    assert "kebijakan_lembaga" not in found("atasan")


def test_words_of_a_matched_phrase_weigh_less_than_typed_topic_words(assistant):
    # "tanda terima kasih" is a gift; "terima" alone would point at "menerima" (Pasal 16).
    query = assistant.searcher.analyzer("klien ngasih amplop sebagai tanda terima kasih, boleh?")
    assert query.terms["terima"] < 1.0
    assert "keuntungan_pribadi" in query.concepts


def test_the_profession_word_does_not_stand_for_its_root(vocabulary):
    # "hubungan pekerja sosial" names the profession, not "hubungan kerja" (Pasal 10).
    found = {c.id for c, _ in vocabulary.match("mengatur hubungan pekerja sosial".split())}
    assert "lembaga" not in found
    assert "lembaga" in {c.id for c, _ in vocabulary.match("hubungan kerja di kantor".split())}


@pytest.mark.parametrize("question,procedure", [
    ("jam buka kantor dinsos hari sabtu", True),
    ("cara ngisi form rujukan", True),
    ("apakah jaminan sosial klien termasuk hak klien", False),
    ("bahasa formal ke klien harus dipakai?", False),
    ("teman sering menjelekkan cara kerja saya", False),
    # "jam" asks for a time only as "jam buka", "jam berapa"…; "di luar jam kerja" is a situation.
    ("jam berapa kantor IPSPI tutup?", True),
    ("klien sy ngajak ketemuan di luar jam kerja buat makan malam berdua", False),
    # English "when" asks for a date only as the question's first word.
    ("When is the deadline for the IPSPI membership fee?", True),
    ("What rights do clients have about confidentiality when a third party gets involved?", False),
])
def test_procedure_words_are_whole_words_or_phrases(assistant, question, procedure):
    assert assistant.searcher.analyzer(question).procedure is procedure


def test_who_the_client_is_is_recognized_but_searches_nothing(assistant):
    # "anak jalanan" is the setting of the question, not its topic (Pasal 15's "tertindas").
    analyzer = assistant.searcher.analyzer
    with_setting = analyzer("skripsi sy ttg anak jalanan, blh sy bujuk anak yg ga mau diwawancara?")
    assert "jenis_klien" in with_setting.concepts
    assert "jalanan" not in with_setting.unknown and "tindas" not in with_setting.terms


def test_a_group_word_searches_membership_only_in_a_scope_question(assistant):
    analyzer = assistant.searcher.analyzer
    assert "ipspi" not in analyzer("mahasiswa magang minta data klien buat tugas, boleh?").terms
    assert "ipspi" in analyzer("apakah kode etik ini berlaku untuk mahasiswa?").terms


def test_social_affairs_is_a_ministry_not_an_affair(assistant):
    # "affairs" once stemmed to "affair" and matched sexual relations (Pasal 6's prohibition)
    analyze = assistant.searcher.analyzer
    ministry = analyze("What time does the Ministry of Social Affairs office open?")
    assert "hubungan_seksual" not in ministry.concepts and "seksual" not in ministry.normalized
    assert "hubungan_seksual" in analyze("Is it wrong to have an affair with a client?").concepts


@pytest.mark.parametrize("question,absent,present", [
    # A common word whose stem is a vocabulary word of another meaning matches nothing of it;
    # the vocabulary word itself still matches.
    ("Am I allowed to visit a client at home after hours?", "hak_dan_imbalan_pekerja",
     "Does the code say anything about a transport allowance for workers?"),
    ("I have several clients from the same family. Is that a problem?", "hak_dan_imbalan_pekerja",
     "Is a worker entitled to severance pay when the agency closes?"),
    ("Can I help a client apply for legal aid?", "diskriminasi", "Can I refuse a client who has AIDS?"),
    ("Can I counsel minors without telling their parents?", "diskriminasi",
     "Our agency turns away clients from a religious minority. Is that allowed?"),
    ("Due to staff shortages I see clients in the hallway. Is that ok?", "keanggotaan_organisasi",
     "Do I have to pay membership dues to IPSPI?"),
    ("What does the National Association of Social Workers say about confidentiality?", "diskriminasi",
     "Can I refuse a client because of his nationality?"),
    ("May I talk about a case in public if I change the names?", "penelitian",
     "May I use a client's story in a publication?"),
    ("Can I meet a client outside the office?", "membicarakan_kasus",
     "May I discuss a client's case with outsiders?"),
    ("Is it correct to share a client's file with the police?", "kelompok_pekerja",
     "Does the code apply to correctional social workers?"),
    ("How is social work related to human rights?", "hubungan_ganda",
     "Can I take on a relative as a client?"),
    ("A client with a terminal illness asks me to keep a secret. What do I do?", "pengakhiran_rujukan",
     "How should I handle the termination of services with a client?"),
    ("How should I respond when a client cries in a session?", "penelitian",
     "Do research respondents have to sign a consent form?"),
    ("I'm not quite sure how to handle a client who lies to me", "pengakhiran_rujukan",
     "Can I quit a case halfway through?"),
    ("Can a caseworker look at my bank account?", "mutu_pelayanan",
     "What does accountability to clients mean for a social worker?"),
    ("My client has a severe mental illness. Can I tell his mother?", "hak_dan_imbalan_pekerja",
     "Is a worker entitled to severance pay when the agency closes?"),
    ("Can I give a client a copy of her own file?", "kredit_karya",
     "A colleague is copying my reports and signing them. What can I do?"),
    # a court is not justice ("adil"), the justice system not social justice
    ("Pengadilan meminta catatan kasus klien saya. Wajibkah saya memberikannya?", "kesejahteraan_sosial",
     "Apa kewajiban peksos untuk keadilan sosial?"),
    ("A teen in the juvenile justice system told me a secret. Can I tell the judge?", "kesejahteraan_sosial",
     "Does the code ask social workers to promote social justice?"),
])
def test_a_word_sharing_a_stem_with_another_meaning_does_not_match_it(assistant, question, absent, present):
    analyze = assistant.searcher.analyzer
    assert absent not in analyze(question).concepts
    assert absent in analyze(present).concepts


@pytest.mark.parametrize("question,parts,whole", [
    # Words joined by hyphens that no dictionary knows as one are read word by word ...
    ("Apa Model Biaya-untuk-Layanan untuk Pekerja Sosial?", {"biaya", "layanan"}, "biaya-untuk-layanan"),
    ("What is a dual-relationship?", {"dual", "relationship"}, "dual-relationship"),
])
def test_unknown_hyphenated_words_are_read_word_by_word(assistant, question, parts, whole):
    query = assistant.searcher.analyzer(question)
    assert parts <= set(query.words) and whole not in query.words
    assert whole not in query.unknown


@pytest.mark.parametrize("question,whole", [
    # ... while a reduplication and a programme the rules name stay whole.
    ("Bagaimana menjaga hak-hak klien?", "hak-hak"),
    ("Layani sebaik-baiknya", "sebaik-baiknya"),
    # (no dictionary knows "permenpan-rb": only the rules' list keeps it whole)
    ("Apa isi Permenpan-RB tentang jabatan fungsional pekerja sosial?", "permenpan-rb"),
])
def test_reduplications_and_named_compounds_stay_whole(assistant, question, whole):
    assert whole in assistant.searcher.analyzer(question).words


@pytest.mark.parametrize("question,expected", [
    ("Apa Model Biaya-untuk-Layanan untuk Pekerja Sosial?", "pasal-11"),
    ("What is a dual-relationship?", "pasal-6"),
])
def test_hyphenated_questions_find_their_article(assistant, question, expected):
    result = assistant.searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id == expected


@pytest.mark.parametrize("question,word", [
    ("Bolehkah saya mengunggah foto rumah klien ke grup WA?", "mengunggah"),
    ("peksos memposting cerita dampingan di tiktok, etis gak?", "memposting"),
    ("Apakah pendamping boleh memotret penerima bantuan tanpa izin?", "memotret"),
    # Publishing a client's photo is confidentiality, not a research publication (Pasal 5 led).
    ("Apakah pendamping PKH boleh mempublikasikan foto rumah KPM yang tidak layak huni untuk laporan?", "foto"),
])
def test_uploading_and_photographing_are_words_of_confidentiality(assistant, question, word):
    query = assistant.searcher.analyzer(question)
    assert word not in query.unknown and "kerahasiaan" in query.concepts


@pytest.mark.parametrize("question,names", [
    # A civil servant is who asks, not social work: the gate may judge such a question ...
    ("Bolehkah ASN ikut kampanye partai politik?", False),
    ("Apa saja larangan bagi seorang PNS?", False),
    # ... unless social work is named beside.
    ("Bolehkah peksos ASN ikut kampanye partai politik?", True),
])
def test_a_civil_servant_alone_does_not_name_the_field(assistant, question, names):
    query = assistant.searcher.analyzer(question)
    assert "aparatur_negara" in query.concepts
    assert Searcher.names_field(query) is names


@pytest.mark.parametrize("question,names", [
    # Students, volunteers, NGOs and prisons are who asks or where, not social work: the gate
    # may judge such a question ("How do I become a volunteer at an NGO?" was answered) ...
    ("How do I become a volunteer at an NGO?", False),
    ("Apa syarat menjadi relawan bencana?", False),
    ("Is prison effective at reducing crime?", False),
    # ... while a role of the field is named ("Apakah kode etik berlaku untuk PK BAPAS?").
    ("Apakah PK BAPAS boleh menerima hadiah?", True),
    ("Does the code apply to correctional social workers?", True),
])
def test_a_student_volunteer_or_prison_alone_does_not_name_the_field(assistant, question, names):
    query = assistant.searcher.analyzer(question)
    assert Searcher.names_field(query) is names


@pytest.mark.parametrize("question", [
    "How do I stay objective when a client reminds me of my own family?",
    "How to keep professional distance with clients in a small village?",
    "Bagaimana saya tetap objektif kalau klien mirip adik saya sendiri?",
])
def test_objectivity_and_professional_distance_are_boundaries(assistant, question):
    # A practitioner's "how" about boundaries asks how to act, not for a procedure: Pasal 6.
    result = assistant.searcher.search(question)
    assert "hubungan_ganda" in result.query.concepts
    assert result.outcome != "not found" and "pasal-6" in [h.section.id for h in result.hits[:2]]


@pytest.mark.parametrize("typed,meant", [
    ("freinds", "friends"), ("cleint", "client"), ("confidentialty", "confidentiality"), ("clents", "clients"),
    # a real English word is no slip of another ("quite"/"quiet"), nor is a short one
    ("quite", "quite"), ("require", "require"), ("gfit", "gfit"),
])
def test_a_slip_in_an_english_word_is_mended(assistant, typed, meant):
    assert assistant.searcher.analyzer.vocabulary.mend_english(typed) == meant


@pytest.mark.parametrize("typed,meant", [
    ("shuld", "should"), ("importnt", "important"), ("concpt", "concept"), ("quesiton", "question"),
    # a listed word, even a rare one, is no slip ("assent" of "asset"), nor an inflection of one
    ("assent", None), ("texting", None), ("supervisee", None), ("gfit", None), ("important", None),
])
def test_a_slip_of_a_common_english_word_is_mended(typed, meant):
    from assistant.vocabulary import spell_english

    assert spell_english(typed) == meant


def test_english_mending_leaves_acronyms_and_the_vocabularys_words_alone(assistant):
    analyze = assistant.searcher.analyzer
    assert "cafcass" in analyze("Can I complain to CAFCASS about my report?").words  # not "carcass"
    assert "peksos" in analyze("Can a peksos accept gifts from a client?").words  # not "pesos"
    query = analyze("Why is the code of ethcs importnt for social workers?")
    assert {"ethics", "important"} <= set(query.words) and "important" in query.text  # the model reads it mended


@pytest.mark.parametrize("question,first", [
    ("why is a code of ethcs importnt for social workers?", {"pendahuluan", "kesimpulan"}),
    ("sy pendamping, trs dilaragn terima uang dr KPM ya?", {"pasal-6", "pasal-2"}),
])
def test_a_question_with_a_slip_in_an_everyday_word_is_answered(assistant, question, first):
    result = assistant.searcher.search(question)
    assert result.outcome == "answered" and result.hits[0].section.id in first


def test_a_misspelt_english_question_finds_its_article(assistant):
    answer = assistant.ask("Can I be freinds with my cleint on facebook?")
    assert answer.hits[0].section.id == "pasal-6"


@pytest.mark.parametrize("typed,plain", [
    ("bolehhh gaaa sihhh?", "boleh ga sih?"), ("is it okkk?", "is it ok?"), ("goood morning tooo", "good morning too"),
    ("committee of 2000", "committee of 2000"),  # a letter twice, digits: as typed
])
def test_a_stretched_word_is_read_as_typed_plainly(assistant, typed, plain):
    assert assistant.searcher.analyzer._unstretched(typed) == plain


def test_a_question_with_stretched_words_finds_its_article(assistant):
    result = assistant.searcher.search("kakkk, peksos bolehhh gaaa nerima hadiahhh dari kliennn???")
    assert result.outcome == "answered" and result.hits[0].section.id == "pasal-6"

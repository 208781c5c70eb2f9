"""Analyze a question for search: normalize it, expand it with the domain vocabulary, and
note what in it the corpus does not know. Pure, given a ``Normalizer`` and a ``Vocabulary``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.analyze import OBLIGATION_WORDS, PARTICLES, STOPWORDS, analyze, bigrams, index_terms, stem, words
from assistant.normalize import Normalizer, dictionary
from assistant.vocabulary import ENGLISH_STOPWORDS, Concept, Vocabulary, english_dictionary, english_stem, spell_english

#: Weight of a concept's corpus words together (divided by the square root of their
#: number), relative to a word the user typed: 1.0 was best on the held-out and tuning sets
#: of 0.75/1.0/1.5 × exponent 0.5/0.35 (docs/design.md).
EXPANSION_WEIGHT = 1.0

#: Weight of a question word that is part of a vocabulary phrase ("tanda terima kasih"):
#: the phrase's concept says what it means, the word alone ("terima") would mislead.
EXPLAINED_WEIGHT = 0.3

#: Weight of a pair of adjacent question terms found adjacent in a chunk.
BIGRAM_WEIGHT = 0.5

#: Words with which a question names the code itself ("melanggar kode etik ga?") or the
#: profession. They are evidence for no section in particular, so they count for less,
#: and vocabulary terms made only of them expand nothing.
META_WORDS = frozenset(
    "kode etik etika kodepeksos peksos pekerja pekerjaan sosial profesional professional aturan "
    "melanggar langgar pelanggaran code ethics ethic ethical social worker workers work "
    "dokumen document according say says said mention mentions state states".split()
)
META_WEIGHT = 0.3
#: Words with which a question points at the code ("kode etik ini", "this code").
CODE_WORDS = frozenset("kode kodepeksos etik code ethics ini this".split())

#: Question forms that ask whether conduct is right: what the code answers.
CONDUCT_WORDS = frozenset(
    "boleh bolehkah dibolehkan diperbolehkan harus haruskah wajib wajibkah melanggar pelanggaran "
    "etis etiskah pantas pantaskah salah dilarang larangan seharusnya sebaiknya perlu perlukah "
    "aturan aturannya diatur mengatur etiknya wajar wajarkah gpp gapapa gakpapa apa-apa "
    "should allowed allow forbid forbidden ethical unethical must required obligation "
    "obligations expected supposed okay permitted permissible prohibited "
    # a duty asked of a role ("What are the therapist's responsibilities at the onset of treatment?")
    "responsibility responsibilities duty duties "
    # what is not done ("apakah tabu memiliki kisah cinta dengan KPM?")
    "tabu tabukah taboo "
    "dilanggar menyikapi menyikapinya sikapi bersikap "
    # judged as arbitrary: "pendamping PKH … seenaknya menolak atau mencoret bantuan warga?"
    "seenaknya semena-mena sewenang-wenang "
    # a duty asked of someone ("Apakah pekerja sosial berkewajiban …?"), as "wajib" asks it
    "berkewajiban".split()
)
CONDUCT_PHRASES = (("have", "to"), ("has", "to"), ("need", "to"), ("is", "it", "ok"), ("masalah", "etika"),
                   ("masalah", "etik"), ("benar", "tidak"), ("bagaimana", "sikap"),
                   ("punya", "kewajiban"), ("memiliki", "kewajiban"),
                   # an exam's "What would you do if …?" asks how to act
                   ("would", "you", "do")) + tuple(
    # "Can I …?", "May a social worker …?": asking permission; "so he can get" is not.
    (modal, subject) for modal in ("can", "may") for subject in (
        "i", "we", "you", "a", "the", "social", "my", "our",
        # "Can caseworkers take tips from families?": a role of the field named without an article
        # (not "Can therapists …?": most such questions are of another helping profession)
        "caseworker", "caseworkers", "worker", "workers", "practitioner", "practitioners", "intern", "interns",
        "supervisor", "supervisors", "employee", "employees", "staff")
)
#: "Pasal mana yang menyinggung ini?", "which article covers this?": asks the code, unless a
#: law or regulation is named ("Pasal berapa UU Perlindungan Anak …" asks another document).
ARTICLE_PHRASES = (("pasal", "mana"), ("pasal", "apa"), ("pasal", "berapa"), ("pasal", "brp"), ("which", "article"),
                   ("what", "article"), ("which", "pasal"), ("what", "pasal"), ("pasal", "yang", "mengatur"),
                   ("pasal", "yg", "mengatur"))
#: "apa kata kode etik", "menurut kodepeksos", "menurut tulisan ini", "against the code",
#: "what does the article say": what the code (or this text about it) says is asked.
CODE_NAMES = frozenset("kode kodepeksos code tulisan artikel article dokumen document teks text pedoman guideline "
                       "guidelines".split())
#: "di kode etik ini", "in this IPSPI code": what is in the code is asked.
CODE_IN = frozenset("di dalam in".split())
CODE_ASKED_BEFORE = frozenset("kata menurut sesuai against according based".split())
#: "kode etik bilang/menyinggung/mengatur …": the code is the subject of the question.
CODE_VERBS = frozenset("bilang say says said menyinggung mengatur membahas menyebut mengharapkan mengharuskan "
                       "melarang memberi dipakai memandang menilai menjelaskan menggambarkan describe describes "
                       "ngatur ngebahas nyebut nyinggung ngelarang".split())
#: "bunyi pasal 1 DUHAM yang dikutip di kode etik": what the code quotes or names is asked.
CODE_QUOTES = frozenset("dikutip disebut disebutkan tercantum dimuat tertulis quoted cited mentioned".split())


#: Question forms that ask for a procedure, a date, an amount or a form: what the code
#: never gives ("Apa saja tahapan akreditasi …", "berapa gaji …", "kapan IPSPI didirikan").
PROCEDURE_WORDS = frozenset(
    "prosedur langkah langkah-langkah tahapan syarat persyaratan format formulir jadwal "
    "tanggal mendaftar mendaftarkan pendaftaran alamat harga berapa kapan procedure procedures "
    "steps requirements schedule deadline".split()
)
#: Words that ask what something means or for an example ("maksudnya", "konkretnya"): what
#: is asked, not about what, so never evidence of a topic the code does not know.
EXPLAIN_WORDS = frozenset(
    "maksud maksudnya arti artinya contoh contohnya konkret konkretnya penjelasan penjelasannya "
    "pengertian pengertiannya definisi meaning mean means example examples".split()
)
#: The same as a tuple, for ``str.startswith`` (one call instead of a loop over the words).
_PROCEDURE_PREFIXES = tuple(sorted(PROCEDURE_WORDS))
#: "When is the deadline …" asks for a date; "… confidentiality when a third party is
#: involved" does not: English "when" counts only as the question's first word, and only as
#: a question form like "how" ("When do we break confidentiality …?" asks how to act when
#: it touches the code's topics).
PROCEDURE_FIRST = frozenset({"when"})
#: The same, as whole words only ("form", not "formal").
PROCEDURE_EXACT = frozenset({"form"})
#: "jam" asks for a time only before these ("jam buka", "jam berapa"); "di luar jam kerja"
#: tells a situation.
HOURS_FOLLOWERS = frozenset("buka tutup berapa pelayanan layanan operasional kantor kunjungan besuk".split())
#: "di jam kantor", "selama jam pelayanan": when something happens, a situation told.
HOURS_SITUATION = frozenset("di diluar luar selama saat ketika sebelum sesudah setelah".split())
#: "bagaimana cara mendaftar", "how to register": a request for a procedure ("cara kerja
#: saya" is not one, so "cara" alone counts only as the question's first word).
PROCEDURE_PHRASES = (("how", "to"), ("how", "do"), ("how", "does"), ("bagaimana", "cara"), ("gimana", "cara"),
                     ("caranya",))
#: The vocabulary's English words for a kind of workplace (the employing institution's concept):
#: in a question whether the code applies, they say where the workers work, not a topic.
WORKPLACE_TRIGGERS = frozenset("hospital school ngo agency organization organisation institution workplace office".split())
#: The asker in the first person: "Saya mulai dekat dengan …" tells the asker's own
#: situation at work, which the code may judge even without "boleh"/"harus".
FIRST_PERSON = frozenset("saya aku gue gua kami i my me we our".split())
#: Administrative requests: requirements, registration, forms, schedules. The code states
#: duties, never these, even when the question's other words are the code's own ("syarat
#: uji sertifikasi kompetensi"): such a question is answered by nothing in it.
ADMIN_WORDS = ("syarat", "persyaratan", "mendaftar", "pendaftaran", "formulir", "jadwal", "iuran",
               "register", "registration", "requirement", "deadline", "schedule",
               # a ready-made artifact: the code holds no templates or checklists
               "template", "templat", "checklist", "worksheet")
#: Of those, the words asking what is required ("Apa saja syarat informed consent?"): of one
#: of the code's topics, that asks for a duty the code states; to become something ("syarat
#: menjadi anggota IPSPI", "requirements to become a social worker", "the skill and education
#: requirements in that field", "syarat ikut seleksi PPPK") it asks for admission.
REQUIREMENT_WORDS = ("syarat", "persyaratan", "requirement")
#: "syarat yang harus dipenuhi untuk mengadopsi anak", "requirements that must be met": the
#: modal belongs to the requirement, not to anyone's conduct, where the question has words the
#: code does not know. ("Syarat apa yang harus dipenuhi sebelum melibatkan klien dalam
#: penelitian?" stays a question of conduct: its topic is in the code's own words, which match
#: no concept of the vocabulary, so the requirement rule would not see it as the code's.)
REQUIREMENT_MODALS = frozenset("harus wajib perlu must".split())
FULFILLED = frozenset("dipenuhi terpenuhi dilengkapi disiapkan met fulfilled satisfied".split())
#: ... of a profession: what makes one ("syarat-syarat/kriteria" of BAB I).
PROFESSION_WORDS = frozenset("profesi profession".split())
BECOMING_WORDS = frozenset(
    "menjadi jadi become becoming anggota member members membership education pendidikan degree degrees "
    "qualification qualifications kualifikasi ijazah "
    # selection and exams: admission too ("syarat ikut seleksi PPPK pekerja sosial")
    "seleksi selection lulus pass passing ujian exam tes test".split()
)
#: A question with more content words than this tells a situation, not a request for a form.
PROCEDURE_MAX_CONTENT = 10
#: Administrative matters the code never regulates, however the question is put: registration
#: and licences, certification exams, vacancies and study programmes ("bagaimana aturan
#: kewajiban memiliki Surat Tanda Registrasi", "Can I renew my expired license?").
ADMIN_ALWAYS = frozenset(
    "str sipps registrasi teregistrasi lisensi license licenses licensure licensed licensing lowongan loker "
    "rekrutmen recruitment vacancy vacancies jurusan interviewer "
    # continuing-education credits and licence transfer
    "ceu ceus reciprocity "
    # the bodies that accredit programmes, set licensing exams and keep registers
    "cswe aswb bosw hcpc coru "
    # a regulator's register and its development credits ("Who has to be a Registered Social
    # Worker?", "Why should I register with CORU?", "Is CPD about assessing my competence?")
    "registered registration rsw cpd".split()
)
#: Scholarships: administrative like those, unless the question asks about conduct on one of
#: the code's topics ("Seorang donatur … membiayai program beasiswa panti kami asalkan hanya
#: anak-anak yang seagama dengannya …. Bolehkah lembaga menerima syarat itu?" asks about
#: discrimination; "Apakah ada beasiswa untuk kuliah pekerjaan sosial?" about a scholarship).
ADMIN_UNLESS_CONDUCT = frozenset("beasiswa scholarship scholarships".split())
#: Degrees and schools: a matter of study and career ("Do you need an MSW to practice social
#: work?", "Passing grade STKS berapa?"), unless the question touches one of the code's topics,
#: where they say who asks ("As an MSW student on placement, can I accept a gift from a
#: client?", "Saya mahasiswa STKS, boleh terima hadiah dari klien tempat praktikum?").
ADMIN_UNLESS_TOPIC = frozenset("bsw msw dsw poltekesos stks master masters bachelor bachelors".split())
#: ... or asks about conduct towards a client in the code's own words ("Saya mahasiswa STKS,
#: bolehkah membicarakan kasus klien di kelas?": the vocabulary matches no concept where the
#: question already has the corpus's words). ("jurusan" stays administrative: "Apa Perbedaan
#: dari Jurusan Sosiologi dan Pekerja Sosial?" compares study programmes, and "sosiologi" is
#: one of the code's topics, the other sciences of Pasal 14.)
CLIENT_WORDS = frozenset("klien kliennya klienku client clients".split())
#: "What should …", "How should …": how someone should act is asked.
SHOULD_ACT = (("what", "should"), ("how", "should"))
#: The words that name a worker's standing with a regulator.
ROLE_STANDINGS = frozenset("licensed registered".split())
#: What is registered when it is not a worker with a regulator ("voter registration").
OTHERS_REGISTRATION = frozenset("voter voters birth marriage vehicle land business event course conference".split())
#: After "registered", words that keep it the asker's own standing ("registered as/with/to …").
STANDING_AFTER = frozenset("as with to in by for under yet already".split())
#: The vocabulary's terms those words match.
STANDING_TERMS = frozenset("register registration registered licensed".split())
#: "licensed" (or "registered") before these names the worker's role in a question on one of the code's topics,
#: as US exam vignettes do ("… keeps a secret … What should the licensed social worker do?"),
#: not a licence; a question only about the role ("What does a Licensed Clinical Social Worker
#: do?") is a career matter still.
LICENSED_ROLE_NEXT = frozenset("social clinical master masters professional independent".split())
#: Words that open a question, Indonesian and English (``Query.asks``).
QUESTION_OPENERS = frozenset("""apa apakah siapa kenapa mengapa bagaimana gimana bagaimanakah kapan dimana
    mana berapa bolehkah haruskah what who whom whose why how when where which is are can does do did
    should may could would""".split())
#: The courtesies around a question in a message: greetings, forms of address, asking leave to
#: ask, thanks ("Permisi kak, izin bertanya: …", "… Mohon pencerahannya, terima kasih 🙏", "Hi
#: all, quick question: … Thanks in advance!"; in Javanese and Sundanese too: "Nuwun sewu",
#: "Punten", "Matur suwun", "Hatur nuhun"). Never a word of obligation: "… Boleh?" asks.
GREETING_WORDS = frozenset("""halo hallo hai hay hi hello hey helo permisi assalamualaikum assalamu alaikum
    salam selamat shalom sejahtera om swastiastu good dear greetings wr wb warahmatullahi wabarakatuh
    punten ngapunten nuwun nyuwun sewu tabik""".split())
#: A time of day greets only after "selamat" / "good" or before a form of address ("Pagi pak,"):
#: "Malam hari dalam keadaan darurat, …" tells when.
TIME_WORDS = frozenset("pagi siang sore malam morning afternoon evening".split())
ADDRESS_WORDS = frozenset("""kak kakak ka kk mas mbak mba pak bu bapak ibu bpk ibuk bapak-bapak ibu-ibu admin min
    mimin gan agan sis bro sob dok prof teman teman-teman temen-temen rekan-rekan kawan-kawan all everyone
    everybody guys folks friends team""".split())
#: Asking leave to ask: a leave word, then an asking word ("izin bertanya", "mau nanya", "quick question").
LEAVE_WORDS = frozenset("izin ijin mau ingin pengen pingin numpang quick have want wanted".split())
ASKING_WORDS = frozenset("tanya bertanya nanya menanyakan tanyain question ask".split())
THANKS_WORDS = frozenset("""terima kasih terimakasih makasih makasi mksh trims tq thx thanks thank tia pencerahan
    pencerahannya appreciated appreciate maaf ditunggu hatur nuhun matur suwun""".split())
#: Words that may stand beside those in a courtesy ("saya mau", "in advance", "so much").
_COURTESY_FILLERS = frozenset("""saya aku sy aq gw gue ane i a to you advance mohon sebelumnya banyak jawabannya
    mengganggu ganggu waktunya sukses selalu atas semua semuanya lagi much very in for any advice would be so""".split())
COURTESY_WORDS = GREETING_WORDS | TIME_WORDS | ADDRESS_WORDS | LEAVE_WORDS | ASKING_WORDS | THANKS_WORDS | _COURTESY_FILLERS
#: A letter typed three times or more, and a word with one ("bolehhh", "pleaseee").
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_STRETCHED_WORD = re.compile(r"[^\W\d_]*([^\W\d_])\1{2,}[^\W\d_]*")
#: A question's number in a list, an exam or an assignment: "1.", "b)", "(2)", "Soal 3:",
#: "No. 4", "Q3." ("3.5 juta …" and "Pasal 3: …" are no such number).
_NUMBERING = re.compile(r"^\s*(?:(?:(?i:soal|pertanyaan|question|q|no|nomor|number))\.?\s*(?:ke[-\s]?)?"
                        r"(?:\d{1,3}|[a-eA-E])\s*[.):]?\s+|(?:\d{1,3}|[a-eA-E]|(?i:i{1,3}|iv|v|vi{1,3}|ix|x))\s*[.)]\s+"
                        r"|\(\s*(?:\d{1,3}|[a-eA-E])\s*\)\s*)")
#: A question's clauses: words up to a stop, a comma, a colon or a line's end.
_CLAUSE = re.compile(r"[^.!?,;:\n]+[.!?,;:\n]*")


#: "izin praktik", "passing score": two words that together name such a matter.
ADMIN_PHRASES = (("izin", "praktik"), ("izin", "praktek"), ("ijin", "praktik"), ("ijin", "praktek"),
                 ("passing", "score"), ("surat", "tanda"), ("uji", "kompetensi"), ("ujian", "sertifikasi"),
                 ("certification", "exam"), ("certification", "exams"), ("certification", "test"),
                 ("daftar", "jadi"), ("daftar", "anggota"),
                 # benefits whose words the vocabulary reads otherwise ("credit" is authorship credit)
                 ("universal", "credit"),
                 # paying for one's studies: a career matter ("Can Social Workers Qualify for Student
                 # Loan Forgiveness?")
                 ("student", "loan"), ("student", "loans"), ("loan", "forgiveness"),
                 # who may use the title: a matter of law and registration
                 ("title", "protection"), ("protected", "title"),
                 # a job interview or application: careers, not conduct
                 ("wawancara", "kerja"), ("job", "interview"), ("lamaran", "kerja"), ("melamar", "kerja"),
                 # choosing the career ("Why did you choose social work as a career?", "What Kind of
                 # Education Do I Need to Become a Social Worker?"; "a job or career" is BAB I's matter;
                 # "a career center" a client is sent to is a place)
                 ("become", "a", "social"), ("as", "a", "career"), ("a", "career", "as"),
                 ("a", "career", "for"), ("good", "career"), ("work", "career"), ("career", "in"),
                 # a regulator's register and its fitness-to-practise process
                 ("social", "work", "england"), ("board", "of", "social", "work"),
                 # a workforce's pay ("Do you think the pay deal of 7 per cent over three years is fair?")
                 ("pay", "deal"), ("pay", "rise"), ("pay", "raise"), ("pay", "scale"),
                 # a worker's own cover ("Do Social Workers Need Malpractice Insurance?")
                 ("malpractice", "insurance"), ("liability", "insurance"), ("professional", "indemnity"),
                 ("indemnity", "insurance"),
                 # joining it ("Who should apply to register?"; "to register a complaint" is no such phrase)
                 ("apply", "to", "register"), ("need", "to", "register"), ("needs", "to", "register"),
                 ("register", "with"), ("register", "as"),
                 # who may receive a benefit or be approved ("Who qualifies for a Carer's Allowance?",
                 # "Can a single person qualify to be a foster parent?"): eligibility, not conduct
                 ("qualify", "for"), ("qualifies", "for"), ("qualified", "for"), ("qualify", "to", "be"),
                 ("eligible", "for"), ("eligibility", "criteria"), ("eligibility", "requirements"),
                 ("is", "eligible"), ("are", "eligible"))
#: Entering the career, in English: "What degree do I need to be a social worker?", "How to be
#: a Social Work?", "What are the Legal Regulations to be a Social Worker?". Not when the
#: question asks what it means ("What does it mean to be a social worker?" is BAB I's matter)
#: or what a professional brings, BAB I's frame of knowledge, values and skills ("What skills
#: do you need to be a social worker?"), or touches one of the code's topics ("Why is it
#: important to be a social worker with integrity?"); "to be a good social worker" asks about
#: conduct and is no such phrase.
CAREER_PHRASES = (("to", "be", "a", "social"), ("to", "be", "an", "social"))
NOT_CAREER_WORDS = frozenset("mean means meaning skill skills knowledge values qualities traits".split())
#: How to enter one of the field's roles, in either language ("How to become a PK Bapas?",
#: "Bagaimana cara menjadi pekerja sosial?", "gimana caranya jadi pendamping?"): a career
#: matter, when the question names the field or one of its roles, with the same exceptions
#: and a worker of some kind ("Bagaimana cara menjadi pekerja sosial yang baik?", "How do I
#: become a social worker who respects confidentiality?", "… good social worker"), which asks
#: about conduct.
BECOMING_HOW = (("cara", "menjadi"), ("cara", "jadi"), ("caranya", "menjadi"), ("caranya", "jadi"),
                ("how", "to", "become"), ("how", "do", "i", "become"), ("how", "can", "i", "become"),
                ("how", "does", "one", "become"), ("how", "do", "you", "become"))
NOT_CAREER_WORDS_HOW = NOT_CAREER_WORDS | frozenset("yang who that good better great ideal ethical etis".split())
#: Social assistance programmes, their roles and pay ("apakah uang PKH ini wajib dicairkan
#: lewat BRI Link", "Berapa honor seorang TKSK?", "siapa petugas TKSK itu?"): administrative
#: unless the question asks about a worker's conduct ("bolehkah pendamping PKH meminta uang
#: dari penerima bansos?" is Pasal 6's matter).
ADMIN_PROGRAMS = frozenset(
    "bansos pkh bpnt blt kks kpm bst dtks sembako pencairan dicairkan mencairkan cair potongan dipotong "
    "dicoret gaji honor honorarium salary salaries wage wages insentif tunjangan tksk psm "
    # a recipient's balance, status and data: "saldo kosong", "PBI nonaktif", "usul sanggah DTSEN"
    "saldo nonaktif dtsen pbi sanggah desil himbara ewarong e-warong "
    # other programmes: school aid, job training, the Jakarta elderly card, addiction reporting
    # points, and English-speaking countries' benefits
    "pip kip prakerja klj ipwl snap medicaid medicare ssi ssdi "
    # the ministry's register of those it serves ("Apa yang dimaksud dengan PMKS?")
    "pmks "
    # a workforce's pay and pensions ("Is It Unfair that Social Workers are Underpaid?")
    "underpaid pension pensions".split()
)
#: A worker's own pay claimed as a right ("honor telat mulu di yayasan, wajar ga sih sy nuntut
#: hak?", "Apakah saya berhak menuntut gaji sesuai ketentuan?"): Pasal 10's "hak dan imbalan
#: yang sesuai dengan standar dan ketentuan", no pay rate or payment date asked.
PAY_WORDS = frozenset("gaji honor honorarium salary salaries wage wages insentif tunjangan".split())
#: A question about pay in at most this many content words asks a pay rate, whatever setting
#: it names ("What is the salary of a hospital social worker in Singapore?").
PAY_RATE_MAX_CONTENT = 4
RIGHTS_WORDS = frozenset("hak haknya berhak menuntut nuntut right rights entitled".split())
#: The same, named in words: "Pekerja Sosial Masyarakat" (PSM), "bantuan sosial" (bansos).
ADMIN_PROGRAM_PHRASES = (("pekerja", "sosial", "masyarakat"), ("bantuan", "sosial"), ("social", "assistance"),
                         ("food", "stamps"), ("food", "stamp"), ("child", "benefit"), ("disability", "benefits"))
#: A claimant's side of a benefit, in English ("Why would the Welfare office accuse me of
#: fraud?", "Can a landlord insist that they receive benefit payments?"): administrative
#: whatever topics its words touch ("fraud", "lie", "tell"), unless a worker, the field or an
#: agency's staff is named ("Is it ethical for a social worker to help a client hide income
#: from the welfare office?").
CLAIMANT_WORDS = frozenset("dshs tanf".split())
CLAIMANT_PHRASES = (("welfare", "office"), ("welfare", "fraud"), ("welfare", "benefits"), ("benefit", "claim"),
                    ("benefit", "claims"), ("benefit", "payment"), ("benefit", "payments"), ("benefit", "fraud"),
                    ("housing", "benefit"))
#: A client's side of their own case ("I'm always having problems with my caseworker. Can I get a
#: different worker?", "What if I refuse to let a CPS worker into my home?"): the code states the
#: worker's duties, not what a client may do about a worker or an agency. "my social worker"
#: before a word of these is the asker's own title or role ("my social worker ID card").
#: One worker only: "my/our social workers" are those a supervisor or a manager speaks of ("As a
#: supervisor, how do I help my social workers avoid burnout?").
WORKER_OF_MINE = (("social", "worker"), ("socialworker",), ("caseworker",), ("case", "worker"))
OWN_STANDING = frozenset("""title id card badge association colleague colleagues license licence uniform account
    role job profession career status identity friends friend degree training skills values student students
    intern interns trainee trainees team supervisor manager""".split())
CHILD_SERVICES = (("cps",), ("social", "services"), ("child", "protective", "services"),
                  ("child", "protection", "services"))
MY_HOUSEHOLD = frozenset("""child children kid kids home house case family son daughter baby husband wife partner
    mother mom mum father dad parents""".split())
#: What a worker introducing themselves types before their role ("As a social worker, …", "I'm a
#: caseworker …"): not a client speaking of a worker who comes to them.
SELF_INTRODUCED = (("as",), ("i", "am"), ("i'm",), ("im",))
#: Vocabulary concepts that name the field as surely as "pekerja sosial" does: its roles ("PK
#: BAPAS", "TKSK", "pendamping PKH", "LSM") and its service ("pendampingan"). A question on
#: conduct naming one is the rules' to judge, and the gate's only over its fourth, highest
#: threshold (``search.Searcher.gate_judges_conduct``, ``search.Searcher.gate_judges_kept``).
FIELD_CONCEPTS = frozenset({"kelompok_pekerja", "pendampingan"})
#: The vocabulary's concepts that programme and pay words themselves match: no sign of a
#: question about conduct.
PROGRAMME_CONCEPTS = frozenset({"kesejahteraan_sosial", "hak_dan_imbalan_pekerja"})
#: A programme's payment is the programme's own matter ("Who should I contact if my PKH payment
#: is late?", "pembayaran PKH saya telat"), not the fees of Pasal 11: beside a programme, a
#: concept these words alone match is no other topic ("payment" is "bayar ongkos" once the
#: glossary has put it in the corpus's words).
PROGRAMME_PAYMENT_WORDS = frozenset("payment payments pembayaran pembayarannya bayar ongkos".split())
#: Words that ask about ethics: a question with one of them asks the ethics of an
#: administrative matter it names, never only the matter (``Query.administrative``).
ETHICS_WORDS = frozenset("etika etis etik etiknya etikanya ethical ethics ethic unethical ethically".split())
#: Words that name a professional as the one whose conduct is asked about (the asker alone,
#: "saya", may be a recipient asking about a payment).
WORKER_WORDS = frozenset(
    "peksos pekerja pendamping petugas worker workers practitioner practitioners tksk psm".split()
)
#: Staff of an agency or a programme, named by their post rather than as a worker.
STAFF_WORDS = frozenset("staf staff pegawai karyawan officer officers employee employees caseworker caseworkers".split())
#: Words naming social work or its ethics: a question with one of them is about the field even
#: when the ranking cannot place it (it gets the closest passages, not a bare refusal).
DOMAIN_WORDS = frozenset(
    "peksos pekerja pekerjaan etik etika kode kodepeksos ipspi klien profesi profesional sejawat penyelia "
    "ethics ethical ethic code client clients profession professional colleague colleagues supervisor "
    # English practitioners name the helping role they hold ("Can Therapists Accept Gifts?"); the
    # Indonesian "konselor", "terapis" mostly name another profession ("Apa itu Konselor?")
    "therapist therapists counselor counselors counsellor counsellors "
    # a student's field placement ("struggling to cope on your placement")
    "praktikum placement".split()
)
#: "social work", "social worker": "social" alone ("Ministry of Social Affairs") names no profession.
DOMAIN_PHRASES = (("social", "work"), ("social", "worker"), ("social", "workers"),
                  # the worker's case notes ("Can I use ChatGPT to summarise case notes?")
                  ("case", "notes"), ("case", "note"), ("catatan", "kasus"))
#: Question forms that ask what something is, what it is for, or why it matters.
DEFINITION_PHRASES = (("apa", "yang", "dimaksud"), ("apa", "yg", "dimaksud"), ("yang", "di", "maksud"),
                      ("yg", "di", "maksud"), ("maksud",), ("dimaksud",), ("apa", "itu"), ("apakah", "itu"), ("apa", "sih"), ("siapa",),
                      ("pengertian",), ("definisi",), ("arti",), ("tujuan",), ("fungsi",), ("manfaat",),
                      ("pentingnya",), ("penting",), ("mengapa",), ("kenapa",), ("what", "is"), ("what", "are"), ("what", "does"), ("what", "do"),
                      ("who", "is"), ("who", "are"), ("why",), ("purpose",), ("define",), ("definition",),
                      ("meaning",), ("important",), ("importance",), ("role",),
                      # "Apa beda sebuah pekerjaan dan kerja sosial?": what sets the profession apart
                      ("beda",), ("bedanya",), ("perbedaan",), ("difference",))
#: Phrases asking what a word means ("Apa yang dimaksud dengan diskriminasi?", "pengertian
#: privasi", "What is bartering?"): a frame around the topic, not the topic.
MEANING_PHRASES = (("apa", "yang", "dimaksud"), ("apa", "yg", "dimaksud"), ("yang", "di", "maksud"),
                   ("yg", "di", "maksud"), ("dimaksud",), ("maksud",), ("pengertian",), ("definisi",),
                   ("arti",), ("apa", "itu"), ("apakah", "itu"), ("what", "is"), ("what", "are"),
                   ("define",), ("definition",), ("meaning",))
#: The subjects of a general question about the code or the profession: a definition
#: question made only of these (and question words) asks what BAB I/III explain.
GENERAL_SUBJECTS = frozenset(
    "kode etik etika kodepeksos ipspi peksos pekerja pekerjaan sosial profesi profesional praktik praktek "
    "indonesia code ethics ethic ethical social work worker workers profession professional practice "
    "dimaksud maksud pengertian definisi arti tujuan fungsi manfaat penting pentingnya itu sih siapa "
    "mengapa kenapa purpose define definition meaning important importance role sebuah seorang "
    "kerja adanya memiliki punya perlu diperlukan dibutuhkan beda bedanya perbedaan difference".split()
)
#: "Apa kewajiban pekerja sosial terhadap klien?", "What are social workers' ethical
#: responsibilities to colleagues?": the duties the code groups in one part (B–F are titled
#: "Kewajiban Pekerja Sosial Profesional Terhadap …"). English is already translated
#: ("responsibilities" → "tanggung jawab", "employers" → "lembaga").
DUTY_WORDS = frozenset("kewajiban kewajibannya wajib tanggung jawab bertanggungjawab tugas".split())
TOWARDS = frozenset("terhadap kepada pada bagi ke to towards toward".split())
#: The addressee named after "terhadap"/"to", and the letter of the part about duties to it.
PART_ADDRESSEES = {"klien": "B", "kliennya": "B", "rekan": "C", "sejawat": "C", "lembaga": "D", "lembaganya": "D",
                   "profesi": "E", "profesinya": "E", "masyarakat": "F"}
#: The code named before "terhadap" asks for a part as a duty word does ("isi kode etik
#: terhadap klien"); "isi", "aturan" are what of it is asked.
PART_CODE_NAMES = frozenset("kode kodepeksos code isi aturan ketentuan bunyi".split())
#: ... but only before these: "manfaat kode etik bagi masyarakat" asks what the code is for.
AGAINST = frozenset("terhadap thd towards toward".split())
#: Words a general question on a part's duties may also have ("the broader society"; a
#: student's "Sebutkan …", "Jelaskan …").
PART_FILLERS = frozenset("broader wider luas umum utama main primary saja aja sih mempekerjakan mempekerjakannya tempat "
                         "bekerja sebutkan jelaskan uraikan terangkan list name describe explain".split())
#: Names of other documents: "kode etik <profesi lain>", "UU Nomor …".
LAW_WORDS = frozenset("uu undang-undang peraturan permensos perpres pp perda law act".split())
#: A status a law gives ("What are the social worker's legal obligations as a mandated
#: reporter?"): what that law requires is asked, which the code does not say.
LEGAL_STATUS = frozenset({("mandated", "reporter"), ("mandated", "reporters"), ("mandatory", "reporter"),
                          ("mandatory", "reporters")})
#: Laws named by their short names: a question naming one asks what that law requires
#: ("Must social workers comply with HIPAA regulations?"), which the code does not say.
NAMED_LAWS = frozenset("hipaa ferpa gdpr".split())
#: Regulations named by their kind alone ("menurut Permensos", "Pasal 28H UUD 1945"): the
#: code quotes none of them.
REGULATION_WORDS = frozenset(
    "permensos permenpan permenpan-rb permenpanrb permendikbud permenkes perpres perda perkap "
    "uud kuhp kuhap konvensi sppa".split()
)
#: Words that name the law in general unless a name follows ("according to the law" names no
#: text; "undang-undang perlindungan anak" does): Pasal 7 itself defers to legal orders.
GENERIC_LAW = frozenset("law laws undang-undang peraturan".split())
#: Both, for asking whether a question names a law or a regulation at all.
_LAW_NAMES = LAW_WORDS | REGULATION_WORDS
#: "menurut Permensos", "according to the law": the question asks what another text says.
ACCORDING_TO = frozenset("menurut berdasarkan sesuai according under".split())
#: Words after "kode etik" / before "code (of ethics)" that name this code, not another.
THIS_CODE = frozenset(
    "ini itu tsb tersebut kita kami pekerja pekerjaan peksos profesi ipspi kodepeksos indonesia "
    "indonesian this our the a an social work worker workers my".split()
)
#: "isi UUD 1945", "bunyi Pasal 28H …": asks for the text of another document.
SOURCE_WORDS = frozenset("isi bunyi".split())
#: Questions that ask for a number ("berapa lama", "how many"): the code gives none.
NUMBER_PHRASES = (("how", "many"), ("how", "much"), ("how", "long"), ("berapa",), ("brp",))

#: Hyphenated names the rules read whole (``QueryAnalyzer._compounds_split`` keeps them).
_KEPT_COMPOUNDS = frozenset(w for w in ADMIN_ALWAYS | ADMIN_PROGRAMS | REGULATION_WORDS | LAW_WORDS if "-" in w)


@dataclass(frozen=True)
class Query:
    """One question, ready for both indexes."""

    #: as asked: courtesies, a list number and stretched letters set aside (``without_courtesy``,
    #: ``without_numbering``, ``QueryAnalyzer._unstretched``); in English, slips mended
    text: str
    words: tuple[str, ...]
    normalized: tuple[str, ...]
    terms: dict[str, float] = field(hash=False)  # stemmed lexical term -> weight
    own_terms: frozenset[str] = frozenset()  # the terms from the question's own words (not expansions)
    #: own terms a vocabulary phrase explains ("terima" of "tanda terima kasih", "perkawinan" of
    #: "married client"): weighed little, and no evidence of a particular passage
    explained: frozenset[str] = frozenset()
    concepts: tuple[str, ...] = ()  # ids of vocabulary concepts the question matched
    scope: bool = False  # asks to whom the code applies
    unknown: tuple[str, ...] = ()  # content words found neither in the corpus nor the vocabulary
    #: content words the corpus itself never uses (known through the vocabulary at most)
    outside_corpus: int = 0
    #: put as a question: it ends with "?" or opens with a question word (a bare topic,
    #: "informed consent", searches the code)
    asks: bool = False
    content_words: tuple[str, ...] = ()  # its content words (normalized), in order
    asks_meaning: bool = False  # asks what a word means (``MEANING_PHRASES``)
    conduct: bool = False  # asks whether something is allowed/required ("boleh", "harus")
    situation: bool = False  # tells the asker's own situation, in the first person ("saya")
    procedure: bool = False  # asks for a procedure, form or schedule ("prosedur", "jadwal", "gimana caranya")
    how_only: bool = False  # the procedure asked for is only a "how" ("gimana caranya"), no "prosedur", "tahapan"
    topics: int = 0  # how many of the code's topics (vocabulary concepts that are not a setting) it matched
    admin: bool = False  # asks for a requirement, a registration or a form ("syarat", "mendaftar")
    requirement: bool = False  # of those, only what is required, not to become something ("syarat")
    other_document: bool = False  # names another code or a law ("kode etik advokat", "UU Nomor 14")
    field_code: bool = False  # names another social-work body's code ("According to the NASW Code of Ethics …")
    asks_article: bool = False  # which article of the code says it ("pasal berapa yang mengatur …?")
    number: bool = False  # asks for a number ("berapa lama", "how many hours")
    english: bool = False  # typed in English (most of its function words are English)
    administrative: bool = False  # about registration, licences, social assistance or pay, not a worker's conduct
    clients_case: bool = False  # a client's side of their own case ("Can I get a different caseworker?")
    domain: bool = False  # names social work or its ethics ("pekerja sosial", "kode etik", "client")
    definition: bool = False  # asks what the code or the profession is, is for, or why it matters
    part: str = ""  # asks the duties of one part, its letter ("Apa kewajiban pekerja sosial terhadap klien?": "B")

    @property
    def content(self) -> int:
        """How many content words the question has."""
        return len(self.content_words)


@lru_cache(maxsize=4096)
def _concept_words(concept: Concept) -> frozenset[str]:
    """The words of a concept's everyday and English terms (once per concept, not per question)."""
    return frozenset(w for t in (*concept.everyday, *concept.english) for w in words(t))


@lru_cache(maxsize=4096)
def _covered_stems(concept: Concept) -> frozenset[str]:
    """The stems a matched concept explains: a question word among them is no unknown topic."""
    return (frozenset(stem(w) for t in concept.everyday for w in words(t))
            | frozenset(english_stem(w) for t in concept.english for w in words(t)))


class QueryAnalyzer:
    """Turns question text into a ``Query``; built once per index."""

    def __init__(self, normalizer: Normalizer, vocabulary: Vocabulary | None,
                 expansion_weight: float = EXPANSION_WEIGHT, use_normalizer: bool = True,
                 bigram_weight: float = BIGRAM_WEIGHT):
        self.bigram_weight = bigram_weight
        self.normalizer = normalizer
        self.vocabulary = vocabulary
        self.expansion_weight = expansion_weight
        self.use_normalizer = use_normalizer
        #: English stems of the words of questions the code answers (the example questions,
        #: set by ``Searcher``): in an English question such a word ("handle", "people",
        #: "acceptable") is no sign of a topic the code does not know.
        self.answered_stems: frozenset[str] = frozenset()
        #: Every word of the vocabulary's terms ("peksos" of "sesama peksos"): never a slip.
        self._term_words = frozenset(w for c in vocabulary.concepts for t in (*c.everyday, *c.english)
                                     for w in words(t)) if vocabulary is not None else frozenset()

    def _compounds_split(self, tokens: list[str]) -> list[str]:
        """Words joined by hyphens that no dictionary knows as one ("Biaya-untuk-Layanan",
        "dual-relationship", "fee-for-service") split into their words; a reduplication
        ("hak-hak", "sebaik-baiknya") and a name the rules read whole ("permenpan-rb") stay whole."""
        out: list[str] = []
        for token in tokens:
            parts = [p for p in token.split("-") if p]
            if len(set(parts)) < 2 or token in _KEPT_COMPOUNDS or self._known(token):
                out.append(token)
            else:
                out.extend(parts)
        return out

    def _mend_english(self, word: str, capitals: frozenset[str] = frozenset()) -> str:
        """An English question word with a slip in it as the word it is a slip of: the vocabulary's
        word first (``Vocabulary.mend_english``), else a common English word (``spell_english``);
        a word known in either language, a term of the vocabulary ("peksos") or one typed in
        ``capitals`` (an acronym: "CAFCASS") stays."""
        mended = self.vocabulary.mend_english(word)
        if mended != word or self._known(word) or word in capitals or word in self._term_words:
            return mended
        return spell_english(word) or word

    def _unstretched(self, text: str) -> str:
        """``text`` with its stretched words typed plainly ("bolehhh" -> "boleh", "gimanaaa" ->
        "gimana", "goood" -> "good"): a letter typed three times or more is typed twice where that
        makes a known word, else once."""
        def plain(match: re.Match) -> str:
            word = match.group()
            twice = _STRETCH.sub(r"\1\1", word)
            lower = twice.lower()
            known = self._known(lower) or (lower.isalpha() and lower in english_dictionary())
            return twice if known else _STRETCH.sub(r"\1", word)

        return _STRETCHED_WORD.sub(plain, text)

    def _known(self, word: str) -> bool:
        if self.vocabulary is not None and self.vocabulary.translate(word):
            return True
        return self.normalizer is not None and self.normalizer.known(word)

    def __call__(self, text: str, terms_only: bool = False) -> Query:
        """The question analyzed; ``terms_only``: only its words, terms and concepts, what
        the example questions are compared on (``assistant.examples``: at start, 1.2 -> 1.0 s)."""
        text = without_courtesy(without_numbering(self._unstretched(text)))
        raw = self._compounds_split(words(text))
        english = _looks_english(raw)
        if self.vocabulary is not None and self.vocabulary.glossary and english:
            # English is translated word by word into the corpus's own words; the Indonesian
            # slang table and typo tolerance would only mangle it ("make" is not "memakai").
            # A slip in an English word the vocabulary knows ("freinds") is mended first.
            # So is a slip of a common English word no dictionary knows ("shuld", "importnt").
            capitals = frozenset(w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text))
            mended = [self._mend_english(w, capitals) for w in raw]
            # The model reads the mended words too ("importnt" is cut into pieces it does not know).
            text = _mended_text(text, {w: m for w, m in zip(raw, mended) if m != w})
            raw = mended
            normalized = self.vocabulary.translate_words(raw)
        elif self.use_normalizer:
            normalized = self.normalizer.normalize(raw)
        else:
            normalized = list(raw)
        terms: dict[str, float] = {}
        meta_stems = {stem(w) for w in META_WORDS}
        # English function words would match the one English sentence of the corpus (Pasal 7).
        # "pasal" without a number names no topic ("pasal itu?").
        own = [t for t in analyze(" ".join(normalized)) if t not in ENGLISH_STOPWORDS and t != "pasal"]
        # A question only about the code itself ("Kodepeksos itu apa?") keeps its words' full weight.
        meta_weight = META_WEIGHT if any(t not in meta_stems for t in own) else 1.0
        for term in own:
            # A word typed twice ("bantu … bantuannya") is still one word of the question.
            terms[term] = meta_weight if term in meta_stems else 1.0
        for pair in bigrams(own):
            terms[pair] = terms.get(pair, 0.0) + self.bigram_weight
        matched = []
        explained_terms: frozenset[str] = frozenset()
        code_topic = False  # one of the code's topics matched (``_is_topic``)
        scope_topic = False  # ... other than by a workplace's kind alone (``WORKPLACE_TRIGGERS``)
        triggers: dict[str, set[str]] = {}  # the vocabulary terms that matched each concept
        if self.vocabulary is not None:
            # Match on what was typed and on its normalized form ("curhatan", "nyebarin").
            seen = set()
            explained: set[str] = set()
            expanded: set[str] = set()
            for concept, term in self.vocabulary.match(list(raw)) + self.vocabulary.match(normalized):
                triggers.setdefault(concept.id, set()).add(term.lower())
                if len(words(term)) > 1:
                    # "tanda terima kasih" is a gift: its words are not "menerima" (Pasal 16).
                    explained |= set(analyze(term))
                    if english and concept.descriptor:
                        # ... and in English, the translations of a setting's words: "sexually
                        # abused" says what befell the client; its "sexual" is not Pasal 6's
                        # "kegiatan seksual", its "abuse" no "penyalahgunaan" (the setting's own
                        # corpus words, "service user": "pelayanan", stay).
                        translated = analyze(" ".join(self.vocabulary.translate_words(words(term))))
                        own_words = {t for phrase in concept.corpus for t in index_terms(phrase)}
                        explained |= set(translated) - own_words
                if concept.id in seen or set(words(term)) <= META_WORDS:
                    continue
                seen.add(concept.id)
                matched.append(concept)
            asks_scope = any(c.scope for c in matched)
            code_topic = any(_is_topic(c) for c in matched)
            # "Does this code apply to social workers in hospitals?": a workplace named only by
            # its kind says where those asked about work, no topic the code may or may not cover.
            scope_topic = any(_is_topic(c) and not triggers.get(c.id, set()) <= WORKPLACE_TRIGGERS for c in matched)
            # "Is research covered by the code?": whether a topic is covered, not to whom the code
            # applies (``Query.scope``): "covered", "berlaku" search nothing of their own.
            topic_covered = asks_scope and not any(c.group for c in matched) and scope_topic
            for concept in matched:
                if concept.group and not asks_scope:
                    # ... and its words weigh little: "Saya mahasiswa praktikum, boleh terima hadiah
                    # dari klien?" is no question about evaluating students (Pasal 9's "mahasiswa").
                    explained |= {t for trigger in triggers.get(concept.id, ()) for t in analyze(trigger)}
                if concept.descriptor or (concept.group and not asks_scope) or (concept.scope and topic_covered):
                    # "mahasiswa", "PK BAPAS" say who asks, "anak jalanan" who the client is:
                    # the setting of the question, not its topic (a group is one in a scope question).
                    continue
                expansion = {t for phrase in concept.corpus for t in index_terms(phrase)}
                expanded |= expansion
                for term in expansion:
                    terms[term] = terms.get(term, 0.0) + self.expansion_weight / max(1, len(expansion)) ** 0.5
            gone = explained - expanded
            for term in gone:
                if term in terms:
                    terms[term] = min(terms[term], EXPLAINED_WEIGHT)
            # What they explain is no evidence of a passage, nor are the pairs made with it ("status_kawin").
            explained_terms = frozenset(t for t in gone if t in terms) | frozenset(
                pair for pair, (a, b) in zip(bigrams(own), zip(own, own[1:])) if a in gone or b in gone)
        if terms_only:
            return Query(text=text, words=tuple(raw), normalized=tuple(normalized), terms=terms,
                         own_terms=frozenset(own) | frozenset(bigrams(own)), explained=explained_terms,
                         concepts=tuple(c.id for c in matched))
        covered = set().union(*(_covered_stems(c) for c in matched))
        content = [
            w for w in normalized
            if w not in STOPWORDS and w not in ENGLISH_STOPWORDS and w not in OBLIGATION_WORDS
            and w not in META_WORDS and not w.isdigit()
        ]
        unknown = tuple(
            w for w in content
            if stem(w) not in self.normalizer.corpus_stems and stem(w) not in covered and english_stem(w) not in covered
            and not (english and english_stem(w) in self.answered_stems)
            # "langkah", "prosedur" say what is asked, not about what: no evidence of a foreign topic.
            and not w.startswith(_PROCEDURE_PREFIXES) and w not in EXPLAIN_WORDS
        )
        everything = set(raw) | set(normalized)
        pairs = {tuple(normalized[i : i + n]) for n in (2, 3) for i in range(len(normalized))}
        asks_article = any(p in pairs for p in ARTICLE_PHRASES) and not _LAW_NAMES & everything
        conduct_words = CONDUCT_WORDS & everything
        required = any(w.startswith(REQUIREMENT_WORDS) for w in everything)
        if unknown and required and conduct_words <= REQUIREMENT_MODALS and all(
                _fulfilled_after(raw, i) for i, w in enumerate(raw) if w in REQUIREMENT_MODALS):
            conduct_words = set()  # "syarat yang harus dipenuhi untuk …" (``REQUIREMENT_MODALS``)
        domain = bool(DOMAIN_WORDS & (everything | _unowned(everything))) or any(p in pairs for p in DOMAIN_PHRASES)
        conduct = (bool(conduct_words) or any(p in pairs for p in CONDUCT_PHRASES) or asks_article
                   or _asks_the_code(list(raw)) or _asks_the_code(list(normalized)) or _judged_as_typed(list(raw))
                   # (a bare "bagaimana?" after a told situation of the field on one of the code's
                   # topics; "Tetangga bikin pesta sampai tengah malam, bagaimana?" names neither)
                   or (code_topic and (_judges_what_was_told(text) or _asks_what_if(list(normalized)))
                       and (domain or any(c.id in FIELD_CONCEPTS for c in matched))))
        situation = bool(FIRST_PERSON & set(normalized))
        admin_words = {w for w in everything if w.startswith(ADMIN_WORDS)}
        admin = bool(admin_words)
        requirement = admin and all(w.startswith(REQUIREMENT_WORDS) for w in admin_words) and not (
            BECOMING_WORDS & everything)
        procedure = _asks_procedure(list(normalized))
        # A procedure word, typed or normalized, or an administrative word ("how to register"):
        # more than a "how".
        procedure_word = admin or _asks_procedure(list(normalized), how=False) or _asks_procedure(list(raw), how=False)
        others = set().union(*(_concept_words(c) for c in matched if c.other_profession))
        # A name the dictionaries do not know ("NASW", "PPNI") may name another body's code;
        # a word they know ("menyinggung", "bingung") does not.
        # (An English question's words are in no Indonesian dictionary: only "NASW code" counts there.)
        foreign = others if english else others | {
            w for w in unknown if w not in dictionary() and stem(w) not in dictionary()
        }
        # Another social-work body ("NASW", "IFSW") is no other document of its own: its code
        # speaks to the same conduct (``Query.field_code``; ``Searcher.search`` answers it near).
        field_bodies = FIELD_BODIES & everything
        foreign -= field_bodies
        unmasked = _FIELD_BODY_TEXT.sub(" ", text)
        # A programme named inside a told dilemma ("ditekan pejabat waktu asesmen bansos") is the
        # setting of a question about integrity, not an administrative one.
        # A concept matched only by a programme's own word ("dicoret" is also struck off a voters'
        # list, client rights) is no other topic either.
        def topics_beyond(words_: frozenset[str]) -> int:
            """The topics matched by some word not among ``words_``."""
            return sum(1 for c in matched if not (c.descriptor or c.group or c.scope or c.other_profession)
                       and c.id not in PROGRAMME_CONCEPTS and not triggers.get(c.id, set()) <= words_)
        other_topics = topics_beyond(ADMIN_PROGRAMS | PROGRAMME_PAYMENT_WORDS)
        # As typed too: normalizing puts English words in the corpus's ("universal credit").
        typed_pairs = pairs | {tuple(raw[i : i + n]) for n in (2, 3, 4) for i in range(len(raw))}
        career = (any(p in typed_pairs for p in CAREER_PHRASES) and not code_topic
                  and not NOT_CAREER_WORDS & everything) or (
            any(p in typed_pairs for p in BECOMING_HOW) and not code_topic and not NOT_CAREER_WORDS_HOW & everything
            and bool(DOMAIN_WORDS & everything or any(c.id == "kelompok_pekerja" for c in matched)))
        # "the licensed social worker" of a vignette on one of the code's topics names the role
        # ... and so does that of a vignette asking what the worker should do ("A client … How
        # should the licensed social worker respond?"), a topic of the code in it or not
        # (becoming one read as typed: the glossary turns "licensed" into "resmi anggota")
        acts = any(p in pairs for p in SHOULD_ACT) and not BECOMING_WORDS & set(raw)
        # (the vocabulary reads "registered" as joining the association: a topic of its own only
        # where a word besides it matched the concept)
        role_topics = topics_beyond(ADMIN_PROGRAMS | PROGRAMME_PAYMENT_WORDS | STANDING_TERMS)
        # ... and, in a question of conduct, a worker so introduced ("A registered social worker is
        # offered an expensive watch … Should she accept it?"), not one to be ("Who has to be a
        # Registered Social Worker?")
        role = {w for w in ROLE_STANDINGS if _names_role(raw, w) and (
            role_topics or acts or (conduct and _introduces_worker(raw, w)))}
        # ... and a registration that is someone else's ("help with her voter registration", a
        # client's): the worker's conduct around it is asked, not their own register
        if "registration" in raw and (CLIENT_WORDS & everything or any(
                raw[i - 1] in OTHERS_REGISTRATION for i, w in enumerate(raw) if w == "registration" and i)):
            role.add("registration")
        # ... and "registered" before a noun that is no worker's role ("a registered sex offender")
        if "registered" in raw and all(i + 1 < len(raw) and raw[i + 1] not in LICENSED_ROLE_NEXT | STANDING_AFTER
                                       for i, w in enumerate(raw) if w == "registered"):
            role.add("registered")
        # "Is it ethical for a licensed social worker to share a client's file …?": the ethics of
        # an administrative matter is asked, not the matter (the other rules still judge it).
        administrative = not ETHICS_WORDS & everything and (
            bool(ADMIN_ALWAYS & (everything - role)) or any(p in typed_pairs for p in ADMIN_PHRASES) or career
            or (bool(ADMIN_UNLESS_CONDUCT & everything) and not (conduct and other_topics))
            or (bool(ADMIN_UNLESS_TOPIC & everything) and not code_topic
                and not (conduct and CLIENT_WORDS & everything)) or (
                (bool(ADMIN_PROGRAMS & everything) or any(p in typed_pairs for p in ADMIN_PROGRAM_PHRASES))
                and not (conduct and WORKER_WORDS & everything)
                # (a pay rate asked of a setting in a few words, "the salary of a hospital social
                # worker", is no other topic: a told situation or a question about conduct carries one)
                and not (other_topics and not (PAY_WORDS & everything and not conduct and not situation
                                               and len(content) <= PAY_RATE_MAX_CONTENT))
                and not (PAY_WORDS & everything and RIGHTS_WORDS & set(raw)))
            or ((bool(CLAIMANT_WORDS & everything) or any(p in typed_pairs for p in CLAIMANT_PHRASES))
                and not (WORKER_WORDS | DOMAIN_WORDS | STAFF_WORDS) & everything))
        def framed(phrases) -> bool:
            return any(p in pairs or tuple(raw[i : i + len(p)]) == p for p in phrases for i in range(len(raw)))
        # A short unknown word is a typo of a function word ("Apa yag di maksud …"), no topic.
        definition = framed(DEFINITION_PHRASES) and any(
            all(w in GENERAL_SUBJECTS or w in STOPWORDS or w in ENGLISH_STOPWORDS or (w in unknown and len(w) <= 3)
                for w in ws) for ws in (raw, normalized))
        return Query(
            text=text, words=tuple(raw), normalized=tuple(normalized), terms=terms,
            own_terms=frozenset(own) | frozenset(bigrams(own)), explained=explained_terms,
            administrative=administrative, domain=domain,
            # (not where the code itself is asked about: "… what does the code say?")
            clients_case=_a_clients_own_case(raw) and not (CLIENT_WORDS | ETHICS_WORDS | CODE_NAMES) & everything,
            definition=definition and bool((GENERAL_SUBJECTS & everything) - STOPWORDS),
            part=_asks_part(list(normalized)),
            conduct=conduct,
            situation=situation,
            procedure=procedure,
            how_only=procedure and not procedure_word,
            topics=sum(1 for c in matched if not (c.descriptor or c.group or c.scope or c.other_profession)),
            admin=admin,
            requirement=requirement,
            other_document=_names_other_document(list(normalized), foreign)
            or _names_other_document(list(raw), foreign)
            or _names_other_code(unmasked)
            or _asks_of_other_profession(list(raw), others, any(p in typed_pairs for p in DOMAIN_PHRASES))
            or _asks_other_article(list(normalized))
            or (_cites_regulation(list(raw)) or _cites_regulation(list(normalized))) and not situation
            or ((_names_a_law(list(raw)) or _names_a_law(list(normalized))) and not conduct and not situation
                and not ADVOCACY_WORDS & everything),
            field_code=bool(field_bodies),
            asks_article=asks_article,
            number=_asks_number(list(raw)) or _asks_number(list(normalized)),
            concepts=tuple(c.id for c in matched),
            # "Apakah kode etik ini berlaku untuk PK BAPAS?": asks whether it applies, to a group or to "this code".
            # ("Apa yang diatur kode etik tentang kerahasiaan?" asks what it rules, not for whom.)
            # "What aspects of supervision are covered by the code?", "aturan ongkos di kode etik msh
            # berlaku gk?": with a topic of the code and no group of workers named, whether the code
            # covers that topic is asked (ranked by the topic), not to whom it applies.
            scope=any(c.scope for c in matched) and (
                any(c.group for c in matched) or (bool(CODE_WORDS & set(raw)) and not scope_topic))
            and not _asks_what_is_ruled(list(raw)),
            unknown=unknown, content_words=tuple(content),
            asks_meaning=framed(MEANING_PHRASES), english=english,
            outside_corpus=sum(1 for w in content if stem(w) not in self.normalizer.corpus_stems),
            asks=text.rstrip().endswith("?") or bool(raw[:1] and raw[0] in QUESTION_OPENERS),
        )


#: A student's frame around a topic: "Bagaimana penerapan prinsip kerahasiaan dalam praktik
#: pekerjaan sosial?" asks about "kerahasiaan", but "penerapan" reads as the code's own
#: application (BAB III) and "praktik pekerjaan sosial" as BAB I's words, so Pasal 7 was not
#: shown, and "… prinsip kompetensi …" was refused (``without_application_frame``).
APPLICATION_FRAME = re.compile(r"\b(?:penerapan(?:nya)?|implementasi(?:nya)?|pengimplementasian|pengaplikasian)\b",
                               re.IGNORECASE)
PRACTICE_SETTING = re.compile(r"\b(?:dalam|di|pada)\s+(?:dunia\s+)?(?:praktik|praktek)\s+(?:pekerjaan|pekerja)\s+sosial\b",
                              re.IGNORECASE)
#: Words of the frame besides the general subjects: what is left is the topic.
FRAME_WORDS = frozenset("jelaskan uraikan prinsip nilai seperti".split())
#: What a student applies in such a frame when it is the code's own: the code, its ethics, its
#: principles or values ("Bagaimana penerapan kode etik pekerja sosial dalam penanganan anak
#: berhadapan dengan hukum?"), not a theory or a method of practice.
APPLIED_SUBJECTS = frozenset("kode etik etika kodepeksos prinsip nilai nilai-nilai".split())


def _mended_text(text: str, mended: dict[str, str]) -> str:
    """``text`` with each word of ``mended`` (lower-cased, as typed) replaced by its mending."""
    if not mended:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, mended)) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: mended.get(m.group().lower(), m.group()), text)


def without_numbering(text: str) -> str:
    """``text`` without the number it was given in a list or an exam ("Soal 3: Jelaskan …" ->
    "Jelaskan …"): the number is no article's, nor a word of the corpus's lists."""
    out = _NUMBERING.sub("", text, count=1)
    return out if out.strip() else text


def without_courtesy(text: str) -> str:
    """``text`` without the courtesies around its question: whole clauses of greeting, leave to
    ask or thanks (or a lone "Kak,") at its start or end, and a greeting or a leave to ask
    opening its first clause ("Pagi pak, izin bertanya bagaimana …" -> "bagaimana …"). A form
    of address alone is no courtesy where it may name someone ("Ibu saya, …", "Pak RT …"), nor
    is a time of day ("Malam hari …") or a question asked of someone ("Saya bertanya kepada …").
    When that would leave nothing: the text as it is."""
    clauses = _CLAUSE.findall(text)
    while len(clauses) > 1 and _courteous(words(clauses[0])):
        clauses.pop(0)
    while len(clauses) > 1 and _courteous(words(clauses[-1])):
        clauses.pop()
    first = clauses[0] if clauses else ""
    tokens = [(m.start(), words(m.group())) for m in re.finditer(r"\S+", first)]
    flat = [w for _, found in tokens for w in found]
    cut, seen = 0, 0
    for i, (_, found) in enumerate(tokens):
        if not found or not all(w in COURTESY_WORDS or w in PARTICLES for w in found):
            break
        before, seen = flat[:seen], seen + len(found)
        after = flat[seen:seen + 1]
        if all(_greets(w, before[-1:], after) or w in ADDRESS_WORDS and _greeted(before) for w in found) \
                or (ASKING_WORDS & set(found) and LEAVE_WORDS & set(before)):
            cut = i + 1
    if 0 < cut < len(tokens):
        first = first[tokens[cut][0]:]
    out = (first + "".join(clauses[1:])).strip()
    return out or text


def only_courtesy(text: str) -> bool:
    """``text`` is nothing but courtesies ("Halo kak!", "Terima kasih 🙏", "Thanks!"): no question."""
    clauses = [found for found in map(words, _CLAUSE.findall(text)) if found]
    return bool(clauses) and all(map(_courteous, clauses))


def _greets(word: str, previous: list[str], following: list[str]) -> bool:
    """``word`` greets: a greeting, or a time of day after "selamat" / "good" or before an address."""
    if word in TIME_WORDS:
        return bool(set(previous) & {"selamat", "good"} or set(following) & ADDRESS_WORDS)
    return word in GREETING_WORDS


def _greeted(found: list[str]) -> bool:
    return any(_greets(w, found[i - 1:i], found[i + 1:i + 2]) for i, w in enumerate(found))


def _courteous(found: list[str]) -> bool:
    """A clause of courtesy only: its words all courtesy words, greeting, thanking or asking
    leave to ask, or one form of address alone ("Kak,")."""
    if not found or not all(w in COURTESY_WORDS or w in PARTICLES for w in found):
        return False
    return (_greeted(found) or bool(THANKS_WORDS & set(found)) or bool(ASKING_WORDS & set(found) and LEAVE_WORDS & set(found))
            or (len(found) == 1 and found[0] in ADDRESS_WORDS))


def applies_the_code(text: str) -> bool:
    """Whether the question asks how the code, its ethics or principles apply (a student's
    application frame around them: ``APPLICATION_FRAME``, ``APPLIED_SUBJECTS``)."""
    return bool(APPLICATION_FRAME.search(text)) and bool(APPLIED_SUBJECTS & set(words(text.lower())))


def _has_topic(text: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether a question stripped of its frame still names a topic: a word that is no general
    subject, stopword, question word or frame word (nor one of ``also``)."""
    return any(w not in GENERAL_SUBJECTS and w not in STOPWORDS and w not in QUESTION_OPENERS
               and w not in FRAME_WORDS and w not in also for w in words(text))


def without_application_frame(text: str) -> str:
    """The question without a student's application frame, when a topic remains: "Bagaimana
    penerapan prinsip kerahasiaan dalam praktik pekerjaan sosial?" is searched as "Bagaimana
    prinsip kerahasiaan dalam pekerjaan sosial?" (the field still named). A frame around the
    code itself ("Bagaimana penerapan kode etik dalam praktik pekerjaan sosial?") is kept: the
    code's application is what it asks."""
    if not APPLICATION_FRAME.search(text):
        return text
    stripped = " ".join(PRACTICE_SETTING.sub(" dalam pekerjaan sosial ", APPLICATION_FRAME.sub(" ", text)).split())
    stripped = re.sub(r"\s+([?!.,;:])", r"\1", stripped)
    return stripped if _has_topic(stripped) else text


#: The code's name before "tentang" and the like ("kode etik tentang penelitian", "apa isi kode
#: etik peksos mengenai hubungan dengan rekan sejawat"): its words weigh with BAB III and
#: Pasal 16, which name the code, more than the topic asked about.
CODE_FRAME = re.compile(
    r"\b(?:isi\s+|bunyi\s+)?(?:kode\s+etika?|kodepeksos)(?:\s+(?:profesi|pekerja|pekerjaan|sosial|peksos|ipspi|indonesia))*"
    # "kode etik ngomong apa soal gaji?", "kode etik bilang apa tentang …"
    r"(?:\s+(?:bilang|ngomong|berkata|mengatakan|ngatur|mengatur|bahas|membahas|nyebut|menyebut)(?:\s+apa)?)?"
    r"(?=\s+(?:tentang|ttg|mengenai|soal|terkait|perihal|menyangkut|seputar)\b)"
    # "Apa yang dimaksud dengan kerahasiaan dalam kode etik pekerja sosial?", "… menurut kode etik"
    r"|\b(?:dalam|di\s+dalam|menurut|berdasarkan|sesuai(?:\s+dengan)?)\s+(?:kode\s+etika?|kodepeksos)"
    r"(?:\s+(?:profesi|pekerja|pekerjaan|sosial|peksos|ipspi|indonesia))*", re.IGNORECASE)
#: Only a short question is drawn so: in a told situation the code's name is one word of many.
CODE_FRAME_MAX_WORDS = 12
#: Other social-work bodies, by their acronyms: the National Association of Social Workers
#: (NASW), the British, Australian, Canadian, Singapore, Irish and Aotearoa New Zealand
#: associations, the International Federation and the schools' association (IASSW). Named
#: one by one: degrees and licences (MSW, LCSW) and places (NSW) end in "sw" too.
FIELD_BODIES = frozenset("nasw basw aasw casw sasw iasw anzasw ifsw iassw".split())
#: The same frames in English, any code's name ("What aspects of supervision are covered by the
#: NASW code of ethics?", "What does the NASW Code of Ethics (2008) say about private practice?"):
#: a code's name drew BAB III and BAB I above the article on the topic asked about. An English
#: question names its code in a long sentence as often as in a short one, so its length is no
#: bound; what remains must name a topic the vocabulary knows (``Searcher.search``).
_CODE_NAME_WORDS = (r"(?:" + "|".join(sorted(FIELD_BODIES)) + r"|the|our|your|this|ipspi|philippine|indonesian"
                    r"|social|work|workers?|workers'|worker's|professional|\(\d{4}\)|\d{4})")
_ENGLISH_CODE = r"(?:code\s+of\s+(?:professional\s+)?ethics|ethical\s+code|ethics\s+code)(?:\s*\(\d{4}\))?"
ENGLISH_CODE_FRAME = re.compile(
    # "… covered by the NASW code of ethics", "according to the Code of Ethics, …"
    r"\b(?:according\s+to|under|in|by|within|from)\s+(?:" + _CODE_NAME_WORDS + r"\s+)*" + _ENGLISH_CODE
    # "What does the NASW Code of Ethics (2008) provide for social workers with regard to …"
    + r"|\b(?:" + _CODE_NAME_WORDS + r"\s+)*" + _ENGLISH_CODE
    + r"(?:\s+(?:say|says|state|states|provide|provides|require|requires|offer|offers|mention|mentions)"
    r"(?:\s+(?:for|to)\s+social\s+workers)?)?"
    r"(?=\s+(?:about|on|regarding|concerning|with\s+regard\s+to|in\s+regard\s+to)\b)", re.IGNORECASE)
#: "tentang" and the like, and what a question about the code's contents may add to its topic.
ABOUT_WORDS = frozenset("tentang ttg mengenai soal terkait perihal menyangkut seputar aja saja apa".split())


def without_code_frame(text: str) -> str:
    """The question without the code's name before "tentang", or after "dalam"/"menurut"
    ("Apa yang dimaksud dengan kerahasiaan dalam kode etik pekerja sosial?": Pasal 7 first, not
    BAB III), when a topic remains: "kode etik tentang penelitian" is ranked as "tentang
    penelitian" (Pasal 5 first, not Pasal 16;
    read as "pekerja sosial tentang …" the field's name drew BAB I first for "hadiah");
    "kode etik tentang apa saja?" asks about the code itself and is kept; so is a question
    of more than ``CODE_FRAME_MAX_WORDS`` words. English frames: ``ENGLISH_CODE_FRAME``."""
    frame = (CODE_FRAME if CODE_FRAME.search(text) and len(words(text)) <= CODE_FRAME_MAX_WORDS
             else ENGLISH_CODE_FRAME if ENGLISH_CODE_FRAME.search(text) else None)
    if frame is None:
        return text
    stripped = re.sub(r"\s+([?!.,;:])", r"\1", " ".join(frame.sub(" ", text).split())).lstrip(",;: ")
    return stripped if _has_topic(stripped, ABOUT_WORDS) else text


#: Concepts about the code itself, its purpose, the profession and membership of its association
#: (who the code binds: "blm daftar IPSPI, kode etik ini ngikat sy jg ga?"): no topic of the
#: code's rules.
CODE_GENERAL_CONCEPTS = frozenset(
    "tujuan_kodepeksos profesi_pekerjaan_sosial nilai_dasar_profesi penerapan_kodepeksos mengetahui_kodepeksos "
    "hubungan_yang_diatur misi_profesi perumus_kode_etik asal_indonesia keanggotaan_organisasi".split())


def _is_topic(concept: Concept) -> bool:
    """A topic of the code's rules: no setting, group, scope word, other profession or the
    code's general matters."""
    return not (concept.descriptor or concept.group or concept.scope or concept.other_profession
                or concept.id in CODE_GENERAL_CONCEPTS)


def _asks_what_is_ruled(words_: list[str]) -> bool:
    """"Apa (saja) yang diatur kode etik tentang …": what the code rules is asked, not to whom
    it applies (the scope concept's "diatur kode etik" is "pihak yang diatur kode etik")."""
    return any(w == "apa" and "diatur" in words_[i + 1 : i + 4] and {"yang", "yg"} & set(words_[i + 1 : i + 3])
               for i, w in enumerate(words_))


def _asks_part(words_: list[str]) -> str:
    """The letter of the part whose duties a general question asks ("What are social workers'
    ethical responsibilities to clients?": "B"), or "": a duty word, then "to"/"terhadap" and
    the addressee, and no other topic ("kewajiban terhadap klien yang ingin bunuh diri" asks
    about a situation, searched as usual)."""
    for i, word in enumerate(words_):
        # "Apa isi kode etik terhadap klien?": the code's name, like a duty word, asks for a part
        # ("manfaat kode etik bagi masyarakat" asks what the code is for: BAB III).
        before = set(words_[:i])
        if word not in TOWARDS or not (DUTY_WORDS & before or (PART_CODE_NAMES & before and word in AGAINST)):
            continue
        after = [w for w in words_[i + 1 : i + 4] if w not in STOPWORDS and w not in ENGLISH_STOPWORDS and w not in PART_FILLERS]
        part = PART_ADDRESSEES.get(after[0], "") if after else ""
        if not part:
            continue
        addressee = {w for w, letter in PART_ADDRESSEES.items() if letter == part}
        rest = [w for w in words_ if w not in TOWARDS and w not in DUTY_WORDS and w not in PART_CODE_NAMES
                and w not in addressee
                and w not in GENERAL_SUBJECTS and w not in STOPWORDS and w not in ENGLISH_STOPWORDS
                and w not in PART_FILLERS]
        return "" if rest else part
    return ""


#: "Sanksi pidana bagi pendamping PKH yang korupsi": a penalty of criminal law, which the
#: code does not set (its sanctions are IPSPI's, Pasal 16); a crime to be reported is not this.
CRIMINAL_PENALTY = frozenset({("sanksi", "pidana"), ("hukuman", "pidana"), ("ancaman", "pidana"),
                              ("pidana", "penjara"), ("criminal", "penalty"), ("criminal", "penalties"),
                              ("criminal", "charges"), ("criminal", "sanctions")})


#: Words between a code's name and whose code it is ("code of ethics for nurses", "kode etik
#: bagi para psikolog").
_CODE_OWNER_LINKS = frozenset("of for the untuk bagi para profesi".split())


def _names_other_document(words_: list[str], unknown: set[str]) -> bool:
    """"kode etik advokat", "UU Nomor 14 Tahun 2019": the question is about another document.

    ``unknown`` holds the words that may name another body (other professions, unknown names).
    """
    for i, word in enumerate(words_):
        following = words_[i + 1 : i + 3]
        named_code = i > 0 and words_[i - 1] in ("kode", "code") or words_[max(0, i - 2) : i] == ["code", "of"]
        if word in ("etik", "ethics") and named_code and following:
            # "kode etik perawat", "code of ethics of psychologists", "the code of ethics for
            # nurses", "kode etik bagi para konselor"
            named = list(itertools.dropwhile(lambda w: w in _CODE_OWNER_LINKS, words_[i + 1 : i + 4]))
            if named and named[0] in unknown:
                return True
        if word == "code" and i > 0 and words_[i - 1] not in THIS_CODE:
            # "the NASW code", "journalism code", "APA ethics code": somebody else's code.
            before = words_[i - 2] if words_[i - 1] in ("ethics", "ethical") and i > 1 else words_[i - 1]
            if before in unknown:
                return True
        if word in LAW_WORDS and following and (following[0] in ("nomor", "no", "number") or following[0].isdigit()):
            return True
        if tuple(words_[i : i + 2]) in CRIMINAL_PENALTY:
            return True
        if word in NAMED_LAWS:
            return True
        if tuple(words_[i : i + 2]) in LEGAL_STATUS:
            return True
    return False


#: An organisation's acronym next to "code"/"kode etik" ("NASW Code of Ethics", "kode etik
#: PPNI", "APA ethics code"), IPSPI's own excepted: another organisation's code.
_ACRONYM_CODE = re.compile(
    r"\b(?!(?:IPSPI|PEKSOS|KODEPEKSOS)\b)[A-Z]{2,6}\b(?i:\s+(?:ethics|ethical|etik))?(?i:\s+(?:code|kode|statement|model\s+rule))"
    r"|(?i:\b(?:kode\s+etik|code\s+of\s+ethics)\s+(?:\w+\s+)?)(?!(?:IPSPI|PEKSOS|KODEPEKSOS)\b)[A-Z]{2,6}\b"
)


_FIELD_BODY_TEXT = re.compile(r"\b(?:" + "|".join(sorted(FIELD_BODIES)) + r")\b", re.IGNORECASE)


#: Possessive endings: "kliennya", "klienku" name a client.
_OWNER_ENDINGS = ("nya", "ku", "mu")


def _unowned(words_: set[str]) -> set[str]:
    """The words without a possessive ending ("kliennya" → "klien")."""
    return {w[: -len(e)] for w in words_ for e in _OWNER_ENDINGS if w.endswith(e) and len(w) > len(e) + 2}


def _asks_the_code(words_: list[str]) -> bool:
    """"apa kata kode etik", "menurut kodepeksos", "kode etik blg apa", "against kode etik":
    the question asks what the code says, a question on conduct however it is worded."""
    for i, word in enumerate(words_):
        if word not in CODE_NAMES:
            continue
        if (CODE_ASKED_BEFORE | CODE_QUOTES) & set(words_[max(0, i - 3) : i]):  # "according to the code"
            return True
        before = [w for w in words_[max(0, i - 4) : i] if w not in THIS_CODE][-1:]
        if before and before[0] in CODE_IN:  # "in this IPSPI code", "di kode etik"
            return True
        # The verb after the code's name, past "etik" and words naming this code ("kode etik
        # peksos ngatur …", "kode etik ini bilang …").
        rest = words_[i + 2 :] if words_[i + 1 : i + 2] in (["etik"], ["ethics"]) else words_[i + 1 :]
        after = [w for w in rest[:3] if w not in THIS_CODE][:1]
        if after and after[0] in CODE_VERBS:
            return True
    return False


#: A told situation judged by a bare "bagaimana?" after it ("Pekerja sosial berpacaran dengan
#: klien dewasa, bagaimana?", "Pendamping desa ikut kampanye calon bupati, gimana tuh?"): the
#: question asks how the conduct told is to be judged, as "bolehkah …?" asks.
_JUDGED_AFTER_TELLING = re.compile(
    r"^(?P<told>[^?]{12,}?)\s*[,.;:]\s*(?:lalu|terus|trus|jadi|nah)?\s*"
    r"(?:bagaimana|gimana|gmn|bgmn|bagaimanakah)(?:\s+(?:tuh|dong|ya|sih|nih|ini|itu))?\s*\?*\s*$",
    re.IGNORECASE)


def _judges_what_was_told(text: str) -> bool:
    """Whether the question tells a situation and only asks "bagaimana?" of it (not "Apa …,
    bagaimana?", which is a question of its own before it)."""
    match = _JUDGED_AFTER_TELLING.match(text.strip())
    if not match:
        return False
    first = words(match.group("told"))[:1]
    return bool(first) and first[0].lower() not in QUESTION_OPENERS


#: English words of judgement, read as typed ("appropriate" is normalized into the corpus's
#: words): "Is it wrong to …?", "Is this acceptable …?", "appropriate for a social worker to …".
JUDGEMENT_WORDS = frozenset("wrong appropriate inappropriate acceptable unacceptable".split())
JUDGED_AFTER = frozenset("to for if when".split())
JUDGED_SUBJECTS = frozenset("it this that".split())
JUDGED_VERBS = frozenset("is was would be".split())


def _judged_as_typed(raw: list[str]) -> bool:
    """Whether the question asks if something is wrong, appropriate or acceptable: a word of
    judgement before "to/for/if/when", or after "is it/this/that" ("What went wrong with the
    Act?" asks no judgement)."""
    for i, w in enumerate(raw):
        if w not in JUDGEMENT_WORDS:
            continue
        if i + 1 < len(raw) and raw[i + 1] in JUDGED_AFTER:
            return True
        if i >= 2 and raw[i - 1] in JUDGED_SUBJECTS and raw[i - 2] in JUDGED_VERBS:
            return True
    return False


#: "Bagaimana jika/kalau …": what happens if something is done, asked of the field's conduct.
WHAT_IF = frozenset({("bagaimana", "jika"), ("bagaimana", "kalau"), ("bagaimana", "bila"), ("bagaimana", "apabila")})


def _asks_what_if(normalized: list[str]) -> bool:
    """Whether the question opens with "bagaimana jika/kalau/bila/apabila" (typed or as slang)."""
    return tuple(normalized[:2]) in WHAT_IF


#: What another profession may or must do, asked of it: "Can psychologists accept gifts …?",
#: "When is a nurse required to break confidentiality?", "Apa itu psikolog?". Its own code
#: answers that (``_asks_of_other_profession``).
OTHER_PROFESSION_LEADS = frozenset({
    ("can",), ("may",), ("should",), ("must",), ("are",), ("is",), ("do",), ("does",), ("when", "is"),
    ("when", "are"), ("what", "should"), ("how", "should"), ("what", "can"), ("what", "must"),
    ("bolehkah",), ("apakah",), ("haruskah",), ("apa", "itu"), ("siapa", "itu")})
OTHER_PROFESSION_ARTICLES = frozenset("a an the seorang para".split())
#: Words naming the asker's own field beside another profession ("Can a social worker tell the
#: police …?" asks the worker's conduct).
OWN_FIELD_WORDS = WORKER_WORDS | frozenset(
    "bapas caseworker caseworkers counselor counselors counsellor counsellors therapist therapists".split())


def _asks_of_other_profession(raw: list[str], professions: frozenset[str], names_social_work: bool) -> bool:
    """Whether the question opens by asking what another profession (a word of ``professions``,
    the vocabulary's other professions) may, must or should do, or what it is, and names no
    worker of the field anywhere ("Can a social worker tell the police?" is the worker's;
    ``names_social_work``: "social work(er)" typed), nor a client (the code's word for whom a
    worker serves)."""
    if not professions or names_social_work or OWN_FIELD_WORDS & set(raw):
        return False
    if CLIENT_WORDS & set(raw):
        return False  # "Bolehkah polisi meminta catatan kasus klien?": a worker's client's confidence
    for start in range(min(4, len(raw))):
        for lead in OTHER_PROFESSION_LEADS:
            end = start + len(lead)
            if tuple(raw[start:end]) != lead:
                continue
            rest = raw[end : end + 2]
            if rest[:1] and rest[0] in OTHER_PROFESSION_ARTICLES:
                rest = rest[1:]
            if rest[:1] and rest[0] in professions:
                return True
    return False


def _names_other_code(text: str) -> bool:
    """Another organisation's code, named by its acronym (see ``_ACRONYM_CODE``); a question
    typed in capitals has no acronyms to tell."""
    return text != text.upper() and bool(_ACRONYM_CODE.search(text))


def _cites_regulation(words_: list[str]) -> bool:
    """"menurut Permensos", "isi UUD 1945", "according to the child protection act": what
    another text says is asked, which no quote of this code answers. A regulation only
    mentioned ("ikut melobi revisi permensos") is a topic, not a source."""
    for i, word in enumerate(words_):
        if word not in REGULATION_WORDS and word not in LAW_WORDS:
            continue
        before, after = words_[max(0, i - 3) : i], words_[i + 1 : i + 2]
        if word in GENERIC_LAW and (not after or after[0] in STOPWORDS or after[0] in ENGLISH_STOPWORDS
                                    or after[0] in QUESTION_OPENERS):
            continue  # "according to the law", "menurut undang-undang, kapan …": no text named
        if set(before) & (ACCORDING_TO | SOURCE_WORDS):
            return True
        if word in REGULATION_WORDS and after and (after[0][:1].isdigit() or after[0] in ("nomor", "no", "pasal")):
            return True
    return False


def _asks_other_article(words_: list[str]) -> bool:
    """"Pasal berapa di UU Kesejahteraan Sosial …", "pasal apa dalam Permensos …": which
    article of a named law or regulation is asked, which this code has not."""
    return any(
        word == "pasal" and i + 1 < len(words_) and words_[i + 1] in ("berapa", "apa", "mana")
        and bool(_LAW_NAMES & set(words_[i + 2 : i + 5]))
        for i, word in enumerate(words_)
    )


def _asks_number(words_: list[str]) -> bool:
    """"berapa lama", "how many hours": a number is asked for; "pasal berapa?" asks which
    article, which the code does answer."""
    for i in range(len(words_)):
        for phrase in NUMBER_PHRASES:
            if tuple(words_[i : i + len(phrase)]) == phrase and not (i > 0 and words_[i - 1] in ("pasal", "nomor")):
                if phrase == ("how", "much") and _asks_degree(words_[i + 2 :]):
                    continue
                # "How many gifts is too many?" asks where the line is, not a count.
                if phrase == ("how", "many") and _JUDGEMENT_WORDS & set(words_[i + 2 : i + 2 + _DEGREE_REACH]):
                    continue
                return True
    return False


#: "How much can social workers self-disclose …?", "How much self-disclosure is appropriate with
#: clients?" ask how far to go, not a number: an auxiliary or a word of judgement follows within
#: a few words. Money ("How much can I charge …?", "How much do social workers make?") and time
#: ("How much time should I spend …?") are numbers still.
_AUXILIARIES = frozenset("can could should may might must do does did is are".split())
_JUDGEMENT_WORDS = frozenset("appropriate acceptable ok okay allowed ethical too enough".split())
_MONEY_WORDS = frozenset(
    "charge charged charging cost costs pay paid pays earn earns make makes get gets receive spend "
    "fee fees salary money dollars owe worth".split()
)
_TIME_WORDS = frozenset("time hour hours day days week weeks month months year years minutes".split())
#: How many words after "how much" may hold the auxiliary or the word of judgement.
_DEGREE_REACH = 5


def _asks_degree(after: list[str]) -> bool:
    """Whether the words after "how much" ask to what degree: an auxiliary or a word of
    judgement soon after, and no word of money or time."""
    head = after[:_DEGREE_REACH]
    return (bool((_AUXILIARIES | _JUDGEMENT_WORDS) & set(head)) and not _MONEY_WORDS & set(after[:7])
            and not _TIME_WORDS & set(head))


#: Words that make a named law the object of advocacy, which the code asks of social workers
#: (Pasal 13, 15: "Apakah ikut advokasi menuntut revisi undang-undang … termasuk tugas pekerja
#: sosial?"), not a text whose contents are asked.
ADVOCACY_WORDS = frozenset(
    "advokasi mengadvokasi revisi merevisi lobi melobi petisi amandemen advocacy advocate advocating "
    "lobby lobbying petition amend amendment reform".split())
#: Words after "act" that make it the verb, not a law's name ("act as", "act in good faith").
_ACT_VERB_NEXT = frozenset("as in on like upon with against toward towards out ethically professionally".split())


def _names_a_law(words_: list[str]) -> bool:
    """"UU Perlindungan Anak", "child protection law": a named law, which the code does not
    quote ("undang-undang yang berlaku" and "the law" name none)."""
    for i, word in enumerate(words_):
        if word in ("uu", "undang-undang") and i + 1 < len(words_) and words_[i + 1] not in STOPWORDS:
            return True
        if word in ("law", "act") and i > 0 and words_[i - 1] not in ENGLISH_STOPWORDS:
            following = words_[i + 1 : i + 2]
            if word == "act" and following and (following[0].endswith("ly") or following[0] in _ACT_VERB_NEXT):
                continue  # "Why Social Workers Act Friendly", "workers act as advocates": the verb
            if word == "act" and i > 1 and words_[i - 2] in ("a", "an"):
                continue  # "It's a noble act", "a balancing act": a deed; a law is "the … Act"
            return True
    return False


def _fulfilled_after(raw: list[str], i: int) -> bool:
    """Whether the modal at ``raw[i]`` says what a requirement needs ("harus dipenuhi", "must
    be met")."""
    after = raw[i + 1 : i + 3]
    return bool(after) and (after[0] in FULFILLED or (after[0] == "be" and after[1:] and after[1] in FULFILLED))


def _asks_procedure(words_: list[str], how: bool = True) -> bool:
    """A procedure, date or amount is asked for ("mendaftarkannya", "tanggalnya"); "pasal
    berapa?" asks which article, which the code does answer. ``how=False``: only by a
    procedure word, not by a "how" ("cara …", "gimana caranya", "how to", a first "when")."""
    if how and words_[:1] and words_[0] in PROCEDURE_FIRST:
        return True
    if how and words_[:1] == ["cara"]:
        return True
    for i, word in enumerate(words_):
        for phrase in PROCEDURE_PHRASES if how else ():
            n = len(phrase)
            if tuple(words_[i : i + n]) == phrase:
                return True
        if word == "jam" and i + 1 < len(words_) and words_[i + 1] in HOURS_FOLLOWERS:
            if not (i > 0 and words_[i - 1] in HOURS_SITUATION and words_[i + 1] not in ("buka", "tutup", "berapa")):
                return True
        if word in PROCEDURE_EXACT or word.startswith(_PROCEDURE_PREFIXES):
            if word == "berapa" and i > 0 and words_[i - 1] in ("pasal", "nomor"):
                continue
            return True
    return False


def _names_role(raw: list[str], standing: str) -> bool:
    """Whether ``standing`` ("licensed", "registered"), each time it is typed, names the worker's
    role (``LICENSED_ROLE_NEXT``)."""
    at = [i for i, w in enumerate(raw) if w == standing]
    return bool(at) and all(i + 1 < len(raw) and raw[i + 1] in LICENSED_ROLE_NEXT for i in at)


def _a_clients_own_case(raw: list[str]) -> bool:
    """Whether the asker speaks of their own worker ("my caseworker", "my social worker is …"), of
    child services or a worker coming to their own household ("CPS … my home", "a social worker
    … my child") (``WORKER_OF_MINE``, ``MY_HOUSEHOLD``)."""
    def at(i: int, phrase: tuple[str, ...]) -> bool:
        return tuple(raw[i : i + len(phrase)]) == phrase
    for i, w in enumerate(raw):
        if w in ("my", "our"):
            for phrase in WORKER_OF_MINE:
                if at(i + 1, phrase):
                    after = i + 1 + len(phrase)
                    if after >= len(raw) or raw[after] not in OWN_STANDING:
                        return True
    services = any(at(i, p) for p in CHILD_SERVICES for i in range(len(raw)))
    # ... or of a worker coming to their household ("Can a social worker talk to my child
    # alone?", "… decide that my husband must go into a nursing home?"), not as one ("As a
    # social worker, can I …"; one naming clients or the code is not a client's: ``analyze``).
    worker = any(at(i, (article,) + p) and not any(i >= len(s) and at(i - len(s), s) for s in SELF_INTRODUCED)
                 for i in range(len(raw)) for article in ("a", "the") for p in WORKER_OF_MINE)
    return (services or worker) and any(raw[i] == "my" and raw[i + 1] in MY_HOUSEHOLD for i in range(len(raw) - 1))


#: Words before "a registered …" that make it one to be, not one who acts.
TO_BE = frozenset("be being become becoming to".split())


def _introduces_worker(raw: list[str], standing: str) -> bool:
    """Whether ``standing`` is each time typed after an article that introduces a worker ("a
    registered social worker", "the licensed social worker"), not after "to be a"."""
    at = [i for i, w in enumerate(raw) if w == standing]
    return bool(at) and all(i >= 1 and raw[i - 1] in ("a", "an", "the") and (i < 2 or raw[i - 2] not in TO_BE)
                            for i in at)


def _looks_english(words_: list[str]) -> bool:
    """Most function words of the question are English ("is", "the", "my", "to")."""
    english = sum(1 for w in words_ if w in ENGLISH_STOPWORDS and w not in STOPWORDS)
    indonesian = sum(1 for w in words_ if w in STOPWORDS and w not in ENGLISH_STOPWORDS)
    return english > indonesian

"""A benchmark of the library at the size of a long-used Khabar: 10,000 to 100,000 articles.

This is a script, not a pytest test (nothing here is named ``test_*``)::

    .venv/bin/python tests/benchmarks/bench_library.py --articles 10000
    .venv/bin/python tests/benchmarks/bench_library.py --articles 100000 --data-dir /tmp/k

It writes N generated Arabic articles of about 600 words into a new library
the way a sync does: 100 sources spread over the 10 default categories, 50
entries per ``Library.store_entries`` call, one transaction each. Then it
marks the articles of every third source read, so that the unread view and
the unread counts are not simply "everything", and measures:

``insert_per_s``
    articles stored and indexed per second the way a sync stores them: a
    worker process prepares the next batches (``prepare_entries``: normalizing
    the text for search, hashing) while this process writes, so both cores
    work; generating the text is not counted. ``insert_serial_per_s`` is the
    same for the first tenth stored by ``store_entries`` alone, in one process;
``db_bytes_per_article``
    the database file after a WAL checkpoint, divided by N;
``open_ms``
    ``Library(data_dir)`` plus its first 200-article page, median of 5;
``search_p50_ms``, ``search_p95_ms``
    50 seeded searches of 1–3 words, each ``Library.search(q, limit=50)``
    with its snippets, timed on their first run (after one warm-up search);
``page_ms``
    the first 200-article page of each default category (median), with the
    unread view, ``View.ALL`` and a page 20 pages deep printed beside it;
``counts_ms``
    ``Library.unread_counts()``, median of 20;

and ``peak_rss_mb`` and the wall time. It prints progress as it goes; its
last line is one JSON object of the figures, the targets and which were met.
The targets, for 100,000 articles on an ordinary laptop: insert ≥ 2,000
articles/s, search p95 ≤ 30 ms, page ≤ 10 ms, counts ≤ 30 ms, open ≤ 100 ms.

The text is made to give search real work: the words (written for this
script, never taken from a news site) are drawn with a Zipf-like
distribution, particles most often, then some 500 common news words and a
long tail of 3,000 words made from roots and patterns; a share of them carry
clitic prefixes, tashkeel, tatweel, bare-alef spellings or Arabic-Indic digits.

Without ``--data-dir`` the library is built in a temporary folder that is
removed at the end; a ``--data-dir`` folder is kept (so a profiler can reuse
it) and must not hold a library yet. Only the public ``Library`` API is
timed; two diagnostics read the file directly: the size of each table and how
many articles the slowest searches match. ``peak_rss_mb`` comes from
``reader.sync.memory.peak_rss_kb`` (0 where the system does not say, as on Windows).
"""

# The word lists read best as blocks of text split into words, not as list literals.
# ruff: noqa: SIM905

from __future__ import annotations

import argparse
import functools
import itertools
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.library import Library, PreparedBatch, db, prepare_entries
from reader.library.normalize import normalize
from reader.library.search import parse_query
from reader.sync.memory import peak_rss_kb
from reader.types import Category, Cursor, EntryData, Source, StoreResult, View

BATCH = 50
CHUNK = 5_000  # articles generated ahead of storing them, outside the timing
SOURCE_COUNT = 100
DAYS = 90
PAGE = 200
SLOTS = 32  # spellings kept per word; one random byte & 31 picks one
LEADING_PARTICLES = 8
WARM_UP_QUERY = "زرافة"  # a word the generated articles never use

TARGETS: dict[str, float] = {
    "insert_per_s": 2000.0,
    "search_p95_ms": 30.0,
    "page_ms": 10.0,
    "counts_ms": 30.0,
    "open_ms": 100.0,
}
HIGHER_IS_BETTER = frozenset({"insert_per_s"})

# --- the words -------------------------------------------------------------
# Our own lists of common news words; ``Vocabulary`` puts them in one frequency
# order, particles (most frequent first) near the top.

PARTICLES = """
في من على إلى أن عن مع التي الذي هذا هذه بعد كما خلال بين قبل حيث لا قد ما كان
كانت إن أو ثم منذ حتى لكن عند ضد حول عبر نحو دون أمام غير كل بعض لم لن ذلك تلك
هناك أيضا وفق لدى إلا أكثر
""".split()

VERBS = """
قال أعلن أكد أشار أضاف أوضح كشف دعا طالب رفض وافق قرر بدأ استمر ارتفع انخفض تراجع
سجل حقق فاز خسر التقى زار وصل غادر افتتح أطلق نشر ذكر نقل توقع حذر يعمل يسعى يتوقع
تشهد تواصل يبلغ بلغت شارك استقبل ناقش بحث أصدر وقع أعربت أفادت أظهرت أدى تمكن عاد
أجرى تعهد اعتبر نفى يقول تقول يرى أكدت أعلنت قالت شهدت
""".split()

NOUNS = """
حكومة وزير وزارة رئيس رئاسة مجلس برلمان انتخابات اقتصاد سوق أسواق أسعار نفط غاز
طاقة مياه زراعة صناعة تجارة استثمار استثمارات بنك مصرف عملة دولار ميزانية ضرائب
تضخم بطالة شركة شركات مشروع مدينة قرية منطقة حدود جيش قوات أمن شرطة محكمة قانون
دستور حزب معارضة شعب مواطن مواطنين لاجئين مستشفى طبيب أطباء مرض مرضى لقاح صحة
تعليم جامعة مدرسة طلاب معلمين طقس أمطار حرارة فيضانات زلزال مباراة فريق لاعب
لاعبين بطولة كأس ملعب هدف مدرب جمهور فيلم مهرجان كتاب معرض فنان موسيقى تكنولوجيا
إنترنت هاتف تطبيق ذكاء بيانات شبكة قمر فضاء علماء دراسة تقرير بيان مؤتمر قمة
اتفاق اتفاقية مفاوضات سلام حرب هدنة أزمة مساعدات منظمة سفير سفارة علاقات زيارة
وفد لقاء اجتماع قرار خطة برنامج إصلاح تنمية طريق جسر مطار ميناء قطار سيارة
سيارات كهرباء سكان أسرة أطفال نساء شباب عمال نقابة إضراب احتجاجات مظاهرة صحفي
صحافة إعلام تلفزيون إذاعة موقع منصة رواية شاعر جائزة ثقافة تراث متحف سياحة سياح
فندق رحلة طيران بيئة مناخ تلوث غابات صحراء نهر بحر ساحل جزيرة قطاع مستوى نسبة عدد
عام أعوام شهر أسبوع يوم ساعة صباح مساء مسؤول مسؤولين مصدر مصادر خبراء محللين
مراقبين وكالة حادث ضحايا مصابين إنقاذ حريق سجن محاكمة تحقيق فساد ديون قروض صادرات
واردات إنتاج محصول قمح خبز غذاء
""".split()

ADJECTIVES = """
جديد جديدة كبير كبيرة صغير عربي عربية دولي دولية محلي محلية وطني وطنية اقتصادي
اقتصادية سياسي سياسية أمني أمنية رسمي رسمية عامة خاص خاصة أول أولى أخير أخيرة سابق
سابقة مقبل مقبلة حالي حالية رئيسي رئيسية مهم مهمة واسع واسعة عالمي عالمية إقليمي
إقليمية رقمي رقمية مالي مالية صحي صحية اجتماعي اجتماعية ثقافي ثقافية عسكري عسكرية
مشترك مشتركة
""".split()

PLACES = """
القاهرة الرياض دبي بيروت عمان بغداد دمشق تونس الجزائر الرباط الخرطوم طرابلس الدوحة
الكويت مسقط المنامة صنعاء القدس غزة أبوظبي جدة الإسكندرية مراكش نواكشوط مصر السعودية
الإمارات لبنان الأردن العراق سوريا المغرب ليبيا السودان قطر اليمن فلسطين موريتانيا
تركيا إيران أوروبا أمريكا الصين اليابان روسيا فرنسا ألمانيا بريطانيا الهند أفريقيا
آسيا إسبانيا إيطاليا البرازيل كندا
""".split()

NUMBER_WORDS = """
اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرين مئة ألف مليون مليار نصف ربع ثلث
""".split()

NUMBERS = """
2019 2020 2021 2022 2023 2024 2025 3 5 7 10 12 15 20 25 30 40 50 60 75 100 150 200
250 500 1000 1500 2000
""".split()

ENGLISH = """
market technology energy football summit startup digital platform data climate oil
bank investment report president minister election festival app cloud smartphone
software network security crypto bitcoin streaming podcast online update server dollar
euro index stock trade export import health vaccine virus research university science
space satellite mission league champions club coach goal match team tourism airline
""".split()

# Rarer words, made by putting three-letter roots into common patterns (the
# way كاتب and مكتوب come from ك ت ب), give the index the long tail of a real
# vocabulary: a search for one of them matches a few articles, not a third.
TAIL_WORDS = 3000
_ROOT_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنه"
_PATTERNS = ("فعل", "فاعل", "مفعول", "تفعيل", "فعيل", "مفعل", "افتعال", "فعالة", "مفاعل", "تفاعل")

FEED_CATEGORIES = (
    "آسيا",
    "أفريقيا",
    "أوروبا",
    "الشرق الأوسط",
    "اقتصاد",
    "رياضة",
    "علوم",
    "ثقافة",
    "بيئة",
    "محليات",
)
AUTHORS = ("سارة المنصوري", "يوسف الحداد", "ليلى عبد الكريم", "عمر السالم", "هدى النجار", None)

# --- spellings -------------------------------------------------------------

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_HARAKAT = "\u064e\u064f\u0650\u0652"  # fatha, damma, kasra, sukun
_TATWEEL = "\u0640"
_NON_JOINING = frozenset("ءآأؤإاةدذرزوى")  # letters that never join the next one


def with_tashkeel(word: str, rng: random.Random) -> str:
    """The word with a haraka after most of its letters (الحُكُومَة)."""
    marked: list[str] = []
    for ch in word:
        marked.append(ch)
        if "\u0621" <= ch <= "\u064a" and ch not in "اى" and rng.random() < 0.7:
            marked.append(rng.choice(_HARAKAT))
    return "".join(marked)


def with_tatweel(word: str) -> str:
    """The word stretched by a tatweel after a letter that joins the next (الحكـومة)."""
    for index in range(len(word) // 2, len(word) - 1):
        if word[index] not in _NON_JOINING:
            return word[: index + 1] + _TATWEEL + word[index + 1 :]
    return word


def plain_spelling(word: str) -> str:
    """The word as it is often typed: bare alef for أ إ آ, else final ه for ة, else ي for ى."""
    for hamza in "أإآ":
        if hamza in word:
            return word.replace(hamza, "ا")
    if word.endswith("ة"):
        return word[:-1] + "ه"
    if word.endswith("ى"):
        return word[:-1] + "ي"
    return word


def tail_words(count: int, rng: random.Random) -> list[str]:
    """``count`` different words of a root put into a pattern."""
    made: dict[str, None] = {}
    while len(made) < count:
        root = "".join(rng.sample(_ROOT_LETTERS, 3))
        made[rng.choice(_PATTERNS).translate(str.maketrans("فعل", root))] = None
    return list(made)


def _noun_forms(word: str, rng: random.Random) -> list[str]:
    definite = "ال" + word
    return [
        *[word] * 11,
        *[definite] * 11,
        *["وال" + word] * 2,
        *["بال" + word] * 2,
        "ل" + word if word.startswith("ل") else "لل" + word,  # ل + اللاعب is written للاعب
        "و" + word,
        "ب" + word,
        with_tashkeel(definite, rng),
        with_tatweel(definite),
        plain_spelling(definite),
    ]


def _verb_forms(word: str, rng: random.Random) -> list[str]:
    return [
        *[word] * 26,
        *["و" + word] * 3,
        "ف" + word,
        with_tashkeel(word, rng),
        plain_spelling(word),
    ]


def _place_forms(word: str, _rng: random.Random) -> list[str]:
    return [*[word] * 27, *["و" + word] * 2, "ب" + word, with_tatweel(word), plain_spelling(word)]


def _tail_forms(word: str, _rng: random.Random) -> list[str]:
    return [*[word] * 20, *["ال" + word] * 8, "وال" + word, "بال" + word, "و" + word, "ب" + word]


def _particle_forms(word: str, _rng: random.Random) -> list[str]:
    return [*[word] * 29, *["و" + word] * 3]


def _number_forms(word: str, _rng: random.Random) -> list[str]:
    return [*[word] * 16, *[word.translate(_ARABIC_INDIC)] * 16]


def _english_forms(word: str, _rng: random.Random) -> list[str]:
    return [*[word] * 28, *[word.capitalize()] * 3, word.upper()]


_FORMS: dict[str, Callable[[str, random.Random], list[str]]] = {
    "particle": _particle_forms,
    "verb": _verb_forms,
    "noun": _noun_forms,
    "adjective": _noun_forms,
    "place": _place_forms,
    "number word": _particle_forms,
    "number": _number_forms,
    "english": _english_forms,
    "tail": _tail_forms,
}

# --- vocabulary and articles -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the vocabulary and the spellings it appears in, as often as each."""

    base: str
    kind: str
    forms: tuple[str, ...]


class Vocabulary:
    """Every word in one frequency order, drawn with Zipf–Mandelbrot weights 1 / (rank + 2.7).

    The first 8 particles lead, the other particles take every 4th rank after
    them, the Arabic content words fill the rest in a seeded shuffle, then
    come the English words and last the made-up tail. That makes في some 4%
    of the text, particles about a quarter (as in news prose), English some
    1.5% and the tail some 27%.
    """

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"vocabulary-{seed}")
        arabic = [
            *self._words("verb", VERBS, rng),
            *self._words("noun", NOUNS, rng),
            *self._words("adjective", ADJECTIVES, rng),
            *self._words("place", PLACES, rng),
            *self._words("number word", NUMBER_WORDS, rng),
            *self._words("number", NUMBERS, rng),
        ]
        english = self._words("english", ENGLISH, rng)
        rng.shuffle(arabic)
        rng.shuffle(english)
        particles = self._words("particle", PARTICLES, rng)
        head, rest = particles[:LEADING_PARTICLES], particles[LEADING_PARTICLES:]
        interleaved: list[Word] = []
        for index, particle in enumerate(rest):
            interleaved += [*arabic[3 * index : 3 * index + 3], particle]
        tail = self._words("tail", tail_words(TAIL_WORDS, rng), rng)
        ordered = [*head, *interleaved, *arabic[3 * len(rest) :], *english, *tail]
        first_rank = {w.base: w for w in reversed(ordered)}  # a repeated word keeps its first
        self.words = list(dict.fromkeys(first_rank[w.base] for w in ordered))
        weights = (1.0 / (rank + 2.7) for rank in range(1, len(self.words) + 1))
        self._cumulative = list(itertools.accumulate(weights))

    @staticmethod
    def _words(kind: str, bases: Sequence[str], rng: random.Random) -> list[Word]:
        words = []
        for base in bases:
            forms = tuple(_FORMS[kind](base, rng))
            if len(forms) != SLOTS:
                raise ValueError(f"{kind} {base} has {len(forms)} spellings, not {SLOTS}")
            words.append(Word(base, kind, forms))
        return words

    def pick(self, rng: random.Random, k: int) -> list[Word]:
        """``k`` words drawn by frequency."""
        return rng.choices(self.words, cum_weights=self._cumulative, k=k)

    def pick_one(self, rng: random.Random, kinds: set[str]) -> Word:
        """One word of the given kinds, drawn by frequency."""
        while True:
            word = self.pick(rng, 1)[0]
            if word.kind in kinds:
                return word

    def draw(self, rng: random.Random, k: int) -> list[str]:
        """``k`` words of running text, each in one of its spellings."""
        spellings = rng.randbytes(k)
        return [w.forms[b & (SLOTS - 1)] for w, b in zip(self.pick(rng, k), spellings, strict=True)]


class ArticleFactory:
    """Makes the entries a sync would bring: titles, leads, paragraphs, dates, categories."""

    def __init__(
        self, vocabulary: Vocabulary, seed: int, now: datetime, stream: str = "main"
    ) -> None:
        self.vocabulary = vocabulary
        self.rng = random.Random(f"articles-{seed}-{stream}")
        self.now = now
        self.sample_titles: list[str] = []  # for the quoted-phrase search

    def entries(self, first: int, count: int, source_number: int) -> list[EntryData]:
        """Articles number ``first`` to ``first + count - 1`` of one source."""
        return [self.entry(first + offset, source_number) for offset in range(count)]

    def entry(self, number: int, source_number: int) -> EntryData:
        """One article of about 600 words."""
        rng = self.rng
        published = self.now - timedelta(seconds=rng.uniform(0, DAYS * 86400))
        title = " ".join(self.vocabulary.draw(rng, rng.randint(6, 12)))
        if number % 1000 == 0:
            self.sample_titles.append(title)
        paragraphs = self._paragraphs(rng.randint(540, 660))
        return EntryData(
            title=title,
            guid=f"urn:khabar-bench:{number}",
            url=f"https://bench-{source_number}.example/{published:%Y/%m/%d}/{number}.html",
            author=rng.choice(AUTHORS),
            published=published,
            lead=self._sentence(rng.randint(26, 34)),
            body_html="".join(f"<p>{p}</p>" for p in paragraphs),
            text="\n\n".join(paragraphs),
            language="ar",
            categories=tuple(rng.sample(FEED_CATEGORIES, rng.randint(1, 2))),
        )

    def _sentence(self, length: int) -> str:
        words = self.vocabulary.draw(self.rng, length)
        if length > 10:
            words[length // 2] += "،"
        return " ".join(words) + "."

    def _paragraphs(self, words: int) -> list[str]:
        rng = self.rng
        paragraphs: list[str] = []
        written = 0
        while written < words:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                length = min(rng.randint(8, 20), words - written)
                if length <= 0:
                    break
                sentences.append(self._sentence(length))
                written += length
            paragraphs.append(" ".join(sentences))
        return paragraphs


# --- timing helpers ------------------------------------------------------------


def ms_since(start: float) -> float:
    """Milliseconds since a ``time.perf_counter()`` reading."""
    return (time.perf_counter() - start) * 1000


def timed_ms(call: Callable[[], object]) -> float:
    """How long one call takes, in milliseconds."""
    start = time.perf_counter()
    call()
    return ms_since(start)


def median_ms(call: Callable[[], object], runs: int) -> float:
    """The median time of ``runs`` calls, in milliseconds."""
    return statistics.median(timed_ms(call) for _ in range(runs))


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (interpolated between the closest values)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


class Progress:
    """Prints a line each time another tenth of the work is done."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.next_tenth = 1

    def due(self, done: int) -> bool:
        """Whether ``done`` crossed the next tenth; if so, the one after is next."""
        if done * 10 < self.next_tenth * self.total:
            return False
        self.next_tenth = done * 10 // self.total + 1
        return True


# --- the steps ---------------------------------------------------------------


def add_sources(lib: Library, categories: Sequence[Category]) -> list[Source]:
    """100 sources, spread evenly over the given categories."""
    return [
        lib.add_source(
            f"https://bench-{n}.example/feed",
            title=f"مصدر تجريبي {n}",
            category_id=categories[n % len(categories)].id,
        )
        for n in range(SOURCE_COUNT)
    ]


def insert_articles(
    lib: Library, sources: Sequence[Source], factory: ArticleFactory, total: int, seed: int
) -> tuple[float, float]:
    """Store ``total`` articles in batches of 50, one source per call.

    The first tenth is stored serially: ``Library.store_entries`` prepares
    each batch (normalizes its text for search) and writes it in this
    process. The rest is stored the way a sync stores it: a worker process
    holds the entries (as a sync's fetch-and-parse workers do) and runs
    ``prepare_entries`` on the next batches while this process writes, so
    both cores work. Text is generated ahead of each chunk, outside the
    timing. Return (serial articles/s, pipelined articles/s).
    """
    progress = Progress(total)
    serial_end = max(BATCH, total // 10 // BATCH * BATCH)
    timing = {"serial": [0, 0.0], "pipelined": [0, 0.0]}
    now = factory.now
    with ProcessPoolExecutor(
        max_workers=1, initializer=_worker_start, initargs=(seed, now)
    ) as pool:
        for chunk_start in range(0, total, CHUNK):
            chunk_end = min(total, chunk_start + CHUNK)
            firsts = range(chunk_start, chunk_end, BATCH)
            sizes = {first: min(BATCH, chunk_end - first) for first in firsts}
            serial = [f for f in firsts if f < serial_end]
            pipelined = [f for f in firsts if f >= serial_end]
            if serial:
                batches = [(f, factory.entries(f, sizes[f], _source_of(f))) for f in serial]
                _store_serially(lib, sources, batches, timing["serial"])
            if pipelined:
                titles = pool.submit(_worker_generate, [(f, sizes[f]) for f in pipelined])
                factory.sample_titles += titles.result()
                _store_pipelined(
                    lib, sources, pipelined, sizes=sizes, tally=timing["pipelined"], pool=pool
                )
            done = chunk_end
            if progress.due(done):
                spent = timing["serial"][1] + timing["pipelined"][1]
                print(f"  {done * 100 // total:3d}%  {done:>9,} articles  {done / spent:7,.0f}/s")
    # A sync ends by tidying the index; count it with the pipelined storing.
    start = time.perf_counter()
    lib.optimize()
    timing["pipelined"][1] += time.perf_counter() - start
    serial_count, serial_s = timing["serial"]
    pipelined_count, pipelined_s = timing["pipelined"]
    serial_rate = serial_count / serial_s
    pipelined_rate = pipelined_count / pipelined_s if pipelined_count else serial_rate
    return serial_rate, pipelined_rate


def _source_of(first: int) -> int:
    return (first // BATCH) % SOURCE_COUNT


def _check(result: StoreResult, count: int) -> None:
    if result.new != count:
        raise RuntimeError(f"expected {count} new articles, the library stored {result}")


def _store_serially(
    lib: Library,
    sources: Sequence[Source],
    batches: Sequence[tuple[int, list[EntryData]]],
    tally: list[Any],
) -> None:
    start = time.perf_counter()
    for first, entries in batches:
        _check(lib.store_entries(sources[_source_of(first)].id, entries), len(entries))
    tally[0] += sum(len(entries) for _first, entries in batches)
    tally[1] += time.perf_counter() - start


# The worker process: it makes a chunk's entries ahead (untimed), then prepares
# them batch by batch on demand, as a sync's parsing workers would.
_WORKER: dict[str, Any] = {}


def _worker_start(seed: int, now: datetime) -> None:
    _WORKER["factory"] = ArticleFactory(Vocabulary(seed), seed, now, stream="worker")
    _WORKER["entries"] = {}


def _worker_generate(batches: list[tuple[int, int]]) -> list[str]:
    factory: ArticleFactory = _WORKER["factory"]
    factory.sample_titles = []
    _WORKER["entries"] = {
        first: factory.entries(first, count, _source_of(first)) for first, count in batches
    }
    return factory.sample_titles


def _worker_prepare(first: int) -> PreparedBatch:
    return prepare_entries(_WORKER["entries"].pop(first))


def _store_pipelined(
    lib: Library,
    sources: Sequence[Source],
    firsts: Sequence[int],
    *,
    sizes: dict[int, int],
    tally: list[Any],
    pool: ProcessPoolExecutor,
) -> None:
    start = time.perf_counter()
    pending: deque[tuple[int, Future[PreparedBatch]]] = deque()
    for first in firsts:
        pending.append((first, pool.submit(_worker_prepare, first)))
        if len(pending) > 2:
            _store_next(lib, sources, pending, sizes)
    while pending:
        _store_next(lib, sources, pending, sizes)
    tally[0] += sum(sizes[first] for first in firsts)
    tally[1] += time.perf_counter() - start


def _store_next(
    lib: Library,
    sources: Sequence[Source],
    pending: deque[tuple[int, Future[PreparedBatch]]],
    sizes: dict[int, int],
) -> None:
    first, future = pending.popleft()
    _check(lib.store_entries(sources[_source_of(first)].id, future.result()), sizes[first])


def mark_some_read(lib: Library, sources: Sequence[Source]) -> None:
    """Mark every third source's articles read, as a reader who keeps up with some."""
    start = time.perf_counter()
    changed = sum(lib.mark_view_read(source_id=s.id) for s in sources[::3])
    print(f"  marked {changed:,} articles read ({ms_since(start):,.0f} ms)")


def checkpoint(db_path: Path) -> int:
    """Fold the WAL into the database file; return the file's size in bytes."""
    with closing(sqlite3.connect(db_path)) as conn:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise RuntimeError("the WAL checkpoint was blocked: is the library still open?")
    return db_path.stat().st_size


def print_table_sizes(db_path: Path, articles: int) -> None:
    """The space each table and index takes, largest first (when SQLite has ``dbstat``)."""
    try:
        with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = conn.execute(
                "SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE ORDER BY pgsize DESC"
            ).fetchall()
    except sqlite3.OperationalError:  # an SQLite built without the dbstat table
        return
    for name, size in rows[:12]:
        print(f"    {name:<32} {size / 2**20:9.1f} MiB  {size / articles:9,.0f} B/article")


def time_open(data_dir: Path, runs: int = 5) -> float:
    """Median of opening the library and reading its first page, closing in between."""

    def open_and_read() -> None:
        lib = Library(data_dir)
        try:
            lib.articles(limit=PAGE)
        finally:
            lib.close()

    times = [timed_ms(open_and_read) for _ in range(runs)]
    print(f"  open + first page: {', '.join(f'{t:.1f}' for t in times)} ms")
    return statistics.median(times)


@dataclass(frozen=True, slots=True)
class Query:
    """A search to time, and what sort of search it is."""

    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class QueryTime:
    """How long a search took and how many results it gave (at most 50)."""

    query: Query
    ms: float
    results: int


def make_queries(
    vocabulary: Vocabulary, titles: Sequence[str], count: int, seed: int
) -> list[Query]:
    """``count`` searches: mostly 1–3 common words, plus spelling variants, a phrase, a prefix."""
    rng = random.Random(f"queries-{seed}")
    nominal = {"noun", "adjective"}
    special = [
        *(
            Query(prefix + vocabulary.pick_one(rng, nominal).base, "clitic")
            for prefix in ("وال", "بال", "لل")
        ),
        *(
            Query(with_tashkeel("ال" + vocabulary.pick_one(rng, nominal).base, rng), "tashkeel")
            for _ in range(2)
        ),
        *(Query(_plain_variant(vocabulary, rng), "hamza") for _ in range(2)),
        Query(_prefix_search(vocabulary, rng), "prefix"),
    ]
    if titles:
        special.append(Query(_phrase_from(rng.choice(titles), rng), "phrase"))
    plain = [
        Query(_plain_words(vocabulary, rng), "plain") for _ in range(max(0, count - len(special)))
    ]
    # A query of particles alone is refused by the library: draw plain words instead.
    queries = [
        q if normalize(q.text) else Query(_plain_words(vocabulary, rng), "plain")
        for q in [*plain, *special][:count]
    ]
    rng.shuffle(queries)
    return queries


def _plain_words(vocabulary: Vocabulary, rng: random.Random) -> str:
    """1–3 words as a reader types them; drawn again if all are particles, which
    the library refuses to search by (they are in every article)."""
    while True:
        words = " ".join(dict.fromkeys(w.base for w in vocabulary.pick(rng, rng.randint(1, 3))))
        if normalize(words):
            return words


def _plain_variant(vocabulary: Vocabulary, rng: random.Random) -> str:
    while True:
        word = vocabulary.pick_one(rng, {"noun", "adjective", "verb", "place"}).base
        if plain_spelling(word) != word:
            return plain_spelling(word)


def _prefix_search(vocabulary: Vocabulary, rng: random.Random) -> str:
    while True:
        word = vocabulary.pick_one(rng, {"noun"}).base
        if len(word) >= 5:
            return word[:4] + "*"


def _phrase_from(title: str, rng: random.Random) -> str:
    """Two or three words of a stored title, starting with a content word if there is one."""
    words = title.split()
    length = min(len(words), rng.randint(2, 3))
    starts = range(len(words) - length + 1)
    content = [i for i in starts if words[i] not in PARTICLES]
    start = rng.choice(content or starts)
    return '"' + " ".join(words[start : start + length]).strip("،.") + '"'


def time_searches(lib: Library, queries: Sequence[Query]) -> list[QueryTime]:
    """Each query's first run, after one warm-up search of a word the articles lack."""
    lib.search(WARM_UP_QUERY, limit=50)
    progress = Progress(len(queries))
    timings = []
    for done, query in enumerate(queries, start=1):
        start = time.perf_counter()
        results = lib.search(query.text, limit=50)
        timings.append(QueryTime(query, ms_since(start), len(results)))
        if progress.due(done):
            print(f"  {done * 100 // len(queries):3d}%  {done} searches", flush=True)
    return timings


def count_matches(db_path: Path, query: str) -> int:
    """How many articles a search matches in all (a diagnostic, read from the file)."""
    with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        sql = "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?"
        return int(conn.execute(sql, (parse_query(query).match,)).fetchone()[0])


def print_slowest(timings: Sequence[QueryTime], db_path: Path, shown: int = 5) -> None:
    """The slowest searches, with their results and total matches."""
    for t in sorted(timings, key=lambda t: t.ms, reverse=True)[:shown]:
        matches = count_matches(db_path, t.query.text)
        print(
            f"    {t.ms:8.1f} ms  {t.results:2d} results of {matches:>7,} matches  "
            f"[{t.query.kind}]  {t.query.text}"
        )


def print_by_kind(timings: Sequence[QueryTime]) -> None:
    """The median time of each sort of search."""
    kinds = sorted({t.query.kind for t in timings})
    medians = {k: statistics.median(t.ms for t in timings if t.query.kind == k) for k in kinds}
    counts = {k: sum(t.query.kind == k for t in timings) for k in kinds}
    print("  median by sort: " + ", ".join(f"{k} ×{counts[k]} {medians[k]:.1f} ms" for k in kinds))


def deep_cursor(lib: Library, pages: int = 20) -> Cursor | None:
    """The cursor after following ``pages`` pages of ``View.ALL``, or None if it ends sooner."""
    cursor = None
    for _ in range(pages):
        cursor = lib.articles(limit=PAGE, after=cursor).next_cursor
        if cursor is None:
            return None
    return cursor


def time_pages(lib: Library, categories: Sequence[Category]) -> dict[str, float]:
    """First pages of each category (once each), of the unread and all views, and a deep page."""
    by_category = [
        timed_ms(functools.partial(lib.articles, category_id=c.id, limit=PAGE)) for c in categories
    ]
    figures = {
        "page_ms": statistics.median(by_category),
        "unread_page_ms": median_ms(functools.partial(lib.articles, View.UNREAD, limit=PAGE), 10),
        "all_page_ms": median_ms(functools.partial(lib.articles, View.ALL, limit=PAGE), 10),
    }
    cursor = deep_cursor(lib)
    if cursor is not None:
        figures["deep_page_ms"] = median_ms(
            functools.partial(lib.articles, limit=PAGE, after=cursor), 10
        )
    print(f"  category first pages: {', '.join(f'{t:.1f}' for t in by_category)} ms")
    for name, value in figures.items():
        print(f"  {name}: {value:.2f}")
    return figures


# --- the run -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Built:
    """What building the library left for the measurements."""

    categories: list[Category]  # the 10 default ones
    sample_titles: list[str]
    insert_per_s: float
    insert_serial_per_s: float


def build(data_dir: Path, args: argparse.Namespace) -> Built:
    """Create the library and fill it."""
    print(f"Building a library of {args.articles:,} articles in {data_dir}", flush=True)
    # Opened as the sync process opens it: see Library.__init__.
    with Library(data_dir, checkpoint_pages=db.SYNC_CHECKPOINT_PAGES) as lib:
        categories = lib.categories()
        sources = add_sources(lib, categories)
        factory = ArticleFactory(Vocabulary(args.seed), args.seed, datetime.now(UTC))
        serial_per_s, insert_per_s = insert_articles(
            lib, sources, factory, args.articles, args.seed
        )
        print(f"insert_serial_per_s: {serial_per_s:,.0f}  (one process)")
        print(f"insert_per_s: {insert_per_s:,.0f}  (preparing in a worker process, as a sync does)")
        mark_some_read(lib, sources)
    return Built(categories, factory.sample_titles, insert_per_s, serial_per_s)


def run(data_dir: Path, args: argparse.Namespace) -> dict[str, float]:
    """Build the library, measure it and return the figures."""
    n = args.articles
    built = build(data_dir, args)
    categories, titles, insert_per_s = built.categories, built.sample_titles, built.insert_per_s
    db_path = db.library_file(data_dir)
    size = checkpoint(db_path)
    print(f"db_bytes_per_article: {size / n:,.0f} (file {size / 2**20:,.1f} MiB)")
    print_table_sizes(db_path, n)
    print("Opening", flush=True)
    figures: dict[str, float] = {
        "insert_per_s": insert_per_s,
        "insert_serial_per_s": built.insert_serial_per_s,
        "db_bytes_per_article": size / n,
        "open_ms": time_open(data_dir),
    }
    print(f"open_ms: {figures['open_ms']:.1f}")
    with Library(data_dir) as lib:
        print(f"Searching ({args.queries} queries)", flush=True)
        queries = make_queries(Vocabulary(args.seed), titles, args.queries, args.seed)
        timings = time_searches(lib, queries)
        times = [t.ms for t in timings]
        figures["search_p50_ms"] = statistics.median(times)
        figures["search_p95_ms"] = p95(times)
        print(f"search_p50_ms: {figures['search_p50_ms']:.1f}")
        print(f"search_p95_ms: {figures['search_p95_ms']:.1f}")
        print_by_kind(timings)
        print("  slowest searches:")
        print_slowest(timings, db_path)
        print("Reading pages", flush=True)
        figures |= time_pages(lib, categories)
        figures["counts_ms"] = median_ms(lib.unread_counts, 20)
        print(f"counts_ms: {figures['counts_ms']:.2f}")
    return figures


def report(articles: int, figures: dict[str, float], wall_s: float) -> dict[str, object]:
    """The JSON summary: the figures rounded, the targets and which were met."""
    met = {
        key: figures[key] >= target if key in HIGHER_IS_BETTER else figures[key] <= target
        for key, target in TARGETS.items()
    }
    return {
        "articles": articles,
        **{key: round(value, 2) for key, value in figures.items()},
        "peak_rss_mb": round(peak_rss_kb() / 1024, 1),
        "wall_s": round(wall_s, 1),
        "targets": TARGETS,
        "met": met,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to store")
    parser.add_argument(
        "--data-dir", type=Path, help="build here and keep it (default: a temporary folder)"
    )
    parser.add_argument("--queries", type=int, default=50, help="how many searches to time")
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the words, articles and queries"
    )
    args = parser.parse_args(argv)
    if args.articles < BATCH:
        parser.error(f"--articles must be at least {BATCH}")
    if args.queries < 2:
        parser.error("--queries must be at least 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last line printed is its JSON summary."""
    args = parse_args(argv)
    started = time.perf_counter()
    if args.data_dir is not None:
        if db.library_file(args.data_dir).exists():
            print(f"{args.data_dir} already holds a library: give a new folder.", file=sys.stderr)
            return 2
        figures = run(args.data_dir, args)
    else:
        with tempfile.TemporaryDirectory(prefix="khabar-bench-") as folder:
            figures = run(Path(folder), args)
    summary = report(args.articles, figures, time.perf_counter() - started)
    print(f"peak_rss_mb: {summary['peak_rss_mb']}  wall_s: {summary['wall_s']}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())

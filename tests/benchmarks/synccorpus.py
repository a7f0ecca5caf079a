"""The corpus of the sync benchmark: RSS feeds, their article pages and images, an OPML list.

This module only writes files, from plain string templates so that 25,000
items take seconds; it must not import ``reader`` (the benchmark runs Khabar
from outside, as a user does) and it starts no server. The same feeds,
items, seed and base URL always give the same bytes.

The layout under the corpus folder, served as is by a web server::

    feeds.opml                  every feed, grouped by section
    feeds/0001.xml              RSS 2.0, ``items`` items each
    news/0001/01.html           each item's article page
    img/0001/01.png             each article's image

Feeds with an odd number (0001, 0003, …) carry only a one-sentence
``description``, and the OPML marks them ``khabar:fullText="true"``, so a
sync that fetches articles fetches their pages; the others also carry the
whole article (about 700 words, 8 KB of HTML) in ``content:encoded``.
The text is made of sentences drawn from a list of Arabic words written for
this benchmark, never taken from a news site.
"""

# The word lists read best as blocks of text split into words, not as list literals.
# ruff: noqa: SIM905

from __future__ import annotations

import random
import struct
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

# Our own words. None holds & < > or quotes, so the templates need no escaping.
VERBS = """
أعلن قال أكد كشف أوضح أضاف نفى رحب طالب دعا حذر قرر افتتح دشن استقبل ودع ناقش بحث
استعرض تابع أطلق وقع أبرم جدد رفع خفض سجل حصد تصدر تراجع ارتفع انخفض استأنف علق
أرجأ اختتم انطلق شهد عرض قدم تسلم منح كرم أشاد انتقد اقترح أقر صادق رصد
""".split()

NOUNS = """
الوزارة الحكومة البلدية المجلس اللجنة الهيئة المؤسسة الجمعية النقابة الرابطة الاتحاد
المحافظ الوزير الرئيس المدير الناطق السفير المندوب الخبير الباحث المهندس المزارع
الصياد التاجر الحرفي المعلم الطالب الممرضة الطبيبة الكاتبة الروائي المخرج الممثلة
المنتخب النادي الحارس المهاجم المدافع الجمهور الملعب البطولة الموسم الجولة المباراة
الميزانية الإيرادات النفقات الصادرات الواردات العملة البورصة الأسهم السندات الفائدة
المصنع الميناء المطار الجسر النفق الطريق السكة المحطة الشبكة الألياف الأقمار التطبيق
المنصة البيانات الخوارزمية الروبوت الحاسوب الهاتف البطارية الشمس الرياح المطر الجفاف
السد البحيرة الواحة الجبل الوادي الساحل الشاطئ الغابة المحمية الطيور الأسماك القمح
الشعير الزيتون التمور البرتقال القطن الحليب الخبز السوق المتجر القافلة الشحنة
المعرض المهرجان المسرح المكتبة المخطوطة المتحف القلعة المسجد الحي الزقاق الساحة
المدرسة الجامعة الكلية المختبر المستشفى العيادة اللقاح الدواء الموجة الحرارة
المشروع الخطة البرنامج المبادرة الاتفاقية المذكرة الدراسة التقرير الاستطلاع الإحصاء
""".split()

ADJECTIVES = """
الجديد الجديدة الكبير الكبرى الصغير الصغيرة الأول الأولى الثاني الثانية الأخير الأخيرة
المحلي المحلية الوطني الوطنية الإقليمي الإقليمية الدولي الدولية الرقمي الرقمية
الزراعي الزراعية الصناعي الصناعية الثقافي الثقافية الصحي الصحية المائي المائية
الشمالي الجنوبية الشرقي الغربية السنوي السنوية الموسمي المشترك المشتركة الطارئ
""".split()

PLACES = """
الخرطوم نواكشوط صفاقس قسنطينة وهران أغادير فاس طنجة بنغازي مصراتة الموصل البصرة أربيل
حلب حمص اللاذقية صيدا طرابلس إربد الزرقاء العقبة نابلس الخليل أسوان المنصورة طنطا
الأقصر صلالة صحار نزوى الطائف أبها تبوك الهفوف عدن المكلا تعز الشارقة العين الفجيرة
""".split()

LINKS = """
في من إلى على عن مع بعد قبل خلال بين نحو عبر حول منذ أمام لدى وسط ضمن رغم
""".split()

TAILS = (
    "أمس",
    "صباح اليوم",
    "مساء أمس",
    "هذا الأسبوع",
    "الأسبوع الماضي",
    "الشهر المقبل",
    "بنسبة كبيرة",
    "بشكل لافت",
    "وفق مصادر مطلعة",
    "حسب بيان رسمي",
    "بحضور عدد من المسؤولين",
    "في ظل ظروف صعبة",
    "بعد أشهر من الانتظار",
    "على مدى ثلاثة أيام",
    "رغم الأمطار الغزيرة",
    "وسط إقبال واسع",
)

SITES = ("صحيفة الأفق", "وكالة النهار", "موقع المرصد", "جريدة الضفة", "شبكة الواحة")
SECTIONS = (
    "محليات",
    "اقتصاد",
    "رياضة",
    "ثقافة",
    "علوم وتقنية",
    "صحة",
    "بيئة",
    "منوعات",
)
AUTHORS = ("نادية الشامي", "كريم بن علي", "ريم العطار", "سامي الخطيب", "منى الفارس")
RELATED = 5  # links in each page's "read also" box
BASE_DATE = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)  # fixed, so the bytes are too

# --- text -------------------------------------------------------------------


class Prose:
    """Sentences, titles and paragraphs drawn from the word lists with one seeded generator.

    Paragraphs are drawn from a pool of pre-made sentences, which keeps 25,000
    articles of 700 words within a few seconds while no two articles are the same.
    """

    POOL = 4000

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"sync-corpus-{seed}")
        self.pool = [self.sentence() for _ in range(self.POOL)]

    def sentence(self) -> str:
        """One sentence of 8–18 words: verb, subject, object, place, time."""
        rng = self.rng
        words = [rng.choice(VERBS), rng.choice(NOUNS), rng.choice(ADJECTIVES)]
        for _ in range(rng.randint(1, 4)):
            words += [rng.choice(LINKS), rng.choice(NOUNS)]
            if rng.random() < 0.4:
                words.append(rng.choice(ADJECTIVES))
        if rng.random() < 0.5:
            words += [rng.choice(LINKS), rng.choice(PLACES)]
        words.append(rng.choice(TAILS))
        if len(words) > 10:
            words[len(words) // 2] += "،"
        return " ".join(words) + "."

    def title(self) -> str:
        """A headline of 6–9 words, without the final full stop."""
        rng = self.rng
        words = [rng.choice(NOUNS), rng.choice(VERBS), rng.choice(NOUNS), rng.choice(ADJECTIVES)]
        words += [rng.choice(LINKS), rng.choice(PLACES)]
        if rng.random() < 0.6:
            words += [rng.choice(LINKS), rng.choice(NOUNS)]
        return " ".join(words)

    def paragraphs(self, count: int) -> list[str]:
        """``count`` paragraphs of 3–6 pooled sentences each."""
        rng = self.rng
        return [" ".join(rng.choices(self.pool, k=rng.randint(3, 6))) for _ in range(count)]


# --- images -------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class Images:
    """Small palette PNGs: one picture, compressed once, shown in a different palette each time.

    Each image is a real 160×100 PNG of about 4 KB whose bytes differ from
    every other's (the palette is rotated and tinted by its number), at the
    cost of writing a few hundred bytes, not of compressing a picture.
    """

    WIDTH, HEIGHT = 160, 100

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"sync-images-{seed}")
        rows = []
        for y in range(self.HEIGHT):
            row = bytes(
                (x // 10 * 7 + y // 10 * 13 + (rng.random() < 0.1)) % 256 for x in range(self.WIDTH)
            )
            rows.append(b"\x00" + row)
        header = struct.pack(">IIBBBBB", self.WIDTH, self.HEIGHT, 8, 3, 0, 0, 0)
        self._head = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
        self._tail = _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        self._tail += _png_chunk(b"IEND", b"")
        self._ramp = bytes(
            channel for i in range(512) for channel in (i % 256, (i * 3) % 256, 255 - i % 256)
        )

    def png(self, number: int) -> bytes:
        """Image ``number``'s bytes."""
        offset = number % 256 * 3
        palette = bytearray(self._ramp[offset : offset + 768])
        palette[0:3] = (number >> 16) & 255, (number >> 8) & 255, number & 255
        return self._head + _png_chunk(b"PLTE", bytes(palette)) + self._tail


# --- the corpus -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    """A written corpus: where it is, its URLs and its sizes in bytes."""

    root: Path
    base_url: str
    feeds: int
    items: int
    feed_urls: tuple[str, ...]
    summary_feeds: int  # feeds without content:encoded, whose pages a full sync fetches
    feed_bytes: int
    page_bytes: int
    image_bytes: int
    seconds: float

    @property
    def opml(self) -> Path:
        """The OPML file listing every feed."""
        return self.root / "feeds.opml"

    @property
    def summary_items(self) -> int:
        """Items whose article page a full-text sync has to fetch and extract."""
        return self.summary_feeds * self.items


@dataclass(frozen=True, slots=True)
class _Item:
    title: str
    link: str
    guid: str
    published: datetime
    site: str
    section: str
    author: str
    lead: str
    image: str
    body: str  # the article's HTML, as a page and a full-content feed both show it


def is_summary_only(feed: int) -> bool:
    """Whether feed number ``feed`` (from 0) carries only summaries."""
    return feed % 2 == 0


def feed_name(feed: int) -> str:
    """The four-digit name of feed number ``feed`` (from 0) in paths and URLs."""
    return f"{feed + 1:04d}"


def write_corpus(root: Path, base_url: str, feeds: int, items: int, seed: int = 1) -> Corpus:
    """Write the corpus of ``feeds`` feeds of ``items`` items under ``root`` (created)."""
    start = time.perf_counter()
    base_url = base_url.rstrip("/")
    prose, images = Prose(seed), Images(seed)
    sizes = [0, 0, 0]
    for sub in ("feeds", "news", "img"):
        (root / sub).mkdir(parents=True)
    urls = []
    for feed in range(feeds):
        name = feed_name(feed)
        (root / "news" / name).mkdir()
        (root / "img" / name).mkdir()
        made = [_make_item(prose, base_url, feed, number, items) for number in range(items)]
        for number, item in enumerate(made):
            page = _page(item, base_url, made, number).encode()
            (root / "news" / name / f"{number + 1:02d}.html").write_bytes(page)
            picture = images.png(feed * items + number)
            (root / "img" / name / f"{number + 1:02d}.png").write_bytes(picture)
            sizes[1] += len(page)
            sizes[2] += len(picture)
        url = f"{base_url}/feeds/{name}.xml"
        data = _feed(feed, url, base_url, made).encode()
        (root / "feeds" / f"{name}.xml").write_bytes(data)
        sizes[0] += len(data)
        urls.append(url)
    (root / "feeds.opml").write_bytes(_opml(urls).encode())
    return Corpus(
        root=root,
        base_url=base_url,
        feeds=feeds,
        items=items,
        feed_urls=tuple(urls),
        summary_feeds=sum(is_summary_only(f) for f in range(feeds)),
        feed_bytes=sizes[0],
        page_bytes=sizes[1],
        image_bytes=sizes[2],
        seconds=time.perf_counter() - start,
    )


def _make_item(prose: Prose, base_url: str, feed: int, number: int, items: int) -> _Item:
    rng, name, slug = prose.rng, feed_name(feed), f"{number + 1:02d}"
    title = prose.title()
    image = f"{base_url}/img/{name}/{slug}.png"
    paragraphs = prose.paragraphs(rng.randint(11, 15))
    figure = (
        f'<figure><img src="{image}" alt="{title}" width="160" height="100">'
        f"<figcaption>{prose.pool[rng.randrange(Prose.POOL)]}</figcaption></figure>"
    )
    body = [f"<p>{p}</p>" for p in paragraphs]
    body.insert(2, figure)
    body.insert(len(body) // 2 + 1, f"<h2>{prose.title()}</h2>")
    return _Item(
        title=title,
        link=f"{base_url}/news/{name}/{slug}.html",
        guid=f"urn:khabar-bench:{name}:{slug}",
        published=BASE_DATE - timedelta(minutes=7 * (feed * items + number) + rng.randrange(7)),
        site=SITES[feed % len(SITES)],
        section=SECTIONS[feed // len(SITES) % len(SECTIONS)],
        author=rng.choice(AUTHORS),
        lead=prose.sentence(),
        image=image,
        body="\n".join(body),
    )


def _feed_title(feed: int) -> str:
    return f"{SITES[feed % len(SITES)]} — {SECTIONS[feed // len(SITES) % len(SECTIONS)]} {feed + 1}"


def _feed(feed: int, url: str, base_url: str, items: list[_Item]) -> str:
    full = not is_summary_only(feed)
    entries = []
    for item in items:
        content = f"<content:encoded><![CDATA[{item.body}]]></content:encoded>\n" if full else ""
        entries.append(
            f"<item>\n<title>{item.title}</title>\n<link>{item.link}</link>\n"
            f'<guid isPermaLink="false">{item.guid}</guid>\n'
            f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>\n"
            f"<dc:creator>{item.author}</dc:creator>\n<category>{item.section}</category>\n"
            f"<description>{item.lead}</description>\n{content}</item>\n"
        )
    newest = format_datetime(items[0].published if items else BASE_DATE, usegmt=True)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f"<channel>\n<title>{_feed_title(feed)}</title>\n<link>{base_url}/</link>\n"
        f"<description>آخر أخبار {_feed_title(feed)}</description>\n<language>ar</language>\n"
        f"<lastBuildDate>{newest}</lastBuildDate>\n"
        f'<atom:link href="{url}" rel="self" type="application/rss+xml"/>\n'
        f"{''.join(entries)}</channel>\n</rss>\n"
    )


def _page(item: _Item, base_url: str, siblings: list[_Item], number: int) -> str:
    nav = "".join(
        f'<li><a href="{base_url}/section/{i}">{s}</a></li>' for i, s in enumerate(SECTIONS)
    )
    related = "".join(
        f'<li><a href="{s.link}">{s.title}</a></li>'
        for s in (siblings[(number + k) % len(siblings)] for k in range(1, RELATED + 1))
    )
    when, site = item.published.isoformat(), item.site
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{item.title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{item.title}">
<meta property="og:type" content="article">
<meta property="og:image" content="{item.image}">
<meta name="author" content="{item.author}">
<meta property="article:published_time" content="{when}">
<link rel="canonical" href="{item.link}">
<style>body{{font-family:sans-serif;margin:0}}.share a{{margin:0 4px}}</style>
</head>
<body>
<header class="site-header"><a class="logo" href="{base_url}/">{site}</a>
<nav class="main-nav"><ul>{nav}</ul></nav>
<form class="search" action="{base_url}/search"><input name="q" placeholder="بحث"></form>
</header>
<div class="share"><a href="#">شارك</a><a href="#">غرد</a><a href="#">انسخ الرابط</a></div>
<main>
<article class="story">
<h1>{item.title}</h1>
<div class="meta"><span class="author">{item.author}</span>
<time datetime="{when}">{item.published:%Y/%m/%d %H:%M}</time>
<a class="section" href="{base_url}/section/">{item.section}</a></div>
<p class="lead"><strong>{item.lead}</strong></p>
{item.body}
</article>
<aside class="related"><h2>اقرأ أيضا</h2><ul>{related}</ul></aside>
</main>
<footer><p>جميع الحقوق محفوظة © {site}</p><ul>
<li><a href="{base_url}/about">من نحن</a></li>
<li><a href="{base_url}/contact">اتصل بنا</a></li>
<li><a href="{base_url}/privacy">الخصوصية</a></li></ul>
</footer>
</body>
</html>
"""


def _opml(urls: list[str]) -> str:
    by_section: dict[str, list[str]] = {}
    for feed, url in enumerate(urls):
        flag = ' khabar:fullText="true"' if is_summary_only(feed) else ""
        by_section.setdefault(SECTIONS[feed // len(SITES) % len(SECTIONS)], []).append(
            f'<outline type="rss" text="{_feed_title(feed)}" xmlUrl="{url}"{flag}/>'
        )
    body = "".join(
        f'<outline text="{section}">\n{chr(10).join(lines)}\n</outline>\n'
        for section, lines in by_section.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<opml version="2.0" xmlns:khabar="urn:khabar:opml">\n'
        f"<head><title>Khabar sync benchmark</title></head>\n<body>\n{body}</body>\n</opml>\n"
    )

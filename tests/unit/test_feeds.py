"""Reading feeds from bytes: formats, encodings, dates, and hostile documents."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.sync.charset import decode
from reader.sync.dates import parse_rfc3339
from reader.sync.feeds import parse_feed
from reader.sync.model import FeedKind, ParsedFeed

FEED_URL = "https://wadi.example/feeds/rss.xml"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>صحيفة الوادي</title>
  <link>https://wadi.example/</link>
  <language>ar</language>
  <item>
    <title>أمطار غزيرة على &lt;b&gt;القرى&lt;/b&gt; الجبلية</title>
    <link>/news/1.html</link>
    <guid isPermaLink="false">wadi-1</guid>
    <pubDate>Tue, 10 Jun 2025 08:30:00 +0300</pubDate>
    <category>طقس</category>
    <category>محليات</category>
    <description>ملخص قصير عن الأمطار.</description>
    <content:encoded><![CDATA[<p>هطلت أمطار غزيرة على القرى.</p>
      <p>وقال المزارعون إن الموسم جيد.</p>]]></content:encoded>
    <media:content url="https://cdn.wadi.example/1.jpg" medium="image"/>
  </item>
  <item>
    <title>خبر بلا تاريخ</title>
    <link>https://wadi.example/news/2.html</link>
    <description>نص عادي بلا وسوم.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title>مدونة النخيل</title>
  <link href="https://nakheel.example/"/>
  <id>urn:nakheel</id>
  <updated>2025-06-10T09:00:00Z</updated>
  <entry>
    <title type="html">حصاد &amp;quot;التمر&amp;quot; يبدأ</title>
    <link rel="alternate" href="https://nakheel.example/posts/harvest"/>
    <id>urn:nakheel:harvest</id>
    <published>2025-06-09T21:15:00+02:00</published>
    <updated>2025-06-10T07:00:00Z</updated>
    <author><name>سلمى</name></author>
    <category term="زراعة"/>
    <summary>بدأ موسم الحصاد.</summary>
    <content type="html">&lt;p&gt;بدأ موسم حصاد التمر في الواحة.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/">
    <title>النشرة القديمة</title><link>https://old.example/</link><description>قديمة</description>
  </channel>
  <item rdf:about="https://old.example/a">
    <title>خبر من الأرشيف</title><link>https://old.example/a</link>
    <dc:date>2024-12-31T23:00:00+03:00</dc:date>
    <description>وصف الخبر القديم.</description>
  </item>
</rdf:RDF>
"""

RSS_091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old News</title><link>https://n.example/</link>
<description>x</description><language>en</language>
<item><title>Caf&#233; opens</title><link>https://n.example/cafe</link>
<description>A new caf&#233;.</description></item>
</channel></rss>
"""


def one_item(title: str, encoding: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>ق</title>'
        f"<item><title>{title}</title><link>https://q.example/1</link></item></channel></rss>"
    ).encode("cp1256")


# --- formats --------------------------------------------------------------------


def test_rss_2_with_full_content() -> None:
    feed = parse_feed(RSS.encode(), FEED_URL, "application/rss+xml")
    assert feed.kind is FeedKind.RSS
    assert (feed.title, feed.site_url, feed.language) == (
        "صحيفة الوادي",
        "https://wadi.example/",
        "ar",
    )
    first, second = feed.entries
    assert first.title == "أمطار غزيرة على القرى الجبلية"  # markup in a title is dropped
    assert first.guid == "wadi-1"
    assert first.url == "https://wadi.example/news/1.html"  # made absolute
    assert first.published == datetime(2025, 6, 10, 5, 30, tzinfo=UTC)
    assert first.categories == ("طقس", "محليات")
    assert "وقال المزارعون" in first.content_html
    assert "ملخص قصير" in first.summary_html
    assert first.image_url == "https://cdn.wadi.example/1.jpg"
    assert second.published is None  # the library falls back to the time first seen
    assert second.guid == "https://wadi.example/news/2.html"  # no guid: the link stands in
    assert second.summary_html == "<p>نص عادي بلا وسوم.</p>"  # plain text becomes HTML


def test_atom() -> None:
    feed = parse_feed(ATOM.encode(), "https://nakheel.example/atom.xml")
    assert feed.kind is FeedKind.ATOM
    (entry,) = feed.entries
    assert entry.title == 'حصاد "التمر" يبدأ'
    assert entry.url == "https://nakheel.example/posts/harvest"
    assert entry.author == "سلمى"
    assert entry.published == datetime(2025, 6, 9, 19, 15, tzinfo=UTC)
    assert entry.categories == ("زراعة",)
    assert "موسم حصاد التمر" in entry.content_html


def test_rss_1_rdf() -> None:
    feed = parse_feed(RDF.encode(), "https://old.example/rss")
    (entry,) = feed.entries
    assert entry.title == "خبر من الأرشيف"
    assert entry.published == datetime(2024, 12, 31, 20, 0, tzinfo=UTC)


def test_rss_0_91_with_its_doctype() -> None:
    feed = parse_feed(RSS_091.encode("iso-8859-1"), "https://n.example/rss")
    (entry,) = feed.entries
    assert entry.title == "Café opens"


def test_json_feed_goes_to_its_own_parser() -> None:
    data = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J",'
        b' "items": [{"id": "1", "title": "t"}]}'
    )
    feed = parse_feed(data, "https://j.example/feed.json")
    assert feed.kind is FeedKind.JSON
    assert feed.entries[0].title == "t"


@pytest.mark.parametrize(
    "date",
    [
        "Tue, 10 Jun 2025 08:30:00 +0300",
        "Tue, 10 Jun 2025 05:30:00 GMT",
        "10 Jun 2025 05:30:00 Z",
        "2025-06-10T05:30:00Z",
        "2025-06-10T08:30:00+03:00",
        "2025-06-10T05:30:00.000+00:00",
    ],
)
def test_dates_in_the_forms_feeds_use(date: str) -> None:
    data = RSS.replace("Tue, 10 Jun 2025 08:30:00 +0300", date).encode()
    assert parse_feed(data, FEED_URL).entries[0].published == datetime(
        2025, 6, 10, 5, 30, tzinfo=UTC
    )


def test_an_unreadable_date_is_no_date() -> None:
    data = RSS.replace("Tue, 10 Jun 2025 08:30:00 +0300", "xx-garbage-99").encode()
    assert parse_feed(data, FEED_URL).entries[0].published is None


# --- encodings ------------------------------------------------------------------


def test_windows_1256_as_declared() -> None:
    feed = parse_feed(one_item("خبر عاجل عن الاقتصاد", "windows-1256"), FEED_URL)
    assert feed.entries[0].title == "خبر عاجل عن الاقتصاد"


@pytest.mark.parametrize("label", ["utf-8", "iso-8859-1", "windows-1252"])
def test_windows_1256_mislabeled(label: str) -> None:
    title = "السوق تفتح أبوابها للتجار والمزارعين صباح الغد"
    feed = parse_feed(one_item(title, label), FEED_URL)
    assert feed.entries[0].title == title


def test_charset_from_the_server_and_a_bom() -> None:
    body = RSS.replace('encoding="utf-8"', "").encode("utf-8")
    assert parse_feed(b"\xef\xbb\xbf" + body, FEED_URL).title == "صحيفة الوادي"
    assert decode("<a>ق</a>".encode("cp1256"), http_charset="windows-1256") == "<a>ق</a>"


def test_latin_text_stays_latin() -> None:
    text = "<p>Le café de la gare est ouvert toute la journée, même le dimanche.</p>"
    assert decode(text.encode("iso-8859-1"), http_charset="iso-8859-1") == text


# --- hostile documents -------------------------------------------------------------


def test_external_entities_never_reach_the_entries(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>T &xxe;</title>
<item><title>عنوان &xxe;</title><link>https://x.example/1</link>
<description>نص &xxe;</description></item></channel></rss>""".encode()
    feed = parse_feed(data, FEED_URL)
    assert "TOP-SECRET" not in repr(feed)
    assert feed.entries[0].url == "https://x.example/1"


def test_a_billion_laughs_is_not_expanded() -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]>'
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>x &lol9;</title><link>https://x.example/1</link></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    feed = parse_feed(data, FEED_URL)
    assert time.monotonic() - started < 5
    assert "lollol" not in repr(feed)


def test_malformed_xml_is_read_as_far_as_it_goes() -> None:
    data = RSS.replace("</channel>", "").replace("</rss>", "").replace("</item>", "", 1).encode()
    feed = parse_feed(data, FEED_URL)
    assert feed.entries
    assert feed.entries[0].title.startswith("أمطار")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<!DOCTYPE html><html><body><p>not a feed</p></body></html>", "web page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "web page"),
    ],
)
def test_what_is_not_a_feed_is_a_parse_error(data: bytes, words: str) -> None:
    with pytest.raises(ParseError, match=words):
        parse_feed(data, FEED_URL)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_feed_or_a_parse_error(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse_feed(data, FEED_URL), ParsedFeed)


_XMLISH = st.lists(
    st.sampled_from(
        [
            "<rss>",
            "</rss>",
            "<channel>",
            "<item>",
            "</item>",
            "<title>",
            "</title>",
            "<link>",
            "</link>",
            "<feed>",
            "<entry>",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&lol;",
            "<!DOCTYPE x [",
            "<!ENTITY a 'b'>",
            "]>",
            "<?xml version='1.0'?>",
            "خبر",
            "<",
            ">",
            "\x00",
            "<pubDate>",
            "</pubDate>",
            "Mon, 32 Foo 99999",
            "<guid>",
            "</guid>",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_XMLISH)
def test_arbitrary_xmlish_text_gives_a_feed_or_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse_feed(text.encode(), FEED_URL), ParsedFeed)


def _common_date(moment: datetime, offset: int | None) -> str:
    """A date spelled 2024-05-01T10:00:00+03:00 (or Z), whatever its year or offset."""
    zone = "Z"
    if offset is not None:
        zone = f"{'-' if offset < 0 else '+'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{zone}"
    )


_COMMON_DATES = st.one_of(
    st.builds(_common_date, st.datetimes(), st.none() | st.integers(-24 * 60, 24 * 60)),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", fullmatch=True),
)


@given(_COMMON_DATES)
def test_dates_in_the_common_form_read_as_any_other(value: str) -> None:
    # That form is read by datetime itself; a trailing space sends it the long way.
    assert parse_rfc3339(value) == parse_rfc3339(value + " ")

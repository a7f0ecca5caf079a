"""Tests of feed discovery's pure half: links in pages, paths to try, and sniffing bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.sync.discover import (
    COMMON_FEED_PATHS,
    MAX_PAGE_BYTES,
    FeedLink,
    candidate_urls,
    find_feed_links,
    sniff_kind,
)

PAGE_URL = "https://jarida.example/ar/index.html"

# A made-up Arabic news front page in the shape WordPress themes produce.
FRONT_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>جريدة المثال</title>
  <link rel="stylesheet" href="/style.css">
  <link rel="alternate" type="application/rss+xml" title="جريدة المثال » التعليقات"
        href="/comments/feed/">
  <link rel="alternate" type="application/rss+xml" title="جريدة المثال » الخلاصة"
        href="https://jarida.example/feed/">
  <link rel="alternate" type="application/json" href="https://jarida.example/wp-json/wp/v2/pages/7">
  <link rel="alternate" type="application/json+oembed" href="/oembed?format=json">
  <link rel="alternate" hreflang="en" href="/en/">
  <link rel="alternate" type="application/atom+xml" title="أخبار الرياضة" href="sport/atom.xml">
  <link rel="ALTERNATE home" type="Application/Feed+JSON; charset=utf-8" href="/feed.json#top">
  <link rel="alternate" type="application/rss+xml" href="/feed/">
</head>
<body>
  <a href="/feed/">تابعونا عبر   RSS</a>
  <a href="https://other.example/rss.xml">مدونة صديقة</a>
  <a href="/ar/archive/index.xml" title="الأرشيف"></a>
  <a href="/about">من نحن</a>
  <a href="javascript:void(0)">feed</a>
</body>
</html>
"""


def test_declared_feeds_come_first_in_order_with_comments_last() -> None:
    links = find_feed_links(FRONT_PAGE, PAGE_URL)

    assert links == [
        FeedLink("https://jarida.example/feed/", "جريدة المثال » الخلاصة", "rss"),
        FeedLink("https://jarida.example/ar/sport/atom.xml", "أخبار الرياضة", "atom"),
        FeedLink("https://jarida.example/feed.json", None, "json"),
        FeedLink("https://jarida.example/comments/feed/", "جريدة المثال » التعليقات", "rss"),
        FeedLink("https://jarida.example/ar/archive/index.xml", "الأرشيف", "unknown"),
        FeedLink("https://other.example/rss.xml", "مدونة صديقة", "rss"),
    ]


def test_bytes_are_read_as_utf8_and_legacy_pages_by_their_meta_charset() -> None:
    utf8 = find_feed_links(FRONT_PAGE.encode(), PAGE_URL)
    legacy_page = FRONT_PAGE.replace('charset="utf-8"', 'charset="windows-1256"')
    legacy = find_feed_links(legacy_page.encode("cp1256"), PAGE_URL)

    assert utf8 == find_feed_links(FRONT_PAGE, PAGE_URL)
    assert legacy == utf8


def test_base_href_changes_what_links_are_relative_to() -> None:
    page = """<html><head><base href="/static/"><base href="/ignored/">
    <link rel=alternate type=application/rss+xml href=rss.xml></head></html>"""

    assert find_feed_links(page, PAGE_URL) == [
        FeedLink("https://jarida.example/static/rss.xml", None, "rss")
    ]


def test_generic_types_rank_after_feed_types_and_dedupe_keeps_the_first() -> None:
    page = """<head>
    <link rel="alternate" type="text/xml" href="/a.xml" title="أ">
    <link rel="alternate" type="application/json" href="/b.json">
    <link rel="alternate" type="application/rdf+xml" href="/c.rdf">
    <link rel="alternate" type="application/rss+xml" href="/a.xml" title="مكرر">
    </head>"""

    assert find_feed_links(page, "http://site.example/") == [
        FeedLink("http://site.example/c.rdf", None, "rss"),
        FeedLink("http://site.example/a.xml", "مكرر", "rss"),
        FeedLink("http://site.example/b.json", None, "json"),
    ]


def test_broken_markup_still_yields_its_links() -> None:
    page = (
        "<<garbage <p>نص قبل الرأس <head><link rel='alternate' "
        "type='application/atom+xml' href='/atom.xml'<div></span></html></html><a href=/feed>"
    )

    assert [link.url for link in find_feed_links(page, "https://b.example/x")] == [
        "https://b.example/atom.xml",
        "https://b.example/feed",
    ]


@pytest.mark.parametrize("page", ["", "   ", b"", b"\x00\xff\xfe", "<html></html>", "plain text"])
def test_pages_without_links_give_an_empty_list(page: str | bytes) -> None:
    assert find_feed_links(page, PAGE_URL) == []


def test_only_the_first_two_megabytes_are_read() -> None:
    link = '<a href="/rss">RSS</a>'
    page = "<html><body>" + "x" * MAX_PAGE_BYTES + link + "</body></html>"

    assert find_feed_links(page, PAGE_URL) == []
    assert find_feed_links(link + page, PAGE_URL) == [
        FeedLink("https://jarida.example/rss", "RSS", "rss")
    ]


def test_a_cut_inside_a_character_is_not_taken_for_another_encoding() -> None:
    head = '<head><link rel="alternate" type="application/rss+xml" title="عاجل" href="/r"></head>'
    page = (head + "<p>" + "ع" * MAX_PAGE_BYTES).encode()
    assert page[MAX_PAGE_BYTES - 1 : MAX_PAGE_BYTES + 1] in ("عع".encode()[1:3], "عع".encode()[0:2])

    assert find_feed_links(page, PAGE_URL)[0].title == "عاجل"


def test_unusable_base_url_keeps_only_absolute_links() -> None:
    page = '<a href="/feed">x</a><a href="https://c.example/feed.json">y</a>'

    assert [link.url for link in find_feed_links(page, "http://[bad")] == [
        "https://c.example/feed.json"
    ]


def test_anchor_names_are_read_from_the_href_not_the_page_address() -> None:
    page = '<a href="?page=2">التالي</a><a href="/ar/feed/?lang=ar#x">خلاصة</a>'

    assert find_feed_links(page, "https://d.example/feed") == [
        FeedLink("https://d.example/ar/feed/?lang=ar", "خلاصة", "unknown")
    ]


# ---------------------------------------------------------------- candidates


def test_candidates_are_the_common_paths_on_the_site_root() -> None:
    urls = candidate_urls("HTTPS://jarida.example:8443/ar/section/page.html?q=1#x")

    assert urls[0] == "https://jarida.example:8443/feed/"
    assert urls == [f"https://jarida.example:8443{path}" for path in COMMON_FEED_PATHS]
    assert "/feed/" in COMMON_FEED_PATHS
    assert len(set(COMMON_FEED_PATHS)) == len(COMMON_FEED_PATHS)


@pytest.mark.parametrize("url", ["", "jarida.example", "ftp://jarida.example/", "http://[bad"])
def test_no_candidates_for_what_is_not_a_web_address(url: str) -> None:
    assert candidate_urls(url) == []


# ---------------------------------------------------------------- sniffing

RSS = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (RSS, "text/html; charset=utf-8", "rss"),
        (b"\xef\xbb\xbf" + RSS, None, "rss"),
        ("\ufeff<rss>".encode("utf-16-le"), None, "rss"),
        ("<rss>".encode("utf-16-be"), None, "rss"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', None, "rss"),
        (b"<RDF>", None, "rss"),
        (
            b'<?xml version="1.0"?>\n<?xml-stylesheet href="/s.xsl"?>\n<!-- \xd8\xae -->\n'
            b'<feed xmlns="http://www.w3.org/2005/Atom">',
            "application/xml",
            "atom",
        ),
        (b"<atom:feed xmlns:atom='x'>", None, "atom"),
        (b'<!DOCTYPE rss PUBLIC "-//N//DTD RSS 0.91//EN" "x"><rss>', None, "rss"),
        (b'<!DOCTYPE feed [ <!ENTITY a "<b>"> ]><feed>', None, "atom"),
        (b"<b>Warning</b>: something<br>\n<?xml version='1.0'?><rss>", None, "rss"),
        (b'  {"version": "https://jsonfeed.org/version/1.1", "title": "x"}', None, "json"),
        (b'{"title": "x", "items": []}', "application/json", "json"),
        (b'{"title": "x"}', "application/feed+json", "json"),
        (b'{"error": "not found"}', "application/json", None),
        (b"<!DOCTYPE html><html><head><link rel=alternate type=application/rss+xml>", None, None),
        (b"<!doctype  HTML>", "application/rss+xml", None),
        (b"<html><body><rss>", "application/rss+xml", None),
        (b"<head><title>", None, None),
        (b"Not Found", "application/rss+xml", None),
        (b"<note><to>x</to></note>", "application/xml", None),
        (b"", "application/atom+xml", "atom"),
        (b"<?xml version='1.0'?>", "application/rss+xml", "rss"),
        (b"<!-- " + b"x" * 20_000, "application/rss+xml", "rss"),
        (b"<!-- " + b"x" * 20_000, "text/html", None),
        (b"", None, None),
    ],
)
def test_sniffing_tells_feeds_from_pages(
    data: bytes, content_type: str | None, expected: str | None
) -> None:
    assert sniff_kind(data, content_type) == expected


# ---------------------------------------------------------------- hostile input

markup = st.lists(
    st.sampled_from(
        [
            "<head>",
            "<base href='//x.example/'>",
            "<link rel='alternate' type='application/rss+xml' href='",
            "<a href='",
            "/feed'>",
            "http://[",
            "'>",
            "<!--",
            "-->",
            "<![CDATA[",
            "<!DOCTYPE ",
            "<?xml ?>",
            "<rss>",
            '{"items"',
            "التعليقات",
            "\x00",
            "&#0;",
            "&#xd800;",
        ]
    )
    | st.text(max_size=8),
    max_size=30,
).map("".join)


@settings(
    database=None, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
@given(markup | st.text(max_size=200), st.binary(max_size=200), st.text(max_size=30))
def test_nothing_raises_for_any_input(text: str, data: bytes, base: str) -> None:
    for page in (text, data, text.encode("utf-8", "surrogatepass")):
        for link in find_feed_links(page, base or PAGE_URL):
            assert link.url.startswith(("http://", "https://"))
            assert link.kind in ("rss", "atom", "json", "unknown")
    assert sniff_kind(data, text) in ("rss", "atom", "json", None)
    assert sniff_kind(text.encode("utf-8", "surrogatepass"), None) in ("rss", "atom", "json", None)
    assert all(url.startswith("http") for url in candidate_urls(text))

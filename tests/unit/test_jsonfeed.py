"""Tests of the JSON Feed parser: versions 1.0 and 1.1, lenient fields and hostile input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.sync.jsonfeed import MAX_ITEMS, MAX_TAGS, parse_json_feed
from reader.sync.model import FeedEntry, FeedKind, ParsedFeed

FEED_URL = "https://akhbar.example/ar/feed.json"

# A made-up Arabic feed in version 1.1, with relative links and both kinds of content.
FEED_1_1 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "  أخبار   المثال  ",
    "home_page_url": "/ar/",
    "feed_url": FEED_URL,
    "language": "ar",
    "authors": [{"name": "هيئة التحرير"}],
    "items": [
        {
            "id": "https://akhbar.example/ar/1",
            "url": "/ar/news/1",
            "title": "افتتاح مكتبة جديدة في المدينة",
            "content_html": "<p>افتتحت البلدية <b>مكتبة</b> عامة.</p>",
            "summary": "مكتبة جديدة & قاعة للقراءة",
            "image": "images/1.jpg",
            "date_published": "2025-03-01T09:30:00+03:00",
            "authors": [{"url": "https://akhbar.example/u"}, {"name": "سلمى يوسف"}],
            "tags": [" ثقافة ", "مكتبات", "ثقافة", 7, "", "Culture", "culture"],
        },
        {
            "id": 42,
            "external_url": "https://elsewhere.example/story",
            "content_text": "السطر الأول\nالسطر الثاني\n\n  فقرة <ثانية>  \n\n\n",
            "banner_image": "https://cdn.akhbar.example/b.png",
            "date_modified": "2025-03-02T10:00Z",
            "language": "en",
        },
    ],
}


def dump(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def only_entry(item: dict[str, Any], **top: Any) -> FeedEntry:
    feed = parse_json_feed(
        dump({"version": "https://jsonfeed.org/version/1.1", **top, "items": [item]}), FEED_URL
    )
    assert len(feed.entries) == 1
    return feed.entries[0]


# ---------------------------------------------------------------- whole feeds


def test_version_1_1_feed_is_read_with_every_field() -> None:
    feed = parse_json_feed(dump(FEED_1_1), FEED_URL)

    assert feed.kind is FeedKind.JSON
    assert feed.title == "أخبار المثال"
    assert feed.site_url == "https://akhbar.example/ar/"
    assert feed.language == "ar"
    first, second = feed.entries
    assert first == FeedEntry(
        title="افتتاح مكتبة جديدة في المدينة",
        guid="https://akhbar.example/ar/1",
        url="https://akhbar.example/ar/news/1",
        author="سلمى يوسف",
        published=datetime(2025, 3, 1, 6, 30, tzinfo=UTC),
        summary_html="مكتبة جديدة &amp; قاعة للقراءة",
        content_html="<p>افتتحت البلدية <b>مكتبة</b> عامة.</p>",
        categories=("ثقافة", "مكتبات", "Culture"),
        image_url="https://akhbar.example/ar/images/1.jpg",
        language="ar",
    )
    assert second == FeedEntry(
        title="",
        guid="42",
        url="https://elsewhere.example/story",
        author="هيئة التحرير",  # the feed's authors stand for the item's
        published=datetime(2025, 3, 2, 10, 0, tzinfo=UTC),
        content_html="<p>السطر الأول<br>السطر الثاني</p><p>فقرة &lt;ثانية&gt;</p>",
        image_url="https://cdn.akhbar.example/b.png",
        language="en",
    )


def test_version_1_0_feed_with_author_object_over_http_version_url() -> None:
    document = {
        "version": "http://jsonfeed.org/version/1",
        "title": "مدونة قديمة",
        "author": {"name": "كاتب المدونة"},
        "items": [{"id": "a", "title": "تدوينة", "author": {"name": "ضيف"}}, {"id": "b"}],
    }
    feed = parse_json_feed(json.dumps(document), FEED_URL)

    assert [e.author for e in feed.entries] == ["ضيف", "كاتب المدونة"]


def test_missing_version_is_accepted_when_items_is_a_list() -> None:
    feed = parse_json_feed(b'{"title": "x", "items": [{"id": "1"}]}', FEED_URL)

    assert [e.guid for e in feed.entries] == ["1"]


def test_declared_feed_without_items_is_empty() -> None:
    feed = parse_json_feed(b'{"version": "https://jsonfeed.org/version/1.1"}', FEED_URL)

    assert feed == ParsedFeed(kind=FeedKind.JSON)


def test_bom_and_str_input_are_accepted() -> None:
    body = dump(FEED_1_1)
    expected = parse_json_feed(body, FEED_URL)

    assert parse_json_feed(b"\xef\xbb\xbf" + body, FEED_URL) == expected
    assert parse_json_feed("\ufeff" + body.decode(), FEED_URL) == expected
    assert parse_json_feed(body.decode().encode("utf-16"), FEED_URL) == expected


def test_items_past_the_cap_are_not_read() -> None:
    items = [{"id": str(n)} for n in range(MAX_ITEMS + 5)]
    feed = parse_json_feed(dump({"items": items}), FEED_URL)

    assert len(feed.entries) == MAX_ITEMS
    assert feed.entries[-1].guid == str(MAX_ITEMS - 1)


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not valid JSON"),
        (b"<rss></rss>", "not valid JSON"),
        (b'{"items": [}', "line 1, column 12"),
        (b"[1, 2]", "does not start with an object"),
        (b'"text"', "does not start with an object"),
        (b'{"version": "https://jsonfeed.org/version/2", "items": []}', "version"),
        (b'{"version": "https://example.com/v1", "items": []}', "version"),
        (b'{"title": "no items"}', "no version and no items"),
        (b'{"version": 1, "items": {}}', "no version and no items"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": {}}', "not a list"),
        ("مرحبا".encode("cp1256"), "UTF-8"),
        (b"[" * 100_000, "not valid JSON"),
        (b"1" * 5000, "not valid JSON"),
    ],
)
def test_what_is_not_a_json_feed_is_refused_in_one_sentence(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_json_feed(data, FEED_URL)

    message = str(caught.value)
    assert reason in message
    assert message.endswith(".")
    assert message.count(". ") == 0


# ---------------------------------------------------------------- lenient fields


@pytest.mark.parametrize(
    "item",
    [
        "not an object",
        ["id"],
        None,
        {"title": "no id"},
        {"id": None},
        {"id": True},
        {"id": "   "},
        {"id": {"nested": 1}},
        {"id": float("inf")},
    ],
)
def test_malformed_items_are_skipped_not_fatal(item: object) -> None:
    feed = parse_json_feed(dump({"items": [item, {"id": "good"}]}), FEED_URL)

    assert [e.guid for e in feed.entries] == ["good"]


def test_numbers_and_objects_where_strings_belong_are_ignored() -> None:
    entry = only_entry(
        {
            "id": 7.5,
            "url": 12,
            "external_url": "https://ok.example/x",
            "title": ["عنوان"],
            "content_html": {"html": "x"},
            "content_text": 3,
            "summary": False,
            "image": 1,
            "banner_image": None,
            "date_published": 1700000000,
            "authors": "سلمى",
            "author": "قديم",
            "tags": "وسم",
            "language": 5,
        },
        title=9,
        language=["ar"],
        home_page_url={"x": 1},
    )

    assert entry == FeedEntry(title="", guid="7.5", url="https://ok.example/x")


def test_only_http_urls_are_kept_and_bad_ones_fall_back() -> None:
    entry = only_entry(
        {
            "id": "1",
            "url": "javascript:alert(1)",
            "external_url": "mailto:someone@example.com",
            "image": "http://[broken",
            "banner_image": "data:image/png;base64,AAAA",
        },
        home_page_url="ftp://akhbar.example/",
    )

    assert (entry.url, entry.image_url) == (None, None)
    assert only_entry({"id": "1", "url": "ftp://x.example/", "external_url": "//x.example/a"}).url
    assert only_entry({"id": "1", "url": " /a b "}).url == "https://akhbar.example/a b"


def test_tags_are_stripped_deduplicated_and_capped() -> None:
    tags = [f"وسم {n}" for n in range(MAX_TAGS + 10)]
    entry = only_entry({"id": "1", "tags": [*tags[:3], " وسم 0 ", *tags]})

    assert entry.categories == tuple(tags[:MAX_TAGS])


def test_content_html_wins_over_content_text_unless_blank() -> None:
    both = {"id": "1", "content_html": "<p>أ</p>", "content_text": "ب"}
    blank = {"id": "1", "content_html": "  ", "content_text": "a\r\nb\r\n\r\nc"}

    assert only_entry(both).content_html == "<p>أ</p>"
    assert only_entry(blank).content_html == "<p>a<br>b</p><p>c</p>"


def test_lone_surrogates_become_replacement_characters() -> None:
    # JSON can escape half a surrogate pair; UTF-8 (and so SQLite) cannot carry one.
    data = rb'{"items": [{"id": "1", "title": "\ud800T", "content_html": "x\udfff"}]}'
    (entry,) = parse_json_feed(data, FEED_URL).entries

    assert entry.title == "\ufffdT"
    assert entry.content_html == "x\ufffd"
    assert entry.title.encode("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T09:30:00Z", datetime(2025, 3, 1, 9, 30, tzinfo=UTC)),
        ("2025-03-01t09:30:00z", datetime(2025, 3, 1, 9, 30, tzinfo=UTC)),
        ("2025-03-01T09:30:15.123456789+03:00", datetime(2025, 3, 1, 6, 30, 15, 123456, UTC)),
        ("2025-03-01T09:30-0500", datetime(2025, 3, 1, 14, 30, tzinfo=UTC)),
        ("2025-03-01 09:30:00", datetime(2025, 3, 1, 9, 30, tzinfo=UTC)),
        ("2025-03-01", datetime(2025, 3, 1, tzinfo=UTC)),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),
        (" 2025-03-01T09:30:00Z\n", datetime(2025, 3, 1, 9, 30, tzinfo=UTC)),
        ("2025-02-30T09:30:00Z", None),
        ("2025-03-01T25:00:00Z", None),
        ("2025-03-01T09:30:00+24:00", None),
        ("0001-01-01T00:00:00+01:00", None),
        ("٢٠٢٥-٠٣-٠١T09:30:00Z", None),
        ("Sat, 01 Mar 2025 09:30:00 GMT", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_are_read_as_aware_utc_or_none(text: str, expected: datetime | None) -> None:
    published = only_entry({"id": "1", "date_published": text}).published

    assert published == expected
    if published is not None:
        assert published.tzinfo is UTC


def test_date_modified_stands_in_for_an_unreadable_date_published() -> None:
    entry = only_entry({"id": "1", "date_published": "soon", "date_modified": "2025-01-02T03:04Z"})

    assert entry.published == datetime(2025, 1, 2, 3, 4, tzinfo=UTC)


# ---------------------------------------------------------------- hostile input

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)

# Objects shaped like feeds, with any JSON where each field belongs: this is
# where a missing type check would crash. Plausible strings go deeper than random ones.
FIELDS = [
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "author",
    "authors",
    "tags",
    "language",
    "name",
]
plausible = st.sampled_from(
    ["2025-03-01T09:30:00+03:00", "9999-12-31T23:59:59-23:59", "/a", "//h.example/", "خبر\n\nب"]
)
field_values = st.recursive(
    json_scalars | plausible,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(FIELDS), children, max_size=3)
    ),
    max_leaves=8,
)
field_maps = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=8)
feed_like = st.fixed_dictionaries(
    {"items": st.lists(field_maps | field_values, max_size=5)},
    optional={
        "version": st.sampled_from(["https://jsonfeed.org/version/1.1", "x"]) | field_values,
        "title": field_values,
        "home_page_url": field_values,
        "language": field_values,
        "authors": st.lists(field_maps | field_values, max_size=3),
        "author": field_maps | field_values,
    },
)


def assert_feed_or_parse_error(data: bytes | str) -> None:
    try:
        result = parse_json_feed(data, FEED_URL)
    except ParseError as error:
        message = str(error)
        assert message.endswith(".")
    else:
        assert isinstance(result, ParsedFeed)
        assert all(isinstance(e, FeedEntry) and isinstance(e.guid, str) for e in result.entries)


HOSTILE = settings(
    database=None, deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow]
)


@HOSTILE
@given(st.binary(max_size=300))
def test_any_bytes_give_a_feed_or_a_parse_error(data: bytes) -> None:
    assert_feed_or_parse_error(data)


@HOSTILE
@given(json_values)
def test_any_json_value_gives_a_feed_or_a_parse_error(value: object) -> None:
    assert_feed_or_parse_error(json.dumps(value))
    assert_feed_or_parse_error(json.dumps(value).encode())


@HOSTILE
@given(feed_like, st.sampled_from(["", FEED_URL, "http://[bad", "not a url"]))
def test_feed_shaped_json_with_any_field_values_never_crashes(
    document: dict[str, Any], base: str
) -> None:
    try:
        result = parse_json_feed(json.dumps(document), base)
    except ParseError:
        return
    for entry in result.entries:
        for link in (entry.url, entry.image_url):
            assert link is None or link.startswith(("http://", "https://"))
        assert entry.published is None or entry.published.tzinfo is UTC

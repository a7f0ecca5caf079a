"""Tests of OPML reading and writing: round trips, real-world files and hostile input."""

from __future__ import annotations

import codecs
import string
import traceback
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ParseError
from reader.library.opml import (
    MAX_OPML_BYTES,
    OpmlCategory,
    OpmlDocument,
    OpmlSource,
    parse_opml,
    write_opml,
)

# A made-up list in the shape other readers export (version 1.0, folders,
# stray whitespace, a link outline and a nameless folder), on example domains.
THIRD_PARTY_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head>
    <title>  My subscriptions  </title>
    <dateCreated>Mon, 06 Jan 2025 10:00:00 GMT</dateCreated>
    <ownerName>Someone</ownerName>
  </head>
  <body>
    <outline text="Technology" title="Technology">
      <outline type="rss" text=" Gadget Daily " title="Gadget Daily"
               xmlUrl=" https://example.com/gadgets/rss.xml "
               htmlUrl="https://example.com/gadgets/"/>
      <outline type="atom" text="Code Notes" xmlUrl="https://example.org/code/atom.xml"/>
      <outline type="link" text="A bookmark" url="https://example.org/bookmark"
               xmlUrl="https://example.org/not-a-feed"/>
    </outline>
    <outline title="عربي">
      <outline text="صحيفة المثال"
               xmlURL="https://example.com/ar/feed" TYPE="RSS"/>
    </outline>
    <outline>
      <outline type="rss" text="Loose in a nameless folder" xmlUrl="http://example.org/loose"/>
    </outline>
    <outline type="rss" text="Weather" xmlUrl="https://example.com/weather.rss"
             htmlUrl="javascript:alert(1)"/>
  </body>
</opml>
""".encode()


def outline_file(body: str, *, head: str = "", prolog: str = "") -> bytes:
    """A small OPML file around ``body``, declaring Khabar's namespace."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        f'<opml version="2.0" xmlns:khabar="urn:khabar:opml">'
        f"<head>{head}</head><body>{body}</body></opml>"
    ).encode()


def feed(url: str, text: str = "", extra: str = "") -> str:
    return f'<outline type="rss" text="{text}" xmlUrl="{url}" {extra}/>'


# ---------------------------------------------------------------- round trips


def test_round_trip_keeps_arabic_and_english_categories_and_khabar_attributes() -> None:
    document = OpmlDocument(
        title="قائمتي — My list",
        categories=(
            OpmlCategory(
                name="سياسة",
                name_en="Politics",
                sources=(
                    OpmlSource(
                        url="https://example.com/siyasa/rss",
                        title="صحيفة المِثال",  # with a kasra, which must survive as is
                        site_url="https://example.com/siyasa/",
                        full_text=True,
                    ),
                    OpmlSource(url="https://example.org/world.xml", title="World & <more>"),
                ),
            ),
            OpmlCategory(
                name="Science",
                sources=(OpmlSource(url="http://example.org/science", title='Lab "notes"'),),
            ),
            OpmlCategory(name="فارغ", name_en="Empty"),
        ),
        uncategorized=(OpmlSource(url="https://example.com/misc", title="متفرقات"),),
    )

    written = write_opml(document)

    assert parse_opml(written) == document
    # Arabic is written as UTF-8 text, not as character references.
    assert "صحيفة المِثال".encode() in written


def test_written_file_is_opml_2_with_declaration_date_and_standard_attributes() -> None:
    document = OpmlDocument(
        title="Khabar",
        categories=(
            OpmlCategory(
                name="أخبار",
                sources=(
                    OpmlSource("https://example.com/a", "A", site_url="https://example.com/"),
                ),
            ),
        ),
    )

    written = write_opml(document)

    assert written.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b'<opml version="2.0"' in written
    assert b"<title>Khabar</title>" in written
    assert 'text="أخبار" title="أخبار"'.encode() in written
    assert (
        b'type="rss" text="A" title="A" xmlUrl="https://example.com/a" '
        b'htmlUrl="https://example.com/"' in written
    )
    created = written.split(b"<dateCreated>")[1].split(b"</dateCreated>")[0]
    assert parsedate_to_datetime(created.decode()).tzinfo is not None
    # Khabar's attributes are written only when set.
    assert b"khabar:nameEn" not in written
    assert b"khabar:fullText" not in written


def test_writer_drops_characters_xml_cannot_hold() -> None:
    document = OpmlDocument(
        title="a\x00b\x0bc\ufffe",
        categories=(
            OpmlCategory(name="x\x01y", sources=(OpmlSource("https://example.com/", "t\x1f"),)),
        ),
    )

    parsed = parse_opml(write_opml(document))

    assert parsed == OpmlDocument(
        title="abc",
        categories=(OpmlCategory(name="xy", sources=(OpmlSource("https://example.com/", "t"),)),),
    )


def test_empty_document_round_trips() -> None:
    assert parse_opml(write_opml(OpmlDocument())) == OpmlDocument()


# ---------------------------------------------------------- reading others' files


def test_reads_a_typical_third_party_file() -> None:
    document = parse_opml(THIRD_PARTY_OPML)

    assert document == OpmlDocument(
        title="My subscriptions",
        categories=(
            OpmlCategory(
                name="Technology",
                sources=(
                    OpmlSource(
                        url="https://example.com/gadgets/rss.xml",
                        title="Gadget Daily",
                        site_url="https://example.com/gadgets/",
                    ),
                    OpmlSource(url="https://example.org/code/atom.xml", title="Code Notes"),
                ),
            ),
            OpmlCategory(
                name="عربي",
                sources=(OpmlSource(url="https://example.com/ar/feed", title="صحيفة المثال"),),
            ),
        ),
        uncategorized=(
            OpmlSource(url="http://example.org/loose", title="Loose in a nameless folder"),
            # A site link that is not a web address is dropped, the feed kept.
            OpmlSource(url="https://example.com/weather.rss", title="Weather"),
        ),
    )


def test_title_is_khabar_when_the_file_has_none() -> None:
    data = b'<opml version="2.0"><body><outline xmlUrl="https://example.com/f"/></body></opml>'

    document = parse_opml(data)

    assert document.title == "Khabar"
    assert document.uncategorized == (OpmlSource(url="https://example.com/f", title=""),)


def test_khabar_attributes_are_read_whatever_the_prefix() -> None:
    data = (
        b'<opml version="2.0" xmlns:k="urn:khabar:opml"><body>'
        b'<outline text="Sport" k:nameEn=" Sport EN ">'
        b'<outline type="rss" text="S" xmlUrl="https://example.com/s" k:fullText="true"/>'
        b'<outline type="rss" text="T" xmlUrl="https://example.com/t" k:fullText="false"/>'
        b"</outline></body></opml>"
    )

    (category,) = parse_opml(data).categories

    assert category.name_en == "Sport EN"
    assert [source.full_text for source in category.sources] == [True, False]


def test_title_attribute_stands_in_for_a_missing_text() -> None:
    data = outline_file('<outline type="rss" title="Only a title" xmlUrl="https://example.com/t"/>')

    assert parse_opml(data).uncategorized[0].title == "Only a title"


def test_reads_a_windows_1256_file() -> None:
    data = (
        '<?xml version="1.0" encoding="windows-1256"?>'
        '<opml version="2.0"><head><title>أخبار</title></head><body>'
        '<outline text="اقتصاد"><outline text="سوق" xmlUrl="https://example.com/souq"/></outline>'
        "</body></opml>"
    ).encode("cp1256")

    document = parse_opml(data)

    assert document.title == "أخبار"
    assert document.categories == (
        OpmlCategory("اقتصاد", sources=(OpmlSource("https://example.com/souq", "سوق"),)),
    )


def test_reads_a_utf16_file_with_a_byte_order_mark() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-16"?><opml><body><outline text="ثقافة"/></body></opml>'
    )

    document = parse_opml(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    assert document.categories == (OpmlCategory("ثقافة"),)


# ------------------------------------------------------------------ categories


def test_category_attribute_places_sources_outside_any_folder() -> None:
    data = outline_file(
        feed("https://example.com/1", "One", 'category="/News/World,/Other/Thing"')
        + feed("https://example.com/2", "Two", 'category=" Sports "')
        + '<outline text="World" khabar:nameEn="World EN">'
        + feed("https://example.com/3", "Three", 'category="/Ignored"')
        + "</outline>"
        + feed("https://example.com/4", "Four", 'category="/"')
    )

    document = parse_opml(data)

    assert document.categories == (
        OpmlCategory(
            "World",
            name_en="World EN",
            sources=(
                OpmlSource("https://example.com/1", "One"),
                # An ancestor folder wins over the attribute.
                OpmlSource("https://example.com/3", "Three"),
            ),
        ),
        OpmlCategory("Sports", sources=(OpmlSource("https://example.com/2", "Two"),)),
    )
    assert document.uncategorized == (OpmlSource("https://example.com/4", "Four"),)


def test_nested_categories_are_listed_flat_and_sources_take_the_nearest() -> None:
    data = outline_file(
        '<outline text="Outer">'
        + feed("https://example.com/a", "A")
        + '<outline text="Inner">'
        + feed("https://example.com/b", "B")
        + "</outline>"
        + feed("https://example.com/c", "C")
        + "</outline>"
    )

    assert parse_opml(data).categories == (
        OpmlCategory(
            "Outer",
            sources=(
                OpmlSource("https://example.com/a", "A"),
                OpmlSource("https://example.com/c", "C"),
            ),
        ),
        OpmlCategory("Inner", sources=(OpmlSource("https://example.com/b", "B"),)),
    )


def test_duplicate_sources_are_kept_once_and_same_named_categories_merge() -> None:
    data = outline_file(
        '<outline text="أخبار">'
        + feed("https://example.com/a", "First")
        + "</outline>"
        + '<outline text="Other">'
        + feed("https://example.com/a", "Second")
        + feed("https://example.com/b", "B")
        + "</outline>"
        + '<outline text="أخبار" khabar:nameEn="News">'
        + feed("https://example.com/c", "C")
        + "</outline>"
        + feed("https://example.com/b", "B again")
    )

    document = parse_opml(data)

    assert document.categories == (
        OpmlCategory(
            "أخبار",
            name_en="News",
            sources=(
                OpmlSource("https://example.com/a", "First"),
                OpmlSource("https://example.com/c", "C"),
            ),
        ),
        # Emptied by the duplicate, but kept: the folder is in the file.
        OpmlCategory("Other", sources=(OpmlSource("https://example.com/b", "B"),)),
    )
    assert document.uncategorized == ()


def test_outlines_outside_body_and_unknown_elements_are_ignored() -> None:
    data = outline_file(
        "<note><outline text='Inside a note' xmlUrl='https://example.com/n'/></note>"
        + feed("https://example.com/kept", "Kept"),
        head="<title>T</title><outline text='In head' xmlUrl='https://example.com/h'/>",
    )

    assert parse_opml(data) == OpmlDocument(
        title="T", uncategorized=(OpmlSource("https://example.com/kept", "Kept"),)
    )


# --------------------------------------------------------------- hostile input


def message_of(data: bytes) -> str:
    with pytest.raises(ParseError) as caught:
        parse_opml(data)
    return str(caught.value)


def test_billion_laughs_is_refused() -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = outline_file(
        '<outline text="&lol9;" xmlUrl="https://example.com/x"/>',
        prolog=f"<!DOCTYPE opml [{entities}]>",
    )

    message = message_of(data)

    assert "entities" in message
    assert "safety" in message
    assert "lol" not in message


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE opml [<!ENTITY secret SYSTEM "{uri}">]>',
        '<!DOCTYPE opml SYSTEM "{uri}">',
        '<!DOCTYPE opml [<!ENTITY % secret SYSTEM "{uri}"> %secret;]>',
    ],
    ids=["external-entity", "external-dtd", "parameter-entity"],
)
def test_external_references_are_refused_without_reading_the_file(
    tmp_path: Path, prolog: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS-4242", encoding="utf-8")
    data = outline_file(
        '<outline text="&secret;" xmlUrl="https://example.com/&secret;"/>',
        prolog=prolog.format(uri=secret.as_uri()),
    )

    with pytest.raises(ParseError) as caught:
        parse_opml(data)

    assert "entities or a DTD" in str(caught.value)
    everything = "".join(traceback.format_exception(caught.value))
    assert "TOP-SECRET-CONTENTS-4242" not in everything


def test_a_plain_dtd_is_refused() -> None:
    data = outline_file(feed("https://example.com/x"), prolog="<!DOCTYPE opml>")

    assert "DTD" in message_of(data)


def test_very_deep_nesting_is_refused_quickly() -> None:
    # No timing is asserted; this finishes in milliseconds because reading
    # stops at level 33 instead of building 100,000 levels.
    depth = 100_000
    data = (
        b"<opml><body>" + b'<outline text="x">' * depth + b"</outline>" * depth + b"</body></opml>"
    )

    assert "more than 32 levels" in message_of(data)


def test_nesting_up_to_the_limit_is_accepted() -> None:
    # <opml> and <body> are two of the 32 levels.
    inner = feed("https://example.com/deep", "Deep")
    data = b"<opml><body>" + b'<outline text="x">' * 29 + inner.encode()
    data += b"</outline>" * 29 + b"</body></opml>"

    assert parse_opml(data).categories == (
        OpmlCategory("x", sources=(OpmlSource("https://example.com/deep", "Deep"),)),
    )
    assert "32 levels" in message_of(
        data.replace(inner.encode(), b"<outline>" + inner.encode() + b"</outline>")
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<opml><body><outline></body></opml>", "not well-formed XML (on line 1"),
        (b"<opml>\n<body>\n<outline text='a' text='b'/>\n</body></opml>", "on line 3"),
        (b"<opml><body>&nbsp;</body></opml>", "undefined entity"),
        (b"<opml><body></body></opml><opml/>", "junk after document element"),
        (b"<opml><body>", "no element found"),
    ],
)
def test_malformed_xml_is_reported_with_its_line(data: bytes, expected: str) -> None:
    assert expected in message_of(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<rss version="2.0"><channel/></rss>', "not an OPML file: it starts with <rss>"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "starts with <feed>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"", "empty"),
        (b"  \n ", "empty"),
    ],
)
def test_files_that_are_not_opml_are_refused(data: bytes, expected: str) -> None:
    assert expected in message_of(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not valid UTF-8"),
        (b"<opml><body>\n<outline text='caf\xe9'/></body></opml>", "UTF-8 text: line 2"),
        (b"\xff\xfe\x00<\x99garbage", "not well-formed XML"),
    ],
)
def test_undecodable_bytes_are_refused(data: bytes, expected: str) -> None:
    assert expected in message_of(data)


def test_files_over_20_mb_are_refused_before_parsing() -> None:
    padding = b" " * (MAX_OPML_BYTES - len(b"<opml><body></body></opml>"))
    at_limit = b"<opml><body>" + padding + b"</body></opml>"

    assert parse_opml(at_limit) == OpmlDocument()
    # The extra byte would make it malformed too; the size is checked first.
    assert "larger than 20 MB" in message_of(at_limit + b"<")


def test_feed_addresses_that_are_not_web_addresses_refuse_the_whole_import() -> None:
    data = outline_file(
        feed("https://example.com/fine", "Fine")
        + feed("javascript:alert(document.cookie)", "Evil")
        + feed("file:///etc/passwd", "Local")
        + feed("data:text/xml,&lt;rss/&gt;", "Inline")
    )

    message = message_of(data)

    assert "Nothing was imported" in message
    assert "javascript:alert(document.cookie)" in message
    assert "file:///etc/passwd" in message
    assert "data:text/xml,<rss/>" in message


def test_a_long_list_of_refused_addresses_is_shortened() -> None:
    data = outline_file("".join(feed(f"ftp://example.com/{i}") for i in range(8)))

    message = message_of(data)

    assert "ftp://example.com/4" in message
    assert "ftp://example.com/5" not in message
    assert "and 3 more" in message


# ------------------------------------------------------------------ properties

# Characters XML 1.0 can carry, minus controls (tab, newline and carriage
# return are not kept exactly in element text) and unpaired surrogates.
XML_TEXT = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
texts = st.text(XML_TEXT, max_size=20).map(str.strip)
names = texts.filter(bool)
web_addresses = st.builds(
    "{}://example.{}/{}".format,
    st.sampled_from(["http", "https"]),
    st.sampled_from(["com", "org"]),
    texts,
)


@st.composite
def documents(draw: st.DrawFn) -> OpmlDocument:
    category_names = draw(st.lists(names, unique=True, max_size=5))
    urls = draw(st.lists(web_addresses, unique=True, max_size=12))
    buckets: list[list[OpmlSource]] = [[] for _ in range(len(category_names) + 1)]
    for url in urls:
        source = OpmlSource(
            url=url,
            title=draw(texts),
            site_url=draw(st.none() | web_addresses),
            full_text=draw(st.booleans()),
        )
        buckets[draw(st.integers(0, len(category_names)))].append(source)
    categories = tuple(
        OpmlCategory(name=name, name_en=draw(st.none() | names), sources=tuple(bucket))
        for name, bucket in zip(category_names, buckets, strict=False)
    )
    return OpmlDocument(title=draw(texts), categories=categories, uncategorized=tuple(buckets[-1]))


@settings(database=None, deadline=None, max_examples=300)
@given(documents())
def test_generated_documents_round_trip(document: OpmlDocument) -> None:
    assert parse_opml(write_opml(document)) == document


def opml_like_bytes() -> st.SearchStrategy[bytes]:
    fragments = st.sampled_from(
        [
            b"<opml>",
            b"</opml>",
            b"<body>",
            b"</body>",
            b"<outline ",
            b'text="x" ',
            b'xmlUrl="https://example.com/f" ',
            b'xmlUrl="javascript:x" ',
            b'category="/a/b" ',
            b"/>",
            b">",
            b"</outline>",
            b"<!DOCTYPE opml>",
            b"&amp;",
            b"&x;",
            b'<?xml version="1.0" encoding="latin-1"?>',
            b"\xd8\xb9",
            b"\xff",
        ]
    )
    return st.lists(fragments | st.binary(max_size=8), max_size=30).map(b"".join)


@settings(
    database=None, deadline=None, max_examples=500, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.binary(max_size=200) | opml_like_bytes())
def test_any_bytes_give_a_document_or_a_parse_error(data: bytes) -> None:
    try:
        result = parse_opml(data)
    except ParseError as error:
        message = str(error)
        assert message.endswith(".")
        assert "Traceback" not in message
    else:
        assert isinstance(result, OpmlDocument)


def test_printable_ascii_names_survive_exactly() -> None:
    name = string.printable.strip()  # the trailing whitespace includes controls
    document = OpmlDocument(title=name, categories=(OpmlCategory(name=name, name_en=name),))

    assert parse_opml(write_opml(document)) == document

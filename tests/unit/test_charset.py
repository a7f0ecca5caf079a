"""Decoding feeds and pages: one policy, Arabic first, never an exception."""

from __future__ import annotations

import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.sync.charset import charset_of, declared_in_html, declared_in_xml, decode

NEWS = "افتتحت بلدية الوادي مكتبة عامة جديدة في وسط المدينة صباح اليوم"
FRENCH = "Le café de la gare est ouvert toute la journée, même le dimanche."


def rss(title: str, encoding: str | None = None) -> str:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title}</title>'
        "<link>https://wadi.example/</link></channel></rss>"
    )


def page(text: str, meta: str = "") -> str:
    head = f"<head>{meta}<title>الوادي</title></head>"
    return f'<html lang="ar">{head}<body><p>{text}</p></body></html>'


def decode_xml(data: bytes, http_charset: str | None = None) -> str:
    return decode(data, http_charset=http_charset, declared=declared_in_xml(data))


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    return decode(data, http_charset=http_charset, declared=declared_in_html(data))


# Declared rightly ----------------------------------------------------------------


def test_windows_1256_named_by_the_server() -> None:
    assert decode(NEWS.encode("cp1256"), http_charset="windows-1256") == NEWS


def test_windows_1256_named_by_the_xml_declaration() -> None:
    document = rss(NEWS, "windows-1256")
    assert decode_xml(document.encode("cp1256")) == document


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1256">',
        "<META CHARSET=windows-1256>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
    ],
)
def test_windows_1256_named_by_a_meta(meta: str) -> None:
    document = page(NEWS, meta)
    assert decode_html(document.encode("cp1256")) == document


def test_iso_8859_6_named_by_a_meta() -> None:
    document = page(NEWS, '<meta charset="iso-8859-6">')
    assert decode_html(document.encode("iso-8859-6")) == document


def test_windows_1256_named_by_nobody() -> None:
    assert decode(NEWS.encode("cp1256")) == NEWS
    assert decode_html(page(NEWS).encode("cp1256")) == page(NEWS)


# Byte-order marks -----------------------------------------------------------------


def test_a_utf_8_bom_wins_over_the_labels() -> None:
    data = b"\xef\xbb\xbf" + rss(NEWS, "windows-1256").encode()
    assert decode_xml(data, "iso-8859-6") == rss(NEWS, "windows-1256")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf_16_with_a_bom(codec: str) -> None:
    data = ("\ufeff" + rss(NEWS, "utf-16")).encode(codec)
    assert decode_xml(data, "windows-1256") == rss(NEWS, "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf_16_without_a_bom_is_known_by_its_zero_bytes(codec: str) -> None:
    assert decode(rss(NEWS, "utf-16").encode(codec)) == rss(NEWS, "utf-16")


# Mislabeled ---------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["utf-8", "iso-8859-1", "windows-1252", "us-ascii", "latin1"])
def test_windows_1256_mislabeled_by_the_document(label: str) -> None:
    document = rss(NEWS, label)
    assert decode_xml(document.encode("cp1256")) == document


@pytest.mark.parametrize("label", ["utf-8", "iso-8859-1", "windows-1252", "us-ascii", "latin1"])
def test_windows_1256_mislabeled_by_the_server(label: str) -> None:
    assert decode_html(page(NEWS).encode("cp1256"), label) == page(NEWS)


def test_a_server_that_says_latin_gives_way_to_the_document() -> None:
    document = page(NEWS, '<meta charset="iso-8859-6">')
    assert decode_html(document.encode("iso-8859-6"), "iso-8859-1") == document


def test_a_server_label_the_bytes_break_gives_way_to_the_document() -> None:
    document = page(NEWS, '<meta charset="windows-1256">')  # ف and ق are not ISO-8859-6
    assert decode_html(document.encode("cp1256"), "iso-8859-6") == document


def test_utf_8_wins_over_a_wrong_label() -> None:
    assert decode_xml(rss(NEWS, "windows-1256").encode(), "iso-8859-6") == rss(NEWS, "windows-1256")


def test_utf_8_cut_in_the_middle_of_a_letter_is_still_utf_8() -> None:
    data = NEWS.encode()[:-1]  # the last letter loses its second byte
    assert decode(data, http_charset="windows-1256") == NEWS[:-1] + "\ufffd"


# Latin text ------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "latin1", "ISO_8859-1"])
def test_latin_1_french_stays_french(label: str) -> None:
    assert decode(FRENCH.encode("iso-8859-1"), http_charset=label) == FRENCH
    assert decode_xml(rss(FRENCH, label).encode("iso-8859-1")) == rss(FRENCH, label)


def test_latin_1_labels_mean_windows_1252() -> None:
    text = "Un chef-d’œuvre à 5 € « enfin » restauré."
    assert decode(text.encode("cp1252"), http_charset="iso-8859-1") == text


def test_unlabelled_french_survives_the_arabic_fallback() -> None:
    # windows-1256 keeps French's accented letters where Latin-1 has them.
    assert decode(FRENCH.encode("iso-8859-1")) == FRENCH


# Labels that are junk or dangerous ----------------------------------------------------

JUNK = [
    "no-such-charset",
    "base64",
    "rot13",
    "hex",
    "zlib",
    "uu",
    "utf-7",
    "unicode_escape",
    "raw_unicode_escape",
    "idna",
    "punycode",
    "undefined",
    "utf-16",
    "utf-32",
    "iso-2022-jp",
    "",
    "  ",
    "\x00",
    "utf\x00-8",
    "\ud800",
    "x" * 500,
    "text/html; charset=utf-8",
]


@pytest.mark.parametrize("label", JUNK)
def test_junk_labels_are_ignored(label: str) -> None:
    assert decode(NEWS.encode("cp1256"), http_charset=label, declared=label) == NEWS


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-7", b"+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
        ("unicode_escape", b"\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"),
        ("raw_unicode_escape", b"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"),
    ],
)
def test_no_label_makes_markup_out_of_innocent_bytes(label: str, data: bytes) -> None:
    data += b" " + NEWS.encode("cp1256")  # not UTF-8, so the labels are asked
    assert "<" not in decode(data, http_charset=label, declared=label)


def test_a_page_of_angle_brackets_is_read_quickly() -> None:
    data = b"<" * 300_000 + NEWS.encode("cp1256")
    started = time.perf_counter()
    decode(data, http_charset="iso-8859-1", declared="windows-1252")
    assert time.perf_counter() - started < 1


LABELS = st.none() | st.text(max_size=30) | st.sampled_from([*JUNK, "windows-1256", "gbk"])


@settings(max_examples=500, deadline=None)
@given(data=st.binary(max_size=2000), http_charset=LABELS, declared=LABELS)
def test_any_bytes_and_any_labels_give_text(
    data: bytes, http_charset: str | None, declared: str | None
) -> None:
    assert isinstance(decode(data, http_charset=http_charset, declared=declared), str)
    assert isinstance(decode_xml(data, http_charset), str)
    assert isinstance(decode_html(data, http_charset), str)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), http_charset=LABELS, declared=LABELS)
def test_utf_8_is_read_as_utf_8_whatever_the_labels(
    text: str, http_charset: str | None, declared: str | None
) -> None:
    assume(not text.startswith(("\ufeff", "<\x00", "\x00<")))  # a BOM, or UTF-16 by the look
    assert decode(text.encode(), http_charset=http_charset, declared=declared) == text


# Finding the labels -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        (None, None),
        ("", None),
        ("application/rss+xml", None),
        ("application/rss+xml; charset=windows-1256", "windows-1256"),
        ('text/html; Charset="UTF-8"', "UTF-8"),
        ("text/html;charset='iso-8859-6' ; q=1", "iso-8859-6"),
        ("text/html; charset=", None),
        ('text/html; charset=""', None),
        ("charset=utf-8", None),  # no media type: the first part is not a parameter
        ("text/xml; format=flowed; charset = cp1256", "cp1256"),
    ],
)
def test_charset_of(content_type: str | None, charset: str | None) -> None:
    assert charset_of(content_type) == charset


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b'<?xml version="1.0" encoding="windows-1256"?><rss/>', "windows-1256"),
        (b"  \n<?xml version='1.0' encoding='ISO-8859-6' standalone='yes'?><rss/>", "ISO-8859-6"),
        (b'<?xml version="1.0"?><rss/>', None),
        (b'<rss><?xml version="1.0" encoding="cp1256"?></rss>', None),  # not at the start
        (b'<?xml version="1.0" encoding="a b"?><rss/>', None),
    ],
)
def test_declared_in_xml(data: bytes, declared: str | None) -> None:
    assert declared_in_xml(data) == declared


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (b'<head><meta charset="windows-1256">', "windows-1256"),
        (b"<head><meta charset=iso-8859-6>", "iso-8859-6"),
        (b'<meta http-equiv="content-type" content="text/html; charset=cp1256">', "cp1256"),
        (b"<head><title>no charset</title></head>", None),
        (b" " * 20_000 + b'<meta charset="windows-1256">', None),  # past the head
    ],
)
def test_declared_in_html(data: bytes, declared: str | None) -> None:
    assert declared_in_html(data) == declared


# The cases the two decoders had before they became one -------------------------------


@pytest.mark.parametrize(
    ("data", "http_charset", "text"),
    [
        ("خبر".encode(), None, "خبر"),
        (b"\xef\xbb\xbf" + "خبر".encode(), None, "خبر"),  # a UTF-8 byte order mark
        ("خبر".encode("utf-16"), None, "خبر"),
        ("خبر".encode("cp1256"), None, "خبر"),
        ("خبر".encode("cp1256"), "windows-1256", "خبر"),
        ("خبر".encode("iso-8859-6"), "ISO-8859-6", "خبر"),
        ("<meta charset=iso-8859-6>خبر".encode("iso-8859-6"), None, "<meta charset=iso-8859-6>خبر"),
        ("café".encode("cp1252"), "iso-8859-1", "café"),  # latin-1 labels mean windows-1252
        ("خبر".encode(), "windows-1256", "خبر"),  # valid UTF-8 wins over a wrong label
        ("خبر".encode("cp1256"), "no-such-charset", "خبر"),
        ("خبر".encode("cp1256"), "utf-16", "خبر"),  # a UTF-16 label without BOM is ignored
        ("خبر".encode("cp1256"), "base64", "خبر"),  # codecs that are not for text are ignored
        (b"<meta charset=rot13>" + "خبر".encode("cp1256"), None, "<meta charset=rot13>خبر"),
        ("خبر عاجل ".encode() * 20 + b"\xff", None, "خبر عاجل " * 20 + "\ufffd"),  # one bad byte
    ],
)
def test_page_cases(data: bytes, http_charset: str | None, text: str) -> None:
    assert decode_html(data, http_charset) == text

"""Turning downloaded bytes into text, whatever encoding they were written in or claim.

Owns the one policy by which feeds and article pages are decoded, Arabic
first, and the reading of the labels that feed it: the ``charset`` of a
Content-Type header, an XML declaration's ``encoding``, an HTML ``<meta>``
charset. The policy, first match wins:

1. A byte-order mark (UTF-8, UTF-16), or UTF-16 without one that starts
   with ``<`` (the zero byte beside it gives it away).
2. UTF-8, when the bytes are UTF-8, or nearly (fewer than one broken sequence
   for ten bytes past ASCII: a feed that cut a letter in half), whatever they
   claim. Legacy Arabic text is never valid UTF-8, and servers' default
   labels are often wrong, so the bytes outrank the labels here.
3. The charset the server names, then the one the document names, if the
   bytes decode without error in it. Only the legacy encodings browsers know
   count (WHATWG's list, less ISO-2022-JP); UTF-7, ``unicode_escape``,
   ``base64`` and their kind, which could make markup out of innocent bytes
   or are not text encodings at all, are ignored like unknown names.
   Latin-1 and ASCII labels mean windows-1252, as in browsers; a Latin label
   on bytes that are mostly letters past 0xC0 is Arabic in windows-1256
   mislabeled, and is passed over.
4. windows-1256, the Arabic press's old encoding.

Decoding never raises; bytes that fit nothing become U+FFFD. Valid UTF-8,
the common case, costs one ``bytes.decode``. It must not parse documents
beyond finding their declared encoding.
"""

from __future__ import annotations

import codecs
import re
import string
from typing import Final

FALLBACK: Final = "cp1256"

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16_WITHOUT_BOM: Final = {b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}
_XML_DECLARED: Final = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I
)
_HTML_HEAD: Final = 16_384  # bytes searched for a <meta> charset

# Python's names (as codecs.lookup gives them) of the encodings browsers decode; the
# UTF ones are left out, as step 2 has already found that the bytes are not UTF-8.
_ALLOWED: Final = frozenset(
    {"cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk", "gb18030",
     "big5hkscs", "euc_jp", "cp932", "cp949"}
    | {f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)}
    | {f"cp{n}" for n in range(1250, 1259)}
)  # fmt: skip
# Labels that browsers read as a wider encoding than Python does.
_SUPERSETS: Final = {
    "ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "gb2312": "gbk", "big5": "big5hkscs", "shift_jis": "cp932",
    "euc_kr": "cp949",
}  # fmt: skip
# WHATWG labels that Python does not know.
_LABELS: Final = {
    "windows-874": "cp874", "windows-31j": "cp932", "x-mac-cyrillic": "mac-cyrillic",
    "iso-8859-6-i": "iso8859-6", "iso-8859-6-e": "iso8859-6", "iso-8859-8-i": "iso8859-8",
    "x-cp1256": "cp1256",
}  # fmt: skip

# For telling Arabic read as Latin: the text between tags. Not "<[^>]*>", whose time
# grows with the square of the length of a run of "<" without ">".
_TAG: Final = re.compile(rb"<[^<>]*>")
_SAMPLE: Final = 262_144  # bytes looked at; the mislabeling shows long before
_ASCII: Final = bytes(range(128))
_ASCII_LETTERS: Final = string.ascii_letters.encode("ascii")
# windows-1256's letters and harakat, which windows-1252 reads as À to ÿ (× and ÷ are not).
_HIGH_LETTERS: Final = bytes(b for b in range(0xC0, 0x100) if b not in (0xD7, 0xF7))


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type header names ("text/xml; charset=utf-8" gives "utf-8")."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'").strip() or None
    return None


def declared_in_xml(data: bytes) -> str | None:
    """The encoding an XML declaration at the start of ``data`` names."""
    found = _XML_DECLARED.match(data[:512])
    return found[1].decode("ascii") if found else None


def declared_in_html(data: bytes) -> str | None:
    """The charset a ``<meta>`` near the start of an HTML page names."""
    found = _META_CHARSET.search(data, 0, _HTML_HEAD)
    return found[1].decode("ascii") if found else None


def decode(data: bytes, *, http_charset: str | None = None, declared: str | None = None) -> str:
    """The text of ``data``, by the policy in this module's docstring; never raises.

    ``http_charset`` is the charset of the Content-Type header, ``declared``
    the one the document names (``declared_in_xml`` or ``declared_in_html``).
    """
    return decoded(data, http_charset=http_charset, declared=declared)[0]


def decoded(
    data: bytes, *, http_charset: str | None = None, declared: str | None = None
) -> tuple[str, bool]:
    """``decode``'s text, and whether it is ``data`` read as valid UTF-8 as it is."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_codec, errors="replace"), False
    utf16 = _UTF16_WITHOUT_BOM.get(data[:2])
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), False
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") * 10 < len(data.translate(None, _ASCII)):
        return text, False
    for label in (http_charset, declared):
        codec = _codec(label)
        if codec is None or (codec == "cp1252" and _looks_mislabeled(data)):
            continue
        try:
            return data.decode(codec), False
        except UnicodeDecodeError:
            continue
    return data.decode(FALLBACK, errors="replace"), False


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None for one we must not or cannot use."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        name = _LABELS.get(label) or codecs.lookup(label).name
    except (LookupError, ValueError):  # unknown, or a NUL or a lone surrogate in the label
        return None
    name = _SUPERSETS.get(name, name)
    return name if name in _ALLOWED else None


def _looks_mislabeled(data: bytes) -> bool:
    """Whether bytes labelled Latin are mostly letters past 0xC0, as windows-1256 Arabic is."""
    text = _TAG.sub(b" ", data[:_SAMPLE])
    high = len(text) - len(text.translate(None, _HIGH_LETTERS))
    letters = high + len(text) - len(text.translate(None, _ASCII_LETTERS))
    return letters > 20 and high > letters * 0.3

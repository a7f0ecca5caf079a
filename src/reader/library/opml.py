"""OPML 2.0 subscription lists: reading them safely and writing them back.

This module owns the translation between OPML bytes and the frozen
``OpmlDocument`` values that imports and exports pass around. It must not
touch the database or Qt; deciding what to store is the library's job.

Reading is defensive because OPML files come from anywhere. The bytes go
through ``defusedxml`` with DTDs forbidden (so no entity expansion and no
external references), are streamed with ``iterparse`` under a depth limit (so
a hostile nesting is refused long before the tree is built), and every failure
becomes a ``ParseError`` whose message is one sentence for the user. An import
is all-or-nothing: a feed address that is not http(s) refuses the whole file.

How outlines are read:

- an outline with an ``xmlUrl`` and a ``type`` of ``rss``, ``atom`` or none is
  a source; it belongs to its nearest ancestor category, or else to the
  category named by the last segment of the first path in its standard
  ``category`` attribute, or else to ``uncategorized``;
- an outline without ``xmlUrl`` whose ``text`` (or ``title``) is not empty is
  a category, even without children, so that empty categories survive a round
  trip; nested categories are listed flat, each after its parent;
- a nameless folder is transparent: its sources go to the enclosing category;
- categories with the same name merge, a feed URL seen twice is kept once
  (the first time), and everything else is ignored;
- standard attribute names are matched case-insensitively and every
  attribute value is stripped of surrounding whitespace;
- ``htmlUrl`` is only a link to the site, so one that is not http(s) is
  dropped rather than refusing the file.

``parse_opml(write_opml(doc)) == doc`` holds, keeping the order of categories
and of sources, when every text is stripped and made of characters XML 1.0
can carry (``write_opml`` drops the others), category names are unique and
not empty, ``name_en`` is ``None`` or not empty, and feed URLs are unique
http(s) URLs (site URLs http(s) or ``None``).
"""

from __future__ import annotations

import codecs
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Final
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_etree

from reader.errors import InvalidInputError, ParseError, template
from reader.urls import check_feed_url

__all__ = [
    "KHABAR_NAMESPACE",
    "MAX_OPML_BYTES",
    "MAX_OPML_DEPTH",
    "OpmlCategory",
    "OpmlDocument",
    "OpmlSource",
    "parse_opml",
    "write_opml",
]

KHABAR_NAMESPACE: Final = "urn:khabar:opml"
# A list of a few thousand feeds is well under 1 MB; anything this large is a
# mistake or an attack, and refusing it early keeps memory bounded.
MAX_OPML_BYTES: Final = 20 * 1024 * 1024
# Counted in elements from <opml> down; real files nest a handful of levels.
MAX_OPML_DEPTH: Final = 32

_FEED_TYPES: Final = frozenset({"", "rss", "atom"})
_NAME_EN: Final = f"{{{KHABAR_NAMESPACE}}}nameEn"
_FULL_TEXT: Final = f"{{{KHABAR_NAMESPACE}}}fullText"
# Which child of which parent matters; every other element is carried along
# as "other" so that its outlines (inside <head>, say) are not read as feeds.
_CHILD_KINDS: Final = {
    ("opml", "head"): "head",
    ("opml", "body"): "body",
    ("head", "title"): "title",
    ("body", "outline"): "outline",
    ("outline", "outline"): "outline",
}
_DECLARED_ENCODING: Final = re.compile(
    rb"""\A\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']"""
)
_NOT_XML_CHARACTER: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MAX_SHOWN_URLS: Final = 5

_TOO_LARGE = template(
    "The OPML file is larger than 20 MB, far more than any list of feeds needs, "
    "so Khabar did not read it."
)
_EMPTY = template("The OPML file is empty.")
_NOT_UTF8 = template(
    "The OPML file is not valid UTF-8 text: line {line} holds bytes that cannot be read."
)
_UNSAFE = template(
    "The OPML file uses XML entities or a DTD (a <!DOCTYPE> section), "
    "which Khabar refuses for safety."
)
_NOT_WELL_FORMED = template(
    "The OPML file is not well-formed XML (on line {line}, the XML reader reports “{reason}”)."
)
_NO_BODY = template("The OPML file has no <body> section, so it lists no feeds.")
_TOO_DEEP = template(
    "The OPML file is nested more than {depth} levels deep, "
    "which no list of feeds needs, so Khabar refused it."
)
_NOT_OPML = template("This is not an OPML file: it starts with <{tag}> instead of <opml>.")
_NOT_WEB_FEEDS = template(
    "Nothing was imported because the OPML file lists feed addresses "
    "that are not http or https web addresses: {addresses}."
)
_NOT_WEB_FEEDS_AND_MORE = template(
    "Nothing was imported because the OPML file lists feed addresses "
    "that are not http or https web addresses: {addresses} and {more} more."
)


@dataclass(frozen=True, slots=True)
class OpmlSource:
    """One feed of an OPML file: its ``xmlUrl``, name, site and Khabar's full-text flag."""

    url: str
    title: str
    site_url: str | None = None
    full_text: bool = False


@dataclass(frozen=True, slots=True)
class OpmlCategory:
    """A named group of sources; ``name_en`` is Khabar's own English name for it."""

    name: str
    name_en: str | None = None
    sources: tuple[OpmlSource, ...] = ()


@dataclass(frozen=True, slots=True)
class OpmlDocument:
    """A whole subscription list: categories in file order, then sources outside any."""

    title: str = "Khabar"
    categories: tuple[OpmlCategory, ...] = ()
    uncategorized: tuple[OpmlSource, ...] = ()


def parse_opml(data: bytes) -> OpmlDocument:
    """Read an OPML file; raise ``ParseError`` with a sentence for the user if it is unusable."""
    _check_bytes(data)
    return _OpmlReader().read(data)


def write_opml(document: OpmlDocument) -> bytes:
    """Write ``document`` as UTF-8 OPML 2.0, dropping characters XML 1.0 cannot hold."""
    # The namespace is declared by hand rather than with ET.register_namespace,
    # which would change a process-wide table other code may rely on.
    root = ET.Element("opml", {"version": "2.0", "xmlns:khabar": KHABAR_NAMESPACE})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _xml_text(document.title)
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    for category in document.categories:
        name = _xml_text(category.name)
        outline = ET.SubElement(body, "outline", {"text": name, "title": name})
        if category.name_en:
            outline.set("khabar:nameEn", _xml_text(category.name_en))
        for source in category.sources:
            _write_source(outline, source)
    for source in document.uncategorized:
        _write_source(body, source)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written


def _write_source(parent: ET.Element, source: OpmlSource) -> None:
    title = _xml_text(source.title)
    attributes = {"type": "rss", "text": title, "title": title, "xmlUrl": _xml_text(source.url)}
    if source.site_url:
        attributes["htmlUrl"] = _xml_text(source.site_url)
    if source.full_text:
        attributes["khabar:fullText"] = "true"
    ET.SubElement(parent, "outline", attributes)


def _xml_text(text: str) -> str:
    return _NOT_XML_CHARACTER.sub("", text)


def _check_bytes(data: bytes) -> None:
    """Refuse what should never reach the parser, with a clearer message than expat's."""
    if len(data) > MAX_OPML_BYTES:
        raise ParseError.say(_TOO_LARGE)
    if not data.strip():
        raise ParseError.say(_EMPTY)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # expat decodes UTF-16 itself
    text = data.removeprefix(codecs.BOM_UTF8)
    declared = _DECLARED_ENCODING.match(text)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        # Left to expat, which decodes single-byte encodings such as windows-1256
        # through a 256-entry table; decoding here with an arbitrary Python
        # codec could be slow (punycode is quadratic) or not a text codec at all.
        return
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as error:
        line = text.count(b"\n", 0, error.start) + 1
        raise ParseError.say(_NOT_UTF8, line=line) from error


@dataclass(slots=True)
class _Frame:
    kind: str
    category: str | None


class _OpmlReader:
    """Follows the stream of start and end events of one file, keeping only what it needs."""

    def __init__(self) -> None:
        self._stack: list[_Frame] = []
        self._collector = _Collector()
        self._title: str | None = None
        self._saw_body = False

    def read(self, data: bytes) -> OpmlDocument:
        try:
            for event, element in self._events(data):
                if event == "start":
                    self._start(element)
                else:
                    self._end(element)
        except DefusedXmlException as error:
            raise ParseError.say(_UNSAFE) from error
        except ET.ParseError as error:
            line = error.position[0]
            raise ParseError.say(
                _NOT_WELL_FORMED, line=line, reason=ErrorString(error.code)
            ) from error
        if not self._saw_body:
            raise ParseError.say(_NO_BODY)
        title = "Khabar" if self._title is None else self._title
        return self._collector.document(title)

    @staticmethod
    def _events(data: bytes) -> Iterator[tuple[str, ET.Element]]:
        events: Iterator[tuple[str, ET.Element]] = safe_etree.iterparse(
            io.BytesIO(data),
            events=("start", "end"),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        return events

    def _start(self, element: ET.Element) -> None:
        # Checked on the way down, so a 100,000-deep file stops at level 33
        # instead of building a tree that later code would have to walk.
        if len(self._stack) >= MAX_OPML_DEPTH:
            raise ParseError.say(_TOO_DEEP, depth=MAX_OPML_DEPTH)
        if not self._stack:
            if element.tag != "opml":
                shown = _shorten(element.tag.rpartition("}")[2])
                raise ParseError.say(_NOT_OPML, tag=shown)
            self._stack.append(_Frame("opml", None))
            return
        parent = self._stack[-1]
        kind = _CHILD_KINDS.get((parent.kind, element.tag), "other")
        category = parent.category
        if kind == "outline":
            category = self._collector.outline(element.attrib, parent.category)
        elif kind == "body":
            self._saw_body = True
        self._stack.append(_Frame(kind, category))

    def _end(self, element: ET.Element) -> None:
        frame = self._stack.pop()
        if frame.kind == "title" and self._title is None:
            self._title = (element.text or "").strip()
        # Everything needed was taken at the start tag; clearing keeps memory
        # flat for large files, since iterparse would otherwise keep the tree.
        element.clear()


@dataclass(slots=True)
class _CategoryDraft:
    name_en: str | None
    sources: list[OpmlSource] = field(default_factory=list)


class _Collector:
    """Gathers categories and sources in file order while the outlines stream past."""

    def __init__(self) -> None:
        self._categories: dict[str, _CategoryDraft] = {}
        self._uncategorized: list[OpmlSource] = []
        self._seen_urls: set[str] = set()
        self._refused: list[str] = []

    def outline(self, attrib: Mapping[str, str], parent_category: str | None) -> str | None:
        """Record one outline; return the category its children belong to."""
        plain = {
            key.lower(): value.strip() for key, value in attrib.items() if not key.startswith("{")
        }
        name = plain.get("text") or plain.get("title") or ""
        if plain.get("xmlurl"):
            if plain.get("type", "").lower() in _FEED_TYPES:
                self._source(plain, attrib, name, parent_category)
            return parent_category
        if not name:
            return parent_category
        self._category(name, attrib.get(_NAME_EN, "").strip() or None)
        return name

    def document(self, title: str) -> OpmlDocument:
        if self._refused:
            shown = ", ".join(_shorten(url) for url in self._refused[:_MAX_SHOWN_URLS])
            more = len(self._refused) - _MAX_SHOWN_URLS
            if more > 0:
                raise ParseError.say(_NOT_WEB_FEEDS_AND_MORE, addresses=shown, more=more)
            raise ParseError.say(_NOT_WEB_FEEDS, addresses=shown)
        categories = tuple(
            OpmlCategory(name=name, name_en=draft.name_en, sources=tuple(draft.sources))
            for name, draft in self._categories.items()
        )
        return OpmlDocument(
            title=title, categories=categories, uncategorized=tuple(self._uncategorized)
        )

    def _source(
        self,
        plain: Mapping[str, str],
        attrib: Mapping[str, str],
        name: str,
        parent_category: str | None,
    ) -> None:
        url = plain["xmlurl"]
        if not _is_web_address(url):
            if url not in self._refused:
                self._refused.append(url)
            return
        if url in self._seen_urls:
            return
        self._seen_urls.add(url)
        site_url = plain.get("htmlurl", "")
        source = OpmlSource(
            url=url,
            title=name,
            site_url=site_url if _is_web_address(site_url) else None,
            full_text=attrib.get(_FULL_TEXT, "").strip().lower() in ("true", "1"),
        )
        category = parent_category or _category_from_attribute(plain.get("category", ""))
        if category is None:
            self._uncategorized.append(source)
        else:
            self._category(category, None).sources.append(source)

    def _category(self, name: str, name_en: str | None) -> _CategoryDraft:
        draft = self._categories.get(name)
        if draft is None:
            draft = self._categories[name] = _CategoryDraft(name_en)
        elif draft.name_en is None:
            draft.name_en = name_en
        return draft


def _category_from_attribute(value: str) -> str | None:
    """The last segment of the first path in OPML's ``category`` attribute ("/News/World")."""
    first = value.split(",", 1)[0]
    segments = [segment.strip() for segment in first.split("/") if segment.strip()]
    return segments[-1] if segments else None


def _is_web_address(url: str) -> bool:
    if not url:
        return False
    try:
        check_feed_url(url)
    except InvalidInputError:
        return False
    return True


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

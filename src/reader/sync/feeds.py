"""Reading RSS, Atom and JSON feeds from bytes into ``ParsedFeed`` values.

XML feeds are decoded first, as ``reader.sync.charset`` says (declared,
sniffed or mislabeled encodings, windows-1256 included), and their DOCTYPE is
cut out, so that no parser ever sees an entity declaration: external entities
cannot be resolved and entity expansion cannot grow. fastfeedparser (lxml)
reads them fast; when it fails or finds nothing where a feed has items,
feedparser, slower but the most forgiving reader of broken feeds, reads them
again. JSON feeds go to our own parser. Nothing but ``ParseError`` leaves this
module. It must not fetch.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import fastfeedparser

from reader.errors import ParseError, template
from reader.library.prepare import flat_text
from reader.sync.charset import charset_of, declared_in_xml, decoded
from reader.sync.dates import parse_date
from reader.sync.discover import sniff_kind
from reader.sync.jsonfeed import parse_json_feed
from reader.sync.model import FeedEntry, FeedKind, ParsedFeed
from reader.sync.sanitize import text_as_html
from reader.urls import web_url

MAX_CATEGORIES = 20
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DECLARATION_BYTES = re.compile(rb"^\s*<\?xml[^>]*\?>")
# Only ASCII spaces before the first tag, where both patterns above agree.
_STARTS_WITH_TAG = re.compile(rb"[ \t\n\r\f\v]*<")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ROOT = re.compile(r"<[A-Za-z_]")
_EMPTY = template("The server sent an empty answer instead of a feed.")
_NOT_A_FEED = template("This address gives a web page or a file, not a news feed.")
_UNREADABLE = template("This feed could not be read ({kind}).")
_UNREADABLE_BECAUSE = template("This feed could not be read: {reason}.")
_NOT_WELL_FORMED = template("This feed could not be read: it is not well-formed.")
_SPACE = re.compile(r"\s")
_ITEM = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>]")
_LANGUAGE = re.compile(r"<(?:\w+:)?language>\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s*<")


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Read a feed; raises ``ParseError`` with a sentence when it is not one."""
    if not data or data.isspace():
        raise ParseError.say(_EMPTY)
    kind = sniff_kind(data, content_type)
    if kind == "json":
        return parse_json_feed(data, url)
    if kind is None:
        raise ParseError.say(_NOT_A_FEED)
    text, utf8 = decoded(
        data, http_charset=charset_of(content_type), declared=declared_in_xml(data)
    )
    without_doctype = _strip_doctype(text)
    if utf8 and without_doctype is text and _STARTS_WITH_TAG.match(data):
        # The common case: the bytes are the document already, in UTF-8, whatever
        # encoding their declaration names (it goes, as below). Encoding the text
        # again would cost a tenth of reading the feed.
        document = _DECLARATION_BYTES.sub(b"", data, count=1)
    else:
        document = _DECLARATION.sub("", without_doctype, count=1).encode("utf-8")
    feed_kind = FeedKind.ATOM if kind == "atom" else FeedKind.RSS
    try:
        parsed = fastfeedparser.parse(document)
        # On a broken item lxml's recovery may drop every item after it.
        if len(parsed.get("entries") or ()) < sum(1 for _ in _ITEM.finditer(document)):
            raise ValueError("fewer entries found than the feed has")
    except Exception:
        parsed = _parse_slowly(document)
    feed = _feed(parsed, feed_kind, url)
    if feed.language is None:
        # fastfeedparser reads xml:lang but not RSS's <language> element.
        found = _LANGUAGE.search(text, 0, 20_000)
        if found:
            feed = replace(feed, language=found.group(1).strip())
    return feed


def _parse_slowly(document: bytes) -> Mapping[str, Any]:
    # Imported here: most feeds never need it, and every sync's workers import this module.
    import feedparser  # noqa: PLC0415

    try:
        parsed = feedparser.parse(document, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:
        raise ParseError.say(_UNREADABLE, kind=type(exc).__name__) from None
    if not parsed.get("entries") and parsed.get("bozo") and not parsed.get("feed", {}).get("title"):
        reason = str(parsed.get("bozo_exception") or "")
        if not reason:
            raise ParseError.say(_NOT_WELL_FORMED)
        raise ParseError.say(_UNREADABLE_BECAUSE, reason=reason[:200])
    return parsed  # type: ignore[no-any-return]


def _strip_doctype(text: str) -> str:
    """The document without its DOCTYPE, internal subset and all.

    Feeds have no use for DTDs; removing the declaration means no parser can
    resolve an external entity or expand a billion laughs. What a declared
    entity was used for is left unresolved (the parsers drop or keep it as
    text).
    """
    start = _DOCTYPE.search(text, 0, 4096)
    if start is None:
        return text
    root = _ROOT.search(text, start.end())
    return text[: start.start()] + (text[root.start() :] if root else "")


def _feed(parsed: Mapping[str, Any], kind: FeedKind, url: str) -> ParsedFeed:
    info = parsed.get("feed") or {}
    site_url = web_url(info.get("link"), url)
    language = _text(info.get("language"))
    entries = tuple(
        entry
        for raw in parsed.get("entries") or ()
        if (entry := _entry(raw, site_url or url, language)) is not None
    )
    return ParsedFeed(
        kind=kind,
        title=_plain(info.get("title")),
        site_url=site_url,
        language=language,
        entries=entries,
    )


def _entry(raw: object, base: str, language: str | None) -> FeedEntry | None:
    if not isinstance(raw, Mapping):
        return None
    link = web_url(raw.get("link"), base)
    raw_summary = raw.get("summary") or raw.get("description")
    summary = _html_of(raw_summary, raw.get("summary_detail"))
    content = ""
    for part in raw.get("content") or ():
        if isinstance(part, Mapping):
            # fastfeedparser repeats the description as content
            if str(part.get("value") or "").strip() != str(raw_summary or "").strip():
                content = _html_of(part.get("value"), part)
            break
    title = _plain(raw.get("title")) or ""
    if not (title or content or summary or link):
        return None
    return FeedEntry(
        title=title,
        guid=_text(raw.get("id")) or link,
        url=link,
        author=_plain(raw.get("author")),
        published=_date(raw),
        summary_html=summary,
        content_html=content,
        categories=_categories(raw.get("tags")),
        image_url=_image(raw, base),
        language=_text(raw.get("language")) or language,
    )


def _html_of(value: object, detail: object) -> str:
    """Feed text as HTML: plain text is escaped into paragraphs."""
    if not isinstance(value, str) or not value.strip():
        return ""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if kind == "text/plain" or (not kind and "<" not in value):
        return text_as_html(value)
    return value.strip()


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _plain(value: object) -> str | None:
    """A title or name as plain text on one line (feeds put markup in titles)."""
    if not isinstance(value, str):
        return None
    return flat_text(value) or None


def _categories(tags: object) -> tuple[str, ...]:
    names: list[str] = []
    for tag in tags if isinstance(tags, list) else ():
        if isinstance(tag, Mapping):
            name = _plain(tag.get("label")) or _plain(tag.get("term"))
            if name and len(name) <= 60:
                names.append(name)
    return tuple(dict.fromkeys(names))[:MAX_CATEGORIES]


def _image(raw: Mapping[str, Any], base: str) -> str | None:
    for key in ("media_content", "media_thumbnail", "enclosures"):
        for item in raw.get(key) or ():
            if not isinstance(item, Mapping):
                continue
            kind = str(item.get("type") or item.get("medium") or "image")
            if kind.startswith("image"):
                found = web_url(item.get("url") or item.get("href"), base)
                if found:
                    return found
    image = raw.get("image")
    return web_url(image.get("href") if isinstance(image, Mapping) else image, base)


def _date(raw: Mapping[str, Any]) -> datetime | None:
    """The entry's date: published, else updated; None when there is none to read."""
    for key in ("published", "updated", "created"):
        # feedparser's dict answers "updated" with "published" and a warning:
        # read what the entry itself holds.
        parsed = _own(raw, f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
        found = parse_date(_own(raw, key))
        if found is not None:
            return found
    return None


def _own(raw: Mapping[str, Any], key: str) -> Any:
    """``raw[key]`` as stored, without feedparser's aliases (``updated`` → ``published``)."""
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)

"""JSON Feed 1.0 and 1.1: reading them into a ``ParsedFeed``.

This module owns the translation of JSON Feed bytes into the sync's plain
values (https://www.jsonfeed.org/version/1.1/). It must not fetch, sanitize or
store anything, and it must not import Qt.

A JSON feed comes from anywhere, so every field is type-checked: a value of
the wrong type is ignored as if absent, an item that is not an object or has
no ``id`` is skipped, and only a document that is not a JSON Feed at all
raises ``ParseError``, with one sentence for the user. Nothing else escapes,
whatever the input. Plain text from the feed (``content_text``, ``summary``)
is escaped into HTML; HTML stays as the feed sent it.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from typing import Any, Final

from reader.errors import ParseError, template
from reader.sync.dates import parse_rfc3339
from reader.sync.model import FeedEntry, FeedKind, ParsedFeed
from reader.sync.sanitize import text_as_html
from reader.urls import web_url

__all__ = ["MAX_ITEMS", "MAX_TAGS", "parse_json_feed"]

MAX_ITEMS: Final = 10_000
"""Items past this many are not read: no real feed has more, a hostile one might."""

MAX_TAGS: Final = 20

_VERSION_PREFIXES: Final = ("https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1")
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")

_LONE_SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")

_NOT_OBJECT = template("This JSON feed could not be read: it does not start with an object.")
_VERSION = template("This JSON file is not a JSON Feed of a version Khabar can read.")
_NOT_A_FEED = template("This JSON file is not a JSON Feed: it has no version and no items.")
_ITEMS = template("This JSON feed could not be read: its items are not a list.")
_NOT_UTF8 = template("This JSON feed could not be read: it is not written in UTF-8.")
_NOT_JSON_AT = template(
    "This JSON feed could not be read: it is not valid JSON (line {line}, column {column})."
)
_NOT_JSON = template("This JSON feed could not be read: it is not valid JSON.")


def parse_json_feed(data: bytes | str, url: str) -> ParsedFeed:
    """Read a JSON Feed; relative links in it are resolved against ``url``.

    Raises ``ParseError`` when ``data`` is not JSON, not an object, or not a
    JSON Feed; malformed items are skipped rather than refusing the feed.
    """
    document = _load(data)
    if not isinstance(document, dict):
        raise ParseError.say(_NOT_OBJECT)
    version = document.get("version")
    items = document.get("items")
    if isinstance(version, str):
        if not version.strip().lower().startswith(_VERSION_PREFIXES):
            raise ParseError.say(_VERSION)
    elif not isinstance(items, list):
        # Without a version, a list of items is the only sign it is a feed at all.
        raise ParseError.say(_NOT_A_FEED)
    if items is None:
        # A declared feed with nothing in it yet is empty, not broken.
        items = []
    if not isinstance(items, list):
        raise ParseError.say(_ITEMS)

    language = _text(document.get("language"))
    feed_author = _author(document)
    entries = []
    for item in items[:MAX_ITEMS]:
        entry = _entry(item, url, language, feed_author)
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        kind=FeedKind.JSON,
        title=_text(document.get("title")),
        site_url=_link(document.get("home_page_url"), url),
        language=language,
        entries=tuple(entries),
    )


def _load(data: bytes | str) -> object:
    """The decoded JSON value, or ``ParseError`` with the reason in one sentence."""
    if isinstance(data, bytes):
        # The spec says UTF-8; a BOM (UTF-8 or UTF-16) is tolerated as real readers do.
        encoding = "utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError.say(_NOT_UTF8) from exc
    else:
        text = data.removeprefix("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError.say(_NOT_JSON_AT, line=exc.lineno, column=exc.colno) from exc
    except (ValueError, RecursionError) as exc:
        # ValueError: an integer too long to convert; RecursionError: absurd nesting.
        raise ParseError.say(_NOT_JSON) from exc


def _entry(
    item: object, base: str, feed_language: str | None, feed_author: str | None
) -> FeedEntry | None:
    if not isinstance(item, dict):
        return None
    guid = _id(item.get("id"))
    if guid is None:
        return None
    content_html = _raw_text(item.get("content_html"))
    if not content_html.strip():
        content_html = text_as_html(_raw_text(item.get("content_text")))
    summary = _raw_text(item.get("summary")).strip()
    published = parse_rfc3339(item.get("date_published")) or parse_rfc3339(
        item.get("date_modified")
    )
    return FeedEntry(
        title=_text(item.get("title")) or "",
        guid=guid,
        url=_link(item.get("url"), base) or _link(item.get("external_url"), base),
        author=_author(item) or feed_author,
        published=published,
        summary_html=html.escape(summary, quote=False),
        content_html=content_html,
        categories=_tags(item.get("tags")),
        image_url=_link(item.get("image"), base) or _link(item.get("banner_image"), base),
        language=_text(item.get("language")) or feed_language,
    )


def _id(value: object) -> str | None:
    # bool is an int to Python but not a number to JSON.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return _text(value)


def _raw_text(value: object) -> str:
    """A string field as sent (minus lone surrogates, which no database takes), or ""."""
    if not isinstance(value, str):
        return ""
    return _LONE_SURROGATE_RE.sub("\ufffd", value)


def _text(value: object) -> str | None:
    """A one-line string field with its whitespace collapsed, or None if absent or blank."""
    return " ".join(_raw_text(value).split()) or None


def _link(value: object, base: str) -> str | None:
    """An http(s) URL, resolved against ``base``; None for anything else."""
    return web_url(_raw_text(value), base)


def _author(holder: Mapping[str, Any]) -> str | None:
    """The first named author: ``authors`` (1.1), else ``author`` (1.0)."""
    authors = holder.get("authors")
    if isinstance(authors, list):
        for author in authors:
            if isinstance(author, dict) and (name := _text(author.get("name"))):
                return name
    author = holder.get("author")
    if isinstance(author, dict):
        return _text(author.get("name"))
    return None


def _tags(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    seen: set[str] = set()
    tags: list[str] = []
    for tag in value:
        text = _text(tag)
        # Same tag in another case is the same category.
        if text is None or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        tags.append(text)
        if len(tags) == MAX_TAGS:
            break
    return tuple(tags)

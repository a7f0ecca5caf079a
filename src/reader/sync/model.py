"""What the sync's stages hand each other: parsed feeds and their entries.

These values are plain and picklable, so that parsing and extraction can run
in worker processes. HTML in them is as the source sent it (unsanitized)
until ``reader.sync.sanitize`` has cleaned it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class FeedKind(enum.StrEnum):
    """The format a feed was written in."""

    RSS = "rss"
    ATOM = "atom"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, as the feed gave it.

    ``summary_html`` and ``content_html`` are HTML (plain text from the feed is
    escaped into HTML by the parser); either may be empty. ``published`` is
    None when the feed gave no date that could be read.
    """

    title: str
    guid: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    summary_html: str = ""
    content_html: str = ""
    categories: tuple[str, ...] = ()
    image_url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed read from bytes: what it says of itself and its entries."""

    kind: FeedKind
    title: str | None = None
    site_url: str | None = None
    language: str | None = None
    entries: tuple[FeedEntry, ...] = ()

"""The immutable values that cross Khabar's layers.

ORM rows never leave ``reader.library``: they become these frozen
dataclasses, which the CLI, the sync engine and the window use. Times are
timezone-aware UTC ``datetime`` values.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class View(enum.StrEnum):
    """A smart view of the article list."""

    ALL = "all"
    UNREAD = "unread"
    TODAY = "today"
    BOOKMARKS = "bookmarks"


class BodyOrigin(enum.StrEnum):
    """Where an article's body came from."""

    FEED = "feed"
    PAGE = "page"  # the article's web page, extracted by the sync
    FEED_KEPT = "feed_kept"  # the page gave much less than the feed, so the feed's is kept


class Direction(enum.StrEnum):
    """The main writing direction of an article's text."""

    RTL = "rtl"
    LTR = "ltr"


@dataclass(frozen=True, slots=True)
class Category:
    """A category of sources and articles; ``name`` is shown in Arabic, ``name_en`` in English."""

    id: int
    name: str
    name_en: str | None
    position: int

    def display_name(self, language: str = "ar") -> str:
        """The name to show in an interface of the given language."""
        if language != "ar" and self.name_en:
            return self.name_en
        return self.name


@dataclass(frozen=True, slots=True)
class Source:
    """A news source: a feed, or a site whose feed was discovered."""

    id: int
    url: str
    title: str
    site_url: str | None
    category_id: int | None
    full_text: bool
    disabled: bool
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime | None
    last_error: str | None
    error_count: int
    next_fetch_at: datetime | None
    created_at: datetime
    # ``last_error``'s sentence as a template and its values (see ``ReaderError.say``).
    last_error_template: str = ""
    last_error_values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What an article list shows of an article: everything but its body."""

    id: int
    source_id: int | None
    source_title: str
    title: str
    url: str | None
    published: datetime
    lead: str
    language: str | None
    direction: Direction
    is_read: bool
    is_bookmarked: bool
    # The article's largest cached image, relative to the cache folder: its thumbnail.
    thumbnail: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article in full, as the article view and ``khabar show`` need it."""

    id: int
    source_id: int | None
    source_title: str
    guid: str | None
    url: str | None
    title: str
    author: str | None
    published: datetime
    first_seen: datetime
    updated_at: datetime
    lead: str
    body_html: str
    text: str
    language: str | None
    direction: Direction
    is_read: bool
    is_bookmarked: bool
    bookmarked_at: datetime | None
    categories: tuple[str, ...] = ()
    assets: tuple[Asset, ...] = ()
    body_origin: BodyOrigin = BodyOrigin.FEED


@dataclass(frozen=True, slots=True)
class Asset:
    """A cached file (an image) of an article, stored once by content hash."""

    url: str
    sha256: str
    path: str
    mime: str | None
    size: int


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page of a newest-first list starts (keyset pagination)."""

    published: int
    id: int


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of an article list and the cursor of the next one, if any."""

    items: tuple[ArticleSummary, ...]
    next_cursor: Cursor | None


@dataclass(frozen=True, slots=True)
class UnreadCounts:
    """Unread articles per smart view, category and source."""

    all: int
    today: int
    bookmarks: int
    by_category: dict[int, int] = field(default_factory=dict)
    by_source: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of an article's text around the words a search matched."""

    text: str
    highlights: tuple[tuple[int, int], ...]

    def marked(self, start: str = "[", end: str = "]", escape: Callable[[str], str] = str) -> str:
        """The text with each highlighted span wrapped in ``start`` and ``end``.

        ``escape`` is applied to the pieces of text (not to the marks): pass
        ``html.escape`` to get safe HTML.
        """
        parts: list[str] = []
        pos = 0
        for begin, finish in self.highlights:
            parts += [escape(self.text[pos:begin]), start, escape(self.text[begin:finish]), end]
            pos = finish
        parts.append(escape(self.text[pos:]))
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One article found by a search, with its snippet and title highlights."""

    article: ArticleSummary
    snippet: Snippet
    title_highlights: tuple[tuple[int, int], ...]
    score: float


@dataclass(frozen=True, slots=True)
class EntryData:
    """An article as a sync brings it, before the library stores it.

    ``body_html`` must already be sanitized. The library stores the body once,
    as HTML, and derives its plain text; ``text`` is used only for an entry
    that has no HTML body (it becomes paragraphs). ``feed_key`` is the sync's
    hash of the feed item the entry was made from (see ``reader.library.store.feed_keys``).
    """

    title: str
    guid: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    lead: str = ""
    body_html: str = ""
    text: str = ""
    language: str | None = None
    categories: tuple[str, ...] = ()
    assets: tuple[Asset, ...] = ()
    feed_key: int | None = None
    body_origin: BodyOrigin = BodyOrigin.FEED


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """What a sync learned about a source itself while fetching it."""

    title: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class StoreResult:
    """How storing one source's entries went."""

    new: int
    updated: int
    unchanged: int
    title: str  # the source's title after storing (its feed may have named it)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and sizes of a library."""

    articles: int
    unread: int
    bookmarked: int
    sources: int
    categories: int
    assets: int
    asset_bytes: int
    database_bytes: int
    oldest: datetime | None
    newest: datetime | None

"""The work a sync hands its worker processes: what goes in, what comes back, and the calls.

The values here are plain and picklable. The three calls are what the
engine submits to a worker: each runs ``reader.sync.work``, which the
workers have imported already (see ``reader.sync.workers``). The process
that downloads and stores never imports it: the parsers, the sanitizer and
the extractor behind it would only slow its start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library.prepare import PreparedBatch
    from reader.types import Asset, EntryData


@dataclass(frozen=True, slots=True)
class FeedJob:
    """What a worker needs to read one source's feed."""

    known: dict[int, int | None]  # the source's stored guid keys and their feed keys
    url: str
    content: bytes
    content_type: str | None
    full_text: bool  # the user asked for every article's page
    fetch_pages: bool  # False with --feed-only: store what the feed carries


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """A read feed: either a batch ready to store, or entries that still need pages and images."""

    title: str | None
    site_url: str | None
    skipped: int  # items stored before and unchanged since
    batch: PreparedBatch | None  # set when nothing more needs fetching
    entries: tuple[EntryData, ...]  # otherwise: sanitized entries
    images: tuple[tuple[str, ...], ...]  # the images to download of each entry
    pages: tuple[int, ...]  # indexes into entries whose pages to fetch


@dataclass(frozen=True, slots=True)
class PageResult:
    """An entry after its page was read (or could not be)."""

    entry: EntryData
    extracted: bool
    images: tuple[str, ...]  # the images to download for it


def read_feed(job: FeedJob) -> FeedOutcome:
    """Parse a feed, drop the items stored unchanged, sanitize the rest (``work.read_feed``)."""
    from reader.sync import work  # noqa: PLC0415 - see the module's docstring

    return work.read_feed(job)


def read_page(
    entry: EntryData, content: bytes, url: str, encoding: str | None = None
) -> PageResult:
    """Complete an entry from its article page (``work.read_page``)."""
    from reader.sync import work  # noqa: PLC0415

    return work.read_page(entry, content, url, encoding)


def finish_entries(entries: tuple[EntryData, ...], assets: dict[str, Asset]) -> PreparedBatch:
    """Point the entries' images at the cache and prepare them (``work.finish_entries``)."""
    from reader.sync import work  # noqa: PLC0415

    return work.finish_entries(entries, assets)

"""The work a sync hands its worker processes: what goes in, what comes back, and the calls.

The values here are plain and picklable. The three calls are what the
engine submits to a worker: each runs ``reader.sync.work``, which the
workers have imported already (see ``reader.sync.workers``). The process
that downloads never imports it: the parsers, the sanitizer and the
extractor behind it would only slow its start. A worker stores what it
read itself (``StoreTarget``), so that only counts come back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.types import Asset, EntryData, FetchInfo, StoreResult


@dataclass(frozen=True, slots=True)
class StoreTarget:
    """Where a worker stores a source it read, and what the fetch learned of the source."""

    library: Path  # the library's SQLite file
    source_id: int
    info: FetchInfo

    def with_feed(self, outcome: FeedOutcome) -> StoreTarget:
        """The target with the feed's own title and site added to what the fetch learned."""
        info = replace(self.info, title=outcome.title, site_url=outcome.site_url)
        return replace(self, info=info)


@dataclass(frozen=True, slots=True)
class FeedJob:
    """What a worker needs to read one source's feed."""

    url: str
    content: bytes
    content_type: str | None
    full_text: bool  # the user asked for every article's page
    fetch_pages: bool  # False with --feed-only: store what the feed carries


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """A read feed: its title and site, and the entries that still need pages and images.

    When nothing more needs fetching, ``entries`` is empty: the feed's
    entries went to the library (``read_and_store_feed``), or came back
    prepared (``work.read_feed``).
    """

    title: str | None
    site_url: str | None
    skipped: int  # items stored before and unchanged since
    entries: tuple[EntryData, ...]  # sanitized entries still to complete
    images: tuple[tuple[str, ...], ...]  # the images to download of each entry
    pages: tuple[int, ...]  # indexes into entries whose pages to fetch


@dataclass(frozen=True, slots=True)
class PageResult:
    """An entry after its page was read (or could not be)."""

    entry: EntryData
    extracted: bool
    images: tuple[str, ...]  # the images to download for it


def read_and_store_feed(
    job: FeedJob, target: StoreTarget
) -> tuple[FeedOutcome, StoreResult | None]:
    """Read a feed; store it if it needs nothing more (``work.read_and_store_feed``)."""
    from reader.sync import work  # noqa: PLC0415 - see the module's docstring

    return work.read_and_store_feed(job, target)


def read_page(
    entry: EntryData, content: bytes, url: str, encoding: str | None = None
) -> PageResult:
    """Complete an entry from its article page (``work.read_page``)."""
    from reader.sync import work  # noqa: PLC0415

    return work.read_page(entry, content, url, encoding)


def finish_entries(
    entries: tuple[EntryData, ...], assets: dict[str, Asset], target: StoreTarget
) -> StoreResult:
    """Point the entries' images at the cache, prepare and store them (``work.finish_entries``)."""
    from reader.sync import work  # noqa: PLC0415

    return work.finish_entries(entries, assets, target)

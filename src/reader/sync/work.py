"""The CPU-bound half of a sync, run in worker processes.

Each function here takes and returns plain, picklable values, so that the
engine can run it in a process pool (through ``reader.sync.jobs``, which
also holds the values they take and return): parsing a feed, sanitizing its HTML,
extracting an article page, and preparing entries for the library all hold
the GIL for milliseconds at a time, and must not stall the event loop that
downloads, nor the window. A worker reads the keys of what a source has
stored and stores what it read through its own connection to the library
(``reader.library.writer``), one transaction per source, so that only counts
go back. This module imports no SQLAlchemy (see docs/decisions.md).
"""

from __future__ import annotations

import html as html_lib
from dataclasses import replace

from reader.errors import ReaderError
from reader.library.prepare import (
    PreparedBatch,
    flat_text,
    key_of,
    lead_of,
    plain_text,
    prepare_entries,
)
from reader.library.writer import SourceWriter
from reader.sync.feeds import parse_feed
from reader.sync.jobs import FeedJob, FeedOutcome, PageResult, StoreTarget
from reader.sync.model import FeedEntry
from reader.sync.sanitize import image_sources, replace_image_sources, sanitize_html
from reader.types import Asset, BodyOrigin, EntryData, StoreResult

# A feed item with less text than this is a summary: its page is fetched.
SUMMARY_CHARS = 500
# The page's text must reach this share of the feed's, or the feed's is kept.
ENOUGH_OF_FEED = 0.6
MAX_IMAGES = 20


def read_and_store_feed(
    job: FeedJob, target: StoreTarget
) -> tuple[FeedOutcome, StoreResult | None]:
    """Read a source's feed (``read_feed``); store its entries when they need nothing more."""
    writer = SourceWriter.of(target.library)
    outcome, batch = read_feed(job, writer.feed_keys(target.source_id))
    if batch is None:
        return outcome, None
    return outcome, writer.store(target.source_id, batch, target.with_feed(outcome).info)


def read_feed(
    job: FeedJob, known: dict[int, int | None]
) -> tuple[FeedOutcome, PreparedBatch | None]:
    """Parse a feed, drop the items stored unchanged (``known``: guid key → feed key), sanitize.

    The entries come back prepared for the library when they need no page or image.
    """
    parsed = parse_feed(job.content, job.url, job.content_type)
    base = parsed.site_url or job.url
    # Reading a source in full makes other articles of the same items: a source
    # switched to full text reads its items again.
    items = [(item, _feed_key(item, job.full_text)) for item in parsed.entries]
    fresh = [(i, k) for i, k in items if _changed(i, k, known)]
    entries = [_entry(item, key, base) for item, key in fresh]
    texts = [plain_text(entry.body_html) for entry in entries]
    wanted = [
        bool(entry.url) and (job.full_text or len(text) < SUMMARY_CHARS)
        for entry, text in zip(entries, texts, strict=True)
    ]
    images = [_images(entry.body_html) for entry in entries]
    if job.fetch_pages:
        pages = tuple(n for n, page in enumerate(wanted) if page)
        ready = not pages and not any(images)
    else:
        # Stored without the page or the images they lack, and without a feed
        # key, so that the next full sync completes them.
        entries = [
            replace(e, feed_key=None) if page or urls else e
            for e, page, urls in zip(entries, wanted, images, strict=True)
        ]
        pages, ready = (), True
    outcome = FeedOutcome(
        title=parsed.title,
        site_url=parsed.site_url,
        skipped=len(items) - len(fresh),
        entries=() if ready else tuple(entries),
        images=() if ready else tuple(images),
        pages=pages,
    )
    return outcome, prepare_entries(entries, texts=texts) if ready else None


def read_page(
    entry: EntryData, content: bytes, url: str, encoding: str | None = None
) -> PageResult:
    """Complete an entry from its article page; the feed's text stays if the page gives less."""
    # trafilatura takes a while to import: only workers that read pages pay for it.
    from reader.sync.extract import extract_page  # noqa: PLC0415

    feed_text = plain_text(entry.body_html)
    kept = PageResult(
        replace(entry, body_origin=BodyOrigin.FEED_KEPT), False, _images(entry.body_html)
    )
    try:
        page = extract_page(content, url, encoding=encoding)
    except ReaderError:
        # A page with no article to extract gives less than the feed: the
        # feed's text stays, marked, and the page is not fetched again.
        return kept
    body = _with_image(sanitize_html(page.body_html, url), page.image_url, url)
    if not body or len(plain_text(body)) < len(feed_text) * ENOUGH_OF_FEED:
        return replace(kept, extracted=True)
    categories = entry.categories
    if page.section and page.section not in categories:
        categories = (*categories, page.section)
    return PageResult(
        entry=replace(
            entry,
            title=entry.title or page.title or "",
            author=entry.author or page.author,
            published=entry.published or page.published,
            lead=entry.lead or page.lead or lead_of(feed_text),
            body_html=body,
            language=page.language or entry.language,
            categories=categories,
            body_origin=BodyOrigin.PAGE,
        ),
        extracted=True,
        images=_images(body),
    )


def finish_entries(
    entries: tuple[EntryData, ...], assets: dict[str, Asset], target: StoreTarget
) -> StoreResult:
    """Point the entries' images at the cache (placeholders for the failed ones); store them."""
    done: list[EntryData] = []
    for entry in entries:
        sources = image_sources(entry.body_html)
        if not sources:
            done.append(entry)
            continue
        local = {url: assets[url].path for url in sources if url in assets}
        done.append(
            replace(
                entry,
                body_html=replace_image_sources(entry.body_html, local),
                assets=tuple(assets[url] for url in sources if url in assets),
            )
        )
    return SourceWriter.of(target.library).store(
        target.source_id, prepare_entries(done), target.info
    )


def _changed(item: FeedEntry, feed_key: int, known: dict[int, int | None]) -> bool:
    """Whether a feed item is new, or differs from what it was when it was stored."""
    guid = item.guid or item.url
    return guid is None or known.get(key_of(guid)) != feed_key


def _feed_key(item: FeedEntry, full_text: bool) -> int:
    """A hash of what a feed item says and how it is read: when it changes, it is read again."""
    published = item.published.isoformat() if item.published else ""
    parts = (
        item.title,
        item.guid or "",
        item.url or "",
        item.author or "",
        published,
        item.summary_html,
        item.content_html,
        "\x1f".join(item.categories),
        item.image_url or "",
        "full" if full_text else "",
    )
    return key_of("\x1e".join(parts))


def _entry(item: FeedEntry, feed_key: int, base: str) -> EntryData:
    """A feed item as the library stores it, its HTML sanitized."""
    summary, content = item.summary_html, item.content_html
    body_source = content if len(content) >= len(summary) else summary
    body = sanitize_html(body_source, item.url or base) if body_source else ""
    body = _with_image(body, item.image_url, item.url or base)
    # The lead is text (escaped wherever it is shown), so the summary's markup is simply dropped.
    lead = flat_text(summary) if content and summary else ""
    return EntryData(
        title=item.title,
        guid=item.guid or item.url,
        url=item.url,
        author=item.author,
        published=item.published,
        lead=lead,
        body_html=body,
        language=item.language,
        categories=item.categories,
        feed_key=feed_key,
    )


def _with_image(body: str, image_url: str | None, base: str) -> str:
    """A sanitized body with its main image on top, when the body shows no image."""
    if not image_url or image_sources(body):
        return body
    figure = f'<figure><img src="{html_lib.escape(image_url, quote=True)}" alt=""></figure>'
    return sanitize_html(figure, base) + body


def _images(body: str) -> tuple[str, ...]:
    """The images of a sanitized body to download, at most ``MAX_IMAGES``."""
    return tuple(image_sources(body)[:MAX_IMAGES])

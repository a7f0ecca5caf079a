"""``SyncEngine``: one sync of the library's sources, start to finish.

Downloads run concurrently on one event loop (``Fetcher``); parsing,
extraction, preparing and storing run in worker processes
(``reader.sync.work``): the worker that read a source stores it, one
transaction per source, so a kill loses at most the sources in flight. The
engine's own writes (the sync's record, a source's error, the sources that
answered 304) go through one writer thread. A source that fails records its
error and backs off; nothing it stored before is removed. Progress is
reported as ``SyncEvent`` values to a callback, which the CLI turns into a
progress bar or JSON lines for the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, ParamSpec, TypeVar, cast

from reader.errors import (
    FetchError,
    ParseError,
    ReaderError,
    RetryLaterError,
    SourceGoneError,
    template,
)
from reader.library.ledger import SyncedLibrary
from reader.sync import jobs
from reader.sync.fetcher import FEED_ACCEPT, IMAGE_ACCEPT, PAGE_ACCEPT, Fetcher, FetchLimits
from reader.sync.images import ImageCache
from reader.sync.workers import WorkerPool, measured
from reader.types import Asset, BodyOrigin, EntryData, FetchInfo, Source, StoreResult

_P = ParamSpec("_P")
_T = TypeVar("_T")

# Sources between their first request and their write: this bounds the memory a
# sync holds (downloaded feeds waiting for a worker) whatever the number of sources.
SOURCES_IN_FLIGHT = 32
# Failures in a row before a source is left alone for a while.
BACKOFF_AFTER = 3

_FAILED_ON_SOURCE = template("Khabar failed on this source ({kind}: {error}).")
_WORKER_CRASHED = template("The program reading this source crashed; it was skipped.")


@dataclass(frozen=True, slots=True)
class SyncOptions:
    """How a sync runs."""

    jobs: int | None = None  # worker processes; None: one per core
    feed_only: bool = False  # store what the feeds carry; fetch no pages or images
    images: bool = True  # False: save no images; articles show placeholders in their place
    limits: FetchLimits = field(default_factory=FetchLimits)


@dataclass(frozen=True, slots=True)
class SourceResult:
    """How one source fared in a sync."""

    source_id: int
    title: str
    status: Literal["updated", "unchanged", "failed"]
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    images: int = 0
    error: str | None = None
    elapsed_s: float = 0.0  # from the source's first request to its result
    # The error's sentence as a template and its values, for the window's language.
    error_template: str = ""
    error_values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a whole sync did."""

    results: tuple[SourceResult, ...]
    elapsed_s: float
    workers_peak_mb: float = 0.0  # the largest resident size a worker process reached

    def total(self, name: Literal["new", "updated", "unchanged", "pages", "images"]) -> int:
        """A count summed over the sources."""
        return sum(getattr(r, name) for r in self.results)

    @property
    def failed(self) -> int:
        """How many sources failed."""
        return sum(r.status == "failed" for r in self.results)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready values."""
        return {
            "sources": len(self.results),
            "new": self.total("new"),
            "updated": self.total("updated"),
            "unchanged": self.total("unchanged"),
            "failed": self.failed,
            "pages": self.total("pages"),
            "images": self.total("images"),
            "elapsed_s": round(self.elapsed_s, 3),
            "results": [asdict(r) for r in self.results],
        }


EventKind = Literal["started", "source_done", "source_failed", "finished"]


@dataclass(frozen=True, slots=True)
class SyncEvent:
    """A step of a sync, for progress bars and the window's JSON-lines stream."""

    kind: EventKind
    total: int
    done: int
    result: SourceResult | None = None
    report: SyncReport | None = None

    def as_dict(self) -> dict[str, Any]:
        """The event as one JSON-ready object (a line of ``--progress jsonl``)."""
        event: dict[str, Any] = {"event": self.kind, "total": self.total, "done": self.done}
        if self.result is not None:
            event.update(asdict(self.result))
        if self.report is not None:
            event.update({k: v for k, v in self.report.as_dict().items() if k != "results"})
        return event


ProgressCallback = Callable[[SyncEvent], None]


def backoff(error_count: int, now: datetime | None = None) -> datetime | None:
    """When a source that failed ``error_count`` times in a row may be tried again.

    The first failures are retried at the next sync (a server can be down for
    a minute); from the third on, the wait doubles from an hour up to a day.
    """
    if error_count < BACKOFF_AFTER:
        return None
    now = now or datetime.now(UTC)
    return now + timedelta(hours=min(2 ** (error_count - BACKOFF_AFTER), 24))


def due_sources(sources: Sequence[Source], now: datetime | None = None) -> list[Source]:
    """The sources a sync of everything fetches: enabled, and not backing off."""
    now = now or datetime.now(UTC)
    return [
        s for s in sources if not s.disabled and (s.next_fetch_at is None or s.next_fetch_at <= now)
    ]


class SyncEngine:
    """Runs syncs of one library. Not thread-safe: one sync at a time."""

    def __init__(
        self,
        library: SyncedLibrary,
        options: SyncOptions | None = None,
        workers: WorkerPool | None = None,
    ) -> None:
        self.library = library
        self.options = options or SyncOptions()
        self._images = ImageCache(library.cache_dir)
        self._pool = workers  # started by the caller, or on first need
        self._pool_ready: asyncio.Future[ProcessPoolExecutor] | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._unchanged: list[int] = []
        self._incomplete: set[int] = set()
        self._in_flight = asyncio.Semaphore(SOURCES_IN_FLIGHT)
        self._workers_peak_kb = 0

    def run(
        self, sources: Sequence[int] | None = None, on_progress: ProgressCallback | None = None
    ) -> SyncReport:
        """Sync the given sources (all that are due when None) and report on each.

        Sources named explicitly are fetched even when disabled or backing off.
        Raises ``ReaderError`` only when the sync itself cannot run.
        """
        chosen = self._choose(sources)
        return asyncio.run(self._run(chosen, on_progress or (lambda _event: None)))

    def _choose(self, wanted: Sequence[int] | None) -> list[Source]:
        if wanted is None:
            return due_sources(self.library.sources())
        return [self.library.source(source_id) for source_id in dict.fromkeys(wanted)]

    async def _run(self, sources: list[Source], report: ProgressCallback) -> SyncReport:
        started = time.monotonic()
        run_id = self.library.start_sync_run(len(sources))
        report(SyncEvent("started", total=len(sources), done=0))
        results: list[SourceResult] = []
        self._incomplete = set() if self.options.feed_only else self.library.incomplete_sources()
        self._unchanged = []
        self._in_flight = asyncio.Semaphore(SOURCES_IN_FLIGHT)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="khabar-writer")
        try:
            async with Fetcher(self.options.limits) as fetcher:
                tasks = [asyncio.create_task(self._sync(s, fetcher)) for s in sources]
                try:
                    for finished in asyncio.as_completed(tasks):
                        result = await finished
                        results.append(result)
                        failed = result.status == "failed"
                        kind: EventKind = "source_failed" if failed else "source_done"
                        report(SyncEvent(kind, len(sources), len(results), result=result))
                finally:
                    # Interrupted: no source may go on once the client is closed.
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
            # Sources that answered 304 changed nothing but their fetch time: one write for all.
            await self._write(self.library.record_sources_unchanged, self._unchanged)
            if any(r.new or r.updated for r in results):
                await self._write(self.library.optimize)
        finally:
            self._writer.shutdown(wait=True)
            if self._pool is not None:
                self._pool.shutdown()
                self._pool, self._pool_ready = None, None
        outcome = SyncReport(
            results=tuple(results),
            elapsed_s=time.monotonic() - started,
            workers_peak_mb=self._workers_peak_kb / 1024,
        )
        self.library.finish_sync_run(
            run_id, outcome.total("new"), outcome.total("updated"), outcome.failed
        )
        report(SyncEvent("finished", total=len(sources), done=len(results), report=outcome))
        return outcome

    async def _sync(self, source: Source, fetcher: Fetcher) -> SourceResult:
        """Fetch, read and store one source; failures become a failed result."""
        started = time.monotonic()
        try:
            async with self._in_flight:
                # The time waiting for a place in flight is not this source's.
                started = time.monotonic()
                result = await self._fetch_and_store(source, fetcher)
        except ReaderError as exc:
            result = await self._failed(source, exc)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            failure = ReaderError.say(_FAILED_ON_SOURCE, kind=type(exc).__name__, error=str(exc))
            result = await self._failed(source, failure)
        return replace(result, elapsed_s=time.monotonic() - started)

    async def _fetch_and_store(self, source: Source, fetcher: Fetcher) -> SourceResult:
        limits = self.options.limits
        # A source with articles still to complete is read again even if unchanged.
        validators = source.id not in self._incomplete
        response = await fetcher.get(
            source.url,
            max_bytes=limits.feed_bytes,
            etag=source.etag if validators else None,
            last_modified=source.last_modified if validators else None,
            accept=FEED_ACCEPT,
        )
        if response.not_modified:
            self._unchanged.append(source.id)
            return SourceResult(source.id, source.title, "unchanged")
        target = jobs.StoreTarget(
            library=self.library.path,
            source_id=source.id,
            info=FetchInfo(
                etag=response.etag, last_modified=response.last_modified, url=response.moved_to
            ),
        )
        job = jobs.FeedJob(
            url=response.url,
            content=response.content,
            content_type=response.content_type,
            full_text=source.full_text,
            fetch_pages=not self.options.feed_only,
        )
        outcome, stored = await self._in_worker(jobs.read_and_store_feed, job, target)
        pages = images = 0
        if stored is None:
            stored, pages, images = await self._complete(
                outcome, target.with_feed(outcome), fetcher
            )
        return SourceResult(
            source.id,
            stored.title,
            "updated" if stored.new or stored.updated else "unchanged",
            new=stored.new,
            updated=stored.updated,
            unchanged=stored.unchanged + outcome.skipped,
            pages=pages,
            images=images,
        )

    async def _complete(
        self, outcome: jobs.FeedOutcome, target: jobs.StoreTarget, fetcher: Fetcher
    ) -> tuple[StoreResult, int, int]:
        """Fetch the pages and images a feed's entries need, then store them (in a worker)."""
        entries, images = list(outcome.entries), list(outcome.images)
        read = await asyncio.gather(
            *(self._page(entries[n], images[n], fetcher) for n in outcome.pages)
        )
        for n, result in zip(outcome.pages, read, strict=True):
            entries[n], images[n] = result.entry, result.images
        wanted = list(dict.fromkeys(url for urls in images for url in urls))
        if not self.options.images:
            wanted = []  # the article keeps a placeholder with each image's address
        found = await asyncio.gather(*(self._image(url, fetcher) for url in wanted))
        assets = {asset.url: asset for asset in found if asset is not None}
        stored = await self._in_worker(jobs.finish_entries, tuple(entries), assets, target)
        return stored, sum(r.extracted for r in read), len(assets)

    async def _page(
        self, entry: EntryData, images: tuple[str, ...], fetcher: Fetcher
    ) -> jobs.PageResult:
        """An entry completed from its page; a page that fails leaves the feed's text."""
        assert entry.url is not None
        try:
            response = await fetcher.get(
                entry.url, max_bytes=self.options.limits.page_bytes, accept=PAGE_ACCEPT
            )
            return await self._in_worker(
                jobs.read_page, entry, response.content, response.url, response.charset
            )
        except FetchError as exc:
            if exc.permanent:  # a missing page stays missing: keep the feed's text, marked
                kept = replace(entry, body_origin=BodyOrigin.FEED_KEPT)
                return jobs.PageResult(kept, extracted=False, images=images)
            # No feed key: the next full sync reads the feed again and tries the page again.
            return jobs.PageResult(replace(entry, feed_key=None), extracted=False, images=images)
        except ReaderError:
            return jobs.PageResult(replace(entry, feed_key=None), extracted=False, images=images)

    async def _image(self, url: str, fetcher: Fetcher) -> Asset | None:
        """An image downloaded into the cache, or None: a failed image never holds an article."""
        try:
            response = await fetcher.get(
                url, max_bytes=self.options.limits.image_bytes, accept=IMAGE_ACCEPT
            )
            return await asyncio.to_thread(self._images.store, url, response.content)
        except FetchError:
            return None

    async def _failed(self, source: Source, exc: ReaderError) -> SourceResult:
        retry_at = backoff(source.error_count + 1)
        if isinstance(exc, RetryLaterError) and exc.retry_at:
            retry_at = max(retry_at or exc.retry_at, exc.retry_at)
        # If the library cannot be written (a full disk), the result still says why.
        with contextlib.suppress(ReaderError):
            await self._write(
                self.library.record_source_error,
                source.id,
                str(exc),
                retry_at,
                disable=isinstance(exc, SourceGoneError),
                template=exc.template,
                values=exc.values,
            )
        return SourceResult(
            source.id,
            source.title,
            "failed",
            error=str(exc),
            error_template=exc.template,
            error_values=dict(exc.values),
        )

    async def _write(self, fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """Run a write of the engine's own on the one writer thread."""
        return await _run_in(self._writer, lambda: fn(*args, **kwargs))

    async def _in_worker(self, fn: Callable[..., _T], *args: object) -> _T:
        """Run CPU-bound work in a worker process; a crashed worker fails only this work."""
        pool = await self._workers()
        try:
            result, peak_kb = await asyncio.get_running_loop().run_in_executor(
                pool.executor, measured, fn, *args
            )
        except BrokenProcessPool:
            if self._pool is pool:
                self._pool, self._pool_ready = None, None
                pool.executor.shutdown(wait=False, cancel_futures=True)
            raise ParseError.say(_WORKER_CRASHED) from None
        self._workers_peak_kb = max(self._workers_peak_kb, peak_kb)
        return cast(_T, result)

    async def _workers(self) -> WorkerPool:
        """The worker processes, waited for off the event loop; made on first need.

        Starting them takes a few tenths of a second; downloads go on
        meanwhile. Without a pool given to the engine, a sync whose feeds all
        answer 304 starts none.
        """
        pool = self._pool
        if pool is None:
            pool = self._pool = WorkerPool(self.options.jobs)
        if self._pool_ready is None:
            self._pool_ready = asyncio.ensure_future(asyncio.to_thread(pool.wait_ready))
        # Another source may drop a pool that broke meanwhile: this one then
        # fails with the broken pool's error, not with a missing pool.
        await self._pool_ready
        return pool


async def _run_in(executor: Executor | None, call: Callable[[], _T]) -> _T:
    return await asyncio.get_running_loop().run_in_executor(executor, call)

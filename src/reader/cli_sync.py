"""The network commands of ``khabar``: ``sync`` and ``add`` (with feed discovery).

``khabar sync`` shows a progress bar on a terminal, or with ``--progress
jsonl`` one JSON object per line for each event (``started``,
``source_done``, ``source_failed``, ``finished``): the window's sync worker
runs this command as a child process and reads that stream. It exits 0 when
the sync ran, even if sources failed; they are reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from reader.sync.engine import SyncEngine, SyncEvent, SyncOptions, SyncReport
from reader.sync.lock import sync_lock
from reader.sync.memory import peak_rss_kb
from reader.types import Source

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.ledger import SyncedLibrary
    from reader.sync.subscribe import FoundFeed
    from reader.sync.workers import WorkerPool


def subscribe(lib: Library, args: argparse.Namespace) -> tuple[Source, FoundFeed | None]:
    """Subscribe to a feed or a site (``khabar add``), finding the feed unless ``--no-check``."""
    url, title, site_url, found = lib.check_new_source(args.url), args.title, None, None
    if not args.no_check:
        # Imported here: discovery reads pages and feeds, which a sync leaves to its workers.
        from reader.sync.subscribe import find_feed  # noqa: PLC0415

        found = find_feed(url)
        url, site_url = found.url, found.site_url
        title = title or found.title
    source = lib.add_source(url, title=title, category_name=args.category, site_url=site_url)
    return source, found


def added_sentence(source: Source, found: FoundFeed | None) -> str:
    """What ``khabar add`` tells the user it did."""
    said = f"Added source {source.id}: {source.title} ({source.url})."
    if found is not None and found.via_page:
        said += f" Found on {found.via_page}: a {found.kind} feed of {found.items} items."
        if found.others:
            said += " Other feeds named there: " + ", ".join(found.others) + "."
    return said + " The next sync fetches it."


def sync_command(
    lib: SyncedLibrary, args: argparse.Namespace, workers: WorkerPool | None = None
) -> None:
    """Run one sync (with these worker processes, started already) and report it."""
    options = SyncOptions(jobs=args.jobs, feed_only=args.feed_only, images=not args.no_images)
    engine = SyncEngine(lib, options, workers=workers)
    show = _Progress(args.progress, quiet=args.json)
    try:
        with sync_lock(lib.data_dir):
            report = engine.run(args.source or None, on_progress=show)
    finally:
        show.close()
    data = {**report.as_dict(), **_peak_memory(report)}
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.progress != "jsonl":
        print(_summary(report))


class _Progress:
    """Renders sync events: a bar on a terminal, JSON lines on request, else nothing."""

    def __init__(self, mode: str | None, quiet: bool) -> None:
        self.mode = mode
        self.bar: Any = None
        self.quiet = quiet or not sys.stderr.isatty()

    def __call__(self, event: SyncEvent) -> None:
        if self.mode == "jsonl":
            sys.stdout.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
            return
        if self.quiet:
            return
        if event.kind == "started":
            from tqdm import tqdm  # noqa: PLC0415 - only a terminal needs it

            self.bar = tqdm(total=event.total, unit="source", desc="Syncing", file=sys.stderr)
        elif self.bar is not None and event.result is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(event.result.title[:30])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _summary(report: SyncReport) -> str:
    lines = [
        f"Synced {len(report.results)} sources in {report.elapsed_s:.1f} s:"
        f" {report.total('new')} new, {report.total('updated')} updated,"
        f" {report.total('pages')} pages read, {report.total('images')} images saved;"
        f" {report.failed} failed."
    ]
    lines += [f"  ! {r.title}: {r.error}" for r in report.results if r.status == "failed"]
    return "\n".join(lines)


def _peak_memory(report: SyncReport) -> dict[str, float]:
    """Peak resident memory of this process and of its largest worker, in MB."""
    return {
        "peak_rss_mb": round(peak_rss_kb() / 1024, 1),
        "workers_peak_rss_mb": round(report.workers_peak_mb, 1),
    }

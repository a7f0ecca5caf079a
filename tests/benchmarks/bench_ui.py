"""A benchmark of the window on a large library: start-up, switching views, opening, syncing.

This is a script, not a pytest test (nothing here is named ``test_*``)::

    .venv/bin/python tests/benchmarks/bench_ui.py --articles 100000
    .venv/bin/python tests/benchmarks/bench_ui.py --articles 100000 --keep /tmp/k --skip-sync

It builds a library of N articles with ``bench_library``'s generator (100
sources over the 10 default categories, every third source's articles read)
and bookmarks 30 articles of each category, so that no view is empty. Its
``settings.ini`` asks for Arabic and for no sync at start or on a timer, so
that nothing but the window runs. Then it measures:

``first_paint_ms``
    what a user waits for: ``python -m reader --data-dir DIR``, the window
    as a user starts it, reports its own first paint
    (``KHABAR_FIRST_PAINT_PROBE``, ``reader.ui.first_paint``): an application
    event filter waits for the first paint of the article list's viewport
    while the list holds rows, and a 0 ms timer after that paint takes the
    time since the kernel started the process (``/proc/self/stat`` starttime
    against ``CLOCK_BOOTTIME``, to 10 ms), so the interpreter's start and
    every import count. One run warms the page cache and the
    bytecode caches first, untimed; the figure is the median of the next 3;
``rss_mb``
    that process's resident size (``VmRSS``) at the same moment, median of
    the 3; ``peak_rss_mb`` is its peak so far (``VmHWM``; not ``ru_maxrss``,
    which on Linux counts the memory of this large parent it was forked from);
``view_switch_ms``
    in this process, on the offscreen platform, with the window shown:
    ``window.sidebar.select(...)`` (which makes the model load the first page
    of the view at once) plus ``window.list.repaint()``, cycling 10 times
    through All, Unread, a category (another one each round), Bookmarks and
    Today; the median of the 50, with each view's median printed beside it;
``open_article_ms``
    ``window.list.setCurrentIndex`` on each of the first 50 rows of All, plus
    ``window.view.repaint()``: reading the article, building its document,
    painting it; the median of the 50;
``max_stall_ms``, ``p99_stall_ms``
    a 10 ms timer beats in the window's process while the window's own
    ``SyncWorker`` runs a sync of F sources × M items (default 500 × 20,
    ``bench_sync``'s corpus served by Debian's nginx): the longest gap between
    two beats, and the 99th percentile of the gaps, from the sync's start
    until the window has handled ``sync_finished`` (its list and counts
    refreshed). ``max_busy_ms`` is the most CPU time the window's thread
    spent inside one gap (``/proc/thread-self/schedstat``): the window's own
    longest piece of work. The rest of a gap is time the thread was ready but
    waited for a CPU held by the sync's processes or nginx; both are printed
    for the 5 longest gaps. ``sync_s`` is the wall time of that sync. It
    runs on a copy of the N-article library that has also imported the OPML
    (``khabar import-opml``), and only those F sources are synced (the
    library's own 100 sources have made-up addresses). Feed-only, as with the
    setting "fetch whole articles" off, unless ``--full-text``.

The figures are printed beside their targets (for N = 100,000: first paint
≤ 1,500 ms, RSS ≤ 250 MB, view switch ≤ 100 ms, open ≤ 50 ms, max stall ≤
50 ms) with pass or fail; the last line is one JSON object of the figures,
the targets and which were met.

The in-process measurements and the sync use a copy of the library, so that
the window's saved state and the synced articles never reach the library the
first-paint runs open. ``--keep DIR`` keeps the built library in DIR (one
folder per N and seed) and reuses it next time; without it everything is
built in a temporary folder and removed. The first-paint process uses the
offscreen platform when there is no display. Linux only (``/proc``, nginx).

Exit status: 0 when it ran, 1 when a step failed, 2 when nginx is not
installed (unless ``--skip-sync``) or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from reader.library import Library, db
from reader.types import View
from reader.ui.app import make_application
from reader.ui.assets import load_fonts
from reader.ui.first_paint import PROBE_ENV
from reader.ui.i18n import install_language
from reader.ui.settings import Settings, load_settings, save_settings
from reader.ui.sidebar import Selection
from reader.ui.sync_progress import SyncSummary
from reader.ui.theme import apply_theme
from reader.ui.window import MainWindow

LANGUAGE = "ar"
PAINT_RUNS = 3
SWITCH_ROUNDS = 10
OPENED = 50
BOOKMARKS_PER_CATEGORY = 30
HEARTBEAT_MS = 10
SYNC_TIMEOUT_S = 900
DONE_MARK = "bench-ui-complete"  # written last into a cached library folder

TARGETS: dict[str, float] = {
    "first_paint_ms": 1500.0,
    "rss_mb": 250.0,
    "view_switch_ms": 100.0,
    "open_article_ms": 50.0,
    "max_stall_ms": 50.0,
}


class BenchError(Exception):
    """A step failed: the message says which; the run exits with 1."""


# --- building the library -------------------------------------------------------------


def library_folder(keep: Path | None, temporary: Path, articles: int, seed: int) -> Path:
    """Where the library of this N and seed is (or will be) built."""
    return (keep or temporary) / f"library-{articles}-seed{seed}"


def prepare_library(folder: Path, articles: int, seed: int) -> None:
    """Build the library with bench_library's generator unless a finished one is there."""
    import bench_library

    if (folder / DONE_MARK).exists():
        print(f"Reusing the library in {folder}", flush=True)
        return
    if folder.exists():
        shutil.rmtree(folder)  # an unfinished build
    bench_library.build(folder, argparse.Namespace(articles=articles, seed=seed))
    with Library(folder) as lib:
        for category in lib.categories():
            for summary in lib.articles(
                category_id=category.id, limit=BOOKMARKS_PER_CATEGORY
            ).items:
                lib.set_bookmarked(summary.id)
    bench_library.checkpoint(db.library_file(folder))  # one file, so a copy is whole
    save_settings(folder, Settings(language=LANGUAGE, sync_on_start=False, sync_interval_min=0))
    (folder / DONE_MARK).write_text("")


def copy_library(source: Path, target: Path) -> None:
    """A copy of the library for the measurements that write to it."""
    start = time.perf_counter()
    shutil.copytree(source, target)
    print(f"Copied the library to {target} ({time.perf_counter() - start:.1f} s)", flush=True)


# --- first paint, from outside --------------------------------------------------------


def paint_env() -> dict[str, str]:
    """The first-paint process's environment: offscreen when there is no display."""
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def measure_first_paint(
    folder: Path, program: Sequence[str] = (sys.executable, "-m", "reader"), label: str = ""
) -> dict[str, float]:
    """``program --data-dir folder`` started once to warm up, then the median of ``PAINT_RUNS``.

    The program reports its own first paint (``KHABAR_FIRST_PAINT_PROBE``):
    the source install by default, an installed package when given.
    """
    import bench_sync

    command = [*program, "--data-dir", str(folder)]
    env = {**paint_env(), PROBE_ENV: "1"}
    platform = env.get("QT_QPA_PLATFORM") or "default"
    print(f"First paint{f' of {label}' if label else ''} ({platform} platform)", flush=True)
    runs: list[dict[str, float]] = []
    for run in range(PAINT_RUNS + 1):
        ran = bench_sync.run_command(command, env=env)
        report = bench_sync.last_json_object(ran.stdout)
        if ran.returncode != 0 or report is None:
            raise BenchError(
                f"{command[0]} exited with {ran.returncode}:\n"
                f"{bench_sync.tail(ran.stderr or ran.stdout)}"
            )
        which = "warm-up" if run == 0 else f"run {run}"
        print(
            f"  {which}: {report['first_paint_ms']:.0f} ms to the first filled list "
            f"({report['rows']} rows), RSS {report['rss_mb']:.0f} MB, "
            f"peak {report['peak_rss_mb']:.0f} MB; "
            f"{ran.wall_s * 1000:.0f} ms from launching it to its exit",
            flush=True,
        )
        if run:
            runs.append(report)
    return {
        key: statistics.median(r[key] for r in runs)
        for key in ("first_paint_ms", "rss_mb", "peak_rss_mb")
    }


# --- the window, in this process ----------------------------------------------------------


@dataclass
class Opened:
    """The window under test and what must outlive it."""

    app: QApplication
    window: MainWindow
    library: Library
    keep_alive: list[Any]


def open_window(folder: Path) -> Opened:
    """The window on ``folder``, set up as ``run_window`` sets it up, shown."""
    app = make_application()
    library = Library.open(str(folder))
    settings = load_settings(folder)
    translators = install_language(app, LANGUAGE)
    fonts = load_fonts()
    if fonts.interface:
        app.setFont(QFont([fonts.interface, app.font().family()], app.font().pointSize()))
    apply_theme(app, settings.theme)
    window = MainWindow(library, settings, LANGUAGE)
    window.show()
    window.start()
    app.processEvents()
    return Opened(app, window, library, translators)


def timed_ms(call: Callable[[], object]) -> float:
    """How long one call takes, in milliseconds."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def measure_view_switch(opened: Opened) -> float:
    """The median of selecting views in the sidebar, each up to a repainted list."""
    window, app = opened.window, opened.app
    categories = opened.library.categories()
    by_label: dict[str, list[float]] = {}
    for round_number in range(SWITCH_ROUNDS):
        category = categories[round_number % len(categories)]
        for label, selection in (
            ("all", Selection(View.ALL)),
            ("unread", Selection(View.UNREAD)),
            ("category", Selection(category_id=category.id)),
            ("bookmarks", Selection(View.BOOKMARKS)),
            ("today", Selection(View.TODAY)),
        ):
            app.processEvents()

            def switch(chosen: Selection = selection) -> None:
                window.sidebar.select(chosen)
                window.list.repaint()

            by_label.setdefault(label, []).append(timed_ms(switch))
            if window.sidebar.selection() != selection or window.model.rowCount() == 0:
                raise BenchError(f"selecting {selection.key()} showed no articles")
    medians = ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in by_label.items())
    print(f"  view switches (median ms): {medians}")
    return statistics.median(itertools.chain.from_iterable(by_label.values()))


def measure_open_article(opened: Opened) -> float:
    """The median of opening each of the first rows of All, up to a repainted article."""
    window, app = opened.window, opened.app
    window.sidebar.select(Selection(View.ALL))
    times = []
    for row in range(min(OPENED, window.model.rowCount())):
        app.processEvents()

        def open_row(index: int = row) -> None:
            window.list.setCurrentIndex(window.model.index(index))
            window.view.repaint()

        times.append(timed_ms(open_row))
        shown, wanted = window.view.article(), window.model.article_at(row)
        if shown is None or wanted is None or shown.id != wanted.id:
            raise BenchError(f"row {row} was selected but its article is not shown")
    print(f"  open article: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    return statistics.median(times)


# --- the sync, with a heartbeat -------------------------------------------------------------


def scheduler_ms() -> tuple[float, float]:
    """(on a CPU, waiting for one) of this thread so far, in ms; zeros where Linux won't say."""
    try:
        on_cpu, waiting = Path("/proc/thread-self/schedstat").read_text().split()[:2]
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(on_cpu) / 1e6, int(waiting) / 1e6


@dataclass(frozen=True, slots=True)
class Gap:
    """The time between two heartbeats, and how the window's thread spent it (ms)."""

    ms: float
    at_ms: float  # when it ended, since the heartbeat started
    on_cpu_ms: float
    waiting_ms: float  # runnable, but the CPUs were busy with other processes


class Heartbeat(QObject):
    """A precise 10 ms timer that notes when each beat came and what the thread did since."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.beats: list[tuple[float, float, float]] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        self.beats.append((time.perf_counter(), *scheduler_ms()))

    def start(self) -> None:
        """Start beating, from now."""
        self.beats = []
        self._beat()
        self._timer.start()

    def stop(self) -> None:
        """Stop; the time of stopping closes the last gap."""
        self._beat()
        self._timer.stop()

    def gaps(self) -> list[Gap]:
        """Each gap between two beats."""
        first = self.beats[0][0]
        return [
            Gap((b[0] - a[0]) * 1000, (b[0] - first) * 1000, b[1] - a[1], b[2] - a[2])
            for a, b in itertools.pairwise(self.beats)
        ]


def run_sync(opened: Opened, source_ids: Sequence[int], feed_only: bool) -> dict[str, Any]:
    """Sync ``source_ids`` through the window's own worker while the heartbeat runs."""
    window = opened.window
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(summary: SyncSummary) -> None:
        outcome["summary"], outcome["end"] = summary, time.perf_counter()
        QTimer.singleShot(0, loop.quit)  # after the window's own handler, so it is counted

    def failed(message: str) -> None:
        outcome["error"], outcome["end"] = message, time.perf_counter()
        loop.quit()

    window.sync.sync_finished.connect(finished)
    window.sync.sync_failed.connect(failed)
    QTimer.singleShot(SYNC_TIMEOUT_S * 1000, loop.quit)
    heartbeat = Heartbeat(window)
    opened.app.processEvents()
    heartbeat.start()
    start = time.perf_counter()
    if not window.sync.start(source_ids, feed_only=feed_only):
        raise BenchError("the window's SyncWorker would not start a sync")
    loop.exec()
    heartbeat.stop()
    if "summary" not in outcome:
        raise BenchError(f"the sync did not finish: {outcome.get('error', 'timed out')}")
    summary: SyncSummary = outcome["summary"]
    gaps = heartbeat.gaps()
    worst = sorted(gaps, key=lambda gap: gap.ms, reverse=True)[:5]
    print(
        f"  sync: {outcome['end'] - start:.1f} s, {summary.sources} sources, {summary.new:,} new, "
        f"{summary.failed} failed; {len(gaps):,} heartbeat gaps"
    )
    print("  longest gaps (the window's thread on a CPU / waiting for one):")
    for gap in worst:
        print(
            f"    {gap.ms:5.0f} ms at {gap.at_ms / 1000:5.2f} s"
            f"  ({gap.on_cpu_ms:4.0f} / {gap.waiting_ms:4.0f} ms)"
        )
    values = [gap.ms for gap in gaps]
    return {
        "max_stall_ms": worst[0].ms,
        "p99_stall_ms": statistics.quantiles(values, n=100, method="inclusive")[-1],
        "max_busy_ms": max(gap.on_cpu_ms for gap in gaps),
        "sync_s": outcome["end"] - start,
        "sync_new": summary.new,
        "sync_failed": summary.failed,
    }


def subscribe_to_corpus(stack: ExitStack, work: Path, folder: Path, args: Any) -> str:
    """Write the corpus, serve it with nginx and import its OPML; return the base URL."""
    import bench_sync
    from synccorpus import write_corpus

    os.environ.update(bench_sync.child_env())  # the sync child must not go through a proxy
    root = bench_sync.corpus_folder(stack, work, keep=False) / "site"
    port = bench_sync.free_port()
    base = f"http://{bench_sync.HOST}:{port}"
    print(f"Writing {args.feeds} feeds × {args.items} items to {root}", flush=True)
    corpus = write_corpus(root, base, args.feeds, args.items, args.seed)
    stack.enter_context(bench_sync.serve(work / "nginx", root, port))
    print(f"nginx serves it at {base}; importing its OPML", flush=True)
    bench_sync.Khabar(bench_sync.khabar_command(None), folder).import_opml(corpus.opml)
    return base


# --- the run ----------------------------------------------------------------------------


def run(work: Path, stack: ExitStack, args: argparse.Namespace) -> dict[str, Any]:
    """Build (or reuse) the library, measure, return the figures."""
    folder = library_folder(args.keep, work, args.articles, args.seed)
    prepare_library(folder, args.articles, args.seed)
    figures: dict[str, Any] = {"articles": args.articles}
    figures |= measure_first_paint(folder)
    copy = work / "window-library"
    copy_library(folder, copy)
    base = None if args.skip_sync else subscribe_to_corpus(stack, work, copy, args)
    print("Opening the window in this process (offscreen)", flush=True)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    opened = open_window(copy)
    try:
        print("Switching views and opening articles", flush=True)
        figures["view_switch_ms"] = measure_view_switch(opened)
        figures["open_article_ms"] = measure_open_article(opened)
        if base is not None:
            ids = [s.id for s in opened.library.sources() if s.url.startswith(base)]
            if len(ids) != args.feeds:
                raise BenchError(f"the OPML import gave {len(ids)} sources, not {args.feeds}")
            # Away and back: no article open, so no mark-read timer fires during the sync.
            opened.window.sidebar.select(Selection(View.UNREAD))
            opened.window.sidebar.select(Selection(View.ALL))
            print(f"Syncing {args.feeds} × {args.items} with the window open", flush=True)
            figures |= {"feeds": args.feeds, "items": args.items}
            figures |= run_sync(opened, ids, feed_only=not args.full_text)
    finally:
        opened.window.sync.shutdown()
        opened.window.hide()  # not closed: closing saves the window's state
        opened.library.close()
    return figures


def report(figures: dict[str, Any], wall_s: float) -> dict[str, Any]:
    """Print each figure against its target; return the JSON summary."""
    met = {key: figures[key] <= target for key, target in TARGETS.items() if key in figures}
    print("Figure                 value     target")
    for key, target in TARGETS.items():
        if key in figures:
            verdict = "pass" if met[key] else "FAIL"
            print(f"  {key:<18} {figures[key]:8.1f}   ≤ {target:6.0f}   {verdict}")
    for key in ("p99_stall_ms", "max_busy_ms", "sync_s", "peak_rss_mb"):
        if key in figures:
            print(f"  {key:<18} {figures[key]:8.1f}")
    print(f"wall_s: {wall_s:.1f}")
    rounded = {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}
    return {**rounded, "wall_s": round(wall_s, 1), "targets": TARGETS, "met": met}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, help="how many articles the library holds")
    parser.add_argument("--feeds", type=int, default=500, help="sources synced (F)")
    parser.add_argument("--items", type=int, default=20, help="items per source (M)")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the built library in DIR and reuse it"
    )
    parser.add_argument("--skip-sync", action="store_true", help="no nginx, no sync, no stalls")
    parser.add_argument(
        "--full-text", action="store_true", help="sync with article pages, not feed-only"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the articles and the corpus")
    args = parser.parse_args(argv)
    if args.articles is None or args.articles < 50:
        parser.error("--articles (at least 50) is required")
    if args.feeds < 1 or args.items < 1:
        parser.error("--feeds and --items must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last line printed is its JSON summary."""
    args = parse_args(argv)
    import bench_sync

    if not args.skip_sync and not os.access(bench_sync.NGINX, os.X_OK):
        print(
            f"{bench_sync.NGINX} not found: install with `{bench_sync.INSTALL}`, "
            "or give --skip-sync.",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-ui-")))
            figures = run(work, stack, args)
    except (BenchError, bench_sync.BenchError) as error:
        print(f"bench_ui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_ui: interrupted; nginx is stopped.", file=sys.stderr)
        return 130
    print(json.dumps(report(figures, time.perf_counter() - started)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A benchmark of ``khabar sync`` against a local web server, beside newsboat on the same feeds.

This is a script, not a pytest test (nothing here is named ``test_*``)::

    .venv/bin/python tests/benchmarks/bench_sync.py --feeds 100 --items 50
    .venv/bin/python tests/benchmarks/bench_sync.py --feeds 500 --items 50 --reference newsboat
    .venv/bin/python tests/benchmarks/bench_sync.py --feeds 100 --items 50 --full-text --jobs 2
    .venv/bin/python tests/benchmarks/bench_sync.py --feeds 100 --items 50 --reference newsboat \
        --rounds 5

It writes a corpus (``synccorpus``): F RSS 2.0 feeds of M items of our own
Arabic prose, half of them summary-only and half with the whole article in
``content:encoded`` (100 × 50 items make about 23 MiB of feeds), an article
page and a small PNG for every item, and an OPML file of the feeds. Debian's
nginx serves it on 127.0.0.1 (ETags and Last-Modified on, as any static
server), and Khabar runs as a user runs it, one ``khabar`` process per step:

``cold_s``
    the wall time of ``khabar sync --feed-only --json`` on a data folder that
    has just imported the OPML (Python's start-up included); ``articles`` is
    what ``khabar stats`` counts after it, expected F × M;
``resync_s``
    the same command again at once: every feed is unchanged, so nginx answers
    each conditional GET with 304 and nothing should be stored;
``pages_per_s`` (with ``--full-text``, else null)
    a cold sync without ``--feed-only`` on a fresh data folder, which fetches
    and extracts the article page of every summary-only item (F/2 × M: those
    items carry one sentence, and the OPML marks their feeds
    ``khabar:fullText`` too) and every item's image: the sync's ``pages``
    divided by the wall time of that whole sync, feeds, images and storing
    included, so a floor of the extraction rate. ``pages_per_elapsed_s``
    divides by the sync's own ``elapsed_s`` instead, ``pages_marginal_per_s``
    by what the full sync took beyond the feed-only one. The issue's target
    is ≥ 50 pages/s on two cores;
``peak_rss_mb``, ``workers_peak_rss_mb``
    the largest of the syncs' own reports (the sync process; its largest
    worker); ``rusage_peak_rss_mb`` is the kernel's figure for the same
    subprocesses, ``os.wait4``'s ``ru_maxrss``: the largest of the process and
    of the workers it reaped, what ``getrusage(RUSAGE_CHILDREN)`` gives after
    each one.

With ``--reference newsboat`` the same feeds are read by ``newsboat -x
reload`` (``reload-threads 8``, its own urls, cache and config files) three
times: cold on an empty cache, then twice more on the same cache. newsboat
2.21 records a feed's ETag only once the feed is in its cache, so its second
reload still downloads everything (``newsboat_refetch_s``) and only the third
is answered with 304s: that one is ``newsboat_resync_s``. The items in its
SQLite cache are counted after each reload to check that it read them all.
Khabar's times are printed beside newsboat's, with the ratios khabar /
newsboat (below 1: Khabar was faster). A run on this kind of machine varies
by a sixth from one to the next, newsboat's too: ``--rounds N`` measures
both N times on the same corpus, each round on fresh folders and the two
taking turns to go first, and reports the median of each time and of the
rounds' ratios (the worst of the counts and memory), each round's cold times
and ratio listed beside them. Khabar's wall times include Python's
start-up, about half a second; ``*_elapsed_s`` are the sync's own.

The corpus goes to a temporary folder in /dev/shm when there is one (creating
50,000 files is ten times faster in memory than on this disk); the data
folders and newsboat's cache go to an ordinary temporary folder, since
writing them is part of the work measured. ``--keep DIR`` puts everything in
DIR and leaves it there. All feeds are on one host, 127.0.0.1, so the sync's
per-host limit applies to all of them at once (newsboat has none). The last
line printed is one JSON object of the figures. Linux only (nginx,
``os.wait4``).

Exit status: 0 when it ran, 1 when Khabar or newsboat failed, 2 when nginx
or newsboat is not installed or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synccorpus import Corpus, write_corpus

NGINX = Path("/usr/sbin/nginx")
NEWSBOAT = Path("/usr/bin/newsboat")
INSTALL = "apt-get install -y nginx-light newsboat"
NEWSBOAT_THREADS = 8
HOST = "127.0.0.1"
PAGES_TARGET = 50.0  # pages/s with full-article fetching on, two cores
SHOWN_FAILURES = 5


class BenchError(Exception):
    """A step failed: the message says which, for the user; the run exits with 1."""


# --- subprocesses -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ran:
    """A finished subprocess: its status, output, wall time and peak memory."""

    command: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    rss_mb: float  # ru_maxrss of the process and the children it reaped


def run_command(command: Sequence[str], env: dict[str, str] | None = None) -> Ran:
    """Run ``command`` to its end, its output in files so no pipe can fill and block it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        try:
            # wait4, not wait: its rusage is this child's alone, not every child's so far.
            _pid, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        wall_s = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Ran(
            command=tuple(command),
            returncode=process.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            wall_s=wall_s,
            rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        )


def child_env(home: Path | None = None) -> dict[str, str]:
    """The environment of Khabar and newsboat: never through a proxy to our own server."""
    env = dict(os.environ)
    for name in ("no_proxy", "NO_PROXY"):
        env[name] = ",".join(filter(None, [env.get(name), HOST, "localhost"]))
    if home is not None:
        env["HOME"] = str(home)
    return env


def tail(text: str, lines: int = 30) -> str:
    """The last lines of a program's output, indented."""
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


# --- the server ---------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nothing listens on now (nginx takes it a moment later)."""
    with closing(socket.socket()) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def nginx_conf(folder: Path, root: Path, port: int) -> str:
    """A throw-away nginx.conf: two workers, no access log, every path inside ``folder``."""
    built = subprocess.run([NGINX, "-V"], capture_output=True, text=True, check=False).stderr
    temp_paths = "".join(
        f'    {kind}_temp_path "{folder}/nginx-temp/{kind}";\n'
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        if f"--without-http_{kind}_module" not in built
    )
    # Workers run as root when we are root: the default user could not read our 0700 folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""# Written by bench_sync.py for one run.
{user}worker_processes 2;
daemon off;
pid "{folder}/nginx.pid";
error_log "{folder}/nginx-error.log" warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    types {{
        application/rss+xml xml;
        text/html html;
        image/png png;
        text/x-opml opml;
    }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types application/rss+xml text/x-opml;  # and text/html, always
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
{temp_paths}    server {{
        listen {HOST}:{port};
        root "{root}";
        etag on;  # the default, written out: the re-syncs rely on conditional GETs
    }}
}}
"""


@contextmanager
def serve(folder: Path, root: Path, port: int) -> Iterator[str]:
    """Serve ``root`` with nginx on ``port`` until the block ends; yield the base URL."""
    (folder / "nginx-temp").mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(folder, root, port))
    log = folder / "nginx-error.log"
    with (folder / "nginx-stderr.log").open("wb") as stderr:
        try:
            # A session of its own: a Ctrl-C reaches us, and we stop nginx in order.
            process = subprocess.Popen(
                [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(log)],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,
            )
        except OSError as error:
            raise BenchError(f"could not start {NGINX}: {error}") from error
    try:
        base = f"http://{HOST}:{port}"
        wait_until_serving(process, f"{base}/feeds.opml", folder)
        yield base
    finally:
        stop(process)


def wait_until_serving(process: subprocess.Popen[bytes], url: str, folder: Path) -> None:
    """Return once ``url`` answers 200; raise with nginx's own words if it never does."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with opener.open(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    logs = [
        p.read_text(errors="replace")
        for p in (folder / "nginx-error.log", folder / "nginx-stderr.log")
        if p.exists()
    ]
    raise BenchError(f"nginx did not serve {url}:\n{tail(next(filter(None, logs), ''))}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop nginx: TERM (its fast shutdown), then KILL to the whole group if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- Khabar -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncRun:
    """One ``khabar sync``: its wall time, its JSON report and the kernel's peak memory."""

    wall_s: float
    report: dict[str, Any]
    rss_mb: float

    def count(self, key: str) -> int:
        """A count of the report, 0 when the report lacks it."""
        return int(self.report.get(key) or 0)

    def sources_with_status(self, status: str) -> int:
        """How many of the report's per-source results have this status."""
        results = self.report.get("results") or []
        return sum(isinstance(r, dict) and r.get("status") == status for r in results)


class Khabar:
    """Runs the ``khabar`` command on one data folder."""

    def __init__(self, command: Sequence[str], data_dir: Path) -> None:
        self.command = [*command, "--data-dir", str(data_dir)]
        self.data_dir = data_dir

    def run(self, *args: str) -> Ran:
        """``khabar --data-dir DIR ARGS``; raise ``BenchError`` with its stderr if it fails."""
        ran = run_command([*self.command, *args], env=child_env())
        if ran.returncode != 0:
            raise BenchError(
                f"`{' '.join(ran.command)}` exited with {ran.returncode}:\n"
                f"{tail(ran.stderr or ran.stdout)}"
            )
        return ran

    def import_opml(self, opml: Path) -> None:
        """Subscribe to the corpus's feeds."""
        self.run("import-opml", str(opml))

    def sync(self, *, feed_only: bool, jobs: int | None) -> SyncRun:
        """One timed sync; its last JSON object is its report."""
        args = ["sync", *(["--feed-only"] if feed_only else []), "--json"]
        if jobs is not None:
            args[1:1] = ["--jobs", str(jobs)]
        ran = self.run(*args)
        report = last_json_object(ran.stdout)
        if report is None:
            raise BenchError(
                f"`{' '.join(ran.command)}` printed no JSON object:\n{tail(ran.stdout)}"
            )
        return SyncRun(ran.wall_s, report, ran.rss_mb)

    def stored_articles(self) -> int:
        """How many articles the library holds, by ``khabar stats``."""
        report = last_json_object(self.run("stats", "--json").stdout) or {}
        return int(report.get("articles", 0))


def khabar_command(given: str | None) -> list[str]:
    """``--khabar`` split into words, else the venv's ``khabar``, else ``python -m reader``."""
    if given:
        return given.split()
    beside = Path(sys.executable).with_name("khabar")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "reader"]


def last_json_object(text: str) -> dict[str, Any] | None:
    """The last JSON object in ``text``, whether on one line or spread over several."""
    lines = text.rstrip().splitlines()
    for start in range(len(lines) - 1, -1, -1):
        if not lines[start].lstrip().startswith("{"):
            continue
        try:
            value = json.loads("\n".join(lines[start:]))
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def describe(label: str, run: SyncRun) -> None:
    """Print one sync's figures."""
    r = run.report
    counts = ", ".join(
        f"{key} {run.count(key):,}"
        for key in ("sources", "new", "updated", "unchanged", "failed", "pages", "images")
    )
    print(f"  {label}: {run.wall_s:.2f} s wall, {float(r.get('elapsed_s') or 0):.2f} s by the sync")
    print(f"    {counts}")
    print(
        f"    peak RSS: sync {float(r.get('peak_rss_mb') or 0):.0f} MB, largest worker "
        f"{float(r.get('workers_peak_rss_mb') or 0):.0f} MB, rusage {run.rss_mb:.0f} MB",
        flush=True,
    )
    failures = [
        result
        for result in r.get("results") or []
        if isinstance(result, dict)
        and (result.get("error") or result.get("status") in ("failed", "error"))
    ]
    if run.count("failed") or failures:
        print(f"    ! {run.count('failed')} sources failed; the first ones:")
        for result in failures[:SHOWN_FAILURES]:
            print(f"      {json.dumps(result, ensure_ascii=False)[:300]}")


def warn_unless(condition: bool, message: str) -> None:
    """Print a warning line when a figure is not what the corpus implies."""
    if not condition:
        print(f"    ! {message}")


def bench_khabar(
    command: Sequence[str], work: Path, corpus: Corpus, args: argparse.Namespace
) -> dict[str, Any]:
    """Khabar's cold, unchanged and (with ``--full-text``) full-article syncs."""
    expected = corpus.feeds * corpus.items
    print(f"Khabar ({' '.join(command)})", flush=True)
    khabar = Khabar(command, work / "khabar-feed-only")
    khabar.import_opml(corpus.opml)
    cold = khabar.sync(feed_only=True, jobs=args.jobs)
    describe("cold sync --feed-only", cold)
    articles = khabar.stored_articles()
    print(f"    articles stored: {articles:,} of {expected:,}")
    warn_unless(articles == expected, "the cold sync did not store every item")
    resync = khabar.sync(feed_only=True, jobs=args.jobs)
    describe("unchanged re-sync --feed-only", resync)
    warn_unless(
        resync.count("new") + resync.count("updated") == 0,
        "the unchanged re-sync stored articles: were the 304s or the de-duplication missed?",
    )
    not_modified = resync.sources_with_status("unchanged")
    print(f"    feeds unchanged (answered 304): {not_modified:,} of {corpus.feeds:,}")
    warn_unless(not_modified == corpus.feeds, "were conditional GETs sent for every feed?")
    runs = [cold, resync]
    figures: dict[str, Any] = {
        "articles": articles,
        "cold_s": cold.wall_s,
        "resync_s": resync.wall_s,
        "cold_elapsed_s": cold.report.get("elapsed_s"),
        "resync_elapsed_s": resync.report.get("elapsed_s"),
        "resync_new": resync.count("new"),
        "resync_updated": resync.count("updated"),
        "resync_unchanged_feeds": not_modified,
        "failed": cold.count("failed"),
        "pages_per_s": None,
    }
    if args.full_text:
        full, full_figures = bench_full_text(command, work, corpus, args.jobs, cold)
        runs.append(full)
        figures |= full_figures
    figures["peak_rss_mb"] = max(float(r.report.get("peak_rss_mb") or 0) for r in runs)
    figures["workers_peak_rss_mb"] = max(
        float(r.report.get("workers_peak_rss_mb") or 0) for r in runs
    )
    figures["rusage_peak_rss_mb"] = max(r.rss_mb for r in runs)
    return figures


def bench_full_text(
    command: Sequence[str], work: Path, corpus: Corpus, jobs: int | None, feed_only: SyncRun
) -> tuple[SyncRun, dict[str, Any]]:
    """A cold sync that fetches the article pages, on a data folder of its own."""
    khabar = Khabar(command, work / "khabar-full-text")
    khabar.import_opml(corpus.opml)
    full = khabar.sync(feed_only=False, jobs=jobs)
    describe("cold sync with article pages", full)
    pages, elapsed_s = full.count("pages"), float(full.report.get("elapsed_s") or 0)
    print(
        f"    pages: {pages:,} of the {corpus.summary_items:,} summary-only items; "
        f"images: {full.count('images'):,} (the corpus has one per item)"
    )
    warn_unless(pages >= corpus.summary_items, "not every summary-only item's page was read")
    extra_s = full.wall_s - feed_only.wall_s
    figures = {
        "full_text_s": full.wall_s,
        "full_text_elapsed_s": elapsed_s or None,
        "pages": pages,
        "images": full.count("images"),
        "pages_per_s": pages / full.wall_s,
        "pages_per_elapsed_s": pages / elapsed_s if elapsed_s > 0 else None,
        "pages_marginal_per_s": pages / extra_s if extra_s > 0 else None,
    }
    marginal = figures["pages_marginal_per_s"]
    print(
        f"  pages_per_s: {figures['pages_per_s']:.1f} (pages / wall time of the whole sync; "
        f"target ≥ {PAGES_TARGET:.0f}); beyond the feed-only sync's time: "
        + (f"{marginal:.1f}" if marginal is not None else "-"),
        flush=True,
    )
    return full, figures


# --- newsboat ---------------------------------------------------------------------


def newsboat_counts(cache: Path) -> tuple[int, int, int]:
    """(feeds, items, feeds with an ETag recorded) in newsboat's cache file."""
    with closing(sqlite3.connect(f"{cache.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        feeds, validated = conn.execute(
            "SELECT count(*), count(NULLIF(etag, '')) FROM rss_feed"
        ).fetchone()
        items = conn.execute("SELECT count(*) FROM rss_item").fetchone()[0]
    return int(feeds), int(items), int(validated)


# newsboat 2.21 records a feed's ETag and Last-Modified only when the feed is
# already in its cache, so the reload after a cold one still gets 200s (and
# records them); only the one after that is answered with 304s.
NEWSBOAT_RELOADS = (
    ("cold reload (empty cache)", "cold"),
    ("second reload (200s again, now records ETags)", "refetch"),
    ("unchanged reload (304s)", "resync"),
)


def bench_newsboat(work: Path, corpus: Corpus) -> dict[str, Any]:
    """newsboat's cold reload on an empty cache, then its reloads of the unchanged feeds."""
    folder = work / "newsboat"
    (folder / "home").mkdir(parents=True)
    urls, config, cache = folder / "urls", folder / "config", folder / "cache.db"
    errors = folder / "error.log"
    urls.write_text("".join(f"{url}\n" for url in corpus.feed_urls))
    config.write_text(
        f'reload-threads {NEWSBOAT_THREADS}\ndownload-timeout 60\nerror-log "{errors}"\n'
    )
    command = [str(NEWSBOAT), "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]
    print(f"newsboat ({NEWSBOAT_THREADS} reload threads)", flush=True)
    expected = corpus.feeds * corpus.items
    figures: dict[str, Any] = {}
    for label, key in NEWSBOAT_RELOADS:
        # HOME of its own: newsboat keeps its history and lock files there.
        ran = run_command(command, env=child_env(home=folder / "home"))
        if ran.returncode != 0:
            raise BenchError(
                f"newsboat exited with {ran.returncode}:\n{tail(ran.stderr + ran.stdout)}"
            )
        feeds, items, validated = newsboat_counts(cache)
        print(
            f"  {label}: {ran.wall_s:.2f} s wall, {feeds:,} feeds, {items:,} items, "
            f"{validated:,} ETags in its cache, peak RSS {ran.rss_mb:.0f} MB",
            flush=True,
        )
        warn_unless(items == expected, f"newsboat holds {items:,} items, not {expected:,}")
        figures |= {f"newsboat_{key}_s": ran.wall_s, f"newsboat_{key}_rss_mb": ran.rss_mb}
    warn_unless(validated == corpus.feeds, "newsboat did not record every feed's ETag")
    figures["newsboat_items"] = items
    if errors.exists() and errors.stat().st_size:
        print(f"  ! newsboat's error log:\n{tail(errors.read_text(errors='replace'), 10)}")
    return figures


# --- the run ----------------------------------------------------------------------


def corpus_folder(stack: ExitStack, work: Path, keep: bool) -> Path:
    """Where the corpus goes: in memory when it can, unless everything is to be kept."""
    shm = Path("/dev/shm")
    if keep or not shm.is_dir() or not os.access(shm, os.W_OK):
        return work / "corpus"
    return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-corpus-", dir=shm)))


def run(work: Path, stack: ExitStack, args: argparse.Namespace) -> dict[str, Any]:
    """Write the corpus, serve it, measure Khabar (and newsboat); return the figures."""
    root = corpus_folder(stack, work, keep=args.keep is not None) / "site"
    port = free_port()
    print(f"Writing {args.feeds} feeds × {args.items} items to {root}", flush=True)
    corpus = write_corpus(root, f"http://{HOST}:{port}", args.feeds, args.items, args.seed)
    feed_mib = corpus.feed_bytes / 2**20
    print(
        f"  {corpus.seconds:.1f} s: feeds {feed_mib:.1f} MiB "
        f"({corpus.summary_feeds} of them summary-only), "
        f"pages {corpus.page_bytes / 2**20:.1f} MiB, images {corpus.image_bytes / 2**20:.1f} MiB"
    )
    figures: dict[str, Any] = {
        "feeds": args.feeds,
        "items": args.items,
        "feed_mib": feed_mib,
        "generate_s": corpus.seconds,
        "jobs": args.jobs,
    }
    base = stack.enter_context(serve(work / "nginx", root, port))
    print(f"nginx serves it at {base}", flush=True)
    command = khabar_command(args.khabar)
    rounds = []
    for number in range(1, args.rounds + 1):
        if args.rounds > 1:
            print(f"Round {number} of {args.rounds}", flush=True)
        folder = work / f"round-{number}" if args.rounds > 1 else work
        folder.mkdir(exist_ok=True)
        # Who goes first alternates, so that neither always meets the machine as the other left it.
        rounds.append(measure_round(command, folder, corpus, args, khabar_first=number % 2 == 0))
    figures |= combined(rounds)
    if args.reference:
        print("Side by side (wall seconds)      khabar   newsboat   khabar/newsboat")
        for label, key in (("cold", "cold"), ("unchanged", "resync")):
            print(
                f"  {label:<30} {figures[f'{key}_s']:8.2f}   {figures[f'newsboat_{key}_s']:8.2f}"
                f"   {figures[f'{key}_ratio']:8.2f}"
            )
        if args.rounds > 1:
            ratios = ", ".join(f"{r['cold_ratio']:.2f}" for r in rounds)
            print(f"  (medians of {args.rounds} rounds; the cold ratio of each: {ratios})")
    return figures


def measure_round(
    command: Sequence[str],
    folder: Path,
    corpus: Corpus,
    args: argparse.Namespace,
    khabar_first: bool,
) -> dict[str, Any]:
    """Khabar's syncs and (with ``--reference``) newsboat's reloads, each on fresh folders."""
    reference: dict[str, Any] = {}
    if args.reference == "newsboat" and not khabar_first:
        # newsboat first: its figures stand even when the Khabar under test fails.
        reference = bench_newsboat(folder, corpus)
    figures = bench_khabar(command, folder, corpus, args)
    if args.reference == "newsboat" and khabar_first:
        reference = bench_newsboat(folder, corpus)
    if reference:
        figures |= reference
        figures["cold_ratio"] = figures["cold_s"] / reference["newsboat_cold_s"]
        figures["resync_ratio"] = figures["resync_s"] / reference["newsboat_resync_s"]
    return figures


# Over several rounds: the worst of these, the least of those, the median of the rest.
_WORST = ("failed", "resync_new", "resync_updated")
_LEAST = ("articles", "resync_unchanged_feeds", "newsboat_items", "pages", "images")
# Times whose value in each round is kept too, as a list under "<name>_rounds".
_LISTED = ("cold_s", "resync_s", "newsboat_cold_s", "newsboat_resync_s", "cold_ratio")


def combined(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """One round's figures as they are; several rounds' as medians, worsts and lists."""
    if len(rounds) == 1:
        return rounds[0]
    figures: dict[str, Any] = {}
    for key, first in rounds[0].items():
        values = [r.get(key) for r in rounds]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if len(numbers) < len(values):
            figures[key] = first  # None (no full text) or not a figure
        elif key in _WORST or key.endswith("rss_mb"):
            figures[key] = max(numbers)
        elif key in _LEAST:
            figures[key] = min(numbers)
        else:
            figures[key] = statistics.median(numbers)
        if key in _LISTED:
            figures[f"{key}_rounds"] = values
    figures["rounds"] = len(rounds)
    return figures


def rounded(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures with floats (in lists too) to 3 decimal places, for the JSON line."""

    def short(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, 3)
        return [short(v) for v in value] if isinstance(value, list) else value

    return {k: short(v) for k, v in figures.items()}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, required=True, help="how many feeds (F)")
    parser.add_argument("--items", type=int, required=True, help="items per feed (M)")
    parser.add_argument(
        "--reference", choices=["newsboat"], help="also time this reader on the same feeds"
    )
    parser.add_argument(
        "--full-text",
        action="store_true",
        help="also time a cold sync that fetches and extracts the article pages",
    )
    parser.add_argument("--jobs", type=int, help="passed to khabar sync (default: its own)")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep it"
    )
    parser.add_argument(
        "--khabar", metavar="COMMAND", help="the khabar command (default: the venv's khabar)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus's text")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure N times on the same corpus, alternating who goes first; report medians",
    )
    args = parser.parse_args(argv)
    if args.feeds < 1 or args.items < 1:
        parser.error("--feeds and --items must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep} is not empty: give a new folder")
    return args


def missing_programs(args: argparse.Namespace) -> list[Path]:
    """The programs this run needs that are not installed."""
    needed = [NGINX, *([NEWSBOAT] if args.reference == "newsboat" else [])]
    return [p for p in needed if not os.access(p, os.X_OK)]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last line printed is its JSON summary."""
    args = parse_args(argv)
    missing = missing_programs(args)
    if missing:
        names = ", ".join(str(p) for p in missing)
        print(f"{names} not found: install with `{INSTALL}`.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            if args.keep is not None:
                args.keep.mkdir(parents=True, exist_ok=True)
                work = args.keep.resolve()
            else:
                work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-sync-")))
            figures = run(work, stack, args)
    except BenchError as error:
        print(f"bench_sync: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_sync: interrupted; nginx is stopped.", file=sys.stderr)
        return 130
    figures["wall_s"] = time.perf_counter() - started
    if args.keep is not None:
        print(f"Kept in {args.keep}")
    print(f"wall_s: {figures['wall_s']:.1f}")
    print(json.dumps(rounded(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

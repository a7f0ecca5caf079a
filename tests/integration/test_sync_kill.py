"""``khabar sync`` killed with SIGKILL at random moments loses nothing but the sources in flight."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import helpers
from helpers import LocalServer
from helpers.cli import khabar_command
from reader.library import Library
from reader.library.db import library_file

# Killing with SIGKILL and limiting file sizes are POSIX.
resource = pytest.importorskip("resource")

FEEDS = 24
ITEMS = 40
KILLS = 10


def serve_round(server: LocalServer, round_: int) -> None:
    helpers.serve_round(server, round_, FEEDS, ITEMS)


def sync(data_dir: Path) -> subprocess.Popen[bytes]:
    with (data_dir.parent / "sync.log").open("ab") as log:
        return subprocess.Popen(
            khabar_command(data_dir, "sync", "--feed-only"),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def log_of(data_dir: Path) -> str:
    return (data_dir.parent / "sync.log").read_text("utf-8", "replace")


def synced_library(tmp_path: Path, server: LocalServer) -> Path:
    """A library of ``FEEDS`` sources, synced once (round 0); returns its data folder."""
    data_dir = tmp_path / "data"
    with Library(data_dir) as lib:
        for number in range(FEEDS):
            lib.add_source(server.url(f"/feed/{number}.xml"))
    serve_round(server, 0)
    assert sync(data_dir).wait(timeout=120) == 0, log_of(data_dir)
    return data_dir


def integrity(data_dir: Path) -> str:
    with sqlite3.connect(library_file(data_dir)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sync_killed_at_random_moments(tmp_path: Path, local_server: LocalServer) -> None:
    data_dir = synced_library(tmp_path, local_server)
    with Library(data_dir) as lib:
        page = lib.articles(limit=30).items
        bookmarked = {item.id for item in page[:10]}
        read = {item.id for item in page[10:30]}
        for article_id in bookmarked:
            lib.set_bookmarked(article_id)
        lib.mark_read(read)
        stored = lib.stats().articles

    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for round_ in range(1, KILLS + 1):
        serve_round(local_server, round_)
        process = sync(data_dir)
        time.sleep(chance.uniform(0.3, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert integrity(data_dir) == "ok", f"round {round_}, seed {seed}"
        with Library(data_dir) as lib:
            assert lib.stats().articles >= stored, f"round {round_}, seed {seed}"
            stored = lib.stats().articles
            for article_id in bookmarked:
                assert lib.article(article_id).is_bookmarked
            for article_id in read | bookmarked - read:
                assert lib.article(article_id).is_read == (article_id in read)

    final = sync(data_dir)
    assert final.wait(timeout=120) == 0, log_of(data_dir)
    with Library(data_dir) as lib:
        # Every item of the last round is there, after the kills.
        titles = {item.title for item in lib.articles(limit=FEEDS * ITEMS).items}
        assert {f"خبر {n}-{KILLS}-0" for n in range(FEEDS)} <= titles
    assert integrity(data_dir) == "ok"
    # The killed syncs' worker processes ended with them.
    time.sleep(2)
    assert not _orphans(), _orphans()


def _orphans() -> list[str]:
    listing = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False)
    return [line for line in listing.stdout.splitlines() if "reader.sync.work" in line]


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_a_full_disk_loses_nothing(tmp_path: Path, local_server: LocalServer) -> None:
    """A disk that fills in the middle of a sync (a file-size limit stands in for it)."""
    data_dir = synced_library(tmp_path, local_server)
    with Library(data_dir) as lib:
        kept = lib.articles(limit=5).items[0].id
        lib.set_bookmarked(kept)
        stored = lib.stats().articles
    serve_round(local_server, 1)
    size = library_file(data_dir).stat().st_size

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 200_000, size + 200_000))

    command = khabar_command(data_dir, "sync", "--feed-only")
    failed = subprocess.run(
        command, preexec_fn=full_disk, capture_output=True, text=True, timeout=120, check=False
    )
    assert failed.returncode == 1
    (line,) = failed.stderr.splitlines()
    assert "disk" in line
    assert "Traceback" not in failed.stderr
    assert integrity(data_dir) == "ok"
    with Library(data_dir) as lib:
        assert lib.stats().articles >= stored
        assert lib.article(kept).is_bookmarked
    # With room again, the next sync completes.
    assert sync(data_dir).wait(timeout=120) == 0, log_of(data_dir)
    with Library(data_dir) as lib:
        assert lib.stats().articles == stored + FEEDS * ITEMS


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
def test_an_interrupted_sync_keeps_what_it_stored(
    tmp_path: Path, local_server: LocalServer
) -> None:
    data_dir = synced_library(tmp_path, local_server)
    stored = FEEDS * ITEMS
    serve_round(local_server, 1)
    # Two feeds answer only after a long wait (they hold two of the host's four
    # connections): the interrupt comes while the sync waits for them.
    slow = (FEEDS - 2, FEEDS - 1)
    for number in slow:
        local_server.route(f"/feed/{number}.xml", helpers.slow_headers(30.0))
    expected = stored + (FEEDS - len(slow)) * ITEMS
    command = khabar_command(data_dir, "sync", "--feed-only")
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with Library(data_dir) as lib:
                if lib.stats().articles >= expected:
                    break
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip() == "khabar: interrupted; everything stored until now is kept.", err
    assert integrity(data_dir) == "ok"
    with Library(data_dir) as lib:
        assert lib.stats().articles == expected
    serve_round(local_server, 1)
    assert sync(data_dir).wait(timeout=120) == 0, log_of(data_dir)

"""Processes on one library: a reader loops while a writer stores 10,000 articles, and
the window writes while a sync's workers store what they read.

WAL lets them work side by side; writers begin with BEGIN IMMEDIATE, so no
"database is locked" reaches any of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import LocalServer, serve_round
from helpers.cli import khabar_command
from reader.library import Library

WRITER = r"""
import sys
from datetime import UTC, datetime, timedelta
from reader.library import Library
from reader.types import EntryData

lib = Library(sys.argv[1])
sources = [lib.add_source(f"https://s{n}.example/rss").id for n in range(10)]
now = datetime.now(UTC)
for batch in range(200):
    entries = [
        EntryData(
            title=f"خبر {batch}-{i} عن الاقتصاد",
            guid=f"{batch}-{i}",
            url=f"https://s.example/{batch}/{i}",
            published=now - timedelta(minutes=batch * 50 + i),
            text=f"نص الخبر رقم {batch} {i} عن الأسواق والمدارس والكتب",
            categories=("اقتصاد",),
        )
        for i in range(50)
    ]
    lib.store_entries(sources[batch % 10], entries)
    if batch % 20 == 0:
        lib.mark_view_read(source_id=sources[batch % 10])
lib.close()
print("written")
"""

READER = r"""
import json, sys, time
from pathlib import Path
from reader.library import Library
from reader.types import View

lib = Library(sys.argv[1])
done = Path(sys.argv[2])
rounds = 0
seen = 0
while not done.exists() or rounds < 5:
    page = lib.articles(View.UNREAD, limit=200)
    counts = lib.unread_counts()
    hits = lib.search("الاقتصاد", limit=20)
    if page.next_cursor is not None:
        lib.articles(View.UNREAD, limit=200, after=page.next_cursor)
    seen = max(seen, counts.all)
    rounds += 1
lib.close()
print(json.dumps({"rounds": rounds, "seen": seen}))
"""


@pytest.mark.slow
def test_reader_and_writer_processes_never_see_a_locked_database(tmp_path: Path) -> None:
    Library(tmp_path).close()
    done = tmp_path / "writer-done"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(tmp_path), str(done)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    done.touch()
    out, err = reader.communicate(timeout=600)
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, err
    assert "locked" not in writer.stderr + err
    report = json.loads(out)
    assert report["rounds"] > 5
    with Library(tmp_path) as lib:
        assert lib.stats().articles == 10_000
        assert len(lib.search("الاقتصاد", limit=10_000)) == 10_000


FEEDS = 16
ITEMS = 30


@pytest.mark.slow
def test_the_window_writes_while_the_syncs_workers_do(
    tmp_path: Path, local_server: LocalServer
) -> None:
    # The sync's two workers each store the sources they read; the window marks
    # articles read and bookmarks them meanwhile. Every write waits its turn.
    data_dir = tmp_path / "data"
    with Library(data_dir) as lib:
        for number in range(FEEDS):
            lib.add_source(local_server.url(f"/feed/{number}.xml"))
    serve_round(local_server, 0, FEEDS, ITEMS)
    first = subprocess.run(
        khabar_command(data_dir, "sync", "--feed-only", "--jobs", "2"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    serve_round(local_server, 1, FEEDS, ITEMS)
    with Library(data_dir) as lib:
        ids = [item.id for item in lib.articles(limit=FEEDS * ITEMS).items]
        assert len(ids) == FEEDS * ITEMS
        sync = subprocess.Popen(
            [*khabar_command(data_dir, "sync", "--feed-only", "--jobs", "2", "--json")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        writes = 0
        while sync.poll() is None or writes < 20:
            article_id = ids[writes % len(ids)]
            lib.mark_read([article_id], read=writes % 2 == 0)
            lib.set_bookmarked(article_id, writes % 3 == 0)
            writes += 1
        out, err = sync.communicate(timeout=120)
        assert sync.returncode == 0, err
        report = json.loads(out.strip().splitlines()[-1])
        assert (report["failed"], report["new"]) == (0, FEEDS * ITEMS), err
        assert lib.stats().articles == 2 * FEEDS * ITEMS
        last = ids[(writes - 1) % len(ids)]
        assert lib.article(last).is_read == ((writes - 1) % 2 == 0)
        assert lib.article(last).is_bookmarked == ((writes - 1) % 3 == 0)

"""Two processes on one library: a reader loops while a writer stores 10,000 articles.

WAL lets them work side by side; writers begin with BEGIN IMMEDIATE, so no
"database is locked" reaches either of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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

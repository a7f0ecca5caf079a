"""A sync worker's own connection to the library: storing a source, and what a failure leaves."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import add_source, entry
from reader.errors import SourceNotFoundError, StorageError
from reader.library import Library, prepare_entries
from reader.library.connection import BUSY_TIMEOUT_S, connect, write_transaction
from reader.library.prepare import key_of
from reader.library.writer import SourceWriter
from reader.types import FetchInfo, View


@pytest.fixture
def writer(lib: Library) -> Iterator[SourceWriter]:
    made = SourceWriter.of(lib.path)
    yield made
    made.close()


def test_a_worker_stores_what_the_library_would(lib: Library, writer: SourceWriter) -> None:
    source = add_source(lib)
    batch = prepare_entries(
        [replace(entry(1, categories=("آسيا",)), feed_key=101), replace(entry(2), feed_key=102)]
    )
    first = writer.store(source, batch, FetchInfo(title="خبر اليوم", etag='"v1"'))
    assert (first.new, first.updated, first.unchanged, first.title) == (2, 0, 0, "خبر اليوم")
    # The library sees it: the articles, their category and search, and the source's state.
    page = lib.articles(View.ALL)
    assert {a.title for a in page.items} == {entry(1).title, entry(2).title}
    assert len(lib.search("الاقتصاد")) == 2
    assert lib.source(source).etag == '"v1"'
    assert "آسيا" in {c.name for c in lib.categories()}
    # Storing the same again changes nothing, as Library.store_entries would say.
    again = writer.store(source, batch, None)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    # Each stored guid with the hash of the feed item it was stored from.
    assert writer.feed_keys(source) == {key_of(str(entry(n).guid)): 100 + n for n in (1, 2)}


def test_a_failed_store_leaves_nothing(lib: Library, writer: SourceWriter) -> None:
    with pytest.raises(SourceNotFoundError):
        writer.store(4242, prepare_entries([entry(1)]), None)
    assert lib.stats().articles == 0
    # The connection is usable again: the failed transaction was rolled back.
    assert writer.store(add_source(lib), prepare_entries([entry(1)]), None).new == 1


def _rename_then_fail(conn: sqlite3.Connection, source: int) -> None:
    with write_transaction(conn) as cursor:
        cursor.execute("UPDATE source SET title = 'changed' WHERE id = ?", (source,))
        raise RuntimeError("a worker's own failure")


def test_an_error_inside_a_transaction_rolls_all_of_it_back(lib: Library) -> None:
    source = add_source(lib)
    conn = connect(lib.path)
    try:
        with pytest.raises(RuntimeError):
            _rename_then_fail(conn, source)
        assert not conn.in_transaction
    finally:
        conn.close()
    assert lib.source(source).title != "changed"


@pytest.fixture
def conn(lib: Library) -> Iterator[sqlite3.Connection]:
    made = connect(lib.path)
    yield made
    made.close()


@pytest.fixture
def holder(lib: Library) -> Iterator[sqlite3.Connection]:
    """Another connection, holding the library's write lock."""
    held = sqlite3.connect(lib.path, isolation_level=None, check_same_thread=False)
    held.execute("BEGIN IMMEDIATE")
    yield held
    if held.in_transaction:
        held.execute("ROLLBACK")
    held.close()


def test_sqlite_errors_come_out_as_sentences(conn: sqlite3.Connection) -> None:
    with pytest.raises(StorageError, match="could not be used"), write_transaction(conn) as c:
        c.execute("INSERT INTO no_such_table VALUES (1)")
    assert not conn.in_transaction


def test_a_locked_library_is_busy_not_a_crash(
    holder: sqlite3.Connection, conn: sqlite3.Connection
) -> None:
    conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(StorageError, match="busy"), write_transaction(conn):
        pass


def test_a_missing_library_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        SourceWriter(tmp_path / "gone" / "library.sqlite3")
    assert not (tmp_path / "gone").exists()


def test_a_worker_polling_for_the_lock_gets_it_once_it_is_free(
    holder: sqlite3.Connection, conn: sqlite3.Connection
) -> None:
    released = threading.Timer(0.05, lambda: holder.execute("COMMIT"))
    released.start()
    try:
        started = time.monotonic()
        with write_transaction(conn, poll_s=0.001) as cursor:
            waited = time.monotonic() - started
            cursor.execute("UPDATE source SET title = title")
        assert 0.04 < waited < BUSY_TIMEOUT_S  # it waited for the holder, not for the timeout
        # The connection keeps its own busy timeout for everything else.
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == int(BUSY_TIMEOUT_S * 1000)
    finally:
        released.join()


def test_a_worker_polling_for_the_lock_still_gives_up_at_the_busy_timeout(
    holder: sqlite3.Connection, conn: sqlite3.Connection
) -> None:
    conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(StorageError, match="busy"), write_transaction(conn, poll_s=0.001):
        pass
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    assert not conn.in_transaction

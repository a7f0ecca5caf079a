"""What a sync reads and records of its sources, over plain sqlite3: no SQLAlchemy.

The process of a sync that downloads needs little of the library: the
sources to fetch, the record of the run, each source's error or unchanged
answer, and the tidying at its end. ``SyncLedger`` does that over one sqlite3
connection, so that ``khabar sync`` never imports SQLAlchemy: that import
took a quarter of a second at the start of every sync, while the workers
waited for their first feed (see docs/decisions.md). ``SyncedLibrary`` holds
those methods once, over a cursor its subclasses provide: ``Library`` (through
SQLAlchemy's sessions) and ``SyncLedger`` (one sqlite3 connection).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from reader import paths
from reader.errors import SourceNotFoundError
from reader.library import connection
from reader.library.store import NO_SOURCE_NUMBER, fetched
from reader.types import Source

# The columns of source that make a ``Source``, in the order ``source_of`` reads them.
SOURCE_COLUMNS = (
    *("id", "url", "title", "site_url", "category_id", "full_text", "disabled", "etag"),
    *("last_modified", "last_fetched_at", "last_error", "error_count", "next_fetch_at"),
    *("created_at", "last_error_said"),
)
_SELECT_SOURCES = f"SELECT {', '.join(SOURCE_COLUMNS)} FROM source"
_CHUNK = 500


def source_of(row: Sequence[Any]) -> Source:
    """A ``Source`` from the values of ``SOURCE_COLUMNS``, in that order."""
    v = dict(zip(SOURCE_COLUMNS, row, strict=True))
    return Source(
        id=v["id"],
        url=v["url"],
        title=v["title"],
        site_url=v["site_url"],
        category_id=v["category_id"],
        full_text=bool(v["full_text"]),
        disabled=bool(v["disabled"]),
        etag=v["etag"],
        last_modified=v["last_modified"],
        last_fetched_at=connection.as_time(v["last_fetched_at"]),
        last_error=v["last_error"],
        error_count=v["error_count"],
        next_fetch_at=connection.as_time(v["next_fetch_at"]),
        created_at=datetime.fromtimestamp(v["created_at"], UTC),
        **_said(v["last_error_said"]),
    )


def _said(stored: str | None) -> dict[str, Any]:
    """A stored error's template and values as ``Source`` fields (none when unreadable)."""
    try:
        said = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    if not isinstance(said, dict) or not isinstance(said.get("values"), dict):
        return {}
    return {
        "last_error_template": str(said.get("template") or ""),
        "last_error_values": said["values"],
    }


def sources(cursor: sqlite3.Cursor) -> list[Source]:
    """Every source, by category and title."""
    return [
        source_of(row) for row in cursor.execute(_SELECT_SOURCES + " ORDER BY category_id, title")
    ]


def source(cursor: sqlite3.Cursor, source_id: int) -> Source:
    """One source by id."""
    row = cursor.execute(_SELECT_SOURCES + " WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        raise SourceNotFoundError.say(NO_SOURCE_NUMBER, number=source_id)
    return source_of(row)


def incomplete_sources(cursor: sqlite3.Cursor) -> set[int]:
    """The sources with articles stored without a feed key: still to be completed.

    A feed-only sync, or an article page that could not be fetched, leaves
    such articles; the next full sync reads their feeds again whatever the
    server says of them.
    """
    rows = cursor.execute(
        "SELECT DISTINCT source_id FROM article WHERE feed_key IS NULL AND source_id IS NOT NULL"
    )
    return {source_id for (source_id,) in rows}


def start_sync_run(cursor: sqlite3.Cursor, sources: int) -> int:
    """Record that a sync of ``sources`` sources began; returns the run's id."""
    cursor.execute(
        "INSERT INTO sync_run (started_at, sources) VALUES (?, ?)", (int(time.time()), sources)
    )
    return int(cursor.lastrowid or 0)


def finish_sync_run(
    cursor: sqlite3.Cursor, run_id: int, new: int, updated: int, failed: int
) -> None:
    """Record how a sync ended."""
    cursor.execute(
        "UPDATE sync_run SET finished_at = ?, new = ?, updated = ?, failed = ?,"
        " status = 'finished' WHERE id = ?",
        (int(time.time()), new, updated, failed, run_id),
    )


def record_source_error(
    cursor: sqlite3.Cursor,
    source_id: int,
    message: str,
    retry_at: datetime | None,
    *,
    disable: bool,
    template: str,
    values: Mapping[str, Any] | None,
) -> Source:
    """Note that fetching a source failed (see ``Library.record_source_error``)."""
    said = json.dumps({"template": template, "values": dict(values or {})}) if template else None
    cursor.execute(
        "UPDATE source SET last_error = ?, last_error_said = ?, error_count = error_count + 1,"
        " last_fetched_at = ?, next_fetch_at = ?, disabled = disabled OR ? WHERE id = ?",
        (
            message,
            said,
            int(time.time()),
            int(retry_at.timestamp()) if retry_at else None,
            disable,
            source_id,
        ),
    )
    return source(cursor, source_id)


def record_sources_unchanged(cursor: sqlite3.Cursor, source_ids: Sequence[int]) -> None:
    """Note that these sources were fetched and had nothing new (a 304, say)."""
    changes = fetched(int(time.time()))
    assignments = ", ".join(f"{name} = ?" for name in changes)
    for start in range(0, len(source_ids), _CHUNK):
        chunk = list(source_ids[start : start + _CHUNK])
        cursor.execute(
            f"UPDATE source SET {assignments} WHERE id IN ({', '.join('?' * len(chunk))})",
            (*changes.values(), *chunk),
        )


def optimize(conn: sqlite3.Connection, merge_pages: int) -> None:
    """Tidy the library after a sync: merge index segments, refresh statistics, checkpoint.

    Bounded work (about ``merge_pages`` pages of the index); ``conn`` must be
    outside a transaction.
    """
    with connection.write_transaction(conn) as cursor:
        cursor.execute(
            "INSERT INTO article_fts (article_fts, rank) VALUES ('merge', ?)",
            (max(1, merge_pages),),
        )
        cursor.execute("PRAGMA optimize")
    with connection.translated():
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # as far as readers allow: never waits


class SyncedLibrary(ABC):
    """What a sync reads and records in a library (``SyncEngine`` takes one), written once.

    Subclasses give a cursor inside a transaction (``_cursor``) and a
    connection outside any (``_connection``); their errors come out as
    ``StorageError``.
    """

    data_dir: Path
    path: Path
    cache_dir: Path

    @abstractmethod
    def _cursor(self, write: bool) -> AbstractContextManager[sqlite3.Cursor]:
        """A cursor inside one transaction: a write transaction when ``write``."""

    @abstractmethod
    def _connection(self) -> AbstractContextManager[sqlite3.Connection]:
        """A connection outside any transaction, for a while."""

    @abstractmethod
    def close(self) -> None:
        """Release the connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def sources(self) -> list[Source]:
        """Every source, by category and title."""
        with self._cursor(write=False) as cursor:
            return sources(cursor)

    def source(self, source_id: int) -> Source:
        """One source by id."""
        with self._cursor(write=False) as cursor:
            return source(cursor, source_id)

    def incomplete_sources(self) -> set[int]:
        """The sources with articles stored without a feed key: still to be completed.

        A feed-only sync, or an article page that could not be fetched, leaves
        such articles; the next full sync reads their feeds again whatever the
        server says of them.
        """
        with self._cursor(write=False) as cursor:
            return incomplete_sources(cursor)

    def start_sync_run(self, sources: int) -> int:
        """Record that a sync of ``sources`` sources began; returns the run's id."""
        with self._cursor(write=True) as cursor:
            return start_sync_run(cursor, sources)

    def finish_sync_run(self, run_id: int, new: int, updated: int, failed: int) -> None:
        """Record how a sync ended."""
        with self._cursor(write=True) as cursor:
            finish_sync_run(cursor, run_id, new, updated, failed)

    def record_source_error(
        self,
        source_id: int,
        message: str,
        retry_at: datetime | None = None,
        *,
        disable: bool = False,
        template: str = "",
        values: Mapping[str, Any] | None = None,
    ) -> Source:
        """Note that fetching a source failed; nothing stored is removed.

        ``retry_at`` is when the next sync may try it again (None: the next
        sync); ``disable`` stops syncing it until the user turns it back on.
        ``template`` and ``values`` are the message's (``ReaderError.say``),
        kept so that the window can say it in its own language.
        """
        with self._cursor(write=True) as cursor:
            return record_source_error(
                cursor,
                source_id,
                message,
                retry_at,
                disable=disable,
                template=template,
                values=values,
            )

    def record_sources_unchanged(self, source_ids: Sequence[int]) -> None:
        """Note that these sources were fetched and had nothing new (a 304, say)."""
        if source_ids:
            with self._cursor(write=True) as cursor:
                record_sources_unchanged(cursor, source_ids)

    def optimize(self, merge_pages: int = 2000) -> None:
        """Tidy the library after a sync: merge index segments, refresh statistics, checkpoint.

        Bounded work (about ``merge_pages`` pages of the index); call it when a
        sync has finished, never in the middle of one.
        """
        with self._connection() as conn:
            optimize(conn, merge_pages)


class SyncLedger(SyncedLibrary):
    """A library as the process of a sync that downloads uses it, over one sqlite3 connection.

    Opening it creates and migrates the library as ``Library`` does. The
    engine calls it from its event loop and from its writer thread, one call
    at a time.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        checkpoint_pages: int = connection.SYNC_CHECKPOINT_PAGES,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = connection.prepare_library(self.data_dir)
        self.cache_dir = paths.cache_dir(self.data_dir)
        self._conn = connection.connect(self.path, checkpoint_pages)
        self._lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> SyncLedger:
        """Open the library of a data folder (see ``reader.paths.data_dir``) for a sync."""
        return cls(paths.data_dir(data_dir))

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _cursor(self, write: bool) -> Iterator[sqlite3.Cursor]:
        with self._connection() as conn:
            if write:
                with connection.write_transaction(conn) as cursor:
                    yield cursor
                return
            with connection.translated():
                yield conn.cursor()  # one statement, in autocommit: its own snapshot

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

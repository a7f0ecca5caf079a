"""Storing a sync's sources from the worker processes that read them, without SQLAlchemy.

A sync's worker reads a source's feed and prepares its entries; it then
stores them itself, one transaction per source, through its own connection
to the library (``SourceWriter``). The entries then never cross back to the
sync's process, which only downloads: pickling them there and back, and
writing them on the downloading process's thread, cost that process more
than the downloads (see docs/decisions.md). Workers write one at a time:
SQLite allows one writer, and ``BEGIN IMMEDIATE`` waits for the lock.
"""

from __future__ import annotations

from pathlib import Path

from reader.library import connection, store
from reader.library.prepare import PreparedBatch
from reader.types import FetchInfo, StoreResult

# Writers of this process, by library file: a worker keeps its connection between jobs.
_WRITERS: dict[Path, SourceWriter] = {}
# How often a worker waiting for the write lock tries again. SQLite's own wait
# sleeps longer and longer between tries, so a worker slept on after the other
# had committed: a fifth of a second per 100 sources, with a core idle.
LOCK_POLL_S = 0.0005


class SourceWriter:
    """One connection to a migrated library, for reading a source's keys and storing it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = connection.connect(path, connection.SYNC_CHECKPOINT_PAGES)

    @classmethod
    def of(cls, path: Path) -> SourceWriter:
        """This process's writer for the library file at ``path``, made on first use."""
        writer = _WRITERS.get(path)
        if writer is None:
            writer = _WRITERS[path] = cls(path)
        return writer

    def feed_keys(self, source_id: int) -> dict[int, int | None]:
        """The source's stored guid keys with their feed keys (``store.feed_keys``)."""
        with connection.translated():
            return store.feed_keys(self._conn.cursor(), source_id)

    def store(self, source_id: int, batch: PreparedBatch, info: FetchInfo | None) -> StoreResult:
        """Store one source's prepared entries and fetch state, in one transaction."""
        with connection.write_transaction(self._conn, LOCK_POLL_S) as cursor:
            return store.store_entries(cursor, source_id, batch, info)

    def close(self) -> None:
        """Close the connection; the writer is no longer this process's."""
        if _WRITERS.get(self.path) is self:
            del _WRITERS[self.path]
        self._conn.close()

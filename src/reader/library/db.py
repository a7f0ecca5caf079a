"""A library through SQLAlchemy: its engine and transactions (migrating is ``connection``'s).

Every connection has the settings of ``reader.library.connection`` (foreign
keys on, a busy timeout) and WAL journaling, so the window reads while a sync
writes. Writers start with ``BEGIN IMMEDIATE``: a deferred transaction that
later tries to write can fail at once with "database is locked" when another
process wrote in between, and no timeout helps with that. Errors of sqlite3
and SQLAlchemy become ``StorageError`` (``connection.translate``), with a
sentence for the user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from reader.library.connection import (
    BUSY_TIMEOUT_S,
    CHECKPOINT_PAGES,
    SYNC_CHECKPOINT_PAGES,
    configure,
    library_file,
    migrate,
    translate,
)

__all__ = [
    "CHECKPOINT_PAGES",
    "SYNC_CHECKPOINT_PAGES",
    "affected",
    "create",
    "cursor",
    "library_file",
    "migrate",
    "raw_connection",
    "reading",
    "translate",
    "writing",
]

_WRITE_OPTION = "khabar_write"


def create(path: Path, checkpoint_pages: int = CHECKPOINT_PAGES) -> Engine:
    """An engine over a migrated library file, with Khabar's connection settings."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={
            "timeout": BUSY_TIMEOUT_S,
            "isolation_level": None,  # we emit BEGIN ourselves, see _begin
            "check_same_thread": False,
        },
        pool_size=4,
        max_overflow=4,
    )
    event.listen(engine, "connect", lambda conn, _record: configure(conn, checkpoint_pages))
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn: Any) -> None:
    writing = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session over one read transaction (a consistent snapshot)."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except (sa_exc.SQLAlchemyError, sqlite3.Error) as exc:  # sqlite3's: from db.cursor
        raise translate(exc) from exc


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session over one write transaction: all of it is stored, or none of it."""
    try:
        bound = engine.execution_options(**{_WRITE_OPTION: True})
        with Session(bound, expire_on_commit=False) as session, session.begin():
            yield session
    except (sa_exc.SQLAlchemyError, sqlite3.Error) as exc:  # sqlite3's: from db.cursor
        raise translate(exc) from exc


@contextmanager
def raw_connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """A pooled sqlite3 connection of the engine, outside any transaction, for a while."""
    raw = engine.raw_connection()
    try:
        yield raw.driver_connection  # type: ignore[misc]
    finally:
        raw.close()


def affected(result: object) -> int:
    """How many rows an UPDATE or DELETE changed."""
    return int(getattr(result, "rowcount", 0))


def cursor(session: Session) -> Any:
    """The sqlite3 cursor of the session's transaction, for the hot insert path.

    Going through SQLAlchemy's statement machinery for each row of a sync cost
    more than SQLite's own work; these statements are fixed and positional.
    """
    return session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]

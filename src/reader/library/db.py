"""The SQLite file of a library: opening, migrating, SQLAlchemy's engine and transactions.

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
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from reader.errors import SchemaTooNewError, StorageError, template
from reader.library.connection import (
    BUSY_TIMEOUT_S,
    CHECKPOINT_PAGES,
    SYNC_CHECKPOINT_PAGES,
    configure,
    file_uri,
    library_file,
    translate,
)
from reader.library.schema import APPLICATION_ID, LATEST, MIGRATIONS

__all__ = [
    "CHECKPOINT_PAGES",
    "SYNC_CHECKPOINT_PAGES",
    "affected",
    "check_file",
    "checkpoint",
    "create",
    "cursor",
    "library_file",
    "migrate",
    "reading",
    "translate",
    "writing",
]

_WRITE_OPTION = "khabar_write"

_NOT_A_LIBRARY = template("{path} is not a Khabar library ({reason}).")
_OTHER_SQLITE_FILE = template("{path} is an SQLite file, but not a Khabar library.")
_TOO_NEW = template(
    "This library was written by a newer version of Khabar (library format {version}; "
    "this version reads up to {latest}). Update Khabar to open it; "
    "the file has not been changed."
)
_NO_WAL = template("The library {path} cannot be put in WAL mode.")


def check_file(path: Path) -> int:
    """Return the schema version of an existing library without writing to it.

    Raises ``SchemaTooNewError`` for a newer Khabar's file and ``StorageError``
    for a file that is not a Khabar library.
    """
    try:
        with closing(
            sqlite3.connect(file_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
        ) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StorageError.say(_NOT_A_LIBRARY, path=str(path), reason=str(exc)) from exc
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise StorageError.say(_OTHER_SQLITE_FILE, path=str(path))
    if version > LATEST:
        raise SchemaTooNewError.say(_TOO_NEW, version=version, latest=LATEST)
    return version


def migrate(path: Path, target: int = LATEST) -> int:
    """Bring the file at ``path`` up to schema ``target``; return the version it had."""
    path.parent.mkdir(parents=True, exist_ok=True)
    start = check_file(path) if path.exists() else 0
    if start >= target:
        return start  # nothing to do: opening takes no write lock
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)) as conn:
            configure(conn)
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise StorageError.say(_NO_WAL, path=str(path))
            for step in MIGRATIONS:
                if step.number <= start:
                    continue
                if step.number > target:
                    break
                conn.execute("BEGIN IMMEDIATE")
                try:
                    # Read again inside the lock: another process may have migrated.
                    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                    if current < step.number:
                        step.apply(conn)
                        conn.execute(f"PRAGMA user_version = {step.number:d}")
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    return start


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
    except sa_exc.SQLAlchemyError as exc:
        raise translate(exc) from exc


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session over one write transaction: all of it is stored, or none of it."""
    try:
        bound = engine.execution_options(**{_WRITE_OPTION: True})
        with Session(bound, expire_on_commit=False) as session, session.begin():
            yield session
    except sa_exc.SQLAlchemyError as exc:
        raise translate(exc) from exc


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the database file as far as readers allow (never waits on them)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
    except sqlite3.Error as exc:
        raise translate(exc) from exc
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

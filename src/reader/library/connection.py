"""Connections to a library's SQLite file, with no SQLAlchemy: settings, functions, errors.

Every connection to a library, through SQLAlchemy (``reader.library.db``) or
not, gets the same settings here: foreign keys on, a busy timeout, the SQL
functions the schema's triggers call. A sync's worker processes write the
sources they read through ``connect`` and ``write_transaction`` (see
``reader.library.writer``): they import no SQLAlchemy, which takes a third of
a second. Errors of sqlite3 (and of SQLAlchemy, which wraps them) become
``StorageError`` here, with a sentence for the user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from reader.errors import StorageError, template
from reader.library.normalize import normalize
from reader.library.prepare import plain_text

LIBRARY_FILE = "library.sqlite3"
BUSY_TIMEOUT_S = 30.0

# Pages of WAL after which a committing connection copies them into the file.
# The window's connections use the default; a sync, which writes megabytes
# per source, passes SYNC_CHECKPOINT_PAGES: a page that many sources rewrite
# (an index page) is then copied once instead of at every 4 MB.
CHECKPOINT_PAGES = 1000
SYNC_CHECKPOINT_PAGES = 65536  # 256 MiB

_BUSY = template("The library is busy: another program is writing to it. Try again in a moment.")
_DISK_FULL = template("The disk is full: the library could not be saved. Free some space.")
_DISK_FAILED = template(
    "The library could not be written to the disk (is it full or failing?);"
    " nothing saved before was lost."
)
_READ_ONLY = template("The library is read-only: Khabar cannot save changes to it.")
_DAMAGED = template("The library file is damaged and cannot be read.")
_UNUSABLE = template("The library could not be used: {reason}")


def library_file(folder: Path) -> Path:
    """The SQLite file of the library inside a data folder."""
    return folder / LIBRARY_FILE


def file_uri(path: Path, mode: str) -> str:
    """The URI that opens an existing file ``mode`` "ro" or "rw", never creating it."""
    return f"{path.resolve().as_uri()}?mode={mode}"


def _normalize_sql(value: object) -> str:
    return normalize(value) if isinstance(value, str) else ""


def _plain_sql(value: object) -> str:
    return plain_text(value) if isinstance(value, str) else ""


def register_functions(conn: sqlite3.Connection) -> None:
    """Add the SQL functions the schema's triggers call: khabar_normalize, khabar_plain."""
    conn.create_function("khabar_normalize", 1, _normalize_sql, deterministic=True)
    conn.create_function("khabar_plain", 1, _plain_sql, deterministic=True)


def configure(conn: sqlite3.Connection, checkpoint_pages: int = CHECKPOINT_PAGES) -> None:
    """Give a new connection to a library Khabar's settings and SQL functions."""
    register_functions(conn)  # the busy timeout is sqlite3.connect's (``BUSY_TIMEOUT_S``)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # After a checkpoint, give back the space of a WAL past 64 MB.
    conn.execute("PRAGMA journal_size_limit = 67108864")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the indexes of 100,000 articles
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages:d}")


def connect(path: Path, checkpoint_pages: int = CHECKPOINT_PAGES) -> sqlite3.Connection:
    """A connection to a migrated library, without SQLAlchemy; see ``write_transaction``.

    The file must exist: opening never creates an empty library behind the
    migrations' back (a data folder removed in the middle of a sync, say).
    """
    try:
        conn = sqlite3.connect(
            file_uri(path, "rw"), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
        )
        configure(conn, checkpoint_pages)
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Cursor]:
    """A cursor inside one write transaction of ``conn``: all of it is stored, or none of it.

    It begins with ``BEGIN IMMEDIATE``: a deferred transaction that later
    tries to write can fail at once with "database is locked" when another
    process wrote in between, and no timeout helps with that. Errors of
    SQLite come out as ``StorageError``.
    """
    try:
        cursor = conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    try:
        yield cursor
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the error that brought us here is the one to tell
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise translate(exc) from exc
        raise


def translate(exc: BaseException) -> StorageError:
    """A ``StorageError`` with a sentence for a database error."""
    original = getattr(exc, "orig", None) or exc
    message = str(original).lower()
    if "locked" in message or "busy" in message:
        return StorageError.say(_BUSY)
    if "disk" in message and "full" in message:
        return StorageError.say(_DISK_FULL)
    if "disk i/o error" in message:
        return StorageError.say(_DISK_FAILED)
    if "readonly" in message or "read-only" in message:
        return StorageError.say(_READ_ONLY)
    if "malformed" in message or "not a database" in message:
        return StorageError.say(_DAMAGED)
    return StorageError.say(_UNUSABLE, reason=str(original))

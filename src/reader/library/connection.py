"""A library's SQLite file with no SQLAlchemy: its folder, migrations, settings, errors.

Every connection to a library, through SQLAlchemy (``reader.library.db``) or
not, gets the same settings here: foreign keys on, a busy timeout, the SQL
functions the schema's triggers call. Opening a library first brings its file
up to date here (``migrate``). A sync's processes use the library through
``connect`` and ``write_transaction`` (``reader.library.writer`` in the
workers, ``reader.library.ledger`` in the process that downloads): they
import no SQLAlchemy, which takes a quarter of a second. Errors of sqlite3
(and of SQLAlchemy, which wraps them) become ``StorageError`` here, with a
sentence for the user.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from reader.errors import SchemaTooNewError, StorageError, template
from reader.library.normalize import INDEX_VERSION, normalize
from reader.library.prepare import plain_text
from reader.library.schema import APPLICATION_ID, LATEST, MIGRATIONS

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
_NO_DATA_FOLDER = template("Khabar cannot create its data folder {folder}: {reason}")
_NOT_A_LIBRARY = template("{path} is not a Khabar library ({reason}).")
_OTHER_SQLITE_FILE = template("{path} is an SQLite file, but not a Khabar library.")
_TOO_NEW = template(
    "This library was written by a newer version of Khabar (library format {version}; "
    "this version reads up to {latest}). Update Khabar to open it; "
    "the file has not been changed."
)
_NO_WAL = template("The library {path} cannot be put in WAL mode.")
_INDEX_VERSION = "SELECT value FROM meta WHERE key = 'index_version'"


def as_time(value: int | None) -> datetime | None:
    """A stored Unix time (how the library keeps every time) as an aware UTC datetime."""
    return None if value is None else datetime.fromtimestamp(value, UTC)


def library_file(folder: Path) -> Path:
    """The SQLite file of the library inside a data folder."""
    return folder / LIBRARY_FILE


def prepare_library(folder: Path) -> Path:
    """The library file of a data folder: the folder made and the file migrated, as needed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError.say(_NO_DATA_FOLDER, folder=str(folder), reason=str(exc)) from exc
    path = library_file(folder)
    migrate(path)
    return path


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


def check_file(path: Path) -> tuple[int, bool]:
    """The schema version of an existing library, and whether its search index is current.

    Nothing is written. Raises ``SchemaTooNewError`` for a newer Khabar's file
    and ``StorageError`` for a file that is not a Khabar library.
    """
    try:
        with closing(
            sqlite3.connect(file_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
        ) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
                raise StorageError.say(_OTHER_SQLITE_FILE, path=str(path))
            if version > LATEST:
                raise SchemaTooNewError.say(_TOO_NEW, version=version, latest=LATEST)
            return version, version == 0 or _index_is_current(conn)
    except sqlite3.DatabaseError as exc:
        raise StorageError.say(_NOT_A_LIBRARY, path=str(path), reason=str(exc)) from exc


def migrate(path: Path, target: int = LATEST) -> int:
    """Bring the file at ``path`` up to schema ``target``; return the version it had.

    The search index is rebuilt too when another normalization built it
    (``normalize.INDEX_VERSION``): its deletions depend on computing again
    what was indexed. The folder must exist (``prepare_library`` makes it).
    """
    start, current = check_file(path) if path.exists() else (0, True)
    if start >= target and current:
        return start  # nothing to do: opening takes no write lock
    with (
        translated(),
        closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)) as conn,
    ):
        configure(conn)
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise StorageError.say(_NO_WAL, path=str(path))
        for step in MIGRATIONS:
            if start < step.number <= target:
                with write_transaction(conn) as cursor:
                    # Read again inside the lock: another process may have migrated.
                    if cursor.execute("PRAGMA user_version").fetchone()[0] < step.number:
                        step.apply(conn)
                        conn.execute(f"PRAGMA user_version = {step.number:d}")
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        with write_transaction(conn) as cursor:
            ensure_index(cursor)
    return start


def _index_is_current(conn: sqlite3.Connection | sqlite3.Cursor) -> bool:
    row = conn.execute(_INDEX_VERSION).fetchone()
    return row is not None and row[0] == str(INDEX_VERSION)


def ensure_index(cursor: sqlite3.Cursor) -> bool:
    """Rebuild the search index if another normalization built it; return whether it did."""
    if _index_is_current(cursor):
        return False
    cursor.execute("INSERT INTO article_fts (article_fts) VALUES ('delete-all')")
    cursor.execute(
        "INSERT INTO article_fts (rowid, title, lead, body)"
        " SELECT id, khabar_normalize(title), khabar_normalize(lead),"
        " khabar_normalize(khabar_plain(body_html))"
        " FROM article"
    )
    cursor.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('index_version', ?)",
        (str(INDEX_VERSION),),
    )
    return True


def connect(path: Path, checkpoint_pages: int = CHECKPOINT_PAGES) -> sqlite3.Connection:
    """A connection to a migrated library, without SQLAlchemy; see ``write_transaction``.

    The file must exist: opening never creates an empty library behind the
    migrations' back (a data folder removed in the middle of a sync, say).
    """
    with translated():
        # Its users serialize their calls; a sync's engine makes them from two threads.
        conn = sqlite3.connect(
            file_uri(path, "rw"),
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
        configure(conn, checkpoint_pages)
    return conn


@contextmanager
def write_transaction(
    conn: sqlite3.Connection, poll_s: float | None = None
) -> Iterator[sqlite3.Cursor]:
    """A cursor inside one write transaction of ``conn``: all of it is stored, or none of it.

    It begins with ``BEGIN IMMEDIATE``: a deferred transaction that later
    tries to write can fail at once with "database is locked" when another
    process wrote in between, and no timeout helps with that. While another
    connection writes, SQLite's busy handler waits, sleeping longer and longer
    between tries (1, 2, 5, 10 ms …); with ``poll_s`` it is tried again every
    ``poll_s`` seconds instead, within the same busy timeout. Errors of
    SQLite come out as ``StorageError``.
    """
    with translated():
        try:
            yield conn.execute("BEGIN IMMEDIATE") if poll_s is None else _begin(conn, poll_s)
            conn.execute("COMMIT")
        except BaseException:
            # Also a transaction begun, then interrupted before the block: nothing stays.
            if conn.in_transaction:
                with suppress(sqlite3.Error):  # the error that brought us here is the one
                    conn.execute("ROLLBACK")
            raise


@contextmanager
def translated() -> Iterator[None]:
    """Errors of SQLite inside the block come out as ``StorageError`` (``translate``)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc) from exc


def _begin(conn: sqlite3.Connection, poll_s: float) -> sqlite3.Cursor:
    """``BEGIN IMMEDIATE``, tried every ``poll_s`` seconds until the busy timeout."""
    timeout_ms = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    deadline = time.monotonic() + timeout_ms / 1000
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                return conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                # The extended codes of busy (BUSY_RECOVERY, BUSY_SNAPSHOT …) share its low byte.
                busy = exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() >= deadline:
                    raise
            time.sleep(poll_s)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms:d}")


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

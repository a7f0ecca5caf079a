"""Schema versions: every earlier version migrates, a newer one is refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from helpers import add_source, entry
from helpers.cli import khabar_command
from reader.errors import SchemaTooNewError, StorageError
from reader.library import Library, db
from reader.library.db import library_file as library_path
from reader.library.models import Base
from reader.library.schema import APPLICATION_ID, LATEST, MIGRATIONS
from reader.types import View


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_are_numbered_in_order() -> None:
    assert [m.number for m in MIGRATIONS] == list(range(1, LATEST + 1))


@pytest.mark.parametrize("start", range(LATEST + 1))
def test_every_earlier_version_migrates_to_the_latest(tmp_path: Path, start: int) -> None:
    path = library_path(tmp_path)
    if start:
        db.migrate(path, target=start)
        assert _version(path) == start
    with Library(tmp_path) as lib:
        source = add_source(lib)
        lib.store_entries(source, [entry(1)])
        assert lib.search("الخبر")
    assert _version(path) == LATEST
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_data_survives_reopening_at_the_latest_version(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        source = add_source(lib)
        lib.store_entries(source, [entry(1)])
        lib.set_bookmarked(lib.articles().items[0].id)
    with Library(tmp_path) as lib:
        assert len(lib.articles(View.BOOKMARKS).items) == 1
    assert _version(library_path(tmp_path)) == LATEST


def test_models_describe_the_migrated_schema(tmp_path: Path) -> None:
    path = library_path(tmp_path)
    db.migrate(path)
    with closing(sqlite3.connect(path)) as conn:
        for table in Base.metadata.sorted_tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
            assert columns == [c.name for c in table.columns], table.name


def test_newer_library_is_refused_and_left_untouched(tmp_path: Path) -> None:
    with Library(tmp_path):
        pass
    path = library_path(tmp_path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
        conn.commit()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    before = _digest(path)
    with pytest.raises(SchemaTooNewError, match="newer version of Khabar"):
        Library(tmp_path)
    assert _digest(path) == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path) -> None:
    path = library_path(tmp_path)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="not a Khabar library"):
        Library(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    with closing(sqlite3.connect(library_path(other))) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    with pytest.raises(StorageError, match="not a Khabar library"):
        Library(other)


def test_two_processes_opening_a_new_library_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "import sys; from reader.library import Library; Library(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    with Library(tmp_path) as lib:
        assert len(lib.categories()) == 10


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        ("database is locked", "busy"),
        ("database or disk is full", "disk is full"),
        ("attempt to write a readonly database", "read-only"),
        ("database disk image is malformed", "damaged"),
        ("something else", "could not be used"),
    ],
)
def test_database_errors_become_sentences(raw: str, sentence: str) -> None:
    error = db.translate(sqlite3.OperationalError(raw))
    assert isinstance(error, StorageError)
    assert sentence in str(error)


def test_cli_refuses_a_newer_library_with_one_line(tmp_path: Path) -> None:
    import subprocess

    with Library(tmp_path):
        pass
    with closing(sqlite3.connect(library_path(tmp_path))) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")
        conn.commit()
    result = subprocess.run(
        khabar_command(tmp_path, "stats"),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "newer version of Khabar" in result.stderr

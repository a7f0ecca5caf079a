"""The library as a sync's downloading process uses it: the same answers as ``Library``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers import add_source, entry
from reader.errors import SchemaTooNewError, SourceNotFoundError, StorageError
from reader.library import Library
from reader.library.ledger import SyncLedger


@pytest.fixture
def ledger(lib: Library) -> Iterator[SyncLedger]:
    with SyncLedger(lib.data_dir) as made:
        yield made


def test_a_ledger_opens_a_new_folder_as_a_library(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "profile"
    with SyncLedger(folder) as ledger:
        assert ledger.sources() == []
        assert ledger.path == folder / "library.sqlite3"
        assert ledger.cache_dir == folder / "cache"
    with Library(folder) as lib:
        assert lib.sources() == []


def test_a_ledger_refuses_a_newer_library(tmp_path: Path) -> None:
    Library(tmp_path).close()
    with sqlite3.connect(tmp_path / "library.sqlite3") as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        SyncLedger(tmp_path)


def test_sources_come_as_the_library_gives_them(lib: Library, ledger: SyncLedger) -> None:
    lib.add_category("ثقافة")  # أخبار is there already, and made first
    for name, category in (("b", "ثقافة"), ("a", None), ("c", "أخبار"), ("d", "ثقافة")):
        add_source(lib, name, category)
    assert ledger.sources() == lib.sources()
    first = lib.sources()[0].id
    assert ledger.source(first) == lib.source(first)
    with pytest.raises(SourceNotFoundError):
        ledger.source(999)


def test_errors_and_unchanged_answers_are_recorded(lib: Library, ledger: SyncLedger) -> None:
    source = add_source(lib)
    retry = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    said = ledger.record_source_error(
        source, "Gone.", retry, disable=True, template="Gone {x}.", values={"x": "٣"}
    )
    assert said == lib.source(source)
    assert (said.last_error, said.error_count, said.next_fetch_at, said.disabled) == (
        "Gone.",
        1,
        retry,
        True,
    )
    assert (said.last_error_template, said.last_error_values) == ("Gone {x}.", {"x": "٣"})
    assert ledger.record_source_error(source, "Again.").error_count == 2
    with pytest.raises(SourceNotFoundError):
        ledger.record_source_error(999, "Nobody.")

    ledger.record_sources_unchanged([source])
    fetched = lib.source(source)
    assert (fetched.last_error, fetched.error_count, fetched.next_fetch_at) == (None, 0, None)
    assert fetched.last_error_template == ""
    assert fetched.last_fetched_at is not None
    assert fetched.disabled  # only the user turns a source back on


def test_a_sync_run_is_recorded(lib: Library, ledger: SyncLedger) -> None:
    run = ledger.start_sync_run(3)
    ledger.finish_sync_run(run, new=5, updated=1, failed=2)
    with sqlite3.connect(lib.path) as conn:
        row = conn.execute(
            "SELECT sources, new, updated, failed, status, finished_at IS NOT NULL"
            " FROM sync_run WHERE id = ?",
            (run,),
        ).fetchone()
    conn.close()
    assert row == (3, 5, 1, 2, "finished", 1)


def test_incomplete_sources_are_the_librarys(lib: Library, ledger: SyncLedger) -> None:
    done, waiting = add_source(lib, "done"), add_source(lib, "waiting")
    lib.store_entries(done, [replace(entry(1), feed_key=11)])
    lib.store_entries(waiting, [replace(entry(2), feed_key=None)])
    assert ledger.incomplete_sources() == lib.incomplete_sources() == {waiting}


def test_the_engines_threads_may_share_a_ledger(lib: Library, ledger: SyncLedger) -> None:
    sources = [add_source(lib, f"s{n}") for n in range(8)]
    with ThreadPoolExecutor(4) as pool:
        said = list(pool.map(lambda s: ledger.record_source_error(s, "x"), sources))
    assert [s.error_count for s in said] == [1] * 8
    ledger.optimize()
    with sqlite3.connect(lib.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_sqlite_errors_on_either_side_are_storage_errors(lib: Library, ledger: SyncLedger) -> None:
    # Library runs the ledger's SQL on its session's sqlite3 cursor: its errors are sentences too.
    conn = sqlite3.connect(lib.path)
    conn.execute("DROP TABLE sync_run")
    conn.close()
    with pytest.raises(StorageError, match="no such table"):
        lib.start_sync_run(3)
    with pytest.raises(StorageError, match="no such table"):
        ledger.start_sync_run(3)

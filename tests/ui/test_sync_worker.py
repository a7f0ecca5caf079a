"""``SyncWorker`` drives the real ``khabar sync`` child against feeds on 127.0.0.1.

Every sync here is a real child process (``sync_command``) writing a real
library in ``tmp_path``; the feeds come from a ``LocalServer``. The line
parser and the event readers are tested on their own with bytes fed by hand.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

import helpers
from helpers import LocalServer, rss_document
from reader.library import Library
from reader.sync.lock import sync_lock
from reader.ui import sync_progress, sync_worker
from reader.ui.sync_progress import (
    JsonLinesParser,
    SourceProgress,
    StderrTail,
    SyncSummary,
    is_connection_error,
    progress_from_event,
    reached_any,
    summary_from_event,
)
from reader.ui.sync_worker import SyncWorker, sync_command

WAIT_MS = 60_000  # a child imports the libraries and starts its workers first


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def worker(data_dir: Path) -> Iterator[SyncWorker]:
    syncs = SyncWorker(data_dir)
    yield syncs
    syncs.shutdown()


class Recorder:
    """Every signal of a worker, in the order they came: (name, argument)."""

    def __init__(self, worker: SyncWorker) -> None:
        self.seen: list[tuple[str, object]] = []
        for name in (
            "sync_requested",
            "sync_started",
            "source_finished",
            "sync_finished",
            "sync_failed",
            "sync_cancelled",
            "busy_changed",
            "went_offline",
            "came_online",
        ):
            getattr(worker, name).connect(
                lambda *args, name=name: self.seen.append((name, args[0] if args else None))
            )

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]

    def of(self, name: str) -> list[object]:
        return [value for seen, value in self.seen if seen == name]


def feed(title: str, count: int, server: LocalServer) -> bytes:
    items = "".join(
        f"<item><title>{title}: الخبر {n}</title><link>{server.url(f'/{title}/{n}')}</link>"
        f"<guid>{title}-{n}</guid><description>نص قصير للخبر رقم {n}.</description></item>"
        for n in range(count)
    )
    return rss_document(title, items)


def serve_feed(server: LocalServer, name: str, count: int) -> str:
    path = f"/{name}.xml"
    server.route(
        path, helpers.Response(feed(name, count, server), content_type="application/rss+xml")
    )
    return server.url(path)


def subscribe(data_dir: Path, *urls: str) -> list[int]:
    with Library(data_dir) as lib:
        return [lib.add_source(url).id for url in urls]


def closed_port() -> int:
    """A port on 127.0.0.1 that nobody listens on (just released by the system)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_sync(qtbot: QtBot, worker: SyncWorker, **options: object) -> SyncSummary:
    with qtbot.waitSignal(worker.sync_finished, timeout=WAIT_MS) as finished:
        assert worker.start(**options)  # type: ignore[arg-type]
    summary = finished.args[0]
    assert isinstance(summary, SyncSummary)
    return summary


# --- syncs of a real child ---------------------------------------------------------


def test_a_sync_reports_each_source_and_the_library_holds_the_articles(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    counts = {"akhbar": 2, "riyada": 3, "iqtisad": 1}
    ids = subscribe(data_dir, *(serve_feed(server, name, n) for name, n in counts.items()))
    record = Recorder(worker)
    with qtbot.waitSignal(worker.sync_finished, timeout=WAIT_MS) as finished:
        assert worker.start(feed_only=True)
        assert worker.is_running()
        assert worker.pid() is not None or worker.is_running()
        assert not worker.start(), "a second sync may not start while one runs"

    assert not worker.is_running()
    names = record.names()
    assert names[:3] == ["busy_changed", "sync_requested", "sync_started"]
    assert names[3:6] == ["source_finished"] * 3
    assert names[6:] == ["busy_changed", "sync_finished"]
    assert record.of("busy_changed") == [True, False]
    assert record.of("sync_requested") == [()]  # every due source
    assert record.of("sync_started") == [3]

    progress = {p.source_id: p for p in record.of("source_finished")}  # type: ignore[union-attr]
    assert set(progress) == set(ids)
    for source_id, (name, count) in zip(ids, counts.items(), strict=True):
        one = progress[source_id]
        assert isinstance(one, SourceProgress)
        assert (one.title, one.status, one.new, one.error) == (name, "updated", count, None)
        assert one.elapsed_s > 0

    summary = finished.args[0]
    assert summary.sources == 3
    assert (summary.new, summary.updated, summary.failed, summary.offline) == (6, 0, 0, False)
    with Library(data_dir) as lib:
        assert lib.stats().articles == 6

    # The worker runs again; the feeds now answer 304.
    again = run_sync(qtbot, worker, feed_only=True)
    assert (again.sources, again.new, again.unchanged, again.failed) == (3, 0, 0, 0)


def test_a_failing_source_is_reported_while_the_others_are_stored(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    server.route("/broken.xml", helpers.status(500))
    good, bad = subscribe(data_dir, serve_feed(server, "good", 4), server.url("/broken.xml"))
    record = Recorder(worker)
    summary = run_sync(qtbot, worker, feed_only=True)

    progress = {p.source_id: p for p in record.of("source_finished")}  # type: ignore[union-attr]
    assert progress[good].status == "updated"
    assert progress[good].new == 4
    failed = progress[bad]
    assert failed.failed
    assert failed.status == "failed"
    assert failed.error is not None
    assert "500" in failed.error
    assert (summary.sources, summary.new, summary.failed, summary.offline) == (2, 4, 1, False)
    assert record.of("went_offline") == []


def test_only_the_named_sources_are_synced(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    first, _second = subscribe(data_dir, serve_feed(server, "one", 1), serve_feed(server, "two", 2))
    record = Recorder(worker)
    summary = run_sync(qtbot, worker, sources=[first], feed_only=True)
    assert (summary.sources, summary.new) == (1, 1)
    assert [p.source_id for p in record.of("source_finished")] == [first]  # type: ignore[union-attr]
    assert record.of("sync_requested") == [(first,)]


def test_a_sync_already_running_elsewhere_is_said_in_a_sentence(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    subscribe(data_dir, serve_feed(server, "one", 1))
    record = Recorder(worker)
    with sync_lock(data_dir), qtbot.waitSignal(worker.sync_failed, timeout=WAIT_MS) as failed:
        assert worker.start()
    assert "running already" in failed.args[0]
    assert "khabar:" not in failed.args[0]
    assert not worker.is_running()
    assert record.of("busy_changed") == [True, False]
    assert record.of("sync_started") == []
    # The lock is free again: the same worker syncs.
    assert run_sync(qtbot, worker, feed_only=True).new == 1


def test_a_sync_that_cannot_open_its_library_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a library", encoding="utf-8")
    worker = SyncWorker(not_a_folder)
    try:
        with qtbot.waitSignal(worker.sync_failed, timeout=WAIT_MS) as failed:
            assert worker.start()
    finally:
        worker.shutdown()
    assert failed.args[0].startswith("The sync could not run: ")
    assert "Traceback" not in failed.args[0]


def test_a_program_that_does_not_start_fails_in_a_sentence(
    qtbot: QtBot, worker: SyncWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = str(tmp_path / "no-such-program")
    monkeypatch.setattr(sync_worker, "sync_command", lambda *_args: (missing, []))
    with qtbot.waitSignal(worker.sync_failed, timeout=WAIT_MS) as failed:
        assert worker.start()
    assert failed.args[0].startswith("Khabar could not start its sync program")
    assert not worker.is_running()


def test_a_killed_child_fails_the_sync_and_the_worker_syncs_again(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    answer = helpers.Response(feed("slow", 2, server), content_type="application/rss+xml")
    server.route("/slow.xml", helpers.slow_headers(60.0, then=answer))
    subscribe(data_dir, server.url("/slow.xml"))
    record = Recorder(worker)
    with qtbot.waitSignal(worker.sync_started, timeout=WAIT_MS):
        assert worker.start(feed_only=True)
    pid = worker.pid()
    assert pid is not None
    with qtbot.waitSignal(worker.sync_failed, timeout=WAIT_MS) as failed:
        os.kill(pid, signal.SIGKILL)
    assert "stopped unexpectedly" in failed.args[0]
    assert not worker.is_running()
    assert record.of("sync_finished") == []

    server.route("/slow.xml", answer)
    summary = run_sync(qtbot, worker, feed_only=True)
    assert (summary.sources, summary.new, summary.failed) == (1, 2, 0)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is how POSIX cancels")
def test_cancel_stops_a_slow_sync_and_the_worker_is_idle(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    server.route("/drip.xml", helpers.drip(100_000, delay_s=0.5))
    fast = serve_feed(server, "fast", 2)
    subscribe(data_dir, fast, server.url("/drip.xml"))
    record = Recorder(worker)
    with qtbot.waitSignal(worker.source_finished, timeout=WAIT_MS):
        assert worker.start(feed_only=True)
    with qtbot.waitSignal(worker.sync_failed, timeout=WAIT_MS) as failed:
        worker.cancel()
    assert "stopped" in failed.args[0]
    assert not worker.is_running()
    assert record.of("busy_changed") == [True, False]
    assert record.names()[-3:] == ["busy_changed", "sync_cancelled", "sync_failed"]
    assert record.of("sync_finished") == []
    # What the fast source brought before the cancel is kept.
    with Library(data_dir) as lib:
        assert lib.stats().articles == 2


def test_shutdown_stops_a_running_sync(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    server.route("/drip.xml", helpers.drip(100_000, delay_s=0.5))
    subscribe(data_dir, server.url("/drip.xml"))
    with qtbot.waitSignal(worker.sync_started, timeout=WAIT_MS):
        assert worker.start(feed_only=True)
    worker.shutdown()
    assert not worker.is_running()
    assert not worker.start(), "no sync starts once the application quits"


def test_offline_is_said_once_and_online_again_after_a_sync_that_reached_a_source(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    port = closed_port()
    subscribe(data_dir, f"http://127.0.0.1:{port}/a.xml", f"http://127.0.0.1:{port}/b.xml")
    record = Recorder(worker)

    first = run_sync(qtbot, worker, feed_only=True)
    assert (first.sources, first.failed, first.offline) == (2, 2, True)
    errors = [p.error for p in record.of("source_finished")]  # type: ignore[union-attr]
    assert all(is_connection_error(error) for error in errors), errors
    assert worker.is_offline()
    second = run_sync(qtbot, worker, feed_only=True)
    assert second.offline
    assert record.names().count("went_offline") == 1
    assert record.of("came_online") == []

    [good] = subscribe(data_dir, serve_feed(server, "back", 1))
    with qtbot.waitSignal(worker.came_online, timeout=WAIT_MS):
        assert worker.start(sources=[good], feed_only=True)
    assert not worker.is_offline()
    assert record.names().count("came_online") == 1


def test_a_sync_starts_on_its_own_when_scheduled(
    qtbot: QtBot, worker: SyncWorker, server: LocalServer, data_dir: Path
) -> None:
    subscribe(data_dir, serve_feed(server, "one", 1))
    worker.set_interval(30)
    assert worker.interval_minutes() == 30
    worker.set_interval(0)
    assert worker.interval_minutes() == 0
    with qtbot.waitSignal(worker.sync_finished, timeout=WAIT_MS):
        worker.schedule_on_start(0)


# --- the command and the stream ------------------------------------------------------


def test_sync_command_runs_the_reader_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync = ["--data-dir", str(tmp_path), "--error-format", "json", "sync"]
    sync += ["--progress", "jsonl", "--low-priority"]
    program, arguments = sync_command(tmp_path, sources=[3, 7], feed_only=True)
    assert program == sys.executable
    assert arguments == ["-m", "reader", *sync, "--source", "3", "--source", "7", "--feed-only"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert sync_command(tmp_path) == (sys.executable, sync)
    assert sync_command(tmp_path, images=False)[1][-1] == "--no-images"


def test_the_parser_joins_lines_split_across_reads_and_skips_junk() -> None:
    started = {"event": "started", "total": 2, "done": 0}
    done = {"event": "source_done", "source_id": 1, "title": "صحيفة الواحة", "new": 3}
    stream = (
        json.dumps(started).encode()
        + b"\n"
        + b"not json at all\n"
        + b"\n"
        + b"[1, 2, 3]\n"
        + b'{"no_event": true}\n'
        + b"\xff\xfe broken utf-8\n"
        + json.dumps(done, ensure_ascii=False).encode()
        + b"\n"
        + b'{"event": "finished", "sources": 2}'  # the last line lacks its newline
    )
    for size in (1, 2, 3, 7, len(stream)):
        parser = JsonLinesParser()
        events = []
        for at in range(0, len(stream), size):  # cuts fall inside Arabic letters too
            events += parser.feed(stream[at : at + size])
        assert events == [started, done]
        assert parser.finish() == [{"event": "finished", "sources": 2}]
        assert parser.finish() == []


def test_the_parser_drops_an_endless_line_and_reads_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_progress, "MAX_LINE_BYTES", 100)
    parser = JsonLinesParser()
    assert parser.feed(b'{"event": "started"' + b" " * 150) == []
    assert parser.feed(b" " * 150 + b'}\n{"event": "finished"}\n') == [{"event": "finished"}]


def test_events_become_values_even_when_fields_are_missing_or_odd() -> None:
    failed = progress_from_event(
        {"event": "source_failed", "source_id": 4, "title": "x", "error": "boom", "new": "3"}
    )
    assert failed == SourceProgress(4, "x", "failed", error="boom")
    done = progress_from_event(
        {"event": "source_done", "source_id": 2, "status": "unchanged", "elapsed_s": 1.25}
    )
    assert (done.status, done.title, done.elapsed_s, done.failed) == ("unchanged", "", 1.25, False)
    summary = summary_from_event({"event": "finished", "sources": 3, "new": 5, "elapsed_s": 2})
    assert summary == SyncSummary(sources=3, new=5, elapsed_s=2.0)


def test_connection_errors_are_told_from_server_errors() -> None:
    offline = [
        "Could not connect to news.example; check the address and the connection.",
        "Could not connect to news.example: it did not answer in time.",
        "news.example took longer than 30 seconds to answer.",
        "news.example stopped answering in the middle of a download.",
    ]
    online = [
        "news.example answered 500 Internal Server Error.",
        "news.example says this feed is gone for good (410).",
        None,
    ]
    assert all(is_connection_error(e) for e in offline)
    assert not any(is_connection_error(e) for e in online)
    unreachable = [SourceProgress(n, "t", "failed", error=e) for n, e in enumerate(offline)]
    assert not reached_any(unreachable)
    assert reached_any([*unreachable, SourceProgress(9, "t", "failed", error=online[0])])
    assert reached_any([SourceProgress(9, "t", "unchanged")])


def test_stderr_keeps_its_last_lines() -> None:
    tail = StderrTail()
    tail.feed("".join(f"line {n}\n" for n in range(30)).encode())
    tail.feed(b"khabar: A sync of this library is running ")
    tail.feed(b"already; wait for it to end.")
    tail.finish()
    assert len(tail.lines()) == sync_progress.STDERR_LINES
    assert tail.last_line() == "A sync of this library is running already; wait for it to end."


def test_the_qt_binding_keeps_true_and_none_alive() -> None:
    # PySide6 6.12.0 on Python 3.11 took a reference to True at every emit and one
    # to None at every call returning None, until Python aborted: pyproject pins below it.
    class Probe(QObject):
        fired = Signal(bool)

    probe = Probe()
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        probe.fired.emit(True)
        probe.setObjectName("probe")
    assert before_true - sys.getrefcount(True) < 100
    assert before_none - sys.getrefcount(None) < 100


def test_what_khabar_told_on_stderr_is_read_in_both_forms() -> None:
    from reader.cli_output import told

    said = told(
        '{"error": "x.example answered 500 Oops.", "template": "{where} answered {code} {reason}.",'
        ' "values": {"where": "x.example", "code": 500, "reason": "Oops"}}'
    )
    assert said.english == "x.example answered 500 Oops."
    assert said.template == "{where} answered {code} {reason}."
    assert said.values == {"where": "x.example", "code": 500, "reason": "Oops"}
    assert told("khabar: A plain sentence.").english == "A plain sentence."
    assert told("{not json").english == "{not json"
    assert told('{"no": "error"}').template == ""

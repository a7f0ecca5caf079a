"""``SyncWorker``: runs ``khabar sync --progress jsonl`` as a child process for the window.

The sync runs in its own process (the same entry as the command line), so
parsing cannot stall the window through the GIL and a crash in a parser
cannot take it down. This module reads the child's JSON lines as they come
and turns them into frozen values sent through signals; it never touches a
widget, never waits on the child in the GUI thread (except briefly when the
application quits) and never calls ``processEvents``.

The pure parts (``JsonLinesParser``, ``progress_from_event``,
``summary_from_event``, ``is_connection_error``) hold no Qt state and are
tested on their own.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QObject,
    QProcess,
    QProcessEnvironment,
    QTimer,
    Signal,
)

from reader.ui.tasks import khabar_command

# Lines of the child's stderr kept for error messages: the last one says why it stopped.
STDERR_LINES = 20
# A line longer than this is not one of ours: it is dropped rather than buffered for ever.
MAX_LINE_BYTES = 1 << 20
# How long a cancelled child gets to stop on SIGINT before it is terminated, then killed.
CANCEL_GRACE_MS = 5_000
KILL_GRACE_MS = 3_000
# When the application quits, how long it waits for a cancelled sync at most.
SHUTDOWN_WAIT_MS = 3_000
# What the child prints on stderr when another sync holds the library's lock.
_RUNNING_ALREADY = "running already"
# The FetchError sentences (reader.sync.fetcher) of a network that cannot be reached,
# and what the system's own errors say in the same case.
_CONNECTION_ERROR = re.compile(
    r"could not connect to|did not answer in time|took longer than .* seconds to answer"
    r"|stopped answering|name resolution|name or service not known|network is unreachable"
    r"|no route to host|timed out",
    re.IGNORECASE,
)


def sync_command(
    data_dir: Path, sources: Sequence[int] = (), feed_only: bool = False, images: bool = True
) -> tuple[str, list[str]]:
    """The program and arguments that run Khabar's own sync on ``data_dir``.

    A frozen (packaged) app is itself the ``khabar`` command; otherwise the
    interpreter running the window runs the ``reader`` package.
    """
    # Below normal priority: on two cores the sync's processes would otherwise
    # take the processor from the window for a tenth of a second at a time.
    arguments = ["sync", "--progress", "jsonl", "--low-priority"]
    for source_id in sources:
        arguments += ["--source", str(int(source_id))]
    if feed_only:
        arguments.append("--feed-only")
    if not images:
        arguments.append("--no-images")
    return khabar_command(data_dir, *arguments)


@dataclass(frozen=True, slots=True)
class SourceProgress:
    """How one source fared, as the child reported it."""

    source_id: int
    title: str
    status: str  # "updated", "unchanged" or "failed"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    images: int = 0
    error: str | None = None
    elapsed_s: float = 0.0

    @property
    def failed(self) -> bool:
        """Whether the source failed."""
        return self.status == "failed"


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a whole sync did; ``offline`` when no source could be reached at all."""

    sources: int
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    pages: int = 0
    images: int = 0
    elapsed_s: float = 0.0
    offline: bool = False


class JsonLinesParser:
    """Splits a byte stream into lines and reads each complete one as a JSON event.

    Reads may end anywhere, even inside a UTF-8 character: only whole lines
    are decoded. Lines that are not a JSON object with an ``event`` are
    skipped, so stray output of a library in the child does no harm.
    """

    def __init__(self) -> None:
        self._pending = bytearray()
        self._skipping = False  # inside an over-long line, dropped up to its end

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """The events whose lines ``data`` completes."""
        self._pending += data
        *lines, rest = bytes(self._pending).split(b"\n")
        self._pending = bytearray(rest)
        events = []
        for line in lines:
            if self._skipping:
                self._skipping = False
                continue
            if (event := parse_event(line)) is not None:
                events.append(event)
        if len(self._pending) > MAX_LINE_BYTES:
            self._pending.clear()
            self._skipping = True
        return events

    def finish(self) -> list[dict[str, Any]]:
        """The event on a last line without a newline, if any; the parser is then empty."""
        rest, skipping = bytes(self._pending), self._skipping
        self._pending.clear()
        self._skipping = False
        event = None if skipping else parse_event(rest)
        return [] if event is None else [event]


def parse_event(line: bytes) -> dict[str, Any] | None:
    """One line of ``--progress jsonl`` as a dict, or None when it is not an event."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(value, dict) and isinstance(value.get("event"), str):
        return value
    return None


def _int(event: dict[str, Any], key: str) -> int:
    value = event.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _float(event: dict[str, Any], key: str) -> float:
    value = event.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return 0.0


def progress_from_event(event: dict[str, Any]) -> SourceProgress:
    """A ``source_done`` or ``source_failed`` event as a ``SourceProgress``."""
    failed = event.get("event") == "source_failed"
    status = event.get("status")
    error = event.get("error")
    return SourceProgress(
        source_id=_int(event, "source_id"),
        title=str(event.get("title") or ""),
        status="failed" if failed else str(status or "updated"),
        new=_int(event, "new"),
        updated=_int(event, "updated"),
        unchanged=_int(event, "unchanged"),
        pages=_int(event, "pages"),
        images=_int(event, "images"),
        error=str(error) if error else None,
        elapsed_s=_float(event, "elapsed_s"),
    )


def summary_from_event(event: dict[str, Any], offline: bool = False) -> SyncSummary:
    """A ``finished`` event as a ``SyncSummary``."""
    return SyncSummary(
        sources=_int(event, "sources"),
        new=_int(event, "new"),
        updated=_int(event, "updated"),
        unchanged=_int(event, "unchanged"),
        failed=_int(event, "failed"),
        pages=_int(event, "pages"),
        images=_int(event, "images"),
        elapsed_s=_float(event, "elapsed_s"),
        offline=offline,
    )


def is_connection_error(error: str | None) -> bool:
    """Whether a source's error says the network, not the server, failed."""
    return bool(error) and _CONNECTION_ERROR.search(error or "") is not None


def reached_any(results: Sequence[SourceProgress]) -> bool:
    """Whether any source answered: it worked, or failed for a reason other than the network."""
    return any(not (r.failed and is_connection_error(r.error)) for r in results)


class SyncWorker(QObject):
    """Runs syncs of one library in a child process, one at a time, and reports on them.

    Signals:
        sync_started(int): the child began a sync of this many sources.
        source_finished(object): a ``SourceProgress`` for each source, as it ends.
        sync_finished(object): a ``SyncSummary``; the sync ran (sources may have failed).
        sync_failed(str): the sync could not run or ended before its end; a sentence for users.
        sync_cancelled(): the sync stopped because ``cancel()`` asked (what it stored is
            kept); ``sync_failed`` follows, so that listeners of that one see the end too.
        busy_changed(bool): a sync began (True) or ended in any way (False).
        went_offline(): a sync reached no source for want of a network (once per spell).
        came_online(): after ``went_offline``, a sync reached a source again.
    """

    sync_started = Signal(int)
    source_finished = Signal(object)
    sync_finished = Signal(object)
    sync_failed = Signal(str)
    sync_cancelled = Signal()
    busy_changed = Signal(bool)
    went_offline = Signal()
    came_online = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._process: QProcess | None = None
        self._parser = JsonLinesParser()
        self._stderr = StderrTail()
        self._results: list[SourceProgress] = []
        self._finished_event: dict[str, Any] | None = None
        self._cancelling = False
        self._terminated = False  # a cancelled child was sent SIGTERM (next: kill)
        self._offline = False
        self._closed = False
        self._escalation = QTimer(self)
        self._escalation.setSingleShot(True)
        self._escalation.timeout.connect(self._escalate)
        self._feed_only, self._images = False, True
        self._interval = QTimer(self)
        self._interval.timeout.connect(self._start_when_due)
        self._on_start = QTimer(self)
        self._on_start.setSingleShot(True)
        self._on_start.timeout.connect(self._start_when_due)

    # --- control ----------------------------------------------------------------------

    def set_options(self, feed_only: bool = False, images: bool = True) -> None:
        """How the syncs started without options (timed ones included) run."""
        self._feed_only, self._images = feed_only, images

    def start(
        self,
        sources: Sequence[int] = (),
        feed_only: bool | None = None,
        images: bool | None = None,
    ) -> bool:
        """Start a sync (of the due sources, or of ``sources``); False if one is running.

        ``feed_only`` and ``images`` default to what ``set_options`` chose.
        """
        if self._process is not None or self._closed:
            return False
        program, arguments = sync_command(
            self.data_dir,
            sources,
            self._feed_only if feed_only is None else feed_only,
            self._images if images is None else images,
        )
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONIOENCODING", "utf-8")  # the JSON lines carry Arabic titles
        process.setProcessEnvironment(environment)
        process.setProgram(program)
        process.setArguments(arguments)
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._parser = JsonLinesParser()
        self._stderr = StderrTail()
        self._results = []
        self._finished_event = None
        self._cancelling = False
        self.busy_changed.emit(True)
        process.start()
        return True

    def cancel(self) -> None:
        """Ask a running sync to stop; it keeps what it stored. Does not wait."""
        process = self._process
        if process is None or self._cancelling:
            return
        self._cancelling = True
        pid = process.processId()
        if sys.platform != "win32" and pid > 0:
            # SIGINT lets the child end its transaction and exit 130, as Ctrl+C would.
            try:
                os.kill(pid, signal.SIGINT)
            except ProcessLookupError:
                return  # it is ending on its own; finished follows
            self._escalation.start(CANCEL_GRACE_MS)
        else:
            self._escalate()

    def is_running(self) -> bool:
        """Whether a sync is running."""
        return self._process is not None

    def is_offline(self) -> bool:
        """Whether the last sync that tried any source reached none for want of a network."""
        return self._offline

    def pid(self) -> int | None:
        """The running child's process id, or None."""
        if self._process is None:
            return None
        return int(self._process.processId()) or None

    def set_interval(self, minutes: int) -> None:
        """Start a sync every ``minutes`` (when none is running); 0 stops the timer."""
        if minutes <= 0:
            self._interval.stop()
            return
        self._interval.start(minutes * 60_000)

    def interval_minutes(self) -> int:
        """The automatic sync's interval in minutes; 0 when off."""
        return self._interval.interval() // 60_000 if self._interval.isActive() else 0

    def schedule_on_start(self, delay_ms: int = 3_000) -> None:
        """Start a sync once, ``delay_ms`` from now, so the window shows first."""
        self._on_start.start(max(delay_ms, 0))

    def shutdown(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Stop the timers and any running sync (waiting ``wait_ms`` at most); no sync starts after.

        Only for the application's end: it blocks the calling thread briefly.
        """
        self._closed = True
        self._interval.stop()
        self._on_start.stop()
        process = self._process
        if process is None:
            return
        self.cancel()
        if not process.waitForFinished(wait_ms):
            process.kill()
            process.waitForFinished(1_000)

    # --- the child --------------------------------------------------------------------

    def _start_when_due(self) -> None:
        if not self.is_running():
            self.start()

    def _escalate(self) -> None:
        """A cancelled child that outlives its grace: terminate it, then kill it."""
        process = self._process
        if process is None:
            return
        if self._terminated:
            process.kill()
            return
        self._terminated = True
        process.terminate()
        self._escalation.start(KILL_GRACE_MS)

    def _read_stdout(self) -> None:
        if self._process is None:
            return
        for event in self._parser.feed(bytes(self._process.readAllStandardOutput().data())):
            self._handle(event)

    def _read_stderr(self) -> None:
        if self._process is None:
            return
        self._stderr.feed(bytes(self._process.readAllStandardError().data()))

    def _handle(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "started":
            self.sync_started.emit(_int(event, "total"))
        elif kind in ("source_done", "source_failed"):
            progress = progress_from_event(event)
            self._results.append(progress)
            self.source_finished.emit(progress)
        elif kind == "finished":
            self._finished_event = event

    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Only a child that never started ends here; every other ending comes to finished.
        if error is QProcess.ProcessError.FailedToStart and self._process is not None:
            reason = self._process.errorString()
            self._end()
            self.sync_failed.emit(
                self.tr("Khabar could not start its sync program: %1").replace("%1", reason),
            )

    def _on_finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        if self._process is None:
            return
        self._read_stdout()
        self._read_stderr()
        for event in self._parser.finish():
            self._handle(event)
        self._stderr.finish()
        finished, results, cancelling = self._finished_event, self._results, self._cancelling
        crashed = exit_status is QProcess.ExitStatus.CrashExit
        last_error = self._stderr.last_line()
        self._end()
        if finished is not None:
            self._report(finished, results)
        elif cancelling:
            self.sync_cancelled.emit()
            self.sync_failed.emit(
                self.tr("The sync was stopped; the articles it had saved are kept."),
            )
        else:
            self.sync_failed.emit(self._failure(exit_code, crashed, last_error))

    def _end(self) -> None:
        """Forget the child (it has ended) and say the worker is idle."""
        process, self._process = self._process, None
        self._escalation.stop()
        self._terminated = False
        self._cancelling = False
        if process is not None:
            process.deleteLater()
        self.busy_changed.emit(False)

    def _report(self, finished: dict[str, Any], results: list[SourceProgress]) -> None:
        offline = bool(results) and not reached_any(results)
        self.sync_finished.emit(summary_from_event(finished, offline=offline))
        if offline and not self._offline:
            self._offline = True
            self.went_offline.emit()
        elif results and not offline and self._offline:
            self._offline = False
            self.came_online.emit()

    def _failure(self, exit_code: int, crashed: bool, last_error: str) -> str:
        """A sentence for a sync that did not run to its end."""
        if not crashed and exit_code == 1 and _RUNNING_ALREADY in last_error:
            return self.tr(
                "Another sync of this library is running already; try again when it has ended."
            )
        if not crashed and exit_code == 1 and last_error:
            return self.tr("The sync could not run: %1").replace("%1", last_error)
        if not crashed and exit_code == 130:
            return self.tr("The sync was interrupted; the articles it had saved are kept.")
        if last_error:
            return self.tr(
                "The sync stopped unexpectedly (%1); the articles it had saved are kept."
            ).replace("%1", last_error)
        return self.tr("The sync stopped unexpectedly; the articles it had saved are kept.")


class StderrTail:
    """The last lines the child wrote on stderr, for error messages."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self._lines: deque[str] = deque(maxlen=STDERR_LINES)

    def feed(self, data: bytes) -> None:
        """Take more of the stream; complete lines are kept, the last ``STDERR_LINES`` of them."""
        self._pending += data
        *lines, rest = bytes(self._pending).split(b"\n")
        self._pending = bytearray(rest[-MAX_LINE_BYTES:])
        for line in lines:
            self._keep(line)

    def finish(self) -> None:
        """Keep a last line that has no newline."""
        self._keep(bytes(self._pending))
        self._pending.clear()

    def lines(self) -> list[str]:
        """The lines kept, oldest first."""
        return list(self._lines)

    def last_line(self) -> str:
        """The last non-empty line, without the ``khabar: `` prefix; "" when there is none."""
        return self._lines[-1].removeprefix("khabar: ") if self._lines else ""

    def _keep(self, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").strip()
        if text:
            self._lines.append(text)

"""``SyncWorker``: runs ``khabar sync --progress jsonl`` as a child process for the window.

The sync runs in its own process (the same entry as the command line), so
parsing cannot stall the window through the GIL and a crash in a parser
cannot take it down. This module reads the child's JSON lines as they come
and turns them into frozen values sent through signals; it never touches a
widget, never waits on the child in the GUI thread (except briefly when the
application quits) and never calls ``processEvents``.

Reading the child's lines, events and errors is in
``reader.ui.sync_progress``, without Qt.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QObject,
    QProcess,
    QTimer,
    Signal,
)

from reader.cli_output import Told
from reader.sync.lock import RUNNING_ALREADY
from reader.ui.core_messages import say_told
from reader.ui.sync_progress import (
    CANCEL_GRACE_MS,
    KILL_GRACE_MS,
    SHUTDOWN_WAIT_MS,
    JsonLinesParser,
    SourceProgress,
    StderrTail,
    event_int,
    progress_from_event,
    reached_any,
    summary_from_event,
)
from reader.ui.tasks import khabar_command, khabar_process


def sync_command(
    data_dir: Path, sources: Sequence[int] = (), feed_only: bool = False, images: bool = True
) -> tuple[str, list[str]]:
    """The program and arguments of the window's sync on ``data_dir`` (see ``khabar_command``)."""
    # Below normal priority: on two cores the sync's processes would otherwise
    # take the processor from the window for a tenth of a second at a time.
    arguments = ["--error-format", "json", "sync", "--progress", "jsonl", "--low-priority"]
    for source_id in sources:
        arguments += ["--source", str(int(source_id))]
    if feed_only:
        arguments.append("--feed-only")
    if not images:
        arguments.append("--no-images")
    return khabar_command(data_dir, *arguments)


class SyncWorker(QObject):
    """Runs syncs of one library in a child process, one at a time, and reports on them.

    Signals:
        sync_requested(object): a sync was launched, of these source ids (a tuple; empty
            for every due source), before the child reports anything.
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

    sync_requested = Signal(object)
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
        process = khabar_process(self, program, arguments)
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
        self.sync_requested.emit(tuple(sources))
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
            self.sync_started.emit(event_int(event, "total"))
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
        last = self._stderr.last_told()
        self._end()
        if finished is not None:
            self._report(finished, results)
        elif cancelling:
            self.sync_cancelled.emit()
            self.sync_failed.emit(
                self.tr("The sync was stopped; the articles it had saved are kept."),
            )
        else:
            self.sync_failed.emit(self._failure(exit_code, crashed, last))

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

    def _failure(self, exit_code: int, crashed: bool, last: Told) -> str:
        """A sentence for a sync that did not run to its end."""
        # Recognised by its template (the child tells failures as JSON), not by its words.
        if not crashed and exit_code == 1 and last.template == RUNNING_ALREADY:
            return self.tr(
                "Another sync of this library is running already; try again when it has ended."
            )
        last_error = say_told(last)
        if not crashed and exit_code == 1 and last_error:
            return self.tr("The sync could not run: %1").replace("%1", last_error)
        if not crashed and exit_code == 130:
            return self.tr("The sync was interrupted; the articles it had saved are kept.")
        if last_error:
            return self.tr(
                "The sync stopped unexpectedly (%1); the articles it had saved are kept."
            ).replace("%1", last_error)
        return self.tr("The sync stopped unexpectedly; the articles it had saved are kept.")

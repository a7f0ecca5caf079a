"""Searching as the reader types: debounced, off the GUI thread, only the latest query answered.

``SearchRunner`` waits until typing pauses, runs ``Library.search`` on a pool
thread and brings the results back to the GUI thread through a queued
signal. Every request (and ``cancel``) starts a new generation; results of an
older generation are dropped, so a slow query never overwrites a newer one.
The worker only calls the library and emits plain data: it touches no widget.
"""

from __future__ import annotations

import contextlib
import logging
from typing import NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from reader.errors import ReaderError
from reader.library import Library
from reader.types import SearchResult
from reader.ui.core_messages import say_error

RESULT_LIMIT = 200
_log = logging.getLogger(__name__)


class _Request(NamedTuple):
    generation: int
    query: str
    category_id: int | None
    source_id: int | None
    bookmarked: bool


class SearchRunner(QObject):
    """Runs the reader's searches in the background, one at a time, newest wins.

    Signals:
        results_ready(str, list): a query and its ``list[SearchResult]``, best first.
        search_failed(str, str): a query and the sentence saying why it cannot be run.
    """

    results_ready = Signal(str, list)
    search_failed = Signal(str, str)
    # From the pool thread to this object's thread (queued: the emitter is another thread).
    _answered = Signal(int, str, object)  # generation, query, list of results or a message

    def __init__(
        self, library: Library, delay_ms: int = 250, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._generation = 0
        self._pending: _Request | None = None
        # One query at a time: a superseded query still queued is dropped, never run.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(delay_ms, 0))
        self._timer.timeout.connect(self._start)
        self._answered.connect(self._deliver)

    def search(
        self,
        query: str,
        category_id: int | None = None,
        *,
        source_id: int | None = None,
        bookmarked: bool = False,
    ) -> None:
        """Search for ``query`` once typing pauses; a blank query only cancels."""
        self.cancel()
        if not query.strip():
            return
        self._pending = _Request(self._generation, query, category_id, source_id, bookmarked)
        self._timer.start()

    def cancel(self) -> None:
        """Forget the waiting query and drop the answer of any query running."""
        self._generation += 1
        self._pending = None
        self._timer.stop()
        self._pool.clear()

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Wait for a running query to finish (at shutdown); False if ``msecs`` ran out."""
        return self._pool.waitForDone(msecs)

    def _start(self) -> None:
        request, self._pending = self._pending, None
        if request is not None:  # search() cleared the pool of older queries
            self._pool.start(_SearchTask(self, request))

    def _run(self, request: _Request) -> None:
        """Run one query; called on the pool thread."""
        answer: list[SearchResult] | str
        try:
            answer = self._library.search(
                request.query,
                limit=RESULT_LIMIT,
                category_id=request.category_id,
                source_id=request.source_id,
                bookmarked=request.bookmarked,
            )
        except ReaderError as exc:
            answer = say_error(exc)  # in the interface's language
        except Exception as exc:  # a bug must not leave the search box waiting for ever
            _log.exception("search for %r failed", request.query)
            answer = f"{type(exc).__name__}: {exc}"
        # The runner may have been deleted while the query ran: then nobody is waiting for it.
        with contextlib.suppress(RuntimeError):
            self._answered.emit(request.generation, request.query, answer)

    def _deliver(self, generation: int, query: str, answer: object) -> None:
        if generation != self._generation:
            return
        if isinstance(answer, list):
            self.results_ready.emit(query, answer)
        else:
            message = str(answer) or self.tr("The search could not be run.")
            self.search_failed.emit(query, message)


class _SearchTask(QRunnable):
    def __init__(self, runner: SearchRunner, request: _Request) -> None:
        super().__init__()
        self._runner = runner
        self._request = request

    def run(self) -> None:
        self._runner._run(self._request)  # the task is the runner's own half

"""Work off the GUI thread: functions on Qt's thread pool, and ``khabar`` as a child process.

``run_task`` is for library work that may take longer than a frame or
parses files (importing OPML, removing old articles, the first run's welcome
articles): the function runs on a pool thread and must not touch widgets; its
result or its error comes back to the GUI thread through a queued signal.
``khabar_command`` is how the window runs Khabar's own commands (sync, add)
in a child process, so that network and parsing never share its GIL.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QRunnable, QThreadPool, Signal

from reader.errors import ReaderError
from reader.ui.core_messages import say_error

_running: set[Task] = set()


def khabar_process(parent: QObject, program: str, arguments: list[str]) -> QProcess:
    """A QProcess, not started yet, that runs ``khabar`` (see ``khabar_command``).

    It speaks UTF-8 whatever the system's locale: its lines carry Arabic.
    """
    process = QProcess(parent)
    environment = QProcessEnvironment.systemEnvironment()
    environment.insert("PYTHONIOENCODING", "utf-8")
    process.setProcessEnvironment(environment)
    process.setProgram(program)
    process.setArguments(arguments)
    return process


def khabar_command(data_dir: Path, *args: str) -> tuple[str, list[str]]:
    """The program and arguments that run ``khabar`` on ``data_dir`` in a child process.

    A frozen (packaged) app is itself the ``khabar`` program; otherwise the
    interpreter runs the package, which works from a checkout and a wheel alike.
    On Windows the window's program has no console, hence no standard output
    to report on: the bundle's ``khabar-cli.exe``, beside it, runs the child.
    """
    if not getattr(sys, "frozen", False):
        return sys.executable, ["-m", "reader", "--data-dir", str(data_dir), *args]
    program = Path(sys.executable)
    console = program.with_name(f"{program.stem}-cli{program.suffix}")
    if sys.platform == "win32" and console.is_file():
        program = console
    return str(program), ["--data-dir", str(data_dir), *args]


class Task(QObject):
    """One function run on the thread pool.

    Signals:
        finished(object): the function's result.
        failed(str): a ``ReaderError``'s sentence, or a short note of an unexpected error.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def start(self, pool: QThreadPool | None = None) -> None:
        """Queue the function; the signals arrive on this object's thread."""
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def _run(self) -> None:
        try:
            result = self._fn()
        except ReaderError as exc:
            self.failed.emit(say_error(exc))  # translate() is thread-safe
        except Exception as exc:  # a bug must not vanish silently on a pool thread
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``fn`` on the pool, then ``on_done(result)`` or ``on_error(message)`` in the GUI.

    ``pool`` is Qt's global pool unless given (a pool of one thread runs its
    tasks in the order they were given).
    """
    task = Task(fn, parent)
    _running.add(task)  # a task without a parent must outlive this call
    task.finished.connect(lambda _result: _running.discard(task))
    task.failed.connect(lambda _message: _running.discard(task))
    if on_done is not None:
        task.finished.connect(on_done)
    if on_error is not None:
        task.failed.connect(on_error)
    task.finished.connect(task.deleteLater)
    task.failed.connect(task.deleteLater)
    task.start(pool)
    return task

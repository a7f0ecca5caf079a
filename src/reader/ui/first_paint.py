"""A probe for the benchmarks: tell when the window first shows a filled article list, then quit.

With ``KHABAR_FIRST_PAINT_PROBE=1`` in its environment, ``khabar`` prints one
JSON object on stdout once the article list has painted with rows in it
(``first_paint_ms`` since the kernel started the process, ``rss_mb``,
``peak_rss_mb``, ``rows``) and quits; with status 3 after a minute without.
It is how ``bench_ui.py`` and ``bench_package.py`` time the same first paint
in a source install and in an installed package, from outside. Linux only
(it reads ``/proc``); elsewhere the variable is ignored.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "KHABAR_FIRST_PAINT_PROBE"
GIVE_UP_MS = 60_000  # a window that never fills its list fails the measure, not hangs it


def wanted() -> bool:
    """Whether this process was asked to report its first paint (and can)."""
    return os.environ.get(PROBE_ENV) == "1" and Path("/proc/self/stat").is_file()


def since_process_start_ms() -> float:
    """Milliseconds since the kernel started this process (to the 10 ms of its clock tick)."""
    stat = Path("/proc/self/stat").read_text()
    start_ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, starttime
    started = start_ticks / os.sysconf("SC_CLK_TCK")
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000


def status_mb(field: str) -> float:
    """A size from ``/proc/self/status`` (``VmRSS``: resident now, ``VmHWM``: peak), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


class FirstPaint(QObject):
    """Watches every event of the application for the article list's first filled paint."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._rows = 0
        # The list's class, imported here: the window imports this module at every start.
        from reader.ui.article_delegate import ArticleListView  # noqa: PLC0415

        self._list_class = ArticleListView
        app.installEventFilter(self)
        QTimer.singleShot(GIVE_UP_MS, self, lambda: app.exit(3))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the list's viewport paints with rows in it, report on the next turn."""
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            view = watched.parent()
            if isinstance(view, self._list_class) and view.model().rowCount() > 0:
                self._rows = view.model().rowCount()
                self._app.removeEventFilter(self)
                QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        figures = {
            "first_paint_ms": since_process_start_ms(),
            "rss_mb": status_mb("VmRSS"),
            "peak_rss_mb": status_mb("VmHWM"),
            "rows": self._rows,
        }
        sys.stdout.write(json.dumps(figures) + "\n")
        sys.stdout.flush()
        self._app.exit(0)

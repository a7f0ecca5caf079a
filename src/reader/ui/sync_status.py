"""The sync's corner of the status bar: its progress, a cancel button and "Offline".

``SyncStatus`` follows a ``SyncWorker`` by itself: the bar and the cancel
button show while a sync runs, the bar moves as sources finish (repainted at
most every 100 ms, not once per source), and "Offline" stays from the sync
that found no source reachable until one is reached again. What the sync
brought (the list, the counts, the messages) is the window's business.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from reader.ui.sync_progress import SourceProgress
from reader.ui.sync_worker import SyncWorker

_PROGRESS_TICK_MS = 100


class SyncStatus(QWidget):
    """The progress bar, its cancel button and the offline mark of one ``SyncWorker``."""

    def __init__(self, worker: SyncWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offline_label = QLabel(self.tr("Offline"))
        self.offline_label.setToolTip(
            self.tr("No source could be reached: everything saved stays readable.")
        )
        self.offline_label.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("%v of %m sources"))
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the sync"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offline_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self._done = 0
        self._tick = QTimer(self, singleShot=True, interval=_PROGRESS_TICK_MS)
        self._tick.timeout.connect(lambda: self.progress.setValue(self._done))
        self._show_progress(False)

        self.cancel_button.clicked.connect(worker.cancel)
        worker.sync_started.connect(self._on_started)
        worker.source_finished.connect(self._on_source_finished)
        worker.sync_finished.connect(lambda _summary: self._show_progress(False))
        worker.sync_failed.connect(lambda _message: self._show_progress(False))
        worker.went_offline.connect(self.offline_label.show)
        worker.came_online.connect(self.offline_label.hide)

    def _show_progress(self, shown: bool) -> None:
        self.progress.setVisible(shown)
        self.cancel_button.setVisible(shown)

    def _on_started(self, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._done = 0
        self._show_progress(True)

    def _on_source_finished(self, _progress: SourceProgress) -> None:
        self._done += 1
        if not self._tick.isActive():
            self._tick.start()  # a bar repaints at once: once per tick, not per source

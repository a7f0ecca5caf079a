"""The add-source dialog: a feed's address, or any page of a site, and a category.

It never touches the network itself: discovery and the subscription run in
the real ``khabar add`` as a child process, so a slow or hostile site can
neither freeze the window nor take it down, and Cancel is a kill.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from reader.cli_output import told_in
from reader.errors import InvalidInputError
from reader.types import Category
from reader.ui.core_messages import say_error, say_told
from reader.ui.forms import named, text_width
from reader.ui.tasks import khabar_command, khabar_process
from reader.urls import check_feed_url


class AddSourceDialog(QDialog):
    """Subscribe to a feed, or to a site from any of its pages.

    "Add" runs ``khabar add`` in a child process; while it runs the dialog shows
    a busy bar and Cancel kills the child. A failure is shown inside the dialog,
    which stays open; a success emits ``source_added`` and accepts.

    Signals:
        source_added(str): a source was added; the sentence saying which feed was chosen.
        add_failed(str): adding failed (or the address was refused); the sentence shown.
        add_cancelled(): the user cancelled a running attempt; nothing was added.
    """

    source_added = Signal(str)
    add_failed = Signal(str)
    add_cancelled = Signal()

    def __init__(
        self,
        data_dir: Path,
        categories: Sequence[Category],
        language: str = "ar",
        parent: QWidget | None = None,
        *,
        category_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._process: QProcess | None = None
        self._cancelling = False
        self.setWindowTitle(self.tr("Add a source"))
        self.setMinimumWidth(text_width(self, 64))

        self._url = named(QLineEdit(), "url")
        self._url.setPlaceholderText(
            self.tr("https://example.com/feed.xml or any page of the site")
        )
        self._url.setAccessibleName(self.tr("Web address"))
        # Addresses are left to right whatever the interface's direction.
        self._url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._category = named(QComboBox(), "category")
        self._category.setAccessibleName(self.tr("Category"))
        self._category.addItem(self.tr("No category"), None)
        for category in categories:
            self._category.addItem(category.display_name(language), category.name)
            if category.id == category_id:
                self._category.setCurrentIndex(self._category.count() - 1)
        self._title = named(QLineEdit(), "title")
        self._title.setPlaceholderText(self.tr("The feed's own title"))
        self._title.setAccessibleName(self.tr("Title (optional)"))

        form = QFormLayout()
        form.addRow(self.tr("&Web address:"), self._url)
        form.addRow(self.tr("&Category:"), self._category)
        form.addRow(self.tr("&Title (optional):"), self._title)

        self._busy = named(QProgressBar(), "busy")
        self._busy.setRange(0, 0)  # no steps to count: a busy indicator
        self._busy.setTextVisible(False)
        self._busy.setAccessibleName(self.tr("Looking for the feed"))
        self._busy.hide()
        self._status = named(QLabel(), "status")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.setAccessibleName(self.tr("Status"))
        self._status.hide()

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._add = self._buttons.addButton(self.tr("&Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._add.setObjectName("add")
        self._add.setDefault(True)
        self._buttons.accepted.connect(self._start)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._busy)
        layout.addWidget(self._status)
        layout.addStretch()
        layout.addWidget(self._buttons)
        self._url.setFocus()

    def is_busy(self) -> bool:
        """Whether a ``khabar add`` is running (or being stopped)."""
        return self._process is not None

    def cancel(self) -> None:
        """Stop the running attempt, if any; ``add_cancelled`` follows when the child is gone."""
        if self._process is not None and not self._cancelling:
            self._cancelling = True
            self._show_status(self.tr("Cancelling…"))
            self._process.kill()

    def reject(self) -> None:
        """Cancel (and Escape) stop a running attempt first; only when idle do they close."""
        if self.is_busy():
            self.cancel()
        else:
            super().reject()

    def done(self, result: int) -> None:
        """Close; a child still running is killed, never left behind."""
        if self._process is not None:
            process, self._process = self._process, None
            process.finished.disconnect(self._on_finished)
            process.kill()
            # A killed child is gone within milliseconds; Qt warns about a QProcess
            # destroyed while it still runs.
            process.waitForFinished(2000)
        super().done(result)

    def _start(self) -> None:
        if self.is_busy():
            return
        url = self._checked_url()
        if url is None:
            return
        args = ["--error-format", "json", "add"]  # a failure comes back with its template
        category = self._category.currentData()
        if isinstance(category, str):
            args += ["--category", category]
        if title := " ".join(self._title.text().split()):
            args += ["--title", title]
        program, arguments = khabar_command(self._data_dir, *args, "--", url)

        process = khabar_process(self, program, arguments)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process, self._cancelling = process, False
        self._set_busy(True)
        self._show_status(self.tr("Looking for the feed at %1…").replace("%1", url))
        process.start()

    def _checked_url(self) -> str | None:
        """The address to add, a scheme supplied if missing; None (and a sentence) if refused."""
        url = self._url.text().strip()
        if not url:
            self._fail(self.tr("Type the address of a feed, or of any page of the site."))
            return None
        if "://" not in url:
            url = "https://" + url
            self._url.setText(url)
        try:
            url = check_feed_url(url)  # the library's own rule for a source's address
        except InvalidInputError as exc:
            self._fail(say_error(exc))
            return None
        return url

    def _on_finished(self, code: int, exit_status: QProcess.ExitStatus) -> None:
        process, cancelled = self._process, self._cancelling
        if process is None:
            return
        self._process, self._cancelling = None, False
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace").strip()
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        self._set_busy(False)
        # A kill that came after the child had committed still added the source.
        if exit_status == QProcess.ExitStatus.NormalExit and code == 0:
            self._show_status(out)
            self.source_added.emit(out)
            self.accept()
        elif cancelled:
            self._show_status(self.tr("Cancelled: nothing was added."))
            self.add_cancelled.emit()
        else:
            self._fail(self._error_sentence(err, code))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Only a child that never started gets no ``finished``; the others are handled there.
        if error != QProcess.ProcessError.FailedToStart or self._process is None:
            return
        process, self._process = self._process, None
        process.deleteLater()
        self._set_busy(False)
        self._fail(
            self.tr("Khabar could not start its helper: %1").replace("%1", process.errorString())
        )

    def _error_sentence(self, err: str, code: int) -> str:
        """The child's own sentence, in the interface's language when it can be; anything
        else (a crash's traceback) is not for the user.
        """
        found = told_in(err.splitlines())
        if found is not None:
            return say_told(found)
        return self.tr("Adding the source failed unexpectedly (status %1).").replace(
            "%1", str(code)
        )

    def _fail(self, sentence: str) -> None:
        self._show_status(sentence, error=True)
        self._url.setFocus()
        self._url.selectAll()
        self.add_failed.emit(sentence)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        palette = self.palette()
        if error:
            palette.setColor(QPalette.ColorRole.WindowText, _error_colour(palette))
        self._status.setPalette(palette)
        self._status.setText(text)
        self._status.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self._url, self._category, self._title, self._add):
            widget.setEnabled(not busy)
        self._busy.setVisible(busy)


def _error_colour(palette: QPalette) -> QColor:
    """A red that reads on the palette's background: darker on light themes, lighter on dark."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")

"""The window's dialogs: adding a source, the settings, and About.

``AddSourceDialog`` never touches the network itself: discovery and the
subscription run in the real ``khabar add`` as a child process, so a slow or
hostile site can neither freeze the window nor take it down, and Cancel is a
kill. The dialogs only edit values (``Settings``) or start that command; the
window saves settings and refreshes its views itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QProcess, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.errors import InvalidInputError
from reader.types import Category
from reader.ui.assets import INTERFACE_FAMILY, READING_FAMILY
from reader.ui.core_messages import say, say_told
from reader.ui.settings import MAX_READING_SIZE, MIN_READING_SIZE, Settings, Theme
from reader.ui.sync_progress import told
from reader.ui.tasks import khabar_command, khabar_process
from reader.urls import check_feed_url

_W = TypeVar("_W", bound=QWidget)

# What ``khabar`` puts before the sentence of a failure on stderr.
_ERROR_PREFIX = "khabar: "


def _named(widget: _W, name: str) -> _W:
    # Object names let the tests (and accessibility tools) find the inputs.
    widget.setObjectName(name)
    return widget


def _text_width(widget: QWidget, characters: int) -> int:
    # Minimum widths in characters of the widget's font, so they follow its size and script.
    return widget.fontMetrics().averageCharWidth() * characters


def _with_hint(field: QWidget, hint: str) -> QWidget:
    """``field`` with a quiet explanation under it, as one form field."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(hint)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout.addWidget(field)
    layout.addWidget(label)
    return box


def _heading(text: str) -> QLabel:
    """A section heading inside a form: the label's font, bold."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _add_row(form: QFormLayout, text: str, field: QWidget | QLayout, buddy: QWidget) -> None:
    """A form row whose label's mnemonic reaches ``buddy``.

    Used where the field is a container (an input and its hint, a row of
    widgets): ``addRow`` would give the label's mnemonic to no input at all.
    """
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)


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
        self.setMinimumWidth(_text_width(self, 64))

        self._url = _named(QLineEdit(), "url")
        self._url.setPlaceholderText(
            self.tr("https://example.com/feed.xml or any page of the site")
        )
        self._url.setAccessibleName(self.tr("Web address"))
        # Addresses are left to right whatever the interface's direction.
        self._url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._category = _named(QComboBox(), "category")
        self._category.setAccessibleName(self.tr("Category"))
        self._category.addItem(self.tr("No category"), None)
        for category in categories:
            self._category.addItem(category.display_name(language), category.name)
            if category.id == category_id:
                self._category.setCurrentIndex(self._category.count() - 1)
        self._title = _named(QLineEdit(), "title")
        self._title.setPlaceholderText(self.tr("The feed's own title"))
        self._title.setAccessibleName(self.tr("Title (optional)"))

        form = QFormLayout()
        form.addRow(self.tr("&Web address:"), self._url)
        form.addRow(self.tr("&Category:"), self._category)
        form.addRow(self.tr("&Title (optional):"), self._title)

        self._busy = _named(QProgressBar(), "busy")
        self._busy.setRange(0, 0)  # no steps to count: a busy indicator
        self._busy.setTextVisible(False)
        self._busy.setAccessibleName(self.tr("Looking for the feed"))
        self._busy.hide()
        self._status = _named(QLabel(), "status")
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
            self._fail(say(exc.template, exc.values, str(exc)))
            return None
        if any(c.isspace() for c in url):
            self._fail(self.tr("“%1” is not a web address.").replace("%1", url))
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
        for line in reversed(err.splitlines()):
            if line.startswith(("{", _ERROR_PREFIX)):
                return say_told(told(line))
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


class SettingsDialog(QDialog):
    """Edit the window's ``Settings``; ``settings()`` gives the edited value.

    Signals: none (the caller reads ``settings()`` once the dialog is accepted).
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = settings.clamped()
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(_text_width(self, 56))
        layout = QVBoxLayout(self)
        # One form, so that every field lines up in one column; headings part it.
        form = QFormLayout()
        layout.addLayout(form)
        self._add_sync_rows(form)
        self._add_reading_rows(form)
        self._add_appearance_rows(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show(self._original)

    def settings(self) -> Settings:
        """The settings as the widgets now say, clamped to their ranges."""
        old = self._original
        edited = replace(
            old,
            sync_interval_min=self._interval.value(),
            sync_on_start=self._on_start.isChecked(),
            full_text=self._full_text.isChecked(),
            cache_images=self._images.isChecked(),
            retention_days=self._retention.value(),
            reading_font=str(self._font.currentData()),
            theme=Theme(self._theme.currentData()),
            language=str(self._language.currentData()),
        )
        # Spin boxes round to what they show: an untouched one keeps the exact old value.
        if self._size.value() != self._shown_size:
            edited = replace(edited, reading_size=self._size.value())
        if self._delay.value() != self._shown_delay:
            edited = replace(edited, mark_read_delay_ms=round(self._delay.value() * 1000))
        return edited.clamped()

    def _add_sync_rows(self, form: QFormLayout) -> None:
        form.addRow(_heading(self.tr("Sync")))
        self._interval = _named(QSpinBox(), "sync_interval")
        self._interval.setRange(0, 24 * 60)
        self._interval.setSingleStep(5)
        self._interval.setSuffix(self.tr(" min"))
        self._interval.setSpecialValueText(self.tr("Never"))
        self._interval.setAccessibleName(self.tr("Sync every (minutes, 0 for never)"))
        form.addRow(self.tr("Sync &every:"), self._interval)
        self._on_start = _named(QCheckBox(self.tr("Sync when Khabar &starts")), "sync_on_start")
        form.addRow("", self._on_start)
        self._full_text = _named(
            QCheckBox(self.tr("Fetch the &whole article when a feed gives only a summary")),
            "full_text",
        )
        form.addRow("", self._full_text)
        self._images = _named(QCheckBox(self.tr("Save &images for reading offline")), "images")
        form.addRow("", self._images)
        self._retention = _named(QSpinBox(), "retention")
        self._retention.setRange(0, 3650)
        self._retention.setSuffix(self.tr(" days"))
        self._retention.setSpecialValueText(self.tr("Keep everything"))
        self._retention.setAccessibleName(self.tr("Keep articles for (days; 0 keeps them forever)"))
        _add_row(
            form,
            self.tr("&Keep articles for:"),
            _with_hint(self._retention, self.tr("Bookmarked articles are always kept.")),
            self._retention,
        )

    def _add_reading_rows(self, form: QFormLayout) -> None:
        form.addRow(_heading(self.tr("Reading")))
        self._font = _named(QComboBox(), "reading_font")
        self._font.setAccessibleName(self.tr("Reading font"))
        # The bundled face first: it is what "" means, and it reads best.
        self._font.addItem(self.tr("%1 (bundled)").replace("%1", READING_FAMILY), "")
        bundled = self._font.model().index(0, 0)
        self._font.model().setData(bundled, QFont(READING_FAMILY), Qt.ItemDataRole.FontRole)
        families = [INTERFACE_FAMILY]
        families += QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
        for family in dict.fromkeys(families):
            if family != READING_FAMILY:
                self._font.addItem(family, family)
        form.addRow(self.tr("Reading &font:"), self._font)
        self._size = _named(QDoubleSpinBox(), "reading_size")
        self._size.setRange(MIN_READING_SIZE, MAX_READING_SIZE)
        self._size.setDecimals(1)
        self._size.setSingleStep(0.5)
        self._size.setSuffix(self.tr(" pt"))
        self._size.setAccessibleName(self.tr("Reading size (points)"))
        form.addRow(self.tr("Reading si&ze:"), self._size)
        self._delay = _named(QDoubleSpinBox(), "mark_read_delay")
        self._delay.setRange(0.0, 60.0)
        self._delay.setDecimals(1)
        self._delay.setSingleStep(0.5)
        self._delay.setSuffix(self.tr(" s"))
        self._delay.setAccessibleName(self.tr("Mark as read after (seconds)"))
        _add_row(
            form,
            self.tr("&Mark as read after:"),
            _with_hint(
                self._delay, self.tr("How long an article stays open before it counts as read.")
            ),
            self._delay,
        )

    def _add_appearance_rows(self, form: QFormLayout) -> None:
        form.addRow(_heading(self.tr("Appearance")))
        self._theme = _named(QComboBox(), "theme")
        self._theme.setAccessibleName(self.tr("Theme"))
        self._theme.addItem(self.tr("Follow the system"), Theme.SYSTEM.value)
        self._theme.addItem(self.tr("Light"), Theme.LIGHT.value)
        self._theme.addItem(self.tr("Dark"), Theme.DARK.value)
        form.addRow(self.tr("&Theme:"), self._theme)
        self._language = _named(QComboBox(), "language")
        self._language.setAccessibleName(self.tr("Interface language"))
        self._language.addItem(self.tr("Follow the system"), "")
        # Each language is named in itself, so that a reader of it finds it.
        self._language.addItem("العربية", "ar")
        self._language.addItem("English", "en")
        _add_row(
            form,
            self.tr("Interface &language:"),
            _with_hint(self._language, self.tr("A new language applies after a restart.")),
            self._language,
        )

    def _show(self, settings: Settings) -> None:
        self._interval.setValue(settings.sync_interval_min)
        self._on_start.setChecked(settings.sync_on_start)
        self._full_text.setChecked(settings.full_text)
        self._images.setChecked(settings.cache_images)
        self._retention.setValue(settings.retention_days)
        if self._font.findData(settings.reading_font) < 0:
            self._font.addItem(settings.reading_font, settings.reading_font)  # not installed here
        self._font.setCurrentIndex(self._font.findData(settings.reading_font))
        self._size.setValue(settings.reading_size)
        self._shown_size = self._size.value()
        self._delay.setValue(settings.mark_read_delay_ms / 1000)
        self._shown_delay = self._delay.value()
        self._theme.setCurrentIndex(self._theme.findData(settings.theme.value))
        self._language.setCurrentIndex(self._language.findData(settings.language))


class AboutDialog(QDialog):
    """Khabar's name, version, licences and the data folder in use.

    Signals: none.
    """

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Khabar"))
        self.setMinimumWidth(_text_width(self, 56))

        name = _named(QLabel(self.tr("Khabar (خبر)")), "name")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        version = _named(QLabel(self.tr("Version %1").replace("%1", __version__)), "version")
        description = QLabel(self.tr("An offline news reader, Arabic first."))
        licence = QLabel(
            self.tr(
                "Khabar is free software under the GNU General Public License,"
                " version 3 or later (GPL-3.0-or-later)."
            )
        )
        fonts = QLabel(
            self.tr(
                "Its bundled fonts, Noto Naskh Arabic and Noto Sans Arabic, are under"
                " the SIL Open Font License 1.1."
            )
        )
        for label in (name, version, description, licence, fonts):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._folder = _named(QLineEdit(str(data_dir)), "data_dir")
        self._folder.setReadOnly(True)  # selectable and copyable, by mouse and keyboard
        self._folder.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._folder.setAccessibleName(self.tr("Data folder"))
        open_folder = QPushButton(self.tr("&Open"))
        open_folder.setAccessibleName(self.tr("Open the data folder"))
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir)))
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self._folder, 1)
        folder_row.addWidget(open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for label in (name, version, description, licence, fonts):
            layout.addWidget(label)
        # The path gets a line of its own: it is long, and a form column would squeeze it.
        folder_label = QLabel(self.tr("&Data folder:"))
        folder_label.setBuddy(self._folder)
        layout.addWidget(folder_label)
        layout.addLayout(folder_row)
        layout.addStretch()
        layout.addWidget(buttons)

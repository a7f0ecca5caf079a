"""The window's settings and About dialogs (adding a source: ``reader.ui.add_source``).

The settings dialog only edits a ``Settings`` value; the window saves it and
applies what changed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.ui.assets import INTERFACE_FAMILY, READING_FAMILY
from reader.ui.forms import add_row, heading, named, text_width, with_hint
from reader.ui.settings import (
    MAX_MARK_READ_DELAY_MS,
    MAX_READING_SIZE,
    MAX_RETENTION_DAYS,
    MAX_SYNC_INTERVAL_MIN,
    MIN_READING_SIZE,
    Settings,
    Theme,
)


class SettingsDialog(QDialog):
    """Edit the window's ``Settings``; ``settings()`` gives the edited value.

    Signals: none (the caller reads ``settings()`` once the dialog is accepted).
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = settings.clamped()
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(text_width(self, 56))
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
        form.addRow(heading(self.tr("Sync")))
        self._interval = named(QSpinBox(), "sync_interval")
        self._interval.setRange(0, MAX_SYNC_INTERVAL_MIN)
        self._interval.setSingleStep(5)
        self._interval.setSuffix(self.tr(" min"))
        self._interval.setSpecialValueText(self.tr("Never"))
        self._interval.setAccessibleName(self.tr("Sync every (minutes, 0 for never)"))
        form.addRow(self.tr("Sync &every:"), self._interval)
        self._on_start = named(QCheckBox(self.tr("Sync when Khabar &starts")), "sync_on_start")
        form.addRow("", self._on_start)
        self._full_text = named(
            QCheckBox(self.tr("Fetch the &whole article when a feed gives only a summary")),
            "full_text",
        )
        form.addRow("", self._full_text)
        self._images = named(QCheckBox(self.tr("Save &images for reading offline")), "images")
        form.addRow("", self._images)
        self._retention = named(QSpinBox(), "retention")
        self._retention.setRange(0, MAX_RETENTION_DAYS)
        self._retention.setSuffix(self.tr(" days"))
        self._retention.setSpecialValueText(self.tr("Keep everything"))
        self._retention.setAccessibleName(self.tr("Keep articles for (days; 0 keeps them forever)"))
        add_row(
            form,
            self.tr("&Keep articles for:"),
            with_hint(self._retention, self.tr("Bookmarked articles are always kept.")),
            self._retention,
        )

    def _add_reading_rows(self, form: QFormLayout) -> None:
        form.addRow(heading(self.tr("Reading")))
        self._font = named(QComboBox(), "reading_font")
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
        self._size = named(QDoubleSpinBox(), "reading_size")
        self._size.setRange(MIN_READING_SIZE, MAX_READING_SIZE)
        self._size.setDecimals(1)
        self._size.setSingleStep(0.5)
        self._size.setSuffix(self.tr(" pt"))
        self._size.setAccessibleName(self.tr("Reading size (points)"))
        form.addRow(self.tr("Reading si&ze:"), self._size)
        self._delay = named(QDoubleSpinBox(), "mark_read_delay")
        self._delay.setRange(0.0, MAX_MARK_READ_DELAY_MS / 1000)
        self._delay.setDecimals(1)
        self._delay.setSingleStep(0.5)
        self._delay.setSuffix(self.tr(" s"))
        self._delay.setAccessibleName(self.tr("Mark as read after (seconds)"))
        add_row(
            form,
            self.tr("&Mark as read after:"),
            with_hint(
                self._delay, self.tr("How long an article stays open before it counts as read.")
            ),
            self._delay,
        )

    def _add_appearance_rows(self, form: QFormLayout) -> None:
        form.addRow(heading(self.tr("Appearance")))
        self._theme = named(QComboBox(), "theme")
        self._theme.setAccessibleName(self.tr("Theme"))
        self._theme.addItem(self.tr("Follow the system"), Theme.SYSTEM.value)
        self._theme.addItem(self.tr("Light"), Theme.LIGHT.value)
        self._theme.addItem(self.tr("Dark"), Theme.DARK.value)
        form.addRow(self.tr("&Theme:"), self._theme)
        self._language = named(QComboBox(), "language")
        self._language.setAccessibleName(self.tr("Interface language"))
        self._language.addItem(self.tr("Follow the system"), "")
        # Each language is named in itself, so that a reader of it finds it.
        self._language.addItem("العربية", "ar")
        self._language.addItem("English", "en")
        add_row(
            form,
            self.tr("Interface &language:"),
            with_hint(self._language, self.tr("A new language applies after a restart.")),
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
        self.setMinimumWidth(text_width(self, 56))

        name = named(QLabel(self.tr("Khabar (خبر)")), "name")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        name.setFont(font)
        version = named(QLabel(self.tr("Version %1").replace("%1", __version__)), "version")
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

        self._folder = named(QLineEdit(str(data_dir)), "data_dir")
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

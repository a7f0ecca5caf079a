"""What the user does to sources and files: add, rename, move, remove; categories; OPML.

Each command asks the user (its dialogs sit on the window), then writes to
the library; slow writes (removing a source's thousands of articles, reading
an OPML file) run on the pool. It never touches the window's widgets: it says
what happened through signals, and the window refreshes what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from reader.errors import ReaderError
from reader.library import Library
from reader.ui.add_source import AddSourceDialog
from reader.ui.core_messages import say_error
from reader.ui.tasks import run_task


class SourceCommands(QObject):
    """The sidebar's and the File menu's commands on sources, categories and OPML files.

    Signals:
        sources_changed(bool): sources or categories changed; True when articles
            changed too (a source was removed), so lists must be queried again.
        sync_requested(): new sources wait for a sync.
        said(str): a sentence for the status bar.
    """

    sources_changed = Signal(bool)
    sync_requested = Signal()
    said = Signal(str)

    def __init__(self, library: Library, language: str, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.language = language
        self._window = window

    def add_source(self) -> None:
        """Ask for a feed or site to subscribe to; a sync then fetches it."""
        dialog = AddSourceDialog(
            self.library.data_dir, self.library.categories(), self.language, self._window
        )
        dialog.source_added.connect(self.said.emit)
        if dialog.exec():
            self.sources_changed.emit(False)
            self.sync_requested.emit()

    def rename_source(self, source_id: int) -> None:
        """Ask for a source's new name."""
        source = self.library.source(source_id)
        title, ok = QInputDialog.getText(
            self._window, self.tr("Rename source"), self.tr("New name:"), text=source.title
        )
        if ok and title.strip():
            self._write(lambda: self.library.rename_source(source_id, title.strip()))

    def move_source(self, source_id: int) -> None:
        """Ask for the category a source moves to."""
        categories = self.library.categories()
        names = [c.display_name(self.language) for c in categories]
        name, ok = QInputDialog.getItem(
            self._window, self.tr("Move source"), self.tr("Category:"), names, 0, False
        )
        if ok and name in names:
            target = categories[names.index(name)].id
            self._write(lambda: self.library.move_source(source_id, target))

    def remove_source(self, source_id: int) -> None:
        """Unsubscribe from a source once the user says so; its bookmarked articles stay."""
        source = self.library.source(source_id)
        answer = QMessageBox.question(
            self._window,
            self.tr("Remove source"),
            self.tr("Remove “%1” and its articles? Bookmarked articles stay.").replace(
                "%1", source.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_task(  # removing thousands of articles takes a while
            lambda: self.library.remove_source(source_id),
            lambda _kept: self.sources_changed.emit(True),
            self._removal_failed,
            parent=self,
        )

    def rename_category(self, category_id: int) -> None:
        """Ask for a category's new name, in the interface's language."""
        category = self.library.category(category_id)
        name, ok = QInputDialog.getText(
            self._window,
            self.tr("Rename category"),
            self.tr("New name:"),
            text=category.display_name(self.language),
        )
        if not ok or not name.strip():
            return
        arabic, english = category.name, category.name_en
        if self.language == "ar":
            arabic = name.strip()
        else:
            english = name.strip()
        self._write(lambda: self.library.rename_category(category_id, arabic, english))

    def import_opml(self) -> None:
        """Subscribe to the sources of an OPML file (read on a pool thread)."""
        name, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import sources"),
            "",
            self.tr("OPML files (*.opml *.xml);;All files (*)"),
        )
        if not name:
            return
        path = Path(name)
        run_task(
            lambda: self.library.import_opml(path.read_bytes()),
            self._imported,
            self._import_failed,
            parent=self,
        )

    def export_opml(self) -> None:
        """Write every source to an OPML file."""
        name, _filter = QFileDialog.getSaveFileName(
            self._window, self.tr("Export sources"), "khabar.opml", self.tr("OPML files (*.opml)")
        )
        if not name:
            return
        try:
            Path(name).write_bytes(self.library.export_opml())
        except (OSError, ReaderError) as exc:
            message = say_error(exc) if isinstance(exc, ReaderError) else str(exc)
            QMessageBox.warning(self._window, self.tr("Export sources"), message)
            return
        self.said.emit(self.tr("Sources exported."))

    def _imported(self, result: tuple[int, int]) -> None:
        added, present = result
        self.sources_changed.emit(False)
        self.said.emit(
            self.tr("%n source(s) added.", "", added)
            + (" " + self.tr("%n already there.", "", present) if present else "")
        )
        if added:
            self.sync_requested.emit()

    def _import_failed(self, message: str) -> None:
        QMessageBox.warning(self._window, self.tr("Import sources"), message)

    def _removal_failed(self, message: str) -> None:
        QMessageBox.warning(self._window, self.tr("Remove source"), message)

    def _write(self, call: Callable[[], object]) -> None:
        try:
            call()
        except ReaderError as exc:
            QMessageBox.warning(self._window, self.tr("Khabar"), say_error(exc))
        self.sources_changed.emit(False)

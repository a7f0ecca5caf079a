"""``ActivityPanel``: what the current or last sync did, source by source.

A summary line on top ("Synced 12 sources: 40 new, 2 failed") and a table
of the sources: title, state, new and updated counts, duration and the last
error (the whole error in a tooltip). It is fed by ``SyncWorker``'s signals
and reads nothing itself: no library, no network. It sits in a dock or a
dialog. Every alignment is logical (leading/trailing), so the panel mirrors
under a right-to-left layout.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.core_messages import say
from reader.ui.sync_progress import SourceProgress, SyncSummary

# The table's columns, in order.
TITLE, STATE, NEW, UPDATED, DURATION, ERROR = range(6)
# The role holding a row's source id (column TITLE).
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole


class ActivityPanel(QWidget):
    """The sources of the current or last sync and how each fared.

    Signals: none; its slots take ``SyncWorker``'s signals.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sync activity"))
        self._total = 0
        self._done = 0
        self._rows: dict[int, QTreeWidgetItem] = {}
        self._waiting: set[int] = set()  # rows the running sync has not reported on (yet)

        self.summary = QLabel(self.tr("No sync yet."), self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Sync summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Sources of the sync"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHeaderLabels(
            [
                self.tr("Source"),
                self.tr("State"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Duration"),
                self.tr("Error"),
            ]
        )
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        for column in (STATE, NEW, UPDATED, DURATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(TITLE, 220)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    # --- slots of SyncWorker's signals -------------------------------------------------

    def expect_sources(self, sources: Iterable[tuple[int, str]]) -> None:
        """Show these sources (id, title) as waiting, before a sync reports on them."""
        self._clear_finished_rows()
        for source_id, title in sources:
            if source_id not in self._rows:
                self._rows[source_id] = self._new_row(source_id, title)
                self._waiting.add(source_id)

    @Slot(int)
    def on_sync_started(self, total: int) -> None:
        """A sync of ``total`` sources began: rows of an earlier sync go."""
        self._clear_finished_rows()
        self._total, self._done = total, 0
        self.summary.setText(self.tr("Syncing %n source(s)…", "", total))

    @Slot(object)
    def on_source_finished(self, progress: SourceProgress) -> None:
        """One source ended: its row says how."""
        row = self._rows.get(progress.source_id)
        if row is None:
            row = self._rows[progress.source_id] = self._new_row(progress.source_id, "")
        self._fill(row, progress)
        self._waiting.discard(progress.source_id)
        self._done += 1
        self.summary.setText(
            self.tr("Syncing: %1 of %n source(s) done…", "", self._total).replace(
                "%1", QLocale().toString(self._done)
            )
        )

    @Slot(object)
    def on_sync_finished(self, summary: SyncSummary) -> None:
        """The sync ended: the summary line says what it did."""
        self._end_waiting_rows(self.tr("Not due"))
        self.summary.setText(self.summary_text(summary))
        self.summary.setToolTip(
            self.tr("Took %1.").replace("%1", self.seconds_text(summary.elapsed_s))
        )

    @Slot(str)
    def on_sync_failed(self, message: str) -> None:
        """The sync could not run or stopped early: the summary line says why."""
        self._end_waiting_rows(self.tr("Not synced"))
        self.summary.setText(message)
        self.summary.setToolTip("")

    # --- rows ---------------------------------------------------------------------------

    def row_of(self, source_id: int) -> QTreeWidgetItem | None:
        """The row of a source, if the panel shows it."""
        return self._rows.get(source_id)

    def _new_row(self, source_id: int, title: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem(self.table)
        row.setData(TITLE, SOURCE_ID_ROLE, source_id)
        row.setText(TITLE, title)
        row.setToolTip(TITLE, title)
        row.setText(STATE, self.tr("Waiting"))
        # Numbers line up at the trailing edge, which mirrors with the layout.
        trailing = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        for column in (NEW, UPDATED, DURATION):
            row.setTextAlignment(column, trailing)
        return row

    def _fill(self, row: QTreeWidgetItem, progress: SourceProgress) -> None:
        locale = QLocale()
        if progress.title:
            row.setText(TITLE, progress.title)
            row.setToolTip(TITLE, progress.title)
        row.setText(NEW, locale.toString(progress.new))
        row.setText(UPDATED, locale.toString(progress.updated))
        row.setText(DURATION, self.seconds_text(progress.elapsed_s))
        error = say(progress.error_template, progress.error_values, progress.error or "")
        # One line in the cell; the whole error, however long, in the tooltip.
        row.setText(ERROR, error.splitlines()[0] if error else "")
        row.setToolTip(ERROR, error)
        row.setData(ERROR, Qt.ItemDataRole.AccessibleTextRole, error)
        failed = progress.failed
        row.setText(STATE, self.tr("Failed") if failed else self.tr("Done"))
        row.setToolTip(STATE, error)
        # An icon beside the word, so that a failure stands out without relying on colour.
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if failed
            else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        row.setIcon(STATE, self.style().standardIcon(icon))

    def _end_waiting_rows(self, state: str) -> None:
        """The sync ended: rows it never reported on say why, and wait no more."""
        for source_id in self._waiting:
            self._rows[source_id].setText(STATE, state)
        self._waiting.clear()

    def _clear_finished_rows(self) -> None:
        """Drop the rows of an ended sync; rows still waiting belong to the coming one."""
        for source_id, row in list(self._rows.items()):
            if source_id not in self._waiting:
                self.table.takeTopLevelItem(self.table.indexOfTopLevelItem(row))
                del self._rows[source_id]

    # --- sentences ----------------------------------------------------------------------

    def seconds_text(self, seconds: float) -> str:
        """A duration such as "1.2 s", in the interface's locale."""
        return self.tr("%1 s").replace("%1", QLocale().toString(max(seconds, 0.0), "f", 1))

    def summary_text(self, summary: SyncSummary) -> str:
        """The sentence that sums a sync up: "Synced 12 sources: 40 new, 2 failed"."""
        if summary.sources == 0:
            return self.tr("Nothing to sync: no source is due.")
        if summary.offline:
            return self.tr(
                "Offline: none of the %n source(s) could be reached; showing what is saved.",
                "",
                summary.sources,
            )
        parts = [self.tr("%n new", "", summary.new)]
        if summary.updated:
            parts.append(self.tr("%n updated", "", summary.updated))
        if summary.failed:
            parts.append(self.tr("%n failed", "", summary.failed))
        head = self.tr("Synced %n source(s)", "", summary.sources)
        return (
            self.tr(
                #: %1 is "Synced 12 sources", %2 the counts joined by ", ".
                "%1: %2"
            )
            .replace("%1", head)
            .replace("%2", self.tr(", ").join(parts))
        )

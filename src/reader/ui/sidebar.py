"""The window's sidebar: smart views, categories and their sources, with unread counts.

The sidebar only shows what it is given (``set_contents``, ``update_counts``)
and says what the user chose (``selection_changed``) or asked for (the
``*_requested`` signals of its context menu). It never touches the library:
the window reads the library and does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QIcon,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.types import Category, Source, UnreadCounts, View
from reader.ui.core_messages import say

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the node's key: a Selection key, or UNCATEGORIZED
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2  # the number drawn on the trailing side (int)
DISABLED_ROLE = Qt.ItemDataRole.UserRole + 3  # True for a source that is turned off

UNCATEGORIZED = "uncategorized"  # the node of sources without a category: not a selection

_VIEW_ICONS = {
    View.ALL: (QIcon.ThemeIcon.GoHome, QStyle.StandardPixmap.SP_DirHomeIcon),
    View.UNREAD: (QIcon.ThemeIcon.MailUnread, QStyle.StandardPixmap.SP_FileDialogInfoView),
    View.TODAY: (QIcon.ThemeIcon.AppointmentSoon, QStyle.StandardPixmap.SP_FileDialogDetailedView),
    View.BOOKMARKS: (QIcon.ThemeIcon.MailMarkImportant, QStyle.StandardPixmap.SP_DialogSaveButton),
}


@dataclass(frozen=True, slots=True)
class Selection:
    """What the sidebar has selected: a smart view, a category or a source."""

    view: View = View.ALL
    category_id: int | None = None
    source_id: int | None = None

    def key(self) -> str:
        """A short text naming this selection, e.g. ``view:unread`` or ``source:7``."""
        parts = []
        if self.view is not View.ALL or (self.category_id is None and self.source_id is None):
            parts.append(f"view:{self.view.value}")
        if self.category_id is not None:
            parts.append(f"category:{self.category_id}")
        if self.source_id is not None:
            parts.append(f"source:{self.source_id}")
        return "/".join(parts)

    @classmethod
    def from_key(cls, key: str) -> Selection:
        """The selection a ``key()`` names.

        A damaged or unknown key gives the default selection (all articles), so
        that a stale saved setting never stops the window from starting.
        """
        values: dict[str, str] = {}
        for part in key.split("/"):
            kind, _, value = part.partition(":")
            values[kind] = value
        try:
            return cls(
                view=View(values.get("view", View.ALL.value)),
                category_id=int(values["category"]) if "category" in values else None,
                source_id=int(values["source"]) if "source" in values else None,
            )
        except ValueError:
            return cls()


def _view_label(view: View) -> str:
    labels = {
        View.ALL: QCoreApplication.translate("Sidebar", "All articles"),
        View.UNREAD: QCoreApplication.translate("Sidebar", "Unread"),
        View.TODAY: QCoreApplication.translate("Sidebar", "Today"),
        View.BOOKMARKS: QCoreApplication.translate("Sidebar", "Bookmarks"),
    }
    return labels[view]


def _view_count(view: View, counts: UnreadCounts) -> int:
    if view is View.TODAY:
        return counts.today
    if view is View.BOOKMARKS:
        return counts.bookmarks
    return counts.all


class CountDelegate(QStyledItemDelegate):
    """Draws an item as usual, with its count (``COUNT_ROLE``) on the trailing side.

    The side follows the option's direction, so the count sits on the right in
    an English window and on the left in an Arabic one.
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Fill the option; a turned-off source is drawn as a disabled item."""
        super().initStyleOption(option, index)
        if index.data(DISABLED_ROLE):
            option.state &= ~QStyle.StateFlag.State_Enabled

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the item, its text elided to leave room for the count."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        count = self._count_text(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if not count:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            return
        margin = _text_margin(style, widget)
        count_width = opt.fontMetrics.horizontalAdvance(count) + 2 * margin
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        # The style draws the text inside its own margins; what is left past
        # them on the trailing side is the count's.
        room = max(0, text_rect.width() - count_width - 2 * margin)
        opt.text = opt.fontMetrics.elidedText(opt.text, opt.textElideMode, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        count_rect = QStyle.alignedRect(
            opt.direction,
            Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter,
            QSize(count_width, text_rect.height()),
            text_rect,
        )
        enabled = bool(opt.state & QStyle.StateFlag.State_Enabled)
        role = (
            opt.palette.ColorRole.HighlightedText
            if opt.state & QStyle.StateFlag.State_Selected
            else opt.palette.ColorRole.Text
        )
        painter.save()
        painter.setFont(opt.font)
        style.drawItemText(
            painter, count_rect, Qt.AlignmentFlag.AlignCenter, opt.palette, enabled, count, role
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The usual size, wide enough for the count as well."""
        size = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if count := self._count_text(opt, index):
            widget = opt.widget
            style = widget.style() if widget is not None else QApplication.style()
            margin = _text_margin(style, widget)
            size.setWidth(size.width() + opt.fontMetrics.horizontalAdvance(count) + 2 * margin)
        return size

    @staticmethod
    def _count_text(opt: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> str:
        count = index.data(COUNT_ROLE)
        # The option's locale writes the digits the reader expects (٣٠ or 30).
        return opt.locale.toString(count) if isinstance(count, int) and count > 0 else ""


def _text_margin(style: QStyle, widget: QWidget | None) -> int:
    # The margin QCommonStyle keeps on each side of an item's text.
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1


class Sidebar(QTreeView):
    """The smart views, then the categories in order with their sources.

    Signals:
        selection_changed(Selection): the user (or ``select``) chose another
            view, category or source; a rebuild that keeps the selection is silent.
        mark_all_read_requested(Selection): mark every article of it read.
        sync_source_requested(int): sync this source now.
        rename_source_requested(int): ask the user for a new title of this source.
        move_source_requested(int): ask the user for another category of this source.
        remove_source_requested(int): ask the user whether to remove this source.
        rename_category_requested(int): ask the user for a new name of this category.
        sync_category_requested(int): sync the sources of this category now.
    """

    selection_changed = Signal(object)
    mark_all_read_requested = Signal(object)
    sync_source_requested = Signal(int)
    rename_source_requested = Signal(int)
    move_source_requested = Signal(int)
    remove_source_requested = Signal(int)
    rename_category_requested = Signal(int)
    sync_category_requested = Signal(int)

    def __init__(self, language: str = "ar", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._selection = Selection()
        self._rebuilding = False
        self._items: dict[str, QStandardItem] = {}
        self._categories: dict[int, Category] = {}
        self._sources: tuple[Source, ...] = ()
        self._known: set[str] = set()  # nodes seen before: new ones start expanded
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setItemDelegate(CountDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_context_menu)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.setAccessibleName(self.tr("Sources and views"))
        self.set_contents([], [], UnreadCounts(all=0, today=0, bookmarks=0))

    # The contents

    def set_contents(
        self, categories: Sequence[Category], sources: Sequence[Source], counts: UnreadCounts
    ) -> None:
        """Show these categories and sources, keeping the selection and what was expanded."""
        expanded = {key for key, item in self._items.items() if self.isExpanded(item.index())}
        scrolled = self.verticalScrollBar().value()
        self._rebuilding = True
        try:
            self._model.clear()
            self._items = {}
            self._categories = {c.id: c for c in categories}
            self._sources = tuple(sources)
            self._add_views(counts)
            self._add_categories(categories, sources, counts)
            for key, item in self._items.items():
                if item.hasChildren() and (key in expanded or key not in self._known):
                    self.expand(item.index())
            self._known |= set(self._items)
        finally:
            self._rebuilding = False
        # A selection whose node is gone (a removed source) falls back to All,
        # and that change is announced like any other.
        self.select(self._selection)
        self.verticalScrollBar().setValue(scrolled)

    def sources(self) -> tuple[Source, ...]:
        """The sources it shows, as the library last gave them."""
        return self._sources

    def _add_views(self, counts: UnreadCounts) -> None:
        style = self.style()
        for view in View:
            theme, fallback = _VIEW_ICONS[view]
            icon = QIcon.fromTheme(theme, style.standardIcon(fallback))
            item = self._node(Selection(view=view).key(), _view_label(view), icon)
            self._set_count(item, _view_count(view, counts))
            self._model.appendRow(item)

    def _add_categories(
        self, categories: Sequence[Category], sources: Sequence[Source], counts: UnreadCounts
    ) -> None:
        by_category: dict[int | None, list[Source]] = {}
        for source in sources:
            home = source.category_id if source.category_id in self._categories else None
            by_category.setdefault(home, []).append(source)
        folder = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        for category in sorted(categories, key=lambda c: c.position):
            members = by_category.get(category.id, [])
            if not members and not counts.by_category.get(category.id):
                continue
            key = Selection(category_id=category.id).key()
            item = self._node(key, category.display_name(self._language), folder)
            self._set_count(item, counts.by_category.get(category.id, 0))
            self._add_sources(item, members, counts)
            self._model.appendRow(item)
        if orphans := by_category.get(None):
            item = self._node(UNCATEGORIZED, self._uncategorized_label(), folder)
            # Not a view of its own: the library has no query for "no category".
            item.setSelectable(False)
            self._add_sources(item, orphans, counts)
            self._model.appendRow(item)

    def _add_sources(
        self, parent: QStandardItem, sources: Sequence[Source], counts: UnreadCounts
    ) -> None:
        style = self.style()
        plain = style.standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon)
        warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for source in sources:
            icon = warning if source.last_error else plain
            item = self._node(Selection(source_id=source.id).key(), source.title, icon)
            item.setToolTip(self._source_tooltip(source))
            item.setData(source.disabled, DISABLED_ROLE)
            self._set_count(item, counts.by_source.get(source.id, 0))
            parent.appendRow(item)

    def _source_tooltip(self, source: Source) -> str:
        lines = []
        if source.disabled:
            lines.append(self.tr("Turned off: syncing skips this source."))
        if source.last_error:
            # In the interface's language when the library kept the sentence's template.
            lines.append(
                say(source.last_error_template, source.last_error_values, source.last_error)
            )
        else:
            lines.append(source.url)
        return "\n".join(lines)

    def _node(self, key: str, text: str, icon: QIcon) -> QStandardItem:
        item = QStandardItem(icon, text)
        item.setEditable(False)
        item.setData(key, KEY_ROLE)
        self._items[key] = item
        return item

    def update_counts(self, counts: UnreadCounts) -> None:
        """Show new unread counts; nodes stay as they are (a cheap refresh)."""
        for view in View:
            self._set_count(self._items[Selection(view=view).key()], _view_count(view, counts))
        for key, item in self._items.items():
            selection = Selection.from_key(key)
            if selection.source_id is not None:
                self._set_count(item, counts.by_source.get(selection.source_id, 0))
            elif selection.category_id is not None:
                self._set_count(item, counts.by_category.get(selection.category_id, 0))

    def shown_count(self, selection: Selection) -> int:
        """The unread count the sidebar shows for a view, category or source (0 if none)."""
        item = self._items.get(selection.key())
        return int(item.data(COUNT_ROLE) or 0) if item is not None else 0

    def _set_count(self, item: QStandardItem, count: int) -> None:
        if item.data(COUNT_ROLE) == count:
            return  # spares the view a repaint of every row on each refresh
        item.setData(count, COUNT_ROLE)
        # Only the weight is set, so the view's own face and size still apply.
        font = QFont()
        font.setBold(count > 0)
        item.setData(font, Qt.ItemDataRole.FontRole)
        self._describe(item)

    def _describe(self, item: QStandardItem) -> None:
        # Screen readers read this instead of the text, which lacks the count.
        count = item.data(COUNT_ROLE)
        text = self.tr("%1, %n unread", "", count).replace("%1", item.text()) if count else None
        item.setData(text, Qt.ItemDataRole.AccessibleTextRole)

    # The language

    def set_language(self, language: str) -> None:
        """Show the category names of this interface language ("ar" or "en")."""
        self._language = language
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of the application's translator."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Sources and views"))
        for key, item in self._items.items():
            selection = Selection.from_key(key)
            if key == UNCATEGORIZED:
                item.setText(self._uncategorized_label())
            elif selection.source_id is not None:
                continue
            elif selection.category_id is not None:
                item.setText(self._categories[selection.category_id].display_name(self._language))
            else:
                item.setText(_view_label(selection.view))
            self._describe(item)

    def _uncategorized_label(self) -> str:
        return self.tr("Uncategorized")

    # The selection

    def selection(self) -> Selection:
        """What is selected now."""
        return self._selection

    def select(self, selection: Selection) -> None:
        """Select this view, category or source (All articles if the sidebar has no such node)."""
        item = self._items.get(selection.key()) or self._items[Selection().key()]
        self.setCurrentIndex(item.index())

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._rebuilding:
            return
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return  # e.g. the cursor is on the Uncategorized node: keep the last choice
        chosen = Selection.from_key(str(indexes[0].data(KEY_ROLE)))
        if chosen != self._selection:
            self._selection = chosen
            self.selection_changed.emit(chosen)

    # The context menu

    def context_actions(
        self, index: QModelIndex | QPersistentModelIndex, parent: QObject | None = None
    ) -> list[QAction]:
        """The actions of the context menu of this node (none for a node without any).

        The actions only emit the ``*_requested`` signals; they belong to
        ``parent`` (the sidebar if None), which should be short-lived, e.g. the menu.
        """
        owner = parent if parent is not None else self
        key = index.data(KEY_ROLE) if index.isValid() else None
        if not isinstance(key, str) or key == UNCATEGORIZED:
            return []
        selection = Selection.from_key(key)
        wanted: list[tuple[str, SignalInstance, object]] = [
            (self.tr("Mark all read"), self.mark_all_read_requested, selection)
        ]
        if (source_id := selection.source_id) is not None:
            wanted += [
                (self.tr("Sync now"), self.sync_source_requested, source_id),
                (self.tr("Rename…"), self.rename_source_requested, source_id),
                (self.tr("Move to category…"), self.move_source_requested, source_id),
                (self.tr("Remove…"), self.remove_source_requested, source_id),
            ]
        elif (category_id := selection.category_id) is not None:
            wanted += [
                (self.tr("Sync category"), self.sync_category_requested, category_id),
                (self.tr("Rename category…"), self.rename_category_requested, category_id),
            ]
        return [_action(owner, text, signal, value) for text, signal, value in wanted]

    def _show_context_menu(self, pos: QPoint) -> None:
        # A keyboard's menu key places ``pos`` on the current item, so this
        # serves the keyboard as well as the mouse.
        index = self.indexAt(pos)
        menu = QMenu(self)
        actions = self.context_actions(index, menu)
        if actions:
            menu.addActions(actions)
            menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()


def _action(owner: QObject, text: str, signal: SignalInstance, value: object) -> QAction:
    """An action that only emits ``signal`` with ``value`` (the window does the work)."""
    action = QAction(text, owner)
    action.triggered.connect(lambda: signal.emit(value))
    return action

"""The article list's model: a lazy view of the library, a page at a time.

``ArticleListModel`` shows one smart view, category or source of the library,
newest first, loaded a page at a time through the library's keyset cursor
(``canFetchMore``/``fetchMore``), so a library of 100,000 articles costs only
the pages a reader scrolls through. Or it shows the results of a search, with
their snippets. It never writes to the library: the window writes read and
bookmark state and then tells the model, which updates its copy of the row.

How a row is drawn, and the list view, are in ``reader.ui.article_delegate``.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeAlias

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.errors import ReaderError
from reader.library import Library
from reader.types import (
    ArticlePage,
    ArticleSummary,
    Cursor,
    SearchResult,
    Snippet,
    View,
)
from reader.ui.core_messages import say_error
from reader.ui.reltime import relative_time

_ROOT = QModelIndex()
_Index: TypeAlias = QModelIndex | QPersistentModelIndex
_Spans: TypeAlias = tuple[tuple[int, int], ...]


class ArticleRoles(enum.IntEnum):
    """The model's own data roles (besides display, tooltip and accessible text)."""

    ARTICLE = Qt.ItemDataRole.UserRole + 1  # the row's ArticleSummary
    SNIPPET = enum.auto()  # Snippet in search mode, else None
    TITLE_HIGHLIGHTS = enum.auto()  # spans of the title a search matched, else ()


class _Filter(NamedTuple):
    view: View
    category_id: int | None
    source_id: int | None


class ArticleListModel(QAbstractListModel):
    """The articles of one view of the library, or of one search, newest or best first.

    Signals:
        loading_failed(str): the library could not give the articles; the
            message is a sentence for the user. The model is left empty.
    """

    loading_failed = Signal(str)

    def __init__(
        self, library: Library, page_size: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._library = library
        self._page_size = page_size
        self._filter = _Filter(View.ALL, None, None)
        self._generation = 0  # counts what the model showed: a late reload never overwrites
        self._items: list[ArticleSummary] = []
        self._rows: dict[int, int] = {}
        self._cursor: Cursor | None = None
        self._query = ""  # the search whose results are shown; "" while a view is
        self._snippets: list[Snippet] = []
        self._title_highlights: list[_Spans] = []

    # --- what is shown ---------------------------------------------------------

    @property
    def searching(self) -> bool:
        """Whether the rows are search results rather than a view of the library."""
        return bool(self._query)

    @property
    def current_query(self) -> str:
        """The query whose results are shown, or "" when a view is."""
        return self._query

    @property
    def current_view(self) -> View:
        """The smart view shown (or last shown, before a search)."""
        return self._filter.view

    def show_view(
        self, view: View, category_id: int | None = None, source_id: int | None = None
    ) -> None:
        """Show a smart view, optionally narrowed to a category or a source, from its first page."""
        self._filter = _Filter(view, category_id, source_id)
        self._load(self._page_size)

    def show_results(self, query: str, results: Sequence[SearchResult]) -> None:
        """Show the results of a search, in their order; they come whole, without paging."""
        self._generation += 1
        self.beginResetModel()
        self._clear()
        self._query = query
        for result in results:
            if result.article.id in self._rows:
                continue
            self._rows[result.article.id] = len(self._items)
            self._items.append(result.article)
            self._snippets.append(result.snippet)
            self._title_highlights.append(result.title_highlights)
        self.endResetModel()

    def reload(self) -> None:
        """Query the shown view again (after a sync), at least as far as it was loaded.

        Rows that left the view (read ones in the unread view) go now. The
        selection is the caller's to restore, by article id. Search results
        are left alone: the window runs the search again instead.
        """
        if self.searching:
            return
        self._load(max(len(self._items), self._page_size))

    def reload_job(self) -> tuple[int, Callable[[], ArticlePage]] | None:
        """``reload``'s query, to run on a pool thread: (token, query); None while searching.

        Right after a sync the library's pages are cold and the query can take
        tens of milliseconds: the window runs it off the GUI thread, then
        hands the page to ``finish_reload``.
        """
        if self.searching:
            return None
        shown, limit = self._filter, max(len(self._items), self._page_size)
        return self._generation, lambda: self._library.articles(*shown, limit=limit)

    def finish_reload(self, token: int, page: ArticlePage) -> bool:
        """Show the page a ``reload_job`` found, unless the model showed something else since."""
        if token != self._generation or self.searching:
            return False
        self._show_page(page)
        return True

    def _load(self, limit: int) -> None:
        try:
            page = self._library.articles(*self._filter, limit=limit)
        except ReaderError as exc:
            self._generation += 1
            self.beginResetModel()
            self._clear()
            self.endResetModel()
            self.loading_failed.emit(say_error(exc))
            return
        self._show_page(page)

    def _show_page(self, page: ArticlePage) -> None:
        self._generation += 1
        self.beginResetModel()
        self._clear()
        self._append(page.items)
        self._cursor = page.next_cursor
        self.endResetModel()

    def _clear(self) -> None:
        self._items = []
        self._rows = {}
        self._cursor = None
        self._query = ""
        self._snippets = []
        self._title_highlights = []

    def _append(self, items: Sequence[ArticleSummary]) -> None:
        for item in items:
            # A sync may have moved an article between pages: never show it twice.
            if item.id not in self._rows:
                self._rows[item.id] = len(self._items)
                self._items.append(item)

    # --- rows ------------------------------------------------------------------

    def article_at(self, row: int) -> ArticleSummary | None:
        """The article in ``row``, or None when there is no such row."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def snippet_at(self, row: int) -> Snippet | None:
        """The search snippet of ``row``, or None outside search mode."""
        return self._snippets[row] if self.searching and 0 <= row < len(self._items) else None

    def title_highlights_at(self, row: int) -> tuple[tuple[int, int], ...]:
        """The spans of the title of ``row`` a search matched (none outside search mode)."""
        if self.searching and 0 <= row < len(self._items):
            return self._title_highlights[row]
        return ()

    def row_of(self, article_id: int) -> int | None:
        """The row of an article, or None when it is not loaded."""
        return self._rows.get(article_id)

    def set_read(self, article_id: int, read: bool) -> None:
        """Show an article read or unread (the library has been told already).

        In the unread view the row stays until the next ``show_view`` or
        ``reload``: a row that vanishes under the pointer loses the reader's place.
        """
        row = self._rows.get(article_id)
        if row is not None:
            self._replace(row, dataclasses.replace(self._items[row], is_read=read))

    def set_bookmarked(self, article_id: int, bookmarked: bool) -> None:
        """Show an article bookmarked or not (the library has been told already)."""
        row = self._rows.get(article_id)
        if row is not None:
            self._replace(row, dataclasses.replace(self._items[row], is_bookmarked=bookmarked))

    def _replace(self, row: int, item: ArticleSummary) -> None:
        self._items[row] = item
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    # --- QAbstractListModel ----------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        """How many rows are loaded (a list has no children)."""
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Rows are selectable leaves."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The row's title, tooltip, accessible text, or one of ``ArticleRoles``."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        row = index.row()
        item = self._items[row]
        value: Any = None
        match role:
            case ArticleRoles.ARTICLE:
                value = item
            case Qt.ItemDataRole.DisplayRole:
                value = item.title
            case ArticleRoles.SNIPPET:
                value = self.snippet_at(row)
            case ArticleRoles.TITLE_HIGHLIGHTS:
                value = self.title_highlights_at(row)
            case Qt.ItemDataRole.ToolTipRole:
                value = f"{item.title}\n{item.source_title}" if item.source_title else item.title
            case Qt.ItemDataRole.AccessibleTextRole:
                value = self._spoken(item)
        return value

    def _spoken(self, item: ArticleSummary) -> str:
        text = self.tr("{title}, {source}, {when}").format(
            title=item.title, source=item.source_title, when=relative_time(item.published)
        )
        if not item.is_read:
            text = self.tr("{article}, unread").format(article=text)
        if item.is_bookmarked:
            text = self.tr("{article}, bookmarked").format(article=text)
        return text

    def canFetchMore(self, parent: _Index) -> bool:
        """Whether a view has another page (search results come whole)."""
        return not parent.isValid() and not self.searching and self._cursor is not None

    def fetchMore(self, parent: _Index) -> None:
        """Load the next page of the view."""
        if not self.canFetchMore(parent):
            return
        try:
            page = self._library.articles(*self._filter, limit=self._page_size, after=self._cursor)
        except ReaderError as exc:
            # Keep what is shown; asking again on every scroll would only fail again.
            self._cursor = None
            self.loading_failed.emit(say_error(exc))
            return
        fresh = [item for item in page.items if item.id not in self._rows]
        self._cursor = page.next_cursor
        if not fresh:
            return
        first = len(self._items)
        self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
        self._append(fresh)
        self.endInsertRows()

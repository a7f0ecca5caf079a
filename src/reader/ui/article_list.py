"""The article list: a lazy model over the library, the delegate that draws its rows, a view.

``ArticleListModel`` shows one smart view, category or source of the library,
newest first, loaded a page at a time through the library's keyset cursor
(``canFetchMore``/``fetchMore``), so a library of 100,000 articles costs only
the pages a reader scrolls through. Or it shows the results of a search, with
their snippets. It never writes to the library: the window writes read and
bookmark state and then tells the model, which updates its copy of the row.

``ArticleDelegate`` paints a row in three lines (title, source and time, lead
or snippet), each line in its own writing direction, at one constant height
so that the view can use uniform item sizes. It reads only what the model
gives; painting never touches the library.

A row whose article has a cached image shows it as a thumbnail on the
trailing side; thumbnails are decoded at their small size, once, and kept in
``QPixmapCache``. Nothing but the cache folder is ever read.

Navigation keys (next, previous, next unread) belong to the main window, not
here.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImageReader,
    QPainter,
    QPalette,
    QPixmap,
    QPixmapCache,
    QPolygonF,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.errors import ReaderError
from reader.library import Library
from reader.textdir import first_strong
from reader.types import (
    ArticlePage,
    ArticleSummary,
    Cursor,
    Direction,
    SearchResult,
    Snippet,
    View,
)
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
        self._query = ""
        self._searching = False
        self._snippets: list[Snippet] = []
        self._title_highlights: list[_Spans] = []

    # --- what is shown ---------------------------------------------------------

    @property
    def searching(self) -> bool:
        """Whether the rows are search results rather than a view of the library."""
        return self._searching

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
        self._searching = True
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
        if self._searching:
            return
        self._load(max(len(self._items), self._page_size))

    def reload_job(self) -> tuple[int, Callable[[], ArticlePage]] | None:
        """``reload``'s query, to run on a pool thread: (token, query); None while searching.

        Right after a sync the library's pages are cold and the query can take
        tens of milliseconds: the window runs it off the GUI thread, then
        hands the page to ``finish_reload``.
        """
        if self._searching:
            return None
        shown, limit = self._filter, max(len(self._items), self._page_size)
        return self._generation, lambda: self._library.articles(*shown, limit=limit)

    def finish_reload(self, token: int, page: ArticlePage) -> bool:
        """Show the page a ``reload_job`` found, unless the model showed something else since."""
        if token != self._generation or self._searching:
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
            self.loading_failed.emit(str(exc))
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
        self._searching = False
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
        return self._snippets[row] if self._searching and 0 <= row < len(self._items) else None

    def title_highlights_at(self, row: int) -> tuple[tuple[int, int], ...]:
        """The spans of the title of ``row`` a search matched (none outside search mode)."""
        if self._searching and 0 <= row < len(self._items):
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
        return not parent.isValid() and not self._searching and self._cursor is not None

    def fetchMore(self, parent: _Index) -> None:
        """Load the next page of the view."""
        if not self.canFetchMore(parent):
            return
        try:
            page = self._library.articles(*self._filter, limit=self._page_size, after=self._cursor)
        except ReaderError as exc:
            # Keep what is shown; asking again on every scroll would only fail again.
            self._cursor = None
            self.loading_failed.emit(str(exc))
            return
        fresh = [item for item in page.items if item.id not in self._rows]
        self._cursor = page.next_cursor
        if not fresh:
            return
        first = len(self._items)
        self.beginInsertRows(_ROOT, first, first + len(fresh) - 1)
        self._append(fresh)
        self.endInsertRows()


# --- drawing -------------------------------------------------------------------


class _Row(NamedTuple):
    """What the delegate draws of one row."""

    article: ArticleSummary
    snippet: Snippet | None
    title_highlights: _Spans

    @staticmethod
    def of(index: _Index) -> _Row | None:
        """The row at ``index``, asked of the model in Python where it is ours.

        That spares a QVariant round trip per role per painted row and keeps
        the types; another model (a proxy) is asked for the article role only.
        """
        if not index.isValid():
            return None
        model = index.model()
        if isinstance(model, ArticleListModel):
            article = model.article_at(index.row())
            if article is None:
                return None
            row = index.row()
            return _Row(article, model.snippet_at(row), model.title_highlights_at(row))
        article = index.data(ArticleRoles.ARTICLE)
        return _Row(article, None, ()) if isinstance(article, ArticleSummary) else None


class _Metrics(NamedTuple):
    """Fonts and sizes of a row, derived from the view's font."""

    title: QFont
    title_unread: QFont
    meta: QFont
    body: QFont
    body_bold: QFont
    line_title: float
    line_meta: float
    line_body: float
    pad: float
    gutter: float

    @property
    def height(self) -> int:
        return math.ceil(
            2 * self.pad + self.line_title + self.line_meta + self.line_body + self.pad / 2
        )


class _Colors(NamedTuple):
    text: QColor
    muted: QColor
    accent: QColor
    marked: QColor | None  # background of matched words; None on a selected row


_LEAD_CHARS = 300  # more than a line can ever show: the rest is never laid out
_FLAT = str.maketrans("\n\r\t\u2028\u2029", "     ")  # keeps every index in place


class ArticleDelegate(QStyledItemDelegate):
    """Draws an article list row: title, source and time, then the lead or the search snippet.

    Every row has the same height (from the font), so ``QListView`` can use
    uniform item sizes.
    """

    def __init__(self, parent: QObject | None = None, cache_dir: Path | None = None) -> None:
        super().__init__(parent)
        self._metrics: dict[str, _Metrics] = {}
        # Thumbnails come from here only (None: no thumbnails).
        self._cache_dir = cache_dir.resolve() if cache_dir is not None else None

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """The same size for every row: three lines of text and some air."""
        m = self._metrics_for(option.font)
        return QSize(math.ceil(m.gutter * 10), m.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Draw the row's background by the style, then its three lines."""
        row = _Row.of(index)
        if row is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        painter.save()
        try:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget
            )
            painter.setClipRect(opt.rect)
            self._paint_row(painter, opt, row)
        finally:
            painter.restore()

    def _paint_row(self, painter: QPainter, opt: QStyleOptionViewItem, row: _Row) -> None:
        item = row.article
        m = self._metrics_for(opt.font)
        colors = _colors(opt)
        rect = QRectF(opt.rect)
        mirrored = opt.direction == Qt.LayoutDirection.RightToLeft
        left = rect.left() + m.pad + m.gutter
        width = max(rect.width() - 2 * (m.pad + m.gutter), 1.0)
        top = rect.top() + m.pad
        title_rtl = _is_rtl(item.title, item.direction)
        title_left, title_width = left, width
        thumbnail = self._thumbnail(item.thumbnail, m)
        if thumbnail is not None:
            # On the trailing side, the height of the source line and the lead.
            size = thumbnail.deviceIndependentSize()
            x = left if mirrored else left + width - size.width()
            y = top + m.line_title + (m.line_meta + m.line_body + m.pad / 2 - size.height()) / 2
            painter.drawPixmap(QPointF(x, y), thumbnail)
            width = max(width - size.width() - m.pad, 1.0)
            if mirrored:
                left += size.width() + m.pad

        title_font = m.title if item.is_read else m.title_unread
        title_rect = QRectF(title_left, top, title_width, m.line_title)
        _draw_line(
            painter,
            title_rect,
            item.title,
            title_font,
            colors.text,
            rtl=title_rtl,
            spans=row.title_highlights,
            marked=colors.marked,
        )

        # Each part isolated: an Arabic source beside "3 hours ago" must not
        # pull the English words and the number into its own order.
        meta = _ISOLATE.format(relative_time(item.published))
        if item.source_title:
            meta = f"{_ISOLATE.format(item.source_title)} · {meta}"
        top += m.line_title
        meta_rect = QRectF(left, top, width, m.line_meta)
        _draw_line(painter, meta_rect, meta, m.meta, colors.muted, rtl=title_rtl)

        if row.snippet is not None:
            text, spans = row.snippet.text, row.snippet.highlights
        else:
            text, spans = item.lead[:_LEAD_CHARS], ()
        text = text.translate(_FLAT)
        top += m.line_meta + m.pad / 2
        _draw_line(
            painter,
            QRectF(left, top, width, m.line_body),
            text,
            m.body,
            colors.muted,
            rtl=_is_rtl(text, item.direction),
            spans=spans,
            marked=colors.marked,
            bold=m.body_bold,
        )

        marks_y = title_rect.center().y()
        lead_x = (
            rect.right() - m.pad - m.gutter / 2 if mirrored else rect.left() + m.pad + m.gutter / 2
        )
        trail_x = (
            rect.left() + m.pad + m.gutter / 2 if mirrored else rect.right() - m.pad - m.gutter / 2
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.accent)
        if not item.is_read:
            radius = m.gutter * 0.2
            painter.drawEllipse(QPointF(lead_x, marks_y), radius, radius)
        if item.is_bookmarked:
            painter.drawPolygon(_star(QPointF(trail_x, marks_y), m.gutter * 0.38))

    def _thumbnail(self, path: str | None, m: _Metrics) -> QPixmap | None:
        """The article's image at thumbnail size, or None (no image, or not in the cache)."""
        if not path or self._cache_dir is None:
            return None
        height = int(m.line_meta + m.line_body)
        key = f"khabar-thumb:{height}:{path}"
        cached = QPixmap()
        if QPixmapCache.find(key, cached):
            return cached
        file = (self._cache_dir / path).resolve()
        if not file.is_relative_to(self._cache_dir) or not file.is_file():
            return None
        reader = QImageReader(str(file))
        source = reader.size()
        if not source.isValid() or source.height() <= 0:
            return None
        scale = min(height * 4 / 3 / source.width(), height / source.height())
        # Decoded at its small size, which is cheap for a JPEG, and never distorted.
        reader.setScaledSize(
            QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
        )
        image = reader.read()
        if image.isNull():
            return None
        pixmap = QPixmap.fromImage(image)
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def _metrics_for(self, font: QFont) -> _Metrics:
        key = font.key()
        found = self._metrics.get(key)
        if found is None:
            found = self._metrics[key] = _derive_metrics(font)
        return found


def _derive_metrics(font: QFont) -> _Metrics:
    title_unread = QFont(font)
    title_unread.setBold(True)
    meta = QFont(font)
    if font.pointSizeF() > 0:
        meta.setPointSizeF(font.pointSizeF() * 0.87)
    else:
        meta.setPixelSize(max(round(font.pixelSize() * 0.87), 1))
    body_bold = QFont(font)
    body_bold.setBold(True)
    base = QFontMetricsF(font)
    line_title = max(base.height(), QFontMetricsF(title_unread).height())
    return _Metrics(
        title=QFont(font),
        title_unread=title_unread,
        meta=meta,
        body=QFont(font),
        body_bold=body_bold,
        line_title=line_title,
        line_meta=QFontMetricsF(meta).height(),
        line_body=max(base.height(), QFontMetricsF(body_bold).height()),
        pad=round(base.height() * 0.5),
        gutter=round(base.height() * 1.1),
    )


def _colors(opt: QStyleOptionViewItem) -> _Colors:
    state = opt.state
    if not state & QStyle.StateFlag.State_Enabled:
        group = QPalette.ColorGroup.Disabled
    elif state & QStyle.StateFlag.State_Active:
        group = QPalette.ColorGroup.Active
    else:
        group = QPalette.ColorGroup.Inactive
    palette = opt.palette
    if state & QStyle.StateFlag.State_Selected:
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        muted = QColor(text)
        muted.setAlphaF(0.8)
        return _Colors(text, muted, text, None)
    marked = QColor(palette.color(group, QPalette.ColorRole.Highlight))
    marked.setAlphaF(0.3)
    return _Colors(
        palette.color(group, QPalette.ColorRole.Text),
        palette.color(group, QPalette.ColorRole.PlaceholderText),
        palette.color(group, QPalette.ColorRole.Accent),
        marked,
    )


_ISOLATE = "\u2068{}\u2069"  # FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE


def _is_rtl(text: str, fallback: Direction) -> bool:
    return (first_strong(text[:200]) or fallback) is Direction.RTL


def _draw_line(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    *,
    rtl: bool,
    spans: _Spans = (),
    marked: QColor | None = None,
    bold: QFont | None = None,
) -> None:
    """Draw one line of ``text`` in its own direction, elided at its logical end.

    ``spans`` (Python string offsets) are drawn bold and, given ``marked``, on
    that background: the words a search matched.
    """
    if not text:
        return
    # Matched words may be drawn bold, so measure as if all were: never overflow.
    measure = QFontMetricsF(bold if spans and bold is not None else font)
    shown = measure.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    kept = len(text) if shown == text else len(shown) - 1
    if shown != text and shown[:kept] != text[:kept]:
        spans = ()  # elision changed the text itself: the offsets mean nothing there
    layout = QTextLayout(shown, font, painter.device())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    if spans:
        layout.setFormats(_formats(shown, spans, kept, marked))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(rect.width())
    line.setPosition(QPointF(0.0, 0.0))
    layout.endLayout()
    painter.setPen(color)
    layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - line.height()) / 2))


def _formats(
    text: str, spans: _Spans, limit: int, marked: QColor | None
) -> list[QTextLayout.FormatRange]:
    char_format = QTextCharFormat()
    char_format.setFontWeight(QFont.Weight.Bold)
    if marked is not None:
        char_format.setBackground(marked)
    ranges = []
    for begin, finish in spans:
        start, end = max(begin, 0), min(finish, limit)
        if start >= end:
            continue
        fr = QTextLayout.FormatRange()
        fr.start = _utf16(text, start)
        fr.length = _utf16(text, end) - fr.start
        fr.format = char_format
        ranges.append(fr)
    return ranges


def _utf16(text: str, index: int) -> int:
    """A Python string offset as Qt counts it (characters beyond the BMP take two units)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def _star(center: QPointF, radius: float) -> QPolygonF:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.45
        angle = math.pi / 5 * k - math.pi / 2
        points.append(QPointF(center.x() + r * math.cos(angle), center.y() + r * math.sin(angle)))
    return QPolygonF(points)


class ArticleListView(QListView):
    """A list of articles drawn by ``ArticleDelegate``, one row selected at a time.

    Signals:
        current_article_changed(int): the current row's article id, or -1 when
            there is no current row.
    """

    current_article_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ArticleDelegate(self))
        # Every row is as tall as the first: the view never asks 100,000 rows their size.
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Articles"))

    def current_article(self) -> ArticleSummary | None:
        """The article of the current row, if any."""
        row = _Row.of(self.currentIndex())
        return row.article if row is not None else None

    def currentChanged(self, current: _Index, previous: _Index) -> None:
        """Tell which article became current."""
        super().currentChanged(current, previous)
        row = _Row.of(current)
        self.current_article_changed.emit(row.article.id if row is not None else -1)

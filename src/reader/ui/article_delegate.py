"""How the article list looks: the delegate that draws a row, and the list view that uses it.

``ArticleDelegate`` paints a row in three lines (title, source and time, lead
or snippet), each line in its own writing direction, at one constant height
so that the view can use uniform item sizes. It reads only what the model
gives; painting never touches the library. A row whose article has a cached
image shows it as a thumbnail on the trailing side; thumbnails are decoded at
their small size, once, and kept in ``QPixmapCache``. Nothing but the cache
folder is ever read.

Navigation keys (next, previous, next unread) belong to the main window, not
here.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple, TypeAlias

from PySide6.QtCore import (
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

from reader.textdir import direction_of, utf16_length
from reader.types import (
    ArticleSummary,
    Direction,
    Snippet,
)
from reader.ui.article_list import ArticleListModel, ArticleRoles
from reader.ui.reltime import relative_time

_Index: TypeAlias = QModelIndex | QPersistentModelIndex
_Spans: TypeAlias = tuple[tuple[int, int], ...]


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
        # Images that cannot be shown: never looked for again at each paint.
        self._no_thumbnail: set[str] = set()

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
        if not path or self._cache_dir is None or path in self._no_thumbnail:
            return None
        height = int(m.line_meta + m.line_body)
        key = f"khabar-thumb:{height}:{path}"
        cached = QPixmap()
        if QPixmapCache.find(key, cached):
            return cached
        pixmap = self._decode(self._cache_dir / path, height)
        if pixmap is None:
            self._no_thumbnail.add(path)
            return None
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def _decode(self, file: Path, height: int) -> QPixmap | None:
        """A cached image decoded at ``height`` (at most 4:3 wide); None if it cannot be."""
        assert self._cache_dir is not None
        file = file.resolve()
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
        return None if image.isNull() else QPixmap.fromImage(image)

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
    return direction_of(text, default=fallback) is Direction.RTL


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
        fr.start = utf16_length(text[:start])
        fr.length = utf16_length(text[start:end])
        fr.format = char_format
        ranges.append(fr)
    return ranges


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

    def __init__(self, parent: QWidget | None = None, cache_dir: Path | None = None) -> None:
        super().__init__(parent)
        # Thumbnails come from ``cache_dir`` (None: rows without thumbnails).
        self.setItemDelegate(ArticleDelegate(self, cache_dir=cache_dir))
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

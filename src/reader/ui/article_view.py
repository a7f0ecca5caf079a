"""The article view: one stored article, right to left, read offline.

``ArticleView`` owns how an article reads on screen: its header (title,
source, time, author, categories, the link to the original page), the
direction and alignment of every paragraph (decided per block, the way
``dir="auto"`` does on the web), the reading font and size, the search
highlights, and where the body's images come from. It must never reach the
network or read a file outside the image cache: images come from the cache
folder only, anything else is drawn as a quiet placeholder, and links are
handed to the system browser (or refused), never followed here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageReader,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.sync.sanitize import MISSING_IMAGE_CLASS
from reader.textdir import first_strong, utf16_length
from reader.types import Article, BodyOrigin, Direction
from reader.ui.assets import load_fonts
from reader.ui.settings import DEFAULT_READING_SIZE, MAX_READING_SIZE, MIN_READING_SIZE
from reader.urls import is_web_url

# Size of the image drawn where a picture cannot be shown from the cache.
PLACEHOLDER_SIZE = QSize(48, 32)

_LINE_HEIGHT_PERCENT = 160  # Arabic script with its dots and marks wants generous leading
_DOCUMENT_MARGIN = 24
# A line longer than about this many average characters is hard to follow back.
_MAX_LINE_CHARS = 80
# Bigger pictures are scaled down once, when loaded: drawing is scaled per paint.
_MAX_IMAGE_WIDTH = 1600
_OBJECT_REPLACEMENT = "\ufffc"
# Qt's HTML importer knows neither element, so a figure's image would join the
# paragraph before it and its caption the text after it.
_FIGURE_TAGS = re.compile(r"<(/?)(figure|figcaption)(?=[ >])")


def _as_qt(direction: Direction) -> Qt.LayoutDirection:
    return (
        Qt.LayoutDirection.RightToLeft
        if direction is Direction.RTL
        else Qt.LayoutDirection.LeftToRight
    )


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """``front`` laid over ``back`` at ``amount`` opacity, as an opaque colour."""
    return QColor.fromRgbF(
        front.redF() * amount + back.redF() * (1 - amount),
        front.greenF() * amount + back.greenF() * (1 - amount),
        front.blueF() * amount + back.blueF() * (1 - amount),
    )


class ArticleView(QTextBrowser):
    """A read-only, offline view of one article, each paragraph in its own direction.

    Signals:
        link_opened(str): a link was handed to the system's opener (its URL).
        link_refused(str): a link of a scheme Khabar does not open was clicked (its URL).
        reading_size_changed(float): the reading size changed, in points.
    """

    link_opened = Signal(str)
    link_refused = Signal(str)
    reading_size_changed = Signal(float)

    def __init__(
        self,
        cache_dir: Path,
        parent: QWidget | None = None,
        open_url: Callable[[QUrl], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache_dir = cache_dir.resolve()
        self._open_url: Callable[[QUrl], bool] = open_url or QDesktopServices.openUrl
        self._article: Article | None = None
        self._highlight: re.Pattern[str] | None = None
        self._message = ""
        self._placeholder: QImage | None = None
        self._family = ""
        self._size = DEFAULT_READING_SIZE

        self.setAccessibleName(self.tr("Article"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        document = self.document()
        # Nothing is edited here: an undo history would only hold every article shown.
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(_DOCUMENT_MARGIN)
        # Relative image paths reach loadResource as given and are resolved there,
        # inside the cache; no base URL or search path lets Qt read files itself.
        document.setBaseUrl(QUrl())
        self.setSearchPaths([])
        self.anchorClicked.connect(self.open_link)
        self.highlighted.connect(self._on_link_hovered)
        self._apply_style_sheet()
        self.set_reading_font("", DEFAULT_READING_SIZE)
        self.show_nothing()

    # --- what is shown ------------------------------------------------------

    def show_article(self, article: Article, highlight: re.Pattern[str] | None = None) -> None:
        """Show ``article`` from its top, marking the matches of ``highlight`` if given."""
        self._article = article
        self._highlight = highlight
        self._message = ""
        self._render()

    def show_nothing(self, message: str = "") -> None:
        """Show an empty page, with ``message`` centred and quiet if there is one."""
        self._article = None
        self._highlight = None
        self._message = message
        self._render()

    def article(self) -> Article | None:
        """The article shown, if any."""
        return self._article

    # --- reading font ----------------------------------------------------

    def set_reading_font(self, family: str, point_size: float) -> None:
        """Read in ``family`` (``""``: the bundled Arabic face) at ``point_size`` points."""
        self._family = family
        self._size = min(MAX_READING_SIZE, max(MIN_READING_SIZE, point_size))
        font = QFont(self.font())
        reading = family or load_fonts().reading
        # Naskh faces carry no Latin letters worth reading: English falls back to a sans.
        families = [f for f in (reading, "Noto Sans", "DejaVu Sans") if f]
        font.setFamilies([*families, *QFont().families()])
        font.setPointSizeF(self._size)
        self.setFont(font)
        self._fit_text_width()

    def reading_size(self) -> float:
        """The reading size, in points."""
        return self._size

    def zoom_in(self) -> None:
        """Read one point larger (up to the largest size)."""
        self._change_size(self._size + 1)

    def zoom_out(self) -> None:
        """Read one point smaller (down to the smallest size)."""
        self._change_size(self._size - 1)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel changes the reading size (saved), not QTextEdit's own zoom."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def _change_size(self, size: float) -> None:
        before = self._size
        self.set_reading_font(self._family, size)
        if self._size != before:
            self.reading_size_changed.emit(self._size)

    # --- resources: the cache only ---------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """An image from the cache folder or the placeholder: never another file, never a fetch."""
        if type != QTextDocument.ResourceType.ImageResource.value:
            # Style sheets and linked documents have no place in a stored article; an
            # empty answer (not None) also keeps QTextDocument from reading the file itself.
            return ""
        path = self._cached_path(QUrl(name))
        if path is None:
            return self._placeholder_image()
        reader = QImageReader(str(path))
        size = reader.size()
        if size.isValid() and size.width() > _MAX_IMAGE_WIDTH:
            # Decoded at the width it is shown at: a huge photo (up to the cache's
            # 10 MB) never holds the GUI thread for a full-size decode.
            height = max(1, size.height() * _MAX_IMAGE_WIDTH // size.width())
            reader.setScaledSize(QSize(_MAX_IMAGE_WIDTH, height))
        image = reader.read()
        if image.isNull():
            return self._placeholder_image()
        return image

    def _cached_path(self, name: QUrl) -> Path | None:
        """The file in the cache folder that a relative image reference names, if it exists."""
        if not name.isRelative() or name.host() or not name.path():
            return None
        relative = name.path()
        if relative.startswith(("/", "\\")) or ":" in relative:
            return None
        candidate = (self._cache_dir / relative).resolve()
        # resolve() follows ../ and symbolic links, so a way out of the cache shows here.
        if not candidate.is_relative_to(self._cache_dir) or not candidate.is_file():
            return None
        return candidate

    def _placeholder_image(self) -> QImage:
        if self._placeholder is None:
            image = QImage(PLACEHOLDER_SIZE, QImage.Format.Format_ARGB32_Premultiplied)
            palette = self.palette()
            image.fill(
                _mix(
                    palette.color(QPalette.ColorRole.Mid),
                    palette.color(QPalette.ColorRole.Base),
                    0.35,
                )
            )
            self._placeholder = image
        return self._placeholder

    # --- links -----------------------------------------------------------

    def open_link(self, url: QUrl) -> None:
        """Follow a link: a fragment in the article, an http(s) page in the browser, else refuse."""
        text = url.toString()
        if url.isRelative() and not url.path() and url.fragment():
            self.scrollToAnchor(url.fragment())
            return
        if not is_web_url(text):
            self.link_refused.emit(text)
            return
        self._open_url(url)
        self.link_opened.emit(text)

    def _on_link_hovered(self, url: QUrl) -> None:
        # A link's text rarely says where it leads; the tooltip does, before the click.
        self.setToolTip(url.toDisplayString() if url.isValid() and not url.isEmpty() else "")

    # --- rendering -------------------------------------------------------

    def _render(self, keep_position: bool = False) -> None:
        position = self.verticalScrollBar().value()
        if self._article is not None:
            self.setHtml(self._article_html(self._article))
            self._set_block_directions(_as_qt(self._article.direction))
        else:
            self.setHtml(self._empty_html(self._message))
            self._set_block_directions(QGuiApplication.layoutDirection())
        self._fit_text_width()
        self.setExtraSelections(self._highlights())
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(position if keep_position else 0)
        self.horizontalScrollBar().setValue(0)

    def _article_html(self, article: Article) -> str:
        parts = [f"<h1>{html.escape(article.title)}</h1>"]
        meta = [article.source_title, self._when(article)]
        if article.author:
            meta.append(article.author)
        meta.extend(article.categories)
        # Each part isolated, so that an Arabic source beside an English date
        # keeps both in their own order.
        line = " · ".join(f"\u2068{html.escape(m)}\u2069" for m in meta if m.strip())
        parts.append(f'<p class="khabar-meta">{line}</p>')
        if is_web_url(article.url):
            label = html.escape(self.tr("Open the original page"))
            parts.append(
                f'<p class="khabar-meta"><a href="{html.escape(article.url)}">{label}</a></p>'
            )
        if article.body_origin == BodyOrigin.FEED_KEPT:
            note = self.tr(
                "The article's page could not be read in full; this is the text its feed gave."
            )
            parts.append(f'<p class="khabar-note">{html.escape(note)}</p>')
        parts.append("<hr>")
        body = _FIGURE_TAGS.sub(
            lambda m: f"<{m[1]}div" if m[1] or m[2] == "figure" else '<div class="khabar-caption"',
            article.body_html,
        )
        parts.append(body)
        return "".join(parts)

    @staticmethod
    def _when(article: Article) -> str:
        moment = QDateTime.fromSecsSinceEpoch(int(article.published.timestamp()))
        locale = QLocale()
        date = locale.toString(moment.date(), QLocale.FormatType.LongFormat)
        time = locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
        return f"{date} {time}"

    @staticmethod
    def _empty_html(message: str) -> str:
        if not message:
            return ""
        return f'<p class="khabar-empty" align="center">{html.escape(message)}</p>'

    def _set_block_directions(self, default: Qt.LayoutDirection) -> None:
        """Give every block (in tables and lists too) the direction of its first strong letter.

        QTextDocument takes no direction from an enclosing element, so this is
        the only way a paragraph of English in an Arabic article reads right.
        """
        document = self.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        direction = default
        block = document.begin()
        while block.isValid():
            text = block.text()
            found = first_strong(text)
            if found is not None:
                direction = _as_qt(found)
            fmt = block.blockFormat()
            fmt.setLayoutDirection(direction)
            if not fmt.alignment() & Qt.AlignmentFlag.AlignHCenter:
                side = (
                    Qt.AlignmentFlag.AlignRight
                    if direction == Qt.LayoutDirection.RightToLeft
                    else Qt.AlignmentFlag.AlignLeft
                )
                fmt.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
            # Proportional leading would also stretch the line an image stands in.
            if _OBJECT_REPLACEMENT not in text:
                fmt.setLineHeight(
                    _LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
                )
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            block = block.next()
        cursor.endEditBlock()

    def _highlights(self) -> list[QTextEdit.ExtraSelection]:
        if self._highlight is None:
            return []
        fmt = QTextCharFormat()
        palette = self.palette()
        fmt.setBackground(
            _mix(
                palette.color(QPalette.ColorRole.Highlight),
                palette.color(QPalette.ColorRole.Base),
                0.4,
            )
        )
        selections: list[QTextEdit.ExtraSelection] = []
        document = self.document()
        block = document.begin()
        while block.isValid():
            text = block.text()
            for match in self._highlight.finditer(text):
                start, end = match.span()
                if end <= start:
                    continue
                first = block.position() + utf16_length(text[:start])
                cursor = QTextCursor(document)
                cursor.setPosition(first)
                cursor.setPosition(
                    first + utf16_length(text[start:end]), QTextCursor.MoveMode.KeepAnchor
                )
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
            block = block.next()
        return selections

    # --- looks ------------------------------------------------------------

    def _apply_style_sheet(self) -> None:
        palette = self.palette()
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
        # Qt's CSS drops a colour's alpha, and the placeholder colour is often
        # the text colour at half opacity: lay it over the page colour first.
        quiet = _mix(placeholder, palette.color(QPalette.ColorRole.Base), placeholder.alphaF())
        link = palette.color(QPalette.ColorRole.Link).name()
        self.document().setDefaultStyleSheet(
            f"a {{ color: {link}; }}"
            " img { max-width: 100%; }"
            f" .khabar-meta {{ color: {quiet.name()}; font-size: small; }}"
            f" .khabar-note {{ color: {quiet.name()}; font-style: italic; font-size: small; }}"
            f" .khabar-caption {{ color: {quiet.name()}; font-size: small; }}"
            f" .khabar-empty {{ color: {quiet.name()}; }}"
            f" .{MISSING_IMAGE_CLASS} {{ color: {quiet.name()}; font-style: italic; }}"
        )

    def _fit_text_width(self) -> None:
        """Keep lines short enough to read, centring the column in a wide window.

        The empty page's message stands a third of the way down instead of at the top.
        """
        widest = QFontMetricsF(self.font()).averageCharWidth() * _MAX_LINE_CHARS
        side = max(float(_DOCUMENT_MARGIN), (self.viewport().width() - widest) / 2)
        top = float(_DOCUMENT_MARGIN)
        if self._article is None:
            top = max(top, self.viewport().height() / 3)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.rightMargin(), fmt.topMargin()) != (side, side, top):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(top)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the reading column centred and no wider than a comfortable line."""
        super().resizeEvent(event)
        self._fit_text_width()

    def changeEvent(self, event: QEvent) -> None:
        """Follow a change of theme: colours are baked into the document when it is built."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._placeholder = None
            self._apply_style_sheet()
            self._render(keep_position=True)

"""The article view: per-paragraph direction, cached images only, links, highlights, header."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextBlock, QTextDocument
from pytestqt.qtbot import QtBot

from helpers import LocalServer, Response
from reader.library import Library
from reader.types import Article, BodyOrigin, Direction
from reader.ui.article_view import (
    MAX_READING_SIZE,
    MIN_READING_SIZE,
    PLACEHOLDER_SIZE,
    ArticleView,
)

IMAGE = QTextDocument.ResourceType.ImageResource.value
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
MOMENT = datetime(2025, 3, 18, 9, 30, tzinfo=UTC)


def make_article(body_html: str, title: str = "خبر عن الطقس", **changes: object) -> Article:
    """An Arabic article with the given body, as the library would give it."""
    article = Article(
        id=1,
        source_id=1,
        source_title="صحيفة الواحة",
        guid="guid-1",
        url="https://news.example/articles/1",
        title=title,
        author=None,
        published=MOMENT,
        first_seen=MOMENT,
        updated_at=MOMENT,
        lead="",
        body_html=body_html,
        text="",
        language="ar",
        direction=Direction.RTL,
        is_read=False,
        is_bookmarked=False,
        bookmarked_at=None,
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def blocks(view: ArticleView) -> Iterator[QTextBlock]:
    block = view.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def block_of(view: ArticleView, text: str) -> QTextBlock:
    found = [b for b in blocks(view) if text in b.text()]
    assert len(found) == 1, f"{text!r} is in {len(found)} blocks"
    return found[0]


def anchors(view: ArticleView) -> list[str]:
    """The href of every link in the document."""
    hrefs = []
    for block in blocks(view):
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                hrefs.append(fmt.anchorHref())
            it += 1
    return hrefs


def png_bytes(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    (folder / "images" / "ab").mkdir(parents=True)
    return folder


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def view(qtbot: QtBot, cache_dir: Path, opened: list[QUrl]) -> ArticleView:
    def record(url: QUrl) -> bool:
        opened.append(url)
        return True

    widget = ArticleView(cache_dir, open_url=record)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    return widget


def test_each_paragraph_takes_the_direction_of_its_first_strong_letter(
    view: ArticleView,
) -> None:
    view.show_article(
        make_article(
            "<p>قال الوزير إن الميزانية ستزيد هذا العام.</p>"
            '<figure><img src="images/ab/x.png" alt="">'
            "<figcaption>A caption in English.</figcaption></figure>"
            "<p>2025 - «الأمطار» تعود إلى الواحة.</p>"
            "<p>(1) ... ١٢٣ الفقرة الثالثة.</p>"
            "<ul><li>An English item in a list</li></ul>"
            "<table><tr><td>An English table cell</td><td>خلية عربية</td></tr></table>"
        )
    )

    for text in ("قال الوزير", "«الأمطار»", "الفقرة الثالثة", "خلية عربية"):
        fmt = block_of(view, text).blockFormat()
        assert fmt.layoutDirection() == Qt.LayoutDirection.RightToLeft, text
        assert fmt.alignment() == RIGHT, text
    for text in ("A caption in English.", "An English item", "An English table cell"):
        fmt = block_of(view, text).blockFormat()
        assert fmt.layoutDirection() == Qt.LayoutDirection.LeftToRight, text
        assert fmt.alignment() == LEFT, text
    # A figure's picture stands on its own, not at the end of the paragraph before it.
    assert "\ufffc" not in block_of(view, "قال الوزير").text()


def test_a_block_without_strong_letters_follows_the_one_before(view: ArticleView) -> None:
    view.show_article(make_article("<p>English first.</p><p>2025 - 10:30</p>"))
    fmt = block_of(view, "2025 - 10:30").blockFormat()
    assert fmt.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_images_load_from_the_cache_and_nowhere_else(
    view: ArticleView, cache_dir: Path, tmp_path: Path
) -> None:
    picture = cache_dir / "images" / "ab" / "abc123.png"
    picture.write_bytes(png_bytes(20, 10))
    (tmp_path / "outside.png").write_bytes(png_bytes(30, 30))

    cached = view.loadResource(IMAGE, QUrl("images/ab/abc123.png"))
    assert isinstance(cached, QImage)
    assert not cached.isNull()
    assert cached.size().toTuple() == (20, 10)

    for name in (
        "images/ab/missing.png",
        "../outside.png",
        "images/../../outside.png",
        str(tmp_path / "outside.png"),
        QUrl.fromLocalFile(str(picture)).toString(),
        "data:image/png;base64,iVBORw0KGgo=",
        "http://127.0.0.1:9/pic.png",
    ):
        placeholder = view.loadResource(IMAGE, QUrl(name))
        assert isinstance(placeholder, QImage), name
        assert placeholder.size() == PLACEHOLDER_SIZE, name


def test_a_huge_image_is_decoded_at_the_width_it_is_shown(
    view: ArticleView, cache_dir: Path
) -> None:
    (cache_dir / "images" / "ab" / "wide.png").write_bytes(png_bytes(4000, 1000))
    image = view.loadResource(IMAGE, QUrl("images/ab/wide.png"))
    assert isinstance(image, QImage)
    assert image.width() <= 1600
    assert abs(image.width() / image.height() - 4.0) < 0.01  # never distorted


def test_showing_a_remote_image_never_touches_the_network(view: ArticleView, qtbot: QtBot) -> None:
    with LocalServer() as server:
        server.route("/pic.png", Response(png_bytes(40, 40), content_type="image/png"))
        url = server.url("/pic.png")
        view.show_article(make_article(f'<p>صورة من بعيد</p><p><img src="{url}"></p>'))
        view.show()
        qtbot.waitExposed(view)
        view.grab()  # lays the document out and paints it, images included
        qtbot.wait(200)
        assert server.requests == []
    shown = view.document().resource(IMAGE, QUrl(url))
    assert isinstance(shown, QImage)
    assert shown.size() == PLACEHOLDER_SIZE


@pytest.mark.parametrize("link", ["https://news.example/a?b=1", "http://127.0.0.1/page"])
def test_web_links_go_to_the_system_opener(
    view: ArticleView, qtbot: QtBot, opened: list[QUrl], link: str
) -> None:
    with qtbot.waitSignal(view.link_opened) as blocker:
        view.anchorClicked.emit(QUrl(link))
    assert blocker.args == [QUrl(link).toString()]
    assert opened == [QUrl(link)]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "ftp://x/y",
        "mailto:desk@news.example",
    ],
)
def test_other_links_are_refused(
    view: ArticleView, qtbot: QtBot, opened: list[QUrl], link: str
) -> None:
    with (
        qtbot.waitSignal(view.link_refused) as blocker,
        qtbot.assertNotEmitted(view.link_opened),
    ):
        view.anchorClicked.emit(QUrl(link))
    assert blocker.args == [QUrl(link).toString()]
    assert opened == []


def test_search_matches_are_highlighted_without_changing_the_document(
    view: ArticleView,
) -> None:
    body = "<p>قال إن الاقتصاد ينمو، وبالاقتصاد تقاس الأمم 😀🌍 والاقتصاد قوي.</p><p>نص آخر.</p>"
    view.show_article(make_article(body))
    plain = view.toPlainText()

    view.show_article(make_article(body), Library.highlighter("الاقتصاد"))

    assert view.toPlainText() == plain
    marked = [s.cursor.selectedText() for s in view.extraSelections()]
    assert marked == ["الاقتصاد", "وبالاقتصاد", "والاقتصاد"]

    view.show_article(make_article(body))
    assert view.extraSelections() == []


def test_the_header_names_title_source_and_original(view: ArticleView, filled: Library) -> None:
    summary = filled.articles().items[0]
    article = filled.article(summary.id)
    assert article.url is not None

    view.show_article(article)

    text = view.toPlainText()
    assert article.title in text
    assert article.source_title in text
    assert "Open the original page" in text
    assert article.url in anchors(view)
    assert "could not be read in full" not in text

    view.show_article(replace(article, body_origin=BodyOrigin.FEED_KEPT))
    assert "could not be read in full" in view.toPlainText()


def test_header_values_are_shown_literally(view: ArticleView) -> None:
    view.show_article(
        make_article(
            "<p>نص.</p>",
            title="<b>x</b>",
            author='A & B <img src="images/ab/x.png">',
            categories=("<i>اقتصاد</i>",),
            url="javascript:alert(1)",
        )
    )
    text = view.toPlainText()
    assert "<b>x</b>" in text
    assert 'A & B <img src="images/ab/x.png">' in text
    assert "<i>اقتصاد</i>" in text
    assert "\ufffc" not in text  # no image was made of the author's name
    assert anchors(view) == []  # only a web address becomes the link to the original


def test_a_new_article_opens_at_its_top(view: ArticleView, qtbot: QtBot) -> None:
    long_body = "".join(f"<p>الفقرة رقم {n} من خبر طويل عن الطقس.</p>" for n in range(200))
    view.show()
    qtbot.waitExposed(view)
    view.show_article(make_article(long_body))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0

    view.show_article(make_article(long_body, title="خبر آخر"))
    assert bar.value() == 0


def test_nothing_shown_is_a_quiet_centred_message(view: ArticleView) -> None:
    view.show_article(make_article("<p>نص.</p>"), Library.highlighter("نص"))
    view.show_nothing("Choose an article to read.")
    assert view.toPlainText() == "Choose an article to read."
    assert view.article() is None
    assert view.extraSelections() == []
    assert block_of(view, "Choose").blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter


def test_a_new_palette_keeps_the_article(view: ArticleView) -> None:
    view.show_article(make_article("<p>نص الخبر.</p>"))
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.setPalette(palette)
    assert "نص الخبر." in view.toPlainText()


def test_zoom_changes_the_reading_size_within_bounds(view: ArticleView, qtbot: QtBot) -> None:
    view.set_reading_font("", MAX_READING_SIZE - 1)
    with qtbot.waitSignal(view.reading_size_changed) as blocker:
        view.zoom_in()
    assert blocker.args == [MAX_READING_SIZE]
    assert view.reading_size() == MAX_READING_SIZE
    assert view.font().pointSizeF() == MAX_READING_SIZE
    with qtbot.assertNotEmitted(view.reading_size_changed):
        view.zoom_in()
    assert view.reading_size() == MAX_READING_SIZE

    view.set_reading_font("", MIN_READING_SIZE + 1)
    with qtbot.waitSignal(view.reading_size_changed) as blocker:
        view.zoom_out()
    assert blocker.args == [MIN_READING_SIZE]
    with qtbot.assertNotEmitted(view.reading_size_changed):
        view.zoom_out()
    assert view.reading_size() == MIN_READING_SIZE


def test_the_reading_font_is_the_bundled_face_by_default(view: ArticleView) -> None:
    assert view.font().families()[0] == "Noto Naskh Arabic"
    view.set_reading_font("DejaVu Serif", 15)
    assert view.font().families()[0] == "DejaVu Serif"
    assert view.reading_size() == 15
    assert view.accessibleName() == "Article"


def test_ctrl_wheel_zooms_the_reading_size(view: ArticleView, qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    before = view.reading_size()

    def wheel(delta: int, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            QPointF(10, 10),
            QPointF(view.mapToGlobal(QPoint(10, 10))),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)

    with qtbot.waitSignal(view.reading_size_changed):
        wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert view.reading_size() == before + 1
    assert view.font().pointSizeF() == before + 1  # the widget follows the setting, not Qt's zoom
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert view.reading_size() == before

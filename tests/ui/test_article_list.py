"""The article list: views, paging, local updates, search results, rows in their own direction."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from helpers import entry
from reader.errors import StorageError
from reader.library import Library
from reader.types import ArticleSummary, SearchResult, Snippet, View
from reader.ui.article_delegate import ArticleDelegate, ArticleListView
from reader.ui.article_list import ArticleListModel, ArticleRoles


def categories(library: Library) -> dict[str, int]:
    return {c.name: c.id for c in library.categories()}


def articles(model: ArticleListModel) -> list[ArticleSummary]:
    found = [model.article_at(row) for row in range(model.rowCount())]
    assert all(a is not None for a in found)
    return [a for a in found if a is not None]


@pytest.fixture
def model(filled: Library, qtbot: QtBot) -> ArticleListModel:
    shown = ArticleListModel(filled)
    shown.show_view(View.ALL)
    return shown


# --- views -----------------------------------------------------------------------


def test_all_view_is_newest_first(model: ArticleListModel) -> None:
    shown = articles(model)
    assert len(shown) == 35
    assert shown[0].title == "خبر رقم 0"
    keys = [(a.published, a.id) for a in shown]
    assert keys == sorted(keys, reverse=True)
    assert not model.searching
    assert model.current_query == ""
    assert not model.canFetchMore(QModelIndex())


def test_categories_narrow_the_view(filled: Library, model: ArticleListModel) -> None:
    ids = categories(filled)
    model.show_view(View.ALL, category_id=ids["سياسة"])
    assert model.rowCount() == 30
    assert all(a.title.startswith("خبر") for a in articles(model))
    model.show_view(View.ALL, category_id=ids["اقتصاد"])
    assert model.rowCount() == 5
    assert all(a.title.startswith("Markets") for a in articles(model))


def test_sources_narrow_the_view(filled: Library, model: ArticleListModel) -> None:
    english = next(s for s in filled.sources() if "english" in s.url)
    model.show_view(View.ALL, source_id=english.id)
    assert {a.source_id for a in articles(model)} == {english.id}
    assert model.rowCount() == 5


def test_unread_view_leaves_out_what_the_library_has_read(
    filled: Library, model: ArticleListModel
) -> None:
    read = [a.id for a in articles(model)[:3]]
    filled.mark_read(read)
    model.show_view(View.UNREAD)
    assert model.rowCount() == 32
    assert not set(read) & {a.id for a in articles(model)}
    assert model.current_view is View.UNREAD


def test_bookmarks_view(filled: Library, model: ArticleListModel) -> None:
    marked = [articles(model)[n].id for n in (4, 33)]
    for article_id in marked:
        filled.set_bookmarked(article_id)
    model.show_view(View.BOOKMARKS)
    assert sorted(a.id for a in articles(model)) == sorted(marked)
    assert all(a.is_bookmarked for a in articles(model))


def test_display_and_tooltip_roles(model: ArticleListModel) -> None:
    index = model.index(0, 0)
    summary = model.article_at(0)
    assert summary is not None
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == summary.title
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert summary.title in tooltip
    assert summary.source_title in tooltip
    spoken = model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert summary.title in spoken
    assert "unread" in spoken
    assert model.data(index, ArticleRoles.ARTICLE) == summary


# --- paging ----------------------------------------------------------------------


def test_pages_are_fetched_as_asked(filled: Library, qtbot: QtBot) -> None:
    paged = ArticleListModel(filled, page_size=10)
    paged.show_view(View.ALL)
    root = QModelIndex()
    assert paged.rowCount() == 10
    assert paged.canFetchMore(root)
    with qtbot.waitSignal(paged.rowsInserted) as inserted:
        paged.fetchMore(root)
    assert inserted.args[1:] == [10, 19]
    assert paged.rowCount() == 20
    while paged.canFetchMore(root):
        paged.fetchMore(root)
    assert paged.rowCount() == 35
    whole = ArticleListModel(filled)
    whole.show_view(View.ALL)
    assert [a.id for a in articles(paged)] == [a.id for a in articles(whole)]


def test_paging_inside_a_category(filled: Library) -> None:
    paged = ArticleListModel(filled, page_size=7)
    paged.show_view(View.ALL, category_id=categories(filled)["سياسة"])
    while paged.canFetchMore(QModelIndex()):
        paged.fetchMore(QModelIndex())
    assert paged.rowCount() == 30
    assert len({a.id for a in articles(paged)}) == 30


def test_row_of_and_article_at(model: ArticleListModel) -> None:
    for row in range(model.rowCount()):
        summary = model.article_at(row)
        assert summary is not None
        assert model.row_of(summary.id) == row
    assert model.article_at(-1) is None
    assert model.article_at(model.rowCount()) is None
    assert model.row_of(10**9) is None


def test_a_page_size_below_one_is_refused(filled: Library) -> None:
    with pytest.raises(ValueError, match="page_size"):
        ArticleListModel(filled, page_size=0)


# --- local updates and reloading -----------------------------------------------------


def test_set_read_updates_the_row(model: ArticleListModel, qtbot: QtBot) -> None:
    summary = model.article_at(5)
    assert summary is not None
    assert not summary.is_read
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_read(summary.id, True)
    first, last = changed.args[:2]
    assert first.row() == last.row() == 5
    updated = model.data(model.index(5, 0), ArticleRoles.ARTICLE)
    assert updated.is_read
    assert updated.title == summary.title
    with qtbot.waitSignal(model.dataChanged):
        model.set_read(summary.id, False)
    assert not model.data(model.index(5, 0), ArticleRoles.ARTICLE).is_read


def test_set_bookmarked_updates_the_row(model: ArticleListModel, qtbot: QtBot) -> None:
    summary = model.article_at(2)
    assert summary is not None
    with qtbot.waitSignal(model.dataChanged):
        model.set_bookmarked(summary.id, True)
    updated = model.article_at(2)
    assert updated is not None
    assert updated.is_bookmarked


def test_updates_of_articles_not_shown_are_ignored(model: ArticleListModel, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_read(10**9, True)
        model.set_bookmarked(10**9, True)


def test_a_row_read_in_the_unread_view_stays_until_reload(
    filled: Library, model: ArticleListModel
) -> None:
    model.show_view(View.UNREAD)
    summary = model.article_at(0)
    assert summary is not None
    filled.mark_read([summary.id])
    model.set_read(summary.id, True)
    assert model.rowCount() == 35
    assert model.row_of(summary.id) == 0
    model.reload()
    assert model.rowCount() == 34
    assert model.row_of(summary.id) is None


def test_reload_keeps_what_was_loaded_and_shows_new_articles(filled: Library, qtbot: QtBot) -> None:
    paged = ArticleListModel(filled, page_size=10)
    paged.show_view(View.ALL)
    paged.fetchMore(QModelIndex())
    paged.fetchMore(QModelIndex())
    assert paged.rowCount() == 30
    source = next(s for s in filled.sources() if "arabic" in s.url)
    filled.store_entries(source.id, [entry(500, "خبر جديد", age=timedelta(seconds=5))])
    with qtbot.waitSignal(paged.modelReset), qtbot.assertNotEmitted(paged.rowsInserted):
        paged.reload()
    assert paged.rowCount() >= 30
    assert [a.title for a in articles(paged)][:2] == ["خبر جديد", "خبر رقم 0"]
    assert paged.canFetchMore(QModelIndex())


def test_a_reload_run_elsewhere_applies_only_to_the_view_it_was_for(filled: Library) -> None:
    paged = ArticleListModel(filled, page_size=10)
    paged.show_view(View.ALL)
    source = next(s for s in filled.sources() if "arabic" in s.url)
    filled.store_entries(source.id, [entry(501, "خبر أحدث", age=timedelta(seconds=5))])
    job = paged.reload_job()
    assert job is not None
    token, query = job
    assert paged.finish_reload(token, query())
    assert paged.article_at(0).title == "خبر أحدث"  # type: ignore[union-attr]
    stale = paged.reload_job()
    assert stale is not None
    paged.show_view(View.BOOKMARKS)  # the user moved on before the query came back
    assert not paged.finish_reload(stale[0], stale[1]())
    assert paged.rowCount() == 0
    paged.show_results("x", [])
    assert paged.reload_job() is None


# --- search results ----------------------------------------------------------------


def test_search_results_with_their_snippets(filled: Library, model: ArticleListModel) -> None:
    results = filled.search("الاقتصاد")
    assert results
    model.show_results("الاقتصاد", results)
    assert model.searching
    assert model.current_query == "الاقتصاد"
    assert model.rowCount() == len(results)
    assert not model.canFetchMore(QModelIndex())
    for row, result in enumerate(results):
        index = model.index(row, 0)
        assert model.data(index, ArticleRoles.ARTICLE) == result.article
        snippet = model.data(index, ArticleRoles.SNIPPET)
        assert isinstance(snippet, Snippet)
        assert snippet == result.snippet
        assert snippet.highlights
        assert model.data(index, ArticleRoles.TITLE_HIGHLIGHTS) == result.title_highlights
        assert model.row_of(result.article.id) == row
    model.reload()  # the window searches again; a reload leaves results alone
    assert model.rowCount() == len(results)
    model.show_view(View.ALL)
    assert not model.searching
    assert model.rowCount() == 35
    assert model.snippet_at(0) is None
    assert model.title_highlights_at(0) == ()


def test_title_highlights_of_english_results(filled: Library, model: ArticleListModel) -> None:
    results = filled.search("markets")
    model.show_results("markets", results)
    assert model.rowCount() == 5
    spans = model.title_highlights_at(0)
    assert spans
    title = model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    start, end = spans[0]
    assert title[start:end] == "Markets"


# --- errors ------------------------------------------------------------------------


class _Broken:
    """A library whose pages fail after ``good`` calls, as a damaged file would."""

    def __init__(self, inner: Library, good: int) -> None:
        self._inner = inner
        self._good = good

    def articles(self, *args: Any, **kwargs: Any) -> Any:
        if self._good <= 0:
            raise StorageError("The library file could not be read.")
        self._good -= 1
        return self._inner.articles(*args, **kwargs)


def test_a_failing_library_leaves_the_model_empty(filled: Library, qtbot: QtBot) -> None:
    broken = ArticleListModel(_Broken(filled, good=0))  # type: ignore[arg-type]
    with qtbot.waitSignal(broken.loading_failed) as failed:
        broken.show_view(View.ALL)
    assert failed.args == ["The library file could not be read."]
    assert broken.rowCount() == 0
    assert not broken.canFetchMore(QModelIndex())


def test_a_failing_page_keeps_what_is_shown(filled: Library, qtbot: QtBot) -> None:
    broken = ArticleListModel(_Broken(filled, good=1), page_size=10)  # type: ignore[arg-type]
    broken.show_view(View.ALL)
    with qtbot.waitSignal(broken.loading_failed):
        broken.fetchMore(QModelIndex())
    assert broken.rowCount() == 10
    assert not broken.canFetchMore(QModelIndex())


# --- drawing -----------------------------------------------------------------------


@pytest.fixture
def view(model: ArticleListModel, qtbot: QtBot) -> ArticleListView:
    shown = ArticleListView()
    qtbot.addWidget(shown)
    shown.setModel(model)
    shown.resize(700, 900)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _ink(image: QImage, background: QColor, box: tuple[int, int, int, int]) -> int:
    """How many pixels of a box (left, top, right, bottom) differ clearly from the background."""
    left, top, right, bottom = box
    count = 0
    for y in range(top, bottom):
        for x in range(left, right):
            if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60:
                count += 1
    return count


def _title_ink(view: ArticleListView, row: int) -> tuple[int, int]:
    """Ink in the left and right halves of a row's title line, the mark gutters left out."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(row, 0))
    scale = image.width() / view.viewport().width()
    background = view.palette().color(QPalette.ColorRole.Base)
    top = int((rect.top() + 2) * scale)
    bottom = int((rect.top() + rect.height() / 3) * scale)
    # The unread dot and the bookmark star sit within this much of either edge; text does not.
    gutter = int(view.fontMetrics().height() * 1.45)
    left, middle, right = rect.left() + gutter, rect.center().x(), rect.right() - gutter
    return (
        _ink(image, background, (int(left * scale), top, int(middle * scale), bottom)),
        _ink(image, background, (int(middle * scale), top, int(right * scale), bottom)),
    )


@pytest.mark.parametrize("layout", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_each_title_takes_its_own_direction(
    view: ArticleListView, model: ArticleListModel, layout: Qt.LayoutDirection
) -> None:
    view.setLayoutDirection(layout)
    arabic = 0  # "خبر رقم 0": short, so it fills only its own side
    english = model.row_of(next(a.id for a in articles(model) if a.title.startswith("Markets")))
    assert english is not None
    assert _visible(view, arabic)
    assert _visible(view, english)
    arabic_left, arabic_right = _title_ink(view, arabic)
    english_left, english_right = _title_ink(view, english)
    assert arabic_right > 0
    assert arabic_left == 0
    assert english_left > 0
    assert english_right == 0


def _visible(view: ArticleListView, row: int) -> bool:
    return view.viewport().rect().contains(view.visualRect(view.model().index(row, 0)))


def test_rows_paint_in_every_state(
    filled: Library, view: ArticleListView, model: ArticleListModel, qtbot: QtBot
) -> None:
    first = model.article_at(0)
    assert first is not None
    before = view.viewport().grab().toImage()
    model.set_bookmarked(first.id, True)
    model.set_read(first.id, True)
    view.setCurrentIndex(model.index(1, 0))
    after = view.viewport().grab().toImage()
    assert before != after
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert not view.grab().isNull()
    model.show_results("الاقتصاد", filled.search("الاقتصاد") + filled.search("shares"))
    assert not view.grab().isNull()


def test_row_height_is_constant(
    filled: Library, view: ArticleListView, model: ArticleListModel
) -> None:
    delegate = view.itemDelegate()
    assert isinstance(delegate, ArticleDelegate)
    for row in (3, 4):
        summary = model.article_at(row)
        assert summary is not None
        model.set_bookmarked(summary.id, True)
        model.set_read(summary.id, row == 4)
    sizes = {view.sizeHintForIndex(model.index(row, 0)) for row in range(model.rowCount())}
    model.show_results("الاقتصاد", filled.search("الاقتصاد"))
    sizes |= {view.sizeHintForIndex(model.index(row, 0)) for row in range(model.rowCount())}
    assert len(sizes) == 1
    height = sizes.pop().height()
    assert height >= 3 * view.fontMetrics().height()
    assert view.uniformItemSizes()


def test_the_view_tells_the_current_article(
    view: ArticleListView, model: ArticleListModel, qtbot: QtBot
) -> None:
    summary = model.article_at(3)
    assert summary is not None
    with qtbot.waitSignal(view.current_article_changed) as changed:
        view.setCurrentIndex(model.index(3, 0))
    assert changed.args == [summary.id]
    assert view.current_article() == summary
    assert view.accessibleName() == "Articles"


def _red_pixels(image: QImage, box: tuple[int, int, int, int]) -> int:
    left, top, right, bottom = box
    return sum(
        1
        for y in range(top, bottom, 2)
        for x in range(left, right, 2)
        if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
    )


RED_URL = "https://pictures.example/red.png"


def test_a_cached_image_is_the_rows_thumbnail(qtbot: QtBot, tmp_path: Path) -> None:
    from reader.types import Asset

    with Library(tmp_path / "data") as library:
        picture = QImage(240, 160, QImage.Format.Format_RGB32)
        picture.fill(QColor("red"))
        (library.cache_dir / "images" / "ab").mkdir(parents=True)
        assert picture.save(str(library.cache_dir / "images" / "ab" / "red.png"))
        outside = tmp_path / "outside.png"
        assert picture.save(str(outside))
        source = library.add_source("https://pictures.example/rss").id
        library.store_entries(
            source,
            [
                dataclasses.replace(
                    entry(1),
                    assets=(Asset(RED_URL, "ab" * 32, "images/ab/red.png", "image/png", 999),),
                ),
                entry(2, age=timedelta(hours=2)),
            ],
        )
        shown = ArticleListModel(library)
        shown.show_view(View.ALL)
        first, second = shown.article_at(0), shown.article_at(1)
        assert first is not None
        assert second is not None
        assert first.thumbnail == "images/ab/red.png"
        assert second.thumbnail is None

        view = ArticleListView()
        qtbot.addWidget(view)
        view.setItemDelegate(ArticleDelegate(view, cache_dir=library.cache_dir))
        view.setModel(shown)
        view.resize(600, 400)
        view.show()
        qtbot.waitExposed(view)

        def red_in_row(row: int) -> int:
            rect = view.visualRect(shown.index(row, 0))
            image = view.viewport().grab().toImage()
            return _red_pixels(image, (rect.left(), rect.top(), rect.right(), rect.bottom()))

        assert red_in_row(0) > 50
        assert red_in_row(1) == 0
        # A path that leaves the cache folder is never read.
        shown.show_results(
            "x",
            [
                SearchResult(
                    dataclasses.replace(first, thumbnail="../outside.png"), Snippet("", ()), (), 1.0
                )
            ],
        )
        assert red_in_row(0) == 0

"""The whole window over a real library: views, reading state, bookmarks, search, sync, keys."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from helpers import LocalServer, add_source, entry, rss_document
from reader.library import Library
from reader.types import View
from reader.ui.settings import Settings
from reader.ui.sidebar import Selection
from reader.ui.window import MainWindow

QUICK = Settings(mark_read_delay_ms=0, sync_on_start=False, sync_interval_min=0)


def make_window(qtbot: QtBot, library: Library, settings: Settings = QUICK) -> MainWindow:
    window = MainWindow(library, settings, "en")
    qtbot.addWidget(window)
    window.show()
    return window


def category_id(library: Library, name: str) -> int:
    return next(c.id for c in library.categories() if c.name == name)


@pytest.fixture
def window(qtbot: QtBot, filled: Library) -> Iterator[MainWindow]:
    main = make_window(qtbot, filled)
    yield main
    main.close()


def test_views_and_categories_filter_the_list(window: MainWindow, filled: Library) -> None:
    assert window.model.rowCount() >= 35 or window.model.canFetchMore(window.list.rootIndex())
    window.sidebar.select(Selection(category_id=category_id(filled, "اقتصاد")))
    assert window.model.rowCount() == 5
    assert all(
        window.model.article_at(row).title.startswith("Markets")  # type: ignore[union-attr]
        for row in range(5)
    )
    window.sidebar.select(Selection(view=View.BOOKMARKS))
    assert window.model.rowCount() == 0


def test_opening_an_article_marks_it_read_and_counts_follow(
    qtbot: QtBot, window: MainWindow, filled: Library
) -> None:
    before = filled.unread_counts().all
    window.list.setCurrentIndex(window.model.index(0))
    opened = window.model.article_at(0)
    assert opened is not None
    qtbot.waitUntil(lambda: filled.article(opened.id).is_read)
    assert filled.unread_counts().all == before - 1
    assert window.windowTitle().startswith(f"({before - 1})")
    summary = window.model.article_at(0)
    assert summary is not None
    assert summary.is_read


def test_keys_move_mark_and_bookmark(qtbot: QtBot, window: MainWindow, filled: Library) -> None:
    window.list.setFocus()
    window.list.setCurrentIndex(window.model.index(0))
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert window.list.currentIndex().row() == 1
    qtbot.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 0
    current = window.model.article_at(0)
    assert current is not None
    qtbot.keyClick(window.list, Qt.Key.Key_S)
    assert filled.article(current.id).is_bookmarked
    qtbot.keyClick(window.list, Qt.Key.Key_M)  # read after opening: m makes it unread
    qtbot.waitUntil(lambda: window.model.article_at(0) is not None)
    assert filled.article(current.id).is_read is bool(window.actions_.toggle_read.isChecked())
    qtbot.keyClick(window.list, Qt.Key.Key_N)  # the next unread one
    after = window.model.article_at(window.list.currentIndex().row())
    assert after is not None
    assert after.id != current.id


def test_bookmarks_and_the_selection_survive_a_restart(
    qtbot: QtBot, filled: Library, tmp_path: Path
) -> None:
    first = make_window(qtbot, filled)
    first.sidebar.select(Selection(category_id=category_id(filled, "سياسة")))
    first.list.setCurrentIndex(first.model.index(2))
    chosen = first.model.article_at(2)
    assert chosen is not None
    first.toggle_bookmark()
    first.close()
    data_dir = filled.data_dir
    filled.close()
    with Library(data_dir) as reopened:
        second = make_window(qtbot, reopened)
        assert second.sidebar.selection().category_id == category_id(reopened, "سياسة")
        assert second._current is not None
        assert second._current.id == chosen.id
        second.sidebar.select(Selection(view=View.BOOKMARKS))
        assert second.model.rowCount() == 1
        assert second.model.article_at(0).id == chosen.id  # type: ignore[union-attr]
        second.close()


def test_search_shows_results_and_highlights_the_article(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setText("الاقتصاد")
    qtbot.waitUntil(lambda: window.model.searching and window.model.rowCount() > 0, timeout=10000)
    assert window.model.rowCount() == 30
    window.list.setCurrentIndex(window.model.index(0))
    selections = window.view.extraSelections()
    assert selections
    cursor: QTextCursor = selections[0].cursor
    assert "اقتصاد" in cursor.selectedText()
    window.search_field.clear()
    qtbot.waitUntil(lambda: not window.model.searching)
    assert window.model.rowCount() >= 35 or window.model.canFetchMore(window.list.rootIndex())


def test_arabic_mirrors_the_window(qtbot: QtBot, filled: Library) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        main = MainWindow(filled, QUICK, "ar")
        qtbot.addWidget(main)
        main.resize(1200, 700)
        main.show()
        qtbot.waitExposed(main)
        sidebar_x = main.sidebar.mapTo(main, main.sidebar.rect().center()).x()
        view_x = main.view.mapTo(main, main.view.rect().center()).x()
        assert sidebar_x > view_x  # the sidebar is on the right
        main.close()
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def feeds() -> Iterator[LocalServer]:
    items = "".join(
        f"<item><title>خبر من الخادم {n}</title><guid>served-{n}</guid>"
        f"<link>http://127.0.0.1/served/{n}</link>"
        f"<description>نص الخبر {n} كما جاء في الخلاصة.</description></item>"
        for n in range(6)
    )
    with LocalServer() as server:
        server.route("/feed.xml", rss_document("مصدر محلي", items))
        yield server


def test_the_sync_worker_fills_the_list(qtbot: QtBot, tmp_path: Path, feeds: LocalServer) -> None:
    with Library(tmp_path / "data") as library:
        library.add_source(feeds.url("/feed.xml"))
        main = make_window(qtbot, library, Settings(sync_on_start=False, full_text=False))
        assert main.model.rowCount() == 0
        with qtbot.waitSignal(main.sync.sync_finished, timeout=90000):
            main.start_sync()
        qtbot.waitUntil(lambda: main.model.rowCount() == 6)
        assert library.unread_counts().all == 6
        main.close()


def test_killing_the_sync_leaves_the_window_working(
    qtbot: QtBot, tmp_path: Path, feeds: LocalServer
) -> None:
    with Library(tmp_path / "data") as library:
        source = add_source(library, "kept")
        library.store_entries(source, [entry(1, age=timedelta(minutes=5))])
        library.add_source(feeds.url("/feed.xml"))
        main = make_window(qtbot, library, Settings(sync_on_start=False, full_text=False))
        with qtbot.waitSignal(main.sync.sync_failed, timeout=90000):
            main.start_sync()
            qtbot.waitUntil(lambda: main.sync.pid() > 0, timeout=30000)
            os.kill(main.sync.pid(), signal.SIGKILL)
        assert not main.progress.isVisible()
        main.list.setCurrentIndex(main.model.index(0))
        assert main._current is not None
        with qtbot.waitSignal(main.sync.sync_finished, timeout=90000):
            main.start_sync()
        qtbot.waitUntil(lambda: main.model.rowCount() == 7)
        main.close()

"""The whole window over a real library: views, reading state, bookmarks, search, sync, keys."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from helpers import LocalServer, add_source, entry, rss_document
from reader.errors import StorageError
from reader.library import Library
from reader.types import ArticlePage, ArticleSummary, View
from reader.ui.activity import STATE
from reader.ui.settings import Settings
from reader.ui.sidebar import Selection
from reader.ui.window import MainWindow

QUICK = Settings(mark_read_delay_ms=0, sync_on_start=False, sync_interval_min=0)


def make_window(qtbot: QtBot, library: Library, settings: Settings = QUICK) -> MainWindow:
    window = MainWindow(library, settings, "en")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # the window's keys work only in the active window
        window.show()
        window.activateWindow()
    return window


def open_first(window: MainWindow) -> ArticleSummary:
    """Open the list's first article; return it as the list shows it."""
    window.list.setCurrentIndex(window.model.index(0))
    opened = window.model.article_at(0)
    assert opened is not None
    return opened


def category_id(library: Library, name: str) -> int:
    return next(c.id for c in library.categories() if c.name == name)


@pytest.fixture
def window(qtbot: QtBot, filled: Library) -> Iterator[MainWindow]:
    main = make_window(qtbot, filled)
    yield main
    main.close()


def test_views_and_categories_filter_the_list(window: MainWindow, filled: Library) -> None:
    assert window.model.rowCount() == 35
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
    opened = open_first(window)
    qtbot.waitUntil(lambda: filled.article(opened.id).is_read)
    assert filled.unread_counts().all == before - 1
    qtbot.waitUntil(lambda: window.windowTitle().startswith(f"({before - 1})"))
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
    qtbot.waitUntil(lambda: filled.article(current.id).is_read)  # opened: read at once
    qtbot.keyClick(window.list, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: not filled.article(current.id).is_read)
    qtbot.keyClick(window.list, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: filled.article(current.id).is_read)
    qtbot.keyClick(window.list, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: filled.article(current.id).is_bookmarked)
    qtbot.keyClick(window.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not filled.article(current.id).is_bookmarked)


def test_reading_state_is_written_off_the_gui_thread_and_in_order(
    qtbot: QtBot, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = make_window(qtbot, filled, replace(QUICK, mark_read_delay_ms=60_000))
    opened = open_first(main)
    assert not opened.is_read
    threads: list[bool] = []
    real_mark_read = filled.mark_read

    def mark_read(ids: list[int], read: bool = True) -> int:
        threads.append(threading.current_thread() is threading.main_thread())
        return real_mark_read(ids, read=read)

    monkeypatch.setattr(filled, "mark_read", mark_read)
    for _ in range(5):  # read, unread, read, unread, read: the last press decides
        main.toggle_read()
    assert main._current is not None
    assert main._current.is_read
    qtbot.waitUntil(lambda: len(threads) == 5)
    qtbot.waitUntil(lambda: main.windowTitle().startswith("(34)"))
    assert threads == [False] * 5
    assert filled.article(opened.id).is_read
    row = main.model.article_at(main.model.row_of(opened.id) or 0)
    assert row is not None
    assert row.is_read
    main.close()


def test_a_bookmark_that_cannot_be_saved_is_shown_as_it_stays(
    qtbot: QtBot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_first(window)

    def full_disk(_article_id: int, _bookmarked: bool = True) -> None:
        raise StorageError.say("The disk is full: the library could not be saved. Free some space.")

    monkeypatch.setattr(filled, "set_bookmarked", full_disk)
    window.toggle_bookmark()
    assert window.actions_.bookmark.isChecked()  # shown at once, as if it worked
    qtbot.waitUntil(lambda: "disk is full" in window.statusBar().currentMessage())
    assert not window.actions_.bookmark.isChecked()
    assert window._current is not None
    assert not window._current.is_bookmarked
    row = window.model.article_at(window.model.row_of(opened.id) or 0)
    assert row is not None
    assert not row.is_bookmarked
    assert not filled.article(opened.id).is_bookmarked


def test_n_goes_to_the_next_unread_article(qtbot: QtBot, filled: Library) -> None:
    ids = [a.id for a in filled.articles().items]
    filled.mark_read(ids[1:3])  # the second and third are read already
    main = make_window(qtbot, filled, replace(QUICK, mark_read_delay_ms=60_000))
    main.list.setFocus()
    main.list.setCurrentIndex(main.model.index(0))
    qtbot.keyClick(main.list, Qt.Key.Key_N)
    assert main.list.currentIndex().row() == 3
    main.close()


def test_typing_a_search_triggers_no_key_and_escape_leaves_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.list.setCurrentIndex(window.model.index(0))
    qtbot.keyClick(window.list, Qt.Key.Key_Slash)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "jmn s")
    assert window.search_field.text() == "jmn s"
    assert window.list.currentIndex().row() == 0
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.list.hasFocus()


# The combo box's list pops up: the offscreen platform cannot raise it or grab the keys.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_space_scrolls_only_where_reading_happens(qtbot: QtBot, window: MainWindow) -> None:
    window.list.setCurrentIndex(window.model.index(0))
    window.search_scope.setFocus()
    qtbot.keyClick(window.search_scope, Qt.Key.Key_Space)
    assert window.search_scope.view().isVisible()  # Space opened the list, as it should
    assert window.list.currentIndex().row() == 0
    window.search_scope.hidePopup()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)  # a short article: at its end, the next one
    assert window.list.currentIndex().row() == 1


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
    assert window.model.rowCount() == 35


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


def test_the_activity_panel_lists_the_sources_a_sync_may_fetch(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Library(tmp_path / "data") as library:
        on, off = add_source(library, "on"), add_source(library, "off")
        library.set_source_options(off, disabled=True)
        main = make_window(qtbot, library, Settings(sync_on_start=False))
        main.sync.sync_requested.emit(())  # every due source: the enabled ones
        assert main.activity.row_of(on) is not None
        assert main.activity.row_of(off) is None
        main.activity.on_sync_failed("stopped")  # the rows that waited say so
        assert main.activity.row_of(on).text(STATE) == main.activity.tr("Not synced")
        main.sync.sync_requested.emit((off,))  # a source asked for by name
        assert main.activity.row_of(off) is not None
        assert main.activity.row_of(on) is None  # the last sync's rows went
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
        assert not main.sync_status.progress.isVisible()
        main.list.setCurrentIndex(main.model.index(0))
        assert main._current is not None
        with qtbot.waitSignal(main.sync.sync_finished, timeout=90000):
            main.start_sync()
        qtbot.waitUntil(lambda: main.model.rowCount() == 7)
        main.close()


def test_a_refresh_that_read_before_a_change_does_not_undo_it(
    qtbot: QtBot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_first(window)
    qtbot.waitUntil(lambda: filled.article(opened.id).is_read)
    gate, queried = threading.Event(), threading.Event()
    real_job = window.model.reload_job

    def held_job() -> tuple[int, Callable[[], ArticlePage]] | None:
        job = real_job()
        assert job is not None
        token, query = job

        def read_then_wait() -> ArticlePage:
            page = query()  # the library as it was: the article read
            queried.set()
            gate.wait(10)
            return page

        return token, read_then_wait

    monkeypatch.setattr(window.model, "reload_job", held_job)
    window._refresh_in_background()
    assert queried.wait(10)
    window.toggle_read()  # unread again, while the refresh holds its old page
    monkeypatch.setattr(window.model, "reload_job", real_job)
    gate.set()
    qtbot.waitUntil(lambda: not filled.article(opened.id).is_read)
    qtbot.waitUntil(lambda: not window._refreshing)
    row = window.model.article_at(window.model.row_of(opened.id) or 0)
    assert row is not None
    assert not row.is_read


def test_mark_all_read_asks_then_runs_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    window.mark_all_read()
    QThreadPool.globalInstance().waitForDone(5000)
    assert filled.unread_counts().all == 35  # "No" changed nothing
    window.mark_all_read()
    qtbot.waitUntil(lambda: filled.unread_counts().all == 0)
    qtbot.waitUntil(
        lambda: all(
            summary.is_read
            for summary in (window.model.article_at(r) for r in range(window.model.rowCount()))
            if summary is not None
        )
    )
    assert window.windowTitle() == "Khabar"


def test_the_first_run_fills_a_new_library_once(qtbot: QtBot, tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        first = make_window(qtbot, library)
        first.start()
        qtbot.waitUntil(lambda: len(library.sources()) >= 9, timeout=20000)
        qtbot.waitUntil(lambda: first.model.rowCount() == 4)  # the welcome articles
        assert any("Khabar" in first.model.article_at(r).title for r in range(4))  # type: ignore[union-attr]
        for source in library.sources():
            library.remove_source(source.id)
        first.close()
        second = make_window(qtbot, library)
        second.start()
        QThreadPool.globalInstance().waitForDone(5000)
        assert library.sources() == []
        second.close()


def test_j_after_the_open_article_left_the_unread_view_goes_to_the_next_one(
    qtbot: QtBot, window: MainWindow, filled: Library
) -> None:
    window.sidebar.select(Selection(view=View.UNREAD))
    window.list.setFocus()
    window.list.setCurrentIndex(window.model.index(3))
    opened, following = window.model.article_at(3), window.model.article_at(4)
    assert opened is not None
    assert following is not None
    qtbot.waitUntil(lambda: filled.article(opened.id).is_read)
    window._refresh_in_background()  # as after a sync: the read article leaves the view
    qtbot.waitUntil(lambda: window.model.row_of(opened.id) is None)
    qtbot.waitUntil(lambda: not window._refreshing)
    assert window._current is not None
    assert window._current.id == opened.id  # still open
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert window._current is not None
    assert window._current.id == following.id


# --- sources and files, through the sidebar's menu and the File menu ----------------


def source_of(library: Library, marker: str) -> int:
    return next(s.id for s in library.sources() if marker in s.url)


def test_rename_move_and_rename_category(
    window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    arabic = source_of(filled, "arabic")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("  صحيفة الأمس  ", True))
    window.sidebar.rename_source_requested.emit(arabic)
    assert filled.source(arabic).title == "صحيفة الأمس"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("Sports", True))
    window.sidebar.move_source_requested.emit(arabic)
    sports = next(c for c in filled.categories() if c.name_en == "Sports")
    assert filled.source(arabic).category_id == sports.id
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Games", True))
    window.sidebar.rename_category_requested.emit(sports.id)
    renamed = filled.category(sports.id)
    assert (renamed.name, renamed.name_en) == ("رياضة", "Games")  # English window: English name


def test_removing_a_source_asks_and_keeps_its_bookmarks(
    qtbot: QtBot, window: MainWindow, filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = source_of(filled, "english")
    kept = filled.articles(source_id=english).items[0].id
    filled.set_bookmarked(kept)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    window.sidebar.remove_source_requested.emit(english)
    QThreadPool.globalInstance().waitForDone(5000)
    assert any(s.id == english for s in filled.sources())
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.sidebar.remove_source_requested.emit(english)
    qtbot.waitUntil(lambda: all(s.id != english for s in filled.sources()))
    assert filled.article(kept).is_bookmarked
    qtbot.waitUntil(lambda: window.model.rowCount() == 31)  # 30 Arabic and the bookmark


def test_sources_export_and_import_through_opml(
    qtbot: QtBot,
    window: MainWindow,
    filled: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exported = tmp_path / "sources.opml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(exported), ""))
    window.sources.export_opml()
    assert b"arabic.example" in exported.read_bytes()
    with Library(tmp_path / "other") as other:
        second = make_window(qtbot, other)
        started: list[object] = []
        monkeypatch.setattr(second.sync, "start", lambda *args: started.append(args) or True)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(exported), ""))
        second.sources.import_opml()
        qtbot.waitUntil(lambda: len(other.sources()) == 2)
        qtbot.waitUntil(lambda: bool(started))  # new sources: a sync fetches them
        second.close()

"""Khabar's main window: the sidebar, the article list and the article view, side by side.

The window owns the wiring and nothing else: the library (passed in, never
reached globally) answers every question, the sync runs in a child process
(``SyncWorker``, its progress in the status bar a ``SyncStatus``), searches
run on a pool thread (``SearchRunner``), and library writes go through
``tasks.run_task``: marking read and bookmarking too, one at a time and in
order, since a sync's worker may hold the write lock for a moment; the
window shows such a change at once and takes it back if it cannot be saved.
Actions, menus and keys are built in ``reader.ui.actions``; this module
decides what they do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from PySide6.QtCore import QByteArray, QLocale, QModelIndex, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from reader import firstrun
from reader.errors import ReaderError
from reader.library import Library
from reader.types import Article, ArticlePage, Category, Source, UnreadCounts, View
from reader.ui.actions import Actions, build_actions
from reader.ui.activity import ActivityPanel
from reader.ui.article_delegate import ArticleListView
from reader.ui.article_list import ArticleListModel
from reader.ui.article_view import ArticleView
from reader.ui.core_messages import say_error
from reader.ui.dialogs import AboutDialog, SettingsDialog
from reader.ui.search_runner import SearchRunner
from reader.ui.settings import Settings, Theme, save_settings, window_state
from reader.ui.sidebar import Selection, Sidebar
from reader.ui.source_commands import SourceCommands
from reader.ui.sync_progress import SourceProgress, SyncSummary
from reader.ui.sync_status import SyncStatus
from reader.ui.sync_worker import SyncWorker
from reader.ui.tasks import run_task
from reader.ui.theme import apply_theme
from reader.urls import is_web_url

_StateField = Literal["is_read", "is_bookmarked"]  # what the reader changes of an article
_COUNTS_DELAY_MS = 300  # sources finishing together refresh the list once


SidebarContents = tuple[list[Category], list[Source]]


class MainWindow(QMainWindow):
    """The window. It receives the library; it never opens one itself."""

    def __init__(
        self,
        library: Library,
        settings: Settings,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.language = language
        self.setWindowTitle(self.tr("Khabar"))
        self._state = window_state(library.data_dir)
        # The words of the search shown in the list, marked in the articles opened from it.
        self._highlight: re.Pattern[str] | None = None
        self._current: Article | None = None

        self._build_widgets()
        self.sync_status = SyncStatus(self.sync)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.actions_: Actions = build_actions(self)
        self._mark_read_timer = QTimer(self, singleShot=True)
        self._mark_read_timer.timeout.connect(self._mark_current_read)
        self._refresh_timer = QTimer(self, singleShot=True, interval=_COUNTS_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_in_background)
        self._refreshing = False
        self._edits = 0  # the user's changes of read state and bookmarks, counted
        # Marking read and bookmarking are written off the GUI thread (a sync's worker
        # may hold the library's write lock for a moment), one at a time, in order.
        self._state_writes = QThreadPool(self)
        self._state_writes.setMaxThreadCount(1)
        self._writes = 0
        # (article id, what changes) -> the number of the last write changing it
        self._latest_write: dict[tuple[int, _StateField], int] = {}
        self._place: int | None = None  # the row the open article had, when it left the list
        self._refresh_wanted: bool | None = None  # asked again meanwhile; True: with the sidebar
        self._connect()
        self.refresh_sidebar()
        self._restore()

    # --- building ----------------------------------------------------------

    def _build_widgets(self) -> None:
        library, settings, language = self.library, self.settings, self.language
        self.sidebar = Sidebar(language)
        self.model = ArticleListModel(library, parent=self)
        self.list = ArticleListView(cache_dir=library.cache_dir)
        self.list.setModel(self.model)
        self.view = ArticleView(library.cache_dir)
        # "" is the bundled reading face: the view knows it.
        self.view.set_reading_font(settings.reading_font, settings.reading_size)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([220, 380, 700])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search (/)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search"))
        self.search_field.setMaximumWidth(320)
        self.search_scope = QComboBox()
        self.search_scope.addItems([self.tr("Everywhere"), self.tr("In the selected view")])
        self.search_scope.setAccessibleName(self.tr("Search in"))
        self.searcher = SearchRunner(library, parent=self)

        self.sources = SourceCommands(library, language, self)
        self.sync = SyncWorker(library.data_dir, parent=self)
        self._apply_sync_settings()
        self.activity = ActivityPanel()
        self.activity_dock = QDockWidget(self.tr("Sync activity"), self)
        self.activity_dock.setObjectName("activity")
        self.activity_dock.setWidget(self.activity)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.activity_dock)
        self.activity_dock.hide()

    def _connect(self) -> None:
        self.sidebar.selection_changed.connect(self._on_selection)
        self.sidebar.mark_all_read_requested.connect(self.mark_all_read)
        self.sidebar.sync_source_requested.connect(lambda sid: self.start_sync([sid]))
        self.sidebar.sync_category_requested.connect(self._sync_category)
        self.sidebar.rename_source_requested.connect(self.sources.rename_source)
        self.sidebar.move_source_requested.connect(self.sources.move_source)
        self.sidebar.remove_source_requested.connect(self.sources.remove_source)
        self.sidebar.rename_category_requested.connect(self.sources.rename_category)
        self.sources.sources_changed.connect(self._on_sources_changed)
        self.sources.sync_requested.connect(self.start_sync)
        self.sources.said.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.loading_failed.connect(lambda message: self.statusBar().showMessage(message))
        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.returnPressed.connect(self.list.setFocus)
        self.search_scope.currentIndexChanged.connect(
            lambda _index: self._on_search_text(self.search_field.text())
        )
        self.searcher.results_ready.connect(self._on_results)
        self.searcher.search_failed.connect(self._on_search_failed)
        self.view.reading_size_changed.connect(self._on_reading_size)
        self.view.link_refused.connect(
            lambda url: self.statusBar().showMessage(
                self.tr("Khabar opens only web links (http and https): %1").replace("%1", url), 6000
            )
        )
        clear_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_field)
        clear_search.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self._leave_search)
        hints = QGuiApplication.styleHints()
        if hints is not None:  # "follow the system": a change of the system's colours too
            hints.colorSchemeChanged.connect(self._on_system_colours)
        self.sync.sync_started.connect(self._on_sync_started)
        self.sync.source_finished.connect(self._on_source_finished)
        self.sync.sync_finished.connect(self._on_sync_finished)
        self.sync.sync_failed.connect(self._on_sync_failed)
        self.sync.went_offline.connect(self._on_offline)
        self.sync.sync_requested.connect(self._expect_sources)
        self.sync.sync_started.connect(self.activity.on_sync_started)
        self.sync.source_finished.connect(self.activity.on_source_finished)
        self.sync.sync_finished.connect(self.activity.on_sync_finished)
        self.sync.sync_failed.connect(self.activity.on_sync_failed)

    # --- state ---------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self._state.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        layout = self._state.value("window/state")
        if isinstance(layout, QByteArray):
            self.restoreState(layout)
        sizes = self._state.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        selection = Selection.from_key(str(self._state.value("window/selection", "view:all")))
        shown = self.sidebar.selection()
        self.sidebar.select(selection)  # emits selection_changed when it changes the selection
        if self.sidebar.selection() == shown:
            self._on_selection(shown)
        article_id = _int(self._state.value("window/article"))
        if article_id is not None and not self.select_article(article_id):
            # Beyond the first page, or read since: open it anyway (unless it is gone).
            self.open_article(article_id, quietly=True)

    def save_state(self) -> None:
        """Remember the geometry, the splitter, the selected view and article."""
        self._state.setValue("window/geometry", self.saveGeometry())
        self._state.setValue("window/state", self.saveState())
        self._state.setValue("window/splitter", self.splitter.saveState())
        self._state.setValue("window/selection", self.sidebar.selection().key())
        if self._current is not None:
            self._state.setValue("window/article", self._current.id)
        else:
            self._state.remove("window/article")
        self._state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.searcher.cancel()
        self.sync.shutdown()
        # Library work on the pool must end before the library closes.
        self.searcher.wait_for_idle(5_000)
        self._state_writes.waitForDone(10_000)
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    # --- views, the list and the article --------------------------------------

    def refresh_sidebar(self) -> None:
        """Rebuild the sidebar from the library (sources, categories and counts)."""
        contents = (self.library.categories(), self.library.sources())
        self._show_counts(self.library.unread_counts(), contents)

    def _show_counts(self, counts: UnreadCounts, contents: SidebarContents | None = None) -> None:
        """Show new counts in the sidebar (rebuilt from ``contents`` if given) and the title."""
        if contents is not None:
            self.sidebar.set_contents(*contents, counts)
        else:
            self.sidebar.update_counts(counts)
        title = self.tr("Khabar")
        total = QLocale().toString(counts.all)
        self.setWindowTitle(f"({total}) {title}" if counts.all else title)

    def _on_selection(self, selection: Selection) -> None:
        if self.search_field.text().strip():
            if self.search_scope.currentIndex() == 1:
                self._on_search_text(self.search_field.text())
                return
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
            self.searcher.cancel()
        self._show_view(selection)

    def _show_view(self, selection: Selection) -> None:
        """Show a view's articles (no search), none of them open yet."""
        self._highlight = None
        self.model.show_view(selection.view, selection.category_id, selection.source_id)
        self._show_nothing()

    def _show_nothing(self) -> None:
        self._current = None
        self._place = None
        self._mark_read_timer.stop()
        empty = self.model.rowCount() == 0
        if empty and self.sidebar.selection().view is View.BOOKMARKS:
            self.view.show_nothing(self.tr("No bookmarks yet: press S on an article to keep it."))
        elif empty:
            self.view.show_nothing(self.tr("No articles here yet."))
        else:
            self.view.show_nothing(self.tr("Choose an article to read it."))
        self._update_article_actions()

    def select_article(self, article_id: int) -> bool:
        """Select (and open) an article if the list holds it."""
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        self.list.scrollTo(self.model.index(row))
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._place = None
        summary = self.model.article_at(current.row()) if current.isValid() else None
        if summary is None:
            self._show_nothing()
            return
        self.open_article(summary.id)

    def open_article(self, article_id: int, *, quietly: bool = False) -> None:
        """Show an article; it is marked read after the configured delay.

        An article that is gone is said so, or (``quietly``) simply not shown.
        """
        try:
            article = self.library.article(article_id)
        except ReaderError as exc:
            self._show_nothing()
            if not quietly:
                self.view.show_nothing(say_error(exc))
            return
        self._current = article
        self.view.show_article(article, self._highlight)
        self._mark_read_timer.stop()
        if not article.is_read:
            self._mark_read_timer.start(self.settings.mark_read_delay_ms)
        self._update_article_actions()

    def _mark_current_read(self) -> None:
        if self._current is not None and not self._current.is_read:
            self.set_read(True)

    def _update_article_actions(self) -> None:
        article = self._current
        has = article is not None
        for action in self.actions_.article_actions:
            action.setEnabled(has)
        self.actions_.bookmark.setChecked(bool(article and article.is_bookmarked))
        self.actions_.toggle_read.setChecked(bool(article and article.is_read))
        self.actions_.open_in_browser.setEnabled(article is not None and is_web_url(article.url))

    # --- reading state ------------------------------------------------------------

    def set_read(self, read: bool) -> None:
        """Mark the open article read or unread; the list and the counts follow."""
        if self._current is None:
            return
        self._mark_read_timer.stop()
        library = self.library
        self._change("is_read", read, lambda article_id: library.mark_read([article_id], read))

    def toggle_read(self) -> None:
        """Toggle the open article's read state (m)."""
        if self._current is not None:
            self.set_read(not self._current.is_read)

    def toggle_bookmark(self) -> None:
        """Bookmark the open article, or remove its bookmark (s, Ctrl+D)."""
        if self._current is None:
            return
        wanted, library = not self._current.is_bookmarked, self.library
        self._change(
            "is_bookmarked",
            wanted,
            lambda article_id: library.set_bookmarked(article_id, wanted),
            said=self.tr("Bookmarked.") if wanted else self.tr("Bookmark removed."),
        )

    def _change(
        self,
        field: _StateField,
        value: bool,
        write: Callable[[int], object],
        said: str | None = None,
    ) -> None:
        """Show a change of the open article's reading state now, and write it after the others.

        The write runs off the GUI thread (a sync's worker may hold the
        library's write lock for a moment), on a pool of one thread, so that
        changes are saved in the order they were made. If it fails, the window
        shows the state the library kept again.
        """
        assert self._current is not None
        article_id, was = self._current.id, bool(getattr(self._current, field))
        library = self.library

        def written() -> UnreadCounts:
            write(article_id)
            return library.unread_counts()

        self._show_state(article_id, field, value)
        self._edits += 1
        self._writes += 1
        token = self._latest_write[(article_id, field)] = self._writes

        def latest() -> bool:
            # A later change of the same thing decides what the window shows.
            if self._latest_write.get((article_id, field)) != token:
                return False
            del self._latest_write[(article_id, field)]
            return True

        def done(counts: UnreadCounts) -> None:
            self._edits += 1  # a refresh that read the library before this write is stale
            if latest():  # and one that ended meanwhile may have shown the old state
                self._show_state(article_id, field, value)
            self._show_counts(counts)
            if said is not None:
                self.statusBar().showMessage(said, 3000)

        def failed(message: str) -> None:
            self._edits += 1
            if latest():
                self._show_state(article_id, field, was)
            self.statusBar().showMessage(message)

        run_task(written, done, failed, parent=self, pool=self._state_writes)

    def _show_state(self, article_id: int, field: _StateField, value: bool) -> None:
        """Show an article read or unread, bookmarked or not, in the list and the toolbar."""
        current = self._current if self._current and self._current.id == article_id else None
        if field == "is_read":
            self.model.set_read(article_id, value)
            if current is not None:
                self._current = replace(current, is_read=value)
        else:
            self.model.set_bookmarked(article_id, value)
            if current is not None:
                self._current = replace(current, is_bookmarked=value)
        self._update_article_actions()

    def open_in_browser(self) -> None:
        """Open the article's page in the system browser (http and https only)."""
        url = self._current.url if self._current is not None else None
        if is_web_url(url):
            self.view.open_link(QUrl(url))

    def mark_all_read(self, selection: Selection | None = None) -> None:
        """Mark every article of a view, category or source read, once the user says so.

        The write runs on the pool: a view of 100,000 articles takes seconds.
        """
        chosen = selection or self.sidebar.selection()
        answer = QMessageBox.question(
            self, self.tr("Mark all read"), self.tr("Mark every article shown here read?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._edits += 1
        run_task(
            lambda: self.library.mark_view_read(chosen.view, chosen.category_id, chosen.source_id),
            lambda _changed: self._refresh_in_background(),
            lambda message: self.statusBar().showMessage(message, 8000),
            parent=self,
            pool=self._state_writes,  # after the changes made before it, before those after
        )

    # --- moving through the list ------------------------------------------------

    def _row_before_next(self) -> int:
        """The row after which "next" starts: the current one, or where the open article was."""
        if self.list.currentIndex().isValid():
            return self.list.currentIndex().row()
        return self._place - 1 if self._place is not None else -1

    def step_article(self, step: int) -> None:
        """Select the next (1) or previous (-1) article (j/k)."""
        current = self.list.currentIndex()
        if current.isValid():
            target = current.row() + step
        elif self._place is not None:
            # The open article left the list: its place holds the next one.
            target = self._place if step > 0 else self._place - 1
        else:
            target = 0 if step > 0 else -1
        if target >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        if 0 <= target < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(target))

    def next_unread(self) -> None:
        """Select the next unread article below the current one, loading pages as needed (n)."""
        row = self._row_before_next()
        if not self.model.searching and self.sidebar.shown_count(self.sidebar.selection()) == 0:
            self.statusBar().showMessage(self.tr("No more unread articles here."), 3000)
            return
        while True:
            for target in range(row + 1, self.model.rowCount()):
                summary = self.model.article_at(target)
                if summary is not None and not summary.is_read:
                    self.list.setCurrentIndex(self.model.index(target))
                    return
            row = self.model.rowCount() - 1
            if not self.model.canFetchMore(QModelIndex()):
                self.statusBar().showMessage(self.tr("No more unread articles here."), 3000)
                return
            self.model.fetchMore(QModelIndex())

    def page_or_next(self) -> None:
        """Scroll the article down a page; at its end, go to the next article (space)."""
        bar = self.view.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(min(bar.value() + bar.pageStep(), bar.maximum()))
        else:
            self.step_article(1)

    def _leave_search(self) -> None:
        self.search_field.clear()
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_system_colours(self) -> None:
        app = QApplication.instance()
        if self.settings.theme is Theme.SYSTEM and isinstance(app, QApplication):
            apply_theme(app, Theme.SYSTEM)

    def focus_search(self) -> None:
        """Put the cursor in the search field (/, Ctrl+F)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- search ---------------------------------------------------------------------

    def _on_search_text(self, text: str) -> None:
        if not text.strip():
            self.searcher.cancel()
            self._show_view(self.sidebar.selection())
            return
        if self.search_scope.currentIndex() == 0:
            self.searcher.search(text)
            return
        chosen = self.sidebar.selection()
        self.searcher.search(
            text,
            chosen.category_id,
            source_id=chosen.source_id,
            bookmarked=chosen.view is View.BOOKMARKS,
        )

    def _on_results(self, query: str, results: list[object]) -> None:
        if query != self.search_field.text():
            return  # typed on since: newer results follow
        try:
            self._highlight = Library.highlighter(query)  # once, not at every article opened
        except ReaderError:
            self._highlight = None
        self.model.show_results(query, results)  # type: ignore[arg-type]
        found = len(results)
        self._show_nothing()
        self.statusBar().showMessage(
            self.tr("%n article(s) found.", "", found) if results else self.tr("Nothing found."),
            4000,
        )

    def _on_search_failed(self, query: str, message: str) -> None:
        if query == self.search_field.text():
            self.statusBar().showMessage(message, 6000)

    # --- sync -------------------------------------------------------------------------

    def start_sync(self, sources: list[int] | None = None) -> None:
        """Start a sync of every due source (or of the given ones) in the background (r)."""
        if not self.sync.start(sources or ()):
            self.statusBar().showMessage(self.tr("A sync is running already."), 3000)

    def _apply_sync_settings(self) -> None:
        self.sync.set_options(
            feed_only=not self.settings.full_text, images=self.settings.cache_images
        )
        self.sync.set_interval(self.settings.sync_interval_min)

    def _sync_category(self, category_id: int) -> None:
        sources = [s.id for s in self.sidebar.sources() if s.category_id == category_id]
        if sources:
            self.start_sync(sources)

    def _expect_sources(self, sources: tuple[int, ...]) -> None:
        """List in the activity panel what a sync may fetch, before it reports on it.

        The sources asked for, or every enabled one: those the sync does not
        fetch (backing off after failures) end as "Not due".
        """
        wanted = set(sources)
        self.activity.expect_sources(
            (s.id, s.title)
            for s in self.sidebar.sources()
            if (s.id in wanted if wanted else not s.disabled)
        )

    def _on_sync_started(self, _total: int) -> None:
        self.statusBar().showMessage(self.tr("Syncing…"))

    def _on_source_finished(self, progress: SourceProgress) -> None:
        if (progress.new or progress.updated) and not self._refresh_timer.isActive():
            self._refresh_timer.start()  # at most every 300 ms while sources keep finishing

    def _on_sync_finished(self, summary: SyncSummary) -> None:
        self._refresh_timer.stop()
        self._refresh_in_background(rebuild_sidebar=True)  # new error marks, new titles
        if not summary.offline:  # offline: went_offline said so, once
            self.statusBar().showMessage(
                self.tr("Synced: %n new article(s).", "", summary.new)
                + (
                    " " + self.tr("%n source(s) failed.", "", summary.failed)
                    if summary.failed
                    else ""
                ),
                8000,
            )
        if self.settings.retention_days > 0:
            days = self.settings.retention_days
            run_task(
                lambda: self.library.remove_old_articles(days),
                lambda removed: self._refresh_in_background() if removed else None,
                parent=self,
            )

    def _on_offline(self) -> None:
        self.statusBar().showMessage(self.tr("Offline: showing what is saved."), 8000)

    def _on_sync_failed(self, message: str) -> None:
        # Stopped or killed, it may still have stored some sources and their errors.
        self._refresh_in_background(rebuild_sidebar=True)
        self.statusBar().showMessage(message, 8000)

    def _refresh_in_background(self, rebuild_sidebar: bool = False) -> None:
        """Query the list, the counts (and the sources) on a pool thread, then show them.

        Right after a sync's writes the library's pages are cold: these
        queries take tens of milliseconds, too long for the GUI thread.
        """
        if self._refreshing:
            self._refresh_wanted = self._refresh_wanted or rebuild_sidebar
            return
        self._refreshing, self._refresh_wanted = True, None
        edits = self._edits
        job = self.model.reload_job()
        library = self.library

        def query() -> tuple[ArticlePage | None, UnreadCounts, SidebarContents | None]:
            page = job[1]() if job is not None else None
            contents = (library.categories(), library.sources()) if rebuild_sidebar else None
            return page, library.unread_counts(), contents

        def done(result: tuple[ArticlePage | None, UnreadCounts, SidebarContents | None]) -> None:
            page, counts, contents = result
            if edits != self._edits:
                # Read state or bookmarks changed while this ran: what it found is stale.
                self._refresh_wanted = bool(self._refresh_wanted) or rebuild_sidebar
                finished()
                return
            if job is not None and page is not None:
                self._keeping_selection(lambda: self.model.finish_reload(job[0], page))
            self._show_counts(counts, contents)
            finished()

        def finished(_message: str = "") -> None:
            self._refreshing = False
            if self._refresh_wanted is not None:
                self._refresh_in_background(self._refresh_wanted)

        run_task(query, done, finished, parent=self)

    def _keeping_selection(self, reset: Callable[[], object]) -> None:
        """Reset the list, then select the open article again without opening it anew."""
        current = self._current.id if self._current is not None else None
        row = self.list.currentIndex().row()
        reset()
        if current is None:
            return
        found = self.model.row_of(current)
        self.list.selectionModel().blockSignals(True)
        if found is not None:
            self.list.setCurrentIndex(self.model.index(found))
        else:
            # Gone from the view (read, in Unread): the article stays open, no row is
            # current, and the next article is the one that took its place.
            self.list.setCurrentIndex(QModelIndex())
            self._place = max(row, 0)
        self.list.selectionModel().blockSignals(False)

    # --- settings and about -----------------------------------------------------------

    def edit_settings(self) -> None:
        """Show the settings dialog and apply what changed."""
        dialog = SettingsDialog(self.settings, self)
        if not dialog.exec():
            return
        changed = dialog.settings()
        language_changed = changed.language != self.settings.language
        self.settings = changed
        save_settings(self.library.data_dir, changed)
        self.view.set_reading_font(changed.reading_font, changed.reading_size)
        self._apply_sync_settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, changed.theme)
        if language_changed:
            QMessageBox.information(
                self,
                self.tr("Settings"),
                self.tr("The new interface language applies when Khabar starts again."),
            )

    def show_about(self) -> None:
        """The about box."""
        AboutDialog(self.library.data_dir, self).exec()

    def _on_sources_changed(self, articles_too: bool) -> None:
        if articles_too:
            self._edits += 1  # a refresh already under way read the old articles
            self._refresh_in_background(rebuild_sidebar=True)
        else:
            self.refresh_sidebar()

    def _on_reading_size(self, size: float) -> None:
        self.settings = replace(self.settings, reading_size=size)
        save_settings(self.library.data_dir, self.settings)

    # --- first run --------------------------------------------------------------------

    def start(self) -> None:
        """After the window is shown: fill a new library, then sync if the settings say so.

        The first run happens once per library: a user who removed every
        source does not get the defaults back.
        """
        if not self._state.value("state/first_run_done") and not self.library.sources():
            self._state.setValue("state/first_run_done", True)
            self._state.sync()
            run_task(
                lambda: firstrun.populate(self.library),
                lambda _result: self._after_first_run(),
                lambda message: self.statusBar().showMessage(message, 8000),
                parent=self,
            )
            return
        self._schedule_syncs()

    def _after_first_run(self) -> None:
        self.refresh_sidebar()
        self._on_selection(self.sidebar.selection())
        self._schedule_syncs()

    def _schedule_syncs(self) -> None:
        if self.settings.sync_on_start:
            self.sync.schedule_on_start(1500)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None

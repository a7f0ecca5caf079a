"""The window's actions, menus, toolbar and keys: every command reachable by keyboard.

Each action has a translated text, an accessible name (its text) and its
shortcuts; single-letter keys (j, k, n, m, s, o, r, /) are the ones news
readers share. A line edit with the focus takes its letters first, so typing
a search never triggers them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar, QWidget

if TYPE_CHECKING:
    from reader.ui.window import MainWindow


@dataclass(frozen=True, slots=True)
class Actions:
    """The window's actions, by name, for tests and for enabling them."""

    sync: QAction
    bookmark: QAction
    toggle_read: QAction
    open_in_browser: QAction
    next_article: QAction
    previous_article: QAction
    next_unread: QAction
    page_or_next: QAction
    search: QAction
    zoom_in: QAction
    zoom_out: QAction
    mark_all_read: QAction
    add_source: QAction
    import_opml: QAction
    export_opml: QAction
    settings: QAction
    show_activity: QAction
    about: QAction
    quit: QAction

    @property
    def article_actions(self) -> tuple[QAction, ...]:
        """The actions that need an open article."""
        return (self.bookmark, self.toggle_read, self.open_in_browser)


def _action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    keys: Sequence[str | QKeySequence.StandardKey] = (),
    *,
    icon: QStyle.StandardPixmap | None = None,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(text.replace("&", ""))
    if icon is not None:
        action.setIcon(parent.style().standardIcon(icon))
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    # The window holds every action, so its keys work wherever the focus is in it.
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def build_actions(window: MainWindow) -> Actions:
    """Make the window's actions and put them in its menus and toolbar."""
    w = window
    pixmap = QStyle.StandardPixmap
    actions = Actions(
        sync=_action(
            w,
            QCoreApplication.translate("Actions", "&Sync now"),
            w.start_sync,
            ["R", "F5"],
            icon=pixmap.SP_BrowserReload,
        ),
        bookmark=_action(
            w,
            QCoreApplication.translate("Actions", "&Bookmark"),
            w.toggle_bookmark,
            ["S", "Ctrl+D"],
            icon=pixmap.SP_DialogSaveButton,
            checkable=True,
        ),
        toggle_read=_action(
            w,
            QCoreApplication.translate("Actions", "&Read"),
            w.toggle_read,
            ["M"],
            icon=pixmap.SP_DialogApplyButton,
            checkable=True,
        ),
        open_in_browser=_action(
            w,
            QCoreApplication.translate("Actions", "&Open in browser"),
            w.open_in_browser,
            ["O"],
            icon=pixmap.SP_DirLinkIcon,
        ),
        next_article=_action(
            w,
            QCoreApplication.translate("Actions", "&Next article"),
            lambda: w.step_article(1),
            ["J"],
        ),
        previous_article=_action(
            w,
            QCoreApplication.translate("Actions", "&Previous article"),
            lambda: w.step_article(-1),
            ["K"],
        ),
        next_unread=_action(
            w, QCoreApplication.translate("Actions", "Next &unread article"), w.next_unread, ["N"]
        ),
        page_or_next=_action(
            w,
            QCoreApplication.translate("Actions", "Scroll or next article"),
            w.page_or_next,
            ["Space"],
        ),
        search=_action(
            w,
            QCoreApplication.translate("Actions", "&Search"),
            w.focus_search,
            ["/", QKeySequence.StandardKey.Find],
        ),
        zoom_in=_action(
            w,
            QCoreApplication.translate("Actions", "&Larger text"),
            w.view.zoom_in,
            ["Ctrl+=", "Ctrl++"],
        ),
        zoom_out=_action(
            w, QCoreApplication.translate("Actions", "S&maller text"), w.view.zoom_out, ["Ctrl+-"]
        ),
        mark_all_read=_action(
            w, QCoreApplication.translate("Actions", "Mark &all read"), w.mark_all_read, ["Shift+M"]
        ),
        add_source=_action(
            w,
            QCoreApplication.translate("Actions", "&Add source…"),
            w.sources.add_source,
            ["Ctrl+N"],
        ),
        import_opml=_action(
            w,
            QCoreApplication.translate("Actions", "&Import sources (OPML)…"),
            w.sources.import_opml,
        ),
        export_opml=_action(
            w,
            QCoreApplication.translate("Actions", "&Export sources (OPML)…"),
            w.sources.export_opml,
        ),
        settings=_action(
            w, QCoreApplication.translate("Actions", "Se&ttings…"), w.edit_settings, ["Ctrl+,"]
        ),
        show_activity=w.activity_dock.toggleViewAction(),
        about=_action(w, QCoreApplication.translate("Actions", "&About Khabar"), w.show_about),
        quit=_action(w, QCoreApplication.translate("Actions", "&Quit"), w.close, ["Ctrl+Q"]),
    )
    # Space scrolls the article: only where reading happens, so that it still
    # presses buttons and opens lists elsewhere.
    w.removeAction(actions.page_or_next)
    w.splitter.addAction(actions.page_or_next)
    actions.page_or_next.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    actions.show_activity.setText(QCoreApplication.translate("Actions", "Sync &activity"))
    actions.show_activity.setShortcut(QKeySequence("Ctrl+Shift+A"))
    _menus(w, actions)
    _toolbar(w, actions)
    return actions


def _menus(w: MainWindow, a: Actions) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("Actions", "&File"))
    file_menu.addActions([a.add_source, a.import_opml, a.export_opml])
    file_menu.addSeparator()
    file_menu.addAction(a.settings)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    view_menu = bar.addMenu(QCoreApplication.translate("Actions", "&View"))
    view_menu.addActions([a.sync, a.search, a.mark_all_read])
    view_menu.addSeparator()
    view_menu.addActions([a.zoom_in, a.zoom_out, a.show_activity])
    article_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Article"))
    article_menu.addActions([a.next_article, a.previous_article, a.next_unread, a.page_or_next])
    article_menu.addSeparator()
    article_menu.addActions([a.toggle_read, a.bookmark, a.open_in_browser])
    help_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Help"))
    help_menu.addAction(a.about)


def _toolbar(w: MainWindow, a: Actions) -> None:
    toolbar = QToolBar(QCoreApplication.translate("Actions", "Main toolbar"), w)
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([a.sync, a.bookmark, a.toggle_read, a.open_in_browser])
    toolbar.addSeparator()
    toolbar.addWidget(w.search_field)
    toolbar.addWidget(w.search_scope)
    w.addToolBar(toolbar)

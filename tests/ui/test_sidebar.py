"""The sidebar: smart views, categories and sources with their counts, selection and menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QFont, QIcon, QImage
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.types import View
from reader.ui.sidebar import COUNT_ROLE, KEY_ROLE, Selection, Sidebar


def make_sidebar(qtbot: QtBot, library: Library, language: str = "ar") -> Sidebar:
    sidebar = Sidebar(language)
    qtbot.addWidget(sidebar)
    sidebar.resize(260, 420)
    refresh(sidebar, library)
    return sidebar


def refresh(sidebar: Sidebar, library: Library) -> None:
    sidebar.set_contents(library.categories(), library.sources(), library.unread_counts())


def index_of(sidebar: Sidebar, selection: Selection) -> QModelIndex:
    model = sidebar.model()
    found = model.match(
        model.index(0, 0),
        KEY_ROLE,
        selection.key(),
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )
    assert found, f"no node {selection.key()}"
    return found[0]


def top_level(sidebar: Sidebar) -> list[str]:
    model = sidebar.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def children(sidebar: Sidebar, index: QModelIndex) -> list[str]:
    model = sidebar.model()
    return [str(model.index(row, 0, index).data()) for row in range(model.rowCount(index))]


def count(sidebar: Sidebar, selection: Selection) -> int:
    return int(index_of(sidebar, selection).data(COUNT_ROLE))


def is_bold(sidebar: Sidebar, selection: Selection) -> bool:
    font = index_of(sidebar, selection).data(Qt.ItemDataRole.FontRole)
    return isinstance(font, QFont) and font.bold()


def category_id(library: Library, name: str) -> int:
    return library.find_category(name).id


def source_id(library: Library, host: str) -> int:
    return next(s.id for s in library.sources() if host in s.url)


def same_icon(first: QIcon, second: QIcon) -> bool:
    def image(icon: QIcon) -> QImage:
        return icon.pixmap(16, 16).toImage()

    return not first.isNull() and image(first) == image(second)


def test_views_categories_and_sources_with_their_counts(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    politics, economy = category_id(filled, "سياسة"), category_id(filled, "اقتصاد")

    # The smart views first, then only the categories that have sources, in order.
    assert top_level(sidebar) == ["All articles", "Unread", "Today", "Bookmarks", "سياسة", "اقتصاد"]
    assert children(sidebar, index_of(sidebar, Selection(category_id=politics))) == [
        "arabic.example"
    ]
    assert children(sidebar, index_of(sidebar, Selection(category_id=economy))) == [
        "english.example"
    ]

    assert count(sidebar, Selection()) == 35
    assert count(sidebar, Selection(view=View.UNREAD)) == 35
    assert count(sidebar, Selection(view=View.BOOKMARKS)) == 0
    assert count(sidebar, Selection(category_id=politics)) == 30
    assert count(sidebar, Selection(category_id=economy)) == 5
    assert count(sidebar, Selection(source_id=source_id(filled, "arabic"))) == 30
    assert count(sidebar, Selection(source_id=source_id(filled, "english"))) == 5
    assert is_bold(sidebar, Selection(category_id=politics))
    assert not is_bold(sidebar, Selection(view=View.BOOKMARKS))
    # Categories start expanded, and the sidebar has a name for screen readers.
    assert sidebar.isExpanded(index_of(sidebar, Selection(category_id=politics)))
    assert sidebar.accessibleName() == "Sources and views"
    assert "30" in str(
        index_of(sidebar, Selection(category_id=politics)).data(Qt.ItemDataRole.AccessibleTextRole)
    )


def test_category_names_follow_the_interface_language(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled, language="en")
    assert top_level(sidebar)[4:] == ["Politics", "Economy"]

    sidebar.set_language("ar")
    assert top_level(sidebar)[4:] == ["سياسة", "اقتصاد"]


def test_sources_without_category_go_under_uncategorized(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    assert "Uncategorized" not in top_level(sidebar)

    loose = filled.add_source("https://loose.example/rss").id
    refresh(sidebar, filled)
    assert top_level(sidebar)[-1] == "Uncategorized"
    parent = index_of(sidebar, Selection(source_id=loose)).parent()
    assert parent.data() == "Uncategorized"
    assert not parent.flags() & Qt.ItemFlag.ItemIsSelectable


def test_choosing_a_category_announces_it(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    politics = category_id(filled, "سياسة")
    assert sidebar.selection() == Selection()

    with qtbot.waitSignal(sidebar.selection_changed) as signal:
        sidebar.setCurrentIndex(index_of(sidebar, Selection(category_id=politics)))
    assert signal.args == [Selection(category_id=politics)]
    assert sidebar.selection().category_id == politics

    # Arrows move the selection: down from the category reaches its source.
    with qtbot.waitSignal(sidebar.selection_changed) as signal:
        qtbot.keyClick(sidebar, Qt.Key.Key_Down)
    assert signal.args == [Selection(source_id=source_id(filled, "arabic"))]

    with qtbot.waitSignal(sidebar.selection_changed) as signal:
        sidebar.select(Selection(view=View.TODAY))
    assert signal.args == [Selection(view=View.TODAY)]


def test_new_counts_change_only_the_numbers(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    economy = category_id(filled, "اقتصاد")
    english = Selection(source_id=source_id(filled, "english"))
    sidebar.select(english)

    ids = [a.id for a in filled.articles(source_id=english.source_id).items]
    filled.mark_read(ids)
    with qtbot.assertNotEmitted(sidebar.selection_changed):
        sidebar.update_counts(filled.unread_counts())

    assert count(sidebar, Selection()) == 30
    assert count(sidebar, Selection(category_id=economy)) == 0
    assert count(sidebar, english) == 0
    assert not is_bold(sidebar, english)
    assert sidebar.selection() == english
    assert sidebar.currentIndex() == index_of(sidebar, english)


def test_a_rebuild_keeps_the_selection_and_what_was_folded(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    politics = Selection(category_id=category_id(filled, "سياسة"))
    economy = Selection(category_id=category_id(filled, "اقتصاد"))
    arabic = Selection(source_id=source_id(filled, "arabic"))
    sidebar.select(arabic)
    sidebar.collapse(index_of(sidebar, economy))

    with qtbot.assertNotEmitted(sidebar.selection_changed):
        refresh(sidebar, filled)
    assert sidebar.selection() == arabic
    assert sidebar.selectedIndexes() == [index_of(sidebar, arabic)]
    assert sidebar.isExpanded(index_of(sidebar, politics))
    assert not sidebar.isExpanded(index_of(sidebar, economy))

    # When the selected source is gone, the sidebar falls back to All, and says so.
    filled.remove_source(arabic.source_id or 0)
    with qtbot.waitSignal(sidebar.selection_changed) as signal:
        refresh(sidebar, filled)
    assert signal.args == [Selection()]


def test_a_failing_source_shows_a_warning_and_its_error(qtbot: QtBot, filled: Library) -> None:
    english = source_id(filled, "english")
    filled.record_source_error(english, "The server answered 503.", None)
    sidebar = make_sidebar(qtbot, filled)

    failing = index_of(sidebar, Selection(source_id=english))
    healthy = index_of(sidebar, Selection(source_id=source_id(filled, "arabic")))
    warning = sidebar.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    assert failing.data(Qt.ItemDataRole.ToolTipRole) == "The server answered 503."
    assert same_icon(failing.data(Qt.ItemDataRole.DecorationRole), warning)
    assert not same_icon(healthy.data(Qt.ItemDataRole.DecorationRole), warning)


def test_a_sources_error_is_said_in_the_interfaces_language(
    qtbot: QtBot, filled: Library, arabic: None
) -> None:
    english = source_id(filled, "english")
    filled.record_source_error(
        english,
        "news.example says this feed is gone for good (410).",
        template="{where} says this feed is gone for good (410).",
        values={"where": "news.example"},
    )
    sidebar = make_sidebar(qtbot, filled)
    failing = index_of(sidebar, Selection(source_id=english))
    tooltip = failing.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "يقول news.example إن هذه الخلاصة أُزيلت نهائيًا (410)."


def test_a_turned_off_source_is_greyed_and_says_why(qtbot: QtBot, filled: Library) -> None:
    english = source_id(filled, "english")
    filled.record_source_error(english, "Gone for good.", None, disable=True)
    sidebar = make_sidebar(qtbot, filled)

    index = index_of(sidebar, Selection(source_id=english))
    delegate = sidebar.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    style_option = QStyleOptionViewItem()
    style_option.state = QStyle.StateFlag.State_Enabled
    delegate.initStyleOption(style_option, index)
    assert not style_option.state & QStyle.StateFlag.State_Enabled
    assert "Gone for good." in str(index.data(Qt.ItemDataRole.ToolTipRole))


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(view=View.UNREAD),
        Selection(view=View.BOOKMARKS),
        Selection(category_id=3),
        Selection(source_id=7),
        Selection(view=View.TODAY, category_id=3),
    ],
)
def test_selection_keys_round_trip(selection: Selection) -> None:
    assert Selection.from_key(selection.key()) == selection


def test_selection_keys_are_short_and_damaged_ones_give_all() -> None:
    assert Selection(view=View.UNREAD).key() == "view:unread"
    assert Selection(category_id=3).key() == "category:3"
    assert Selection(source_id=7).key() == "source:7"
    for damaged in ("", "view:nothing", "category:three", "source:"):
        assert Selection.from_key(damaged) == Selection()


def test_context_actions_ask_for_work_with_the_right_ids(qtbot: QtBot, filled: Library) -> None:
    sidebar = make_sidebar(qtbot, filled)
    politics = category_id(filled, "سياسة")
    arabic = source_id(filled, "arabic")

    def actions(selection: Selection) -> dict[str, QAction]:
        return {a.text(): a for a in sidebar.context_actions(index_of(sidebar, selection))}

    on_source = actions(Selection(source_id=arabic))
    assert list(on_source) == [
        "Mark all read",
        "Sync now",
        "Rename…",
        "Move to category…",
        "Remove…",
    ]
    for text, signal in [
        ("Sync now", sidebar.sync_source_requested),
        ("Rename…", sidebar.rename_source_requested),
        ("Move to category…", sidebar.move_source_requested),
        ("Remove…", sidebar.remove_source_requested),
    ]:
        with qtbot.waitSignal(signal) as emitted:
            on_source[text].trigger()
        assert emitted.args == [arabic]
    with qtbot.waitSignal(sidebar.mark_all_read_requested) as emitted:
        on_source["Mark all read"].trigger()
    assert emitted.args == [Selection(source_id=arabic)]

    on_category = actions(Selection(category_id=politics))
    assert list(on_category) == ["Mark all read", "Sync category", "Rename category…"]
    with qtbot.waitSignal(sidebar.rename_category_requested) as emitted:
        on_category["Rename category…"].trigger()
    assert emitted.args == [politics]
    with qtbot.waitSignal(sidebar.sync_category_requested) as emitted:
        on_category["Sync category"].trigger()
    assert emitted.args == [politics]

    on_view = actions(Selection(view=View.UNREAD))
    assert list(on_view) == ["Mark all read"]
    with qtbot.waitSignal(sidebar.mark_all_read_requested) as emitted:
        on_view["Mark all read"].trigger()
    assert emitted.args == [Selection(view=View.UNREAD)]

    assert sidebar.context_actions(QModelIndex()) == []


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_painting_is_clean_in_both_directions(
    qtbot: QtBot, filled: Library, direction: Qt.LayoutDirection
) -> None:
    filled.record_source_error(source_id(filled, "english"), "Timed out.", None)
    sidebar = make_sidebar(qtbot, filled)
    sidebar.setLayoutDirection(direction)
    sidebar.select(Selection(category_id=category_id(filled, "سياسة")))
    sidebar.show()
    qtbot.waitExposed(sidebar)

    image = sidebar.grab().toImage()
    assert not image.isNull()
    assert sidebar.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff

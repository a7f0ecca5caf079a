"""The dialogs: adding a source through a real ``khabar add`` child, settings, About.

AddSourceDialog runs the real command as a child process against a LocalServer
on 127.0.0.1 and a real library in ``tmp_path``; the tests wait for its signals,
never for a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from helpers import LocalServer, Response, drip, rss_document
from reader import __version__
from reader.library import Library
from reader.types import Category
from reader.ui.add_source import AddSourceDialog
from reader.ui.dialogs import AboutDialog, SettingsDialog
from reader.ui.settings import Settings, Theme

# The offscreen platform cannot resize a shown top-level window to new size hints (a
# status line appearing, say) and warns so; on a real screen the dialog just grows.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

W = TypeVar("W", bound=QWidget)

CHILD_TIMEOUT_MS = 60_000  # a child process imports the library and the sync: seconds, not ms
FEED_TITLE = "نشرة الواحة"
FEED = rss_document(
    FEED_TITLE,
    "<item><title>افتتاح مكتبة الحي</title><guid>a-1</guid>"
    "<description>فتحت المكتبة أبوابها صباح اليوم.</description></item>",
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        local.route("/feed.xml", Response(FEED, content_type="application/rss+xml; charset=utf-8"))
        yield local
    assert not local.errors, local.errors


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "khabar"


@pytest.fixture
def categories(data_dir: Path) -> list[Category]:
    # A new library has its default categories (Home, News, Politics, …).
    with Library(data_dir) as lib:
        return lib.categories()


def child(dialog: QWidget, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def add_dialog(
    qtbot: QtBot, data_dir: Path, categories: list[Category], language: str = "ar"
) -> AddSourceDialog:
    dialog = AddSourceDialog(data_dir, categories, language)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sources(data_dir: Path) -> list[tuple[str, str, int | None]]:
    with Library(data_dir) as lib:
        return [(s.url, s.title, s.category_id) for s in lib.sources()]


def click_add(qtbot: QtBot, dialog: AddSourceDialog) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, "add"), Qt.MouseButton.LeftButton)


def status_text(dialog: AddSourceDialog) -> str:
    label = child(dialog, QLabel, "status")
    assert label.isVisibleTo(dialog)
    return label.text()


# --- AddSourceDialog ------------------------------------------------------------------


def test_add_subscribes_in_the_chosen_category(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories, language="en")
    combo = child(dialog, QComboBox, "category")
    assert [combo.itemText(i) for i in range(1, combo.count())] == [c.name_en for c in categories]
    combo.setCurrentIndex(combo.findText("Economy"))
    url = server.url("/feed.xml")
    qtbot.keyClicks(child(dialog, QLineEdit, "url"), url)

    with (
        qtbot.waitSignal(dialog.source_added, timeout=CHILD_TIMEOUT_MS) as added,
        qtbot.assertNotEmitted(dialog.add_failed),
    ):
        click_add(qtbot, dialog)
        assert dialog.is_busy()
        assert child(dialog, QWidget, "busy").isVisibleTo(dialog)
        assert not child(dialog, QPushButton, "add").isEnabled()

    [message] = added.args
    assert url in message
    assert FEED_TITLE in message
    assert dialog.result() == AddSourceDialog.DialogCode.Accepted
    assert not dialog.is_busy()
    economy = next(c for c in categories if c.name_en == "Economy")
    assert sources(data_dir) == [(url, FEED_TITLE, economy.id)]


def test_a_title_given_names_the_source(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories)
    assert child(dialog, QComboBox, "category").currentData() is None  # no category by default
    child(dialog, QLineEdit, "url").setText(server.url("/feed.xml"))
    child(dialog, QLineEdit, "title").setText("  الواحة   اليومية ")
    with qtbot.waitSignal(dialog.source_added, timeout=CHILD_TIMEOUT_MS):
        click_add(qtbot, dialog)
    assert sources(data_dir) == [(server.url("/feed.xml"), "الواحة اليومية", None)]


def test_a_missing_page_is_said_inline_and_the_dialog_stays(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText(server.url("/gone.xml"))
    with (
        qtbot.waitSignal(dialog.add_failed, timeout=CHILD_TIMEOUT_MS) as failed,
        qtbot.assertNotEmitted(dialog.source_added),
    ):
        click_add(qtbot, dialog)

    [sentence] = failed.args
    assert "404" in sentence
    assert not sentence.startswith("khabar:")
    assert status_text(dialog) == sentence
    assert dialog.isVisible()
    assert dialog.result() != AddSourceDialog.DialogCode.Accepted
    assert not dialog.is_busy()
    assert child(dialog, QPushButton, "add").isEnabled()
    assert child(dialog, QLineEdit, "url").isEnabled()
    assert sources(data_dir) == []


def test_a_missing_page_is_said_in_the_interfaces_language(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer, arabic: None
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText(server.url("/gone.xml"))
    with qtbot.waitSignal(dialog.add_failed, timeout=CHILD_TIMEOUT_MS) as failed:
        click_add(qtbot, dialog)
    [sentence] = failed.args
    assert sentence.startswith("أجاب 127.0.0.1")  # the child told its error as JSON
    assert "404" in sentence


def test_an_empty_address_is_refused_without_a_child(
    qtbot: QtBot, data_dir: Path, categories: list[Category]
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText("   ")
    with qtbot.waitSignal(dialog.add_failed, timeout=1000) as failed:
        click_add(qtbot, dialog)
    assert status_text(dialog) == failed.args[0]
    assert not dialog.is_busy()
    assert dialog.findChildren(QProcess) == []
    assert dialog.isVisible()


def test_an_address_that_is_not_one_is_refused_without_a_child(
    qtbot: QtBot, data_dir: Path, categories: list[Category]
) -> None:
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText("ftp://example.org/feed.xml")
    with qtbot.waitSignal(dialog.add_failed, timeout=1000) as failed:
        click_add(qtbot, dialog)
    assert "ftp://example.org/feed.xml" in failed.args[0]
    assert dialog.findChildren(QProcess) == []


def test_an_address_without_a_scheme_is_tried_with_https(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    # The local server speaks plain HTTP: the TLS attempt fails, and says so inline.
    dialog = add_dialog(qtbot, data_dir, categories)
    field = child(dialog, QLineEdit, "url")
    field.setText(f"127.0.0.1:{server.port}/feed.xml")
    with qtbot.waitSignal(dialog.add_failed, timeout=CHILD_TIMEOUT_MS):
        click_add(qtbot, dialog)
    assert field.text() == f"https://127.0.0.1:{server.port}/feed.xml"
    assert status_text(dialog)
    assert sources(data_dir) == []


def test_cancel_kills_a_slow_child_and_returns_to_idle(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    server.route("/slow.xml", drip(100_000, delay_s=0.5))
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText(server.url("/slow.xml"))
    click_add(qtbot, dialog)
    assert dialog.is_busy()
    qtbot.waitUntil(lambda: server.hits("/slow.xml") > 0, timeout=CHILD_TIMEOUT_MS)

    cancel = child(dialog, QDialogButtonBox, "").button(QDialogButtonBox.StandardButton.Cancel)
    with (
        qtbot.waitSignal(dialog.add_cancelled, timeout=CHILD_TIMEOUT_MS),
        qtbot.assertNotEmitted(dialog.add_failed),
        qtbot.assertNotEmitted(dialog.source_added),
    ):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert not dialog.is_busy()
    assert dialog.isVisible()  # Cancel stopped the attempt; a second Cancel closes
    assert child(dialog, QPushButton, "add").isEnabled()
    assert not child(dialog, QWidget, "busy").isVisibleTo(dialog)
    assert sources(data_dir) == []

    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)


def test_closing_while_busy_leaves_no_child(
    qtbot: QtBot, data_dir: Path, categories: list[Category], server: LocalServer
) -> None:
    server.route("/slow.xml", drip(100_000, delay_s=0.5))
    dialog = add_dialog(qtbot, data_dir, categories)
    child(dialog, QLineEdit, "url").setText(server.url("/slow.xml"))
    click_add(qtbot, dialog)
    [process] = dialog.findChildren(QProcess)
    dialog.done(AddSourceDialog.DialogCode.Rejected)
    assert process.state() == QProcess.ProcessState.NotRunning
    assert not dialog.is_busy()


def test_the_form_mirrors_right_to_left(
    qtbot: QtBot, data_dir: Path, categories: list[Category]
) -> None:
    dialog = AddSourceDialog(data_dir, categories)
    qtbot.addWidget(dialog)
    dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = child(dialog, QLineEdit, "url")
    label = next(w for w in dialog.findChildren(QLabel) if w.buddy() is field)
    assert label.geometry().left() > field.geometry().left()
    assert dialog.focusWidget() is field


# --- SettingsDialog -------------------------------------------------------------------


def settings_dialog(qtbot: QtBot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(
            sync_interval_min=0,
            sync_on_start=False,
            full_text=False,
            cache_images=False,
            retention_days=90,
            reading_font="Some Font Not Installed",
            reading_size=17.25,
            theme=Theme.DARK,
            language="en",
            mark_read_delay_ms=1234,
        ),
        Settings(theme=Theme.LIGHT, language="ar", retention_days=0, mark_read_delay_ms=0),
    ],
)
def test_settings_round_trip_unchanged(qtbot: QtBot, settings: Settings) -> None:
    assert settings_dialog(qtbot, settings).settings() == settings


def test_changing_the_widgets_changes_the_settings(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot, Settings())
    child(dialog, QSpinBox, "sync_interval").setValue(0)
    child(dialog, QCheckBox, "sync_on_start").setChecked(False)
    child(dialog, QCheckBox, "full_text").setChecked(False)
    child(dialog, QCheckBox, "images").setChecked(False)
    child(dialog, QSpinBox, "retention").setValue(30)
    fonts = child(dialog, QComboBox, "reading_font")
    assert fonts.itemData(0) == ""  # the bundled face comes first
    fonts.setCurrentIndex(fonts.findData("Noto Sans Arabic"))
    child(dialog, QDoubleSpinBox, "reading_size").setValue(16.5)
    theme = child(dialog, QComboBox, "theme")
    theme.setCurrentIndex(theme.findData(Theme.DARK.value))
    language = child(dialog, QComboBox, "language")
    language.setCurrentIndex(language.findText("English"))
    child(dialog, QDoubleSpinBox, "mark_read_delay").setValue(3.5)

    assert dialog.settings() == Settings(
        sync_interval_min=0,
        sync_on_start=False,
        full_text=False,
        cache_images=False,
        retention_days=30,
        reading_font="Noto Sans Arabic",
        reading_size=16.5,
        theme=Theme.DARK,
        language="en",
        mark_read_delay_ms=3500,
    )


def test_settings_out_of_range_come_back_clamped(qtbot: QtBot) -> None:
    wild = Settings(sync_interval_min=-5, retention_days=99_999, reading_size=2.0, language="fr")
    assert settings_dialog(qtbot, wild).settings() == wild.clamped()


def test_settings_say_what_zero_means_and_that_bookmarks_stay(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot, Settings(sync_interval_min=0, retention_days=0))
    assert child(dialog, QSpinBox, "sync_interval").text() == "Never"
    assert child(dialog, QSpinBox, "retention").text() == "Keep everything"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("Bookmarked articles are always kept" in t for t in texts)
    assert any("restart" in t for t in texts)


def test_settings_ok_and_cancel(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot, Settings())
    dialog.show()
    box = child(dialog, QDialogButtonBox, "")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


# --- AboutDialog ----------------------------------------------------------------------


def test_about_shows_the_version_licences_and_data_folder(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "مجلد البيانات"
    dialog = AboutDialog(folder)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in texts
    assert "خبر" in texts
    assert "GPL-3.0-or-later" in texts
    assert "SIL Open Font License 1.1" in texts
    path = child(dialog, QLineEdit, "data_dir")
    assert path.text() == str(folder)
    assert path.isReadOnly()
    dialog.show()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        box = child(dialog, QDialogButtonBox, "")
        close = box.button(QDialogButtonBox.StandardButton.Close)
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

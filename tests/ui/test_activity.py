"""``ActivityPanel``: rows, states, durations, error tooltips and the summary line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from reader.ui.activity import DURATION, ERROR, NEW, STATE, TITLE, UPDATED, ActivityPanel
from reader.ui.sync_progress import SourceProgress, SyncSummary

LONG_ERROR = (
    "news.example answered 500 Internal Server Error.\n"
    "The server's own words followed, over several lines, " + "and on " * 40 + "end."
)


@pytest.fixture
def panel(qtbot: QtBot) -> ActivityPanel:
    shown = ActivityPanel()
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def english() -> Iterator[None]:
    # Durations and counts are written in the interface's locale; these tests read English.
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def rows(panel: ActivityPanel) -> list[list[str]]:
    table = panel.table
    return [
        [table.topLevelItem(n).text(c) for c in range(table.columnCount())]
        for n in range(table.topLevelItemCount())
    ]


def test_a_sync_shows_a_row_per_source_with_its_state_and_duration(
    panel: ActivityPanel, english: None
) -> None:
    assert panel.accessibleName()
    assert panel.table.accessibleName()
    assert panel.summary.accessibleName()

    panel.on_sync_started(3)
    assert "3" in panel.summary.text()
    panel.on_source_finished(SourceProgress(1, "صحيفة الواحة", "updated", new=12, elapsed_s=1.234))
    panel.on_source_finished(SourceProgress(2, "Daily Planet", "unchanged", elapsed_s=0.05))
    panel.on_source_finished(
        SourceProgress(3, "مصدر معطوب", "failed", error=LONG_ERROR, elapsed_s=30.0)
    )
    assert "3" in panel.summary.text()

    done, unchanged, failed = rows(panel)
    assert [done[TITLE], done[STATE], done[NEW], done[UPDATED], done[DURATION], done[ERROR]] == [
        "صحيفة الواحة",
        "Done",
        "12",
        "0",
        "1.2 s",
        "",
    ]
    assert (unchanged[STATE], unchanged[DURATION]) == ("Done", "0.1 s")
    assert (failed[STATE], failed[DURATION]) == ("Failed", "30.0 s")
    assert failed[ERROR] == LONG_ERROR.splitlines()[0]
    row = panel.row_of(3)
    assert row is not None
    assert row.toolTip(ERROR) == LONG_ERROR  # the whole error, every line of it
    assert row.toolTip(STATE) == LONG_ERROR
    assert row.data(TITLE, Qt.ItemDataRole.UserRole) == 3
    assert not row.icon(STATE).isNull()

    panel.on_sync_finished(SyncSummary(sources=3, new=12, unchanged=0, failed=1, elapsed_s=31.5))
    text = panel.summary.text()
    assert "3" in text
    assert "12" in text
    assert "1" in text
    assert text.startswith("Synced")
    assert "31.5 s" in panel.summary.toolTip()


def test_a_source_error_is_said_in_the_interfaces_language(
    panel: ActivityPanel, arabic: None
) -> None:
    failed = SourceProgress(
        7,
        "مصدر",
        "failed",
        error="news.example answered 404 Not Found.",
        error_template="{where} answered {code} {reason}.",
        error_values={"where": "news.example", "code": 404, "reason": "Not Found"},
    )
    panel.on_sync_started(1)
    panel.on_source_finished(failed)
    assert rows(panel)[0][ERROR] == "أجاب news.example بالرمز 404 (Not Found)."
    # A sentence the window has no template for stays as the sync said it.
    panel.on_source_finished(SourceProgress(7, "مصدر", "failed", error="Something odd."))
    assert rows(panel)[0][ERROR] == "Something odd."


def test_a_new_sync_replaces_the_rows_of_the_last(panel: ActivityPanel) -> None:
    panel.on_sync_started(2)
    panel.on_source_finished(SourceProgress(1, "one", "updated", new=1))
    panel.on_source_finished(SourceProgress(2, "two", "updated", new=2))
    panel.on_sync_finished(SyncSummary(sources=2, new=3))
    panel.on_sync_started(1)
    assert rows(panel) == []
    panel.on_source_finished(SourceProgress(2, "two", "unchanged"))
    assert [r[TITLE] for r in rows(panel)] == ["two"]
    assert panel.row_of(1) is None


def test_expected_sources_wait_until_the_sync_reports_on_them(
    panel: ActivityPanel, english: None
) -> None:
    panel.expect_sources([(1, "one"), (2, "two"), (3, "three")])
    panel.on_sync_started(3)
    assert [r[STATE] for r in rows(panel)] == ["Waiting"] * 3
    panel.on_source_finished(SourceProgress(2, "two", "updated", new=5, elapsed_s=0.5))
    assert [r[STATE] for r in rows(panel)] == ["Waiting", "Done", "Waiting"]
    panel.on_sync_failed("The sync was stopped; the articles it had saved are kept.")
    assert [r[STATE] for r in rows(panel)] == ["Not synced", "Done", "Not synced"]
    assert panel.summary.text() == "The sync was stopped; the articles it had saved are kept."
    # The next sync starts afresh.
    panel.expect_sources([(4, "four")])
    assert [r[TITLE] for r in rows(panel)] == ["four"]


def test_a_sync_that_could_not_run_says_why(panel: ActivityPanel) -> None:
    message = "Another sync of this library is running already; try again when it has ended."
    panel.on_sync_failed(message)
    assert panel.summary.text() == message
    assert rows(panel) == []


def test_offline_and_empty_syncs_have_their_own_sentences(panel: ActivityPanel) -> None:
    panel.on_sync_finished(SyncSummary(sources=2, failed=2, offline=True))
    offline = panel.summary.text()
    assert offline.startswith("Offline")
    panel.on_sync_finished(SyncSummary(sources=0))
    assert panel.summary.text() not in {offline, ""}


def test_durations_follow_the_locale(panel: ActivityPanel) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    try:
        panel.on_source_finished(SourceProgress(1, "الواحة", "updated", new=3, elapsed_s=1.25))
    finally:
        QLocale.setDefault(before)
    [row] = rows(panel)
    assert row[NEW] == "٣"
    assert row[DURATION].startswith("١٫")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_panel_mirrors_right_to_left(panel: ActivityPanel) -> None:
    panel.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    panel.resize(800, 300)
    panel.show()
    panel.on_source_finished(SourceProgress(1, "الواحة", "updated", new=3, elapsed_s=1.0))
    assert panel.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    row = panel.row_of(1)
    assert row is not None
    for column in range(panel.table.columnCount()):
        # No absolute alignment: leading and trailing swap sides with the layout.
        alignment = Qt.AlignmentFlag(row.textAlignment(column))
        assert not alignment & Qt.AlignmentFlag.AlignAbsolute
    # The first column (the source) is drawn rightmost.
    header = panel.table.header()
    assert header.sectionViewportPosition(TITLE) > header.sectionViewportPosition(STATE)

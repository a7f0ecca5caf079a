"""Relative times: the English source forms, their boundaries, calendar days and short dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reader.ui.i18n import install_language
from reader.ui.reltime import relative_time, short_date

# A fixed zone, so calendar days do not depend on the machine running the tests.
ZONE = timezone(timedelta(hours=3))
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def _english_locale(qapp: QCoreApplication) -> Iterator[None]:
    previous = QLocale()
    translators = install_language(qapp, "en")  # the English catalogue: "1 minute ago"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


def ago(**delta: float) -> str:
    return relative_time(NOW - timedelta(**delta), NOW)


def test_under_a_minute_and_the_future_are_just_now() -> None:
    assert ago(seconds=0) == "just now"
    assert ago(seconds=59) == "just now"
    assert ago(minutes=-5) == "just now"  # a clock running fast somewhere


def test_minutes_then_hours() -> None:
    assert ago(seconds=60) == "1 minute ago"
    assert ago(minutes=59, seconds=59) == "59 minutes ago"
    assert ago(minutes=60) == "1 hour ago"
    assert ago(hours=11, minutes=59) == "11 hours ago"  # 00:01 today


def test_yesterday_is_the_calendar_day_before() -> None:
    assert ago(hours=12, minutes=1) == "yesterday"  # 23:59 yesterday
    assert ago(hours=36) == "yesterday"  # 00:00 yesterday
    assert ago(hours=36, seconds=1) == "2 days ago"  # 23:59:59 the day before


def test_a_few_hours_across_midnight_are_still_hours() -> None:
    just_after_midnight = datetime(2025, 6, 15, 1, 0, tzinfo=ZONE)
    late_last_night = just_after_midnight - timedelta(minutes=90)
    assert relative_time(late_last_night, just_after_midnight) == "1 hour ago"


def test_days_up_to_six_then_a_date_without_this_year() -> None:
    assert ago(days=2) == "2 days ago"
    assert ago(days=6) == "6 days ago"
    assert ago(days=7) == "6/8"


def test_a_date_of_another_year_shows_the_year() -> None:
    new_year = datetime(2025, 1, 3, 9, 0, tzinfo=ZONE)
    assert relative_time(datetime(2024, 12, 20, 9, 0, tzinfo=ZONE), new_year) == "12/20/24"
    assert short_date(datetime(2024, 12, 20).date()) == "12/20/24"


def test_days_are_counted_in_the_zone_of_now() -> None:
    # 22:00 UTC on the 14th is 01:00 on the 15th where "now" is.
    assert relative_time(datetime(2025, 6, 14, 22, 0, tzinfo=UTC), NOW) == "11 hours ago"
    # The library's times are UTC; a naive one is read as UTC too.
    assert relative_time(datetime(2025, 6, 14, 22, 0), NOW) == "11 hours ago"


def test_the_date_follows_the_default_locale() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt))
    shown = ago(days=30)
    assert "١٦" in shown  # Arabic-Indic digits: the 16th of May
    assert "٢٠٢٥" not in shown


class _EnglishPlurals(QTranslator):
    """What the English catalogue does with the numerus forms."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == "RelativeTime" and source == "%n minute(s) ago":
            return "%n minute ago" if n == 1 else "%n minutes ago"
        return source

    def isEmpty(self) -> bool:
        return False


def test_counts_go_through_numerus_translation(qapp: QCoreApplication) -> None:
    translator = _EnglishPlurals()
    qapp.installTranslator(translator)
    try:
        assert ago(minutes=1) == "1 minute ago"
        assert ago(minutes=5) == "5 minutes ago"
        assert ago(seconds=5) == "just now"
    finally:
        qapp.removeTranslator(translator)

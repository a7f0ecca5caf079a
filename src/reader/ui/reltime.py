"""How long ago an article was published, said the way the interface speaks.

Owns ``relative_time``: "just now", "5 minutes ago", "yesterday", "3 days
ago", then a short date. The words come from the application's Qt
translations (numerus forms, so Arabic gets all six plural forms) and the
date from ``QLocale()``, the default locale the window sets for its
language. Nothing here reads the library or draws anything.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache

from PySide6.QtCore import QDate, QLocale, QObject

# Across midnight, "2 hours ago" says more than "yesterday" for something this recent.
_HOURS_ACROSS_MIDNIGHT = 6
_DAYS_IN_WORDS = 6
# A run of year letters with the separators that tie it to the day and month.
_YEAR_AT_END = re.compile(r"[^dM]*y+[^dM]*$")
_YEAR_AT_START = re.compile(r"^[^dM]*y+[^dMy]*")
_YEAR_INSIDE = re.compile(r"y+[^dM]*")


class RelativeTime(QObject):
    """The words of relative times; a class so that lupdate reads ``self.tr(text, "", n)``.

    ``QCoreApplication.translate`` with a count is not read as a message with
    plural forms, and Arabic needs all six.
    """

    def describe(self, when: datetime, now: datetime) -> str:
        """``when`` relative to ``now``; both aware."""
        seconds = (now - when).total_seconds()
        if seconds < 60:
            return self.tr("just now")
        if seconds < 3600:
            minutes = int(seconds // 60)
            return self.tr("%n minute(s) ago", "", minutes)
        days = (now.date() - when.date()).days
        hours = int(seconds // 3600)
        if days == 0 or hours < _HOURS_ACROSS_MIDNIGHT:
            return self.tr("%n hour(s) ago", "", hours)
        if days == 1:
            return self.tr("yesterday")
        if days <= _DAYS_IN_WORDS:
            return self.tr("%n day(s) ago", "", days)
        return short_date(when.date(), with_year=when.year != now.year)


@cache
def _words() -> RelativeTime:
    return RelativeTime()


def relative_time(when: datetime, now: datetime | None = None) -> str:
    """``when`` relative to ``now`` (default: this moment), in the interface's language.

    Calendar days are counted in the time zone of ``now`` (the local one by
    default). Naive datetimes are taken as UTC, as the library stores them.
    A time in the future (another machine's clock running fast) reads as
    "just now".
    """
    now = datetime.now().astimezone() if now is None else _aware(now)
    return _words().describe(_aware(when).astimezone(now.tzinfo), now)


def short_date(day: date, *, with_year: bool = True) -> str:
    """``day`` in the default locale's short date format, optionally without its year."""
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if not with_year:
        pattern = _without_year(pattern)
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def _without_year(pattern: str) -> str:
    if "y" not in pattern:
        return pattern
    stripped = pattern.rstrip()
    if stripped.endswith("y"):
        result = _YEAR_AT_END.sub("", stripped)
    elif stripped.lstrip().startswith("y"):
        result = _YEAR_AT_START.sub("", stripped)
    else:
        result = _YEAR_INSIDE.sub("", stripped, count=1)
    # A pattern that was nearly all year (or quoted text) is better kept whole.
    return result if "d" in result and "M" in result else pattern


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

"""Reading the dates feeds and servers write: RFC 3339 (JSON Feed, Atom) and RFC 822 (RSS, HTTP)."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta, timezone

# RFC 3339, read leniently the way feeds really write it: "t" or a space for
# "T", seconds and fractions optional, any number of fraction digits, and an
# offset with or without its colon. ASCII digits only: ``\d`` would also take
# Arabic-Indic ones, which RFC 3339 does not allow.
_RFC3339 = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?\s*",
    re.ASCII,
)
# The form most feeds (and fastfeedparser) write, which datetime reads itself.
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)", re.ASCII)


def parse_rfc3339(value: object) -> datetime | None:
    """An RFC 3339 date as an aware UTC datetime, or None if it cannot be read.

    A date without an offset is taken as UTC, and one without a time as
    midnight: a roughly right date sorts better than none.
    """
    if not isinstance(value, str):
        return None
    if _CANONICAL.fullmatch(value):
        # Ten times faster than below; what datetime refuses (a leap second, an
        # hour 24) is read below.
        try:
            return datetime.fromisoformat(value).astimezone(UTC)
        except (ValueError, OverflowError):
            pass
    match = _RFC3339.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, _zulu, sign, off_h, off_m = match.groups()
    try:
        offset = timedelta(hours=int(off_h), minutes=int(off_m)) if sign else timedelta()
        tz = timezone(-offset if sign == "-" else offset) if sign else UTC
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            # A leap second (":60") is kept as the second before it.
            min(int(second or 0), 59),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def parse_date(value: object) -> datetime | None:
    """The moment a date string names, in UTC; None for anything unreadable.

    A date without a zone is taken as UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    found = parse_rfc3339(value)
    if found is not None:
        return found
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None

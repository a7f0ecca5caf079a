"""Reading the dates feeds and servers write: RFC 3339 / ISO 8601 and RFC 822 / HTTP dates."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime


def parse_date(value: object) -> datetime | None:
    """The moment a date string names, in UTC; None for anything unreadable.

    A date without a zone is taken as UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
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

"""The writing direction of a piece of text, decided the way ``dir="auto"`` does on the web.

The first character with a strong direction wins: Arabic, Hebrew, Syriac,
Thaana and N'Ko make a text right to left; Latin and the rest left to right.
No Qt here: the library stores the direction of each article, and the window
applies the same rule to each paragraph.
"""

import unicodedata

from reader.types import Direction

_RTL_CLASSES = frozenset({"R", "AL"})


def first_strong(text: str) -> Direction | None:
    """The direction of the first strong character of ``text``, or ``None`` if it has none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            return Direction.RTL
        if kind == "L":
            return Direction.LTR
    return None


def direction_of(*texts: str, default: Direction = Direction.RTL) -> Direction:
    """The direction of the first of ``texts`` that has a strong character."""
    for text in texts:
        found = first_strong(text[:2000])
        if found is not None:
            return found
    return default


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes: how Qt counts positions in text.

    Characters beyond the Basic Multilingual Plane (emoji) take two.
    """
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)

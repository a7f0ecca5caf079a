"""The files Khabar ships (package ``reader.resources``): fonts, translations, default sources.

``load_fonts`` registers the bundled Arabic faces with Qt once, so the window
reads well on a machine without them (``reader.paths.resource`` finds them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFontDatabase

from reader.paths import resource

FONT_FILES = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
READING_FAMILY = "Noto Naskh Arabic"  # the article view's face: a book hand for long reading
INTERFACE_FAMILY = "Noto Sans Arabic"  # lists and the sidebar: clearer at small sizes


@dataclass(frozen=True, slots=True)
class Fonts:
    """The families the bundled fonts made available (empty if none could be loaded)."""

    reading: str
    interface: str


@cache
def load_fonts() -> Fonts:
    """Register the bundled fonts with Qt (once; needs a QGuiApplication)."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return Fonts(
        reading=READING_FAMILY if READING_FAMILY in families else "",
        interface=INTERFACE_FAMILY if INTERFACE_FAMILY in families else "",
    )

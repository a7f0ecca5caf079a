"""The files Khabar ships (package ``reader.resources``): fonts, translations, default sources.

``resource`` finds a shipped file; ``load_fonts`` registers the bundled Arabic
faces with Qt once, so the window reads well on a machine without them.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFontDatabase

FONT_FILES = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
READING_FAMILY = "Noto Naskh Arabic"  # the article view's face: a book hand for long reading
INTERFACE_FAMILY = "Noto Sans Arabic"  # lists and the sidebar: clearer at small sizes


def resource(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource("fonts", "OFL.txt")``."""
    root = Path(str(importlib.resources.files("reader.resources")))
    return root.joinpath(*parts)


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

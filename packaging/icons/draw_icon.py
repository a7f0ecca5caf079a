"""Draw Khabar's icon (``khabar.svg``): the letter خ in white on a teal tile, over lines of text.

The letter is the shape of خ in Noto Naskh Arabic Bold (shipped in
``resources/fonts``, under the OFL), turned into an SVG path here so that the
icon needs no font. Run it again only to change the drawing:

    python packaging/icons/draw_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPainterPath

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("khabar.svg")


def letter_path(size: float) -> QPainterPath:
    """The outline of خ at ``size`` pixels, centred on (128, 100)."""
    font_id = QFontDatabase.addApplicationFont(
        str(ROOT / "resources" / "fonts" / "NotoNaskhArabic-Bold.ttf")
    )
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPixelSize(int(size))
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, "خ")
    box = path.boundingRect()
    return path.translated(128 - box.center().x(), 100 - box.center().y())


def svg_data(path: QPainterPath) -> str:
    """``path`` as the ``d`` of an SVG path (moves, lines and cubic curves)."""
    parts: list[str] = []
    i = 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.isMoveTo():
            parts.append(f"M{e.x:.1f} {e.y:.1f}")
            i += 1
        elif e.isLineTo():
            parts.append(f"L{e.x:.1f} {e.y:.1f}")
            i += 1
        else:  # a curve: this element and the next two
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append(f"C{e.x:.1f} {e.y:.1f} {c2.x:.1f} {c2.y:.1f} {end.x:.1f} {end.y:.1f}")
            i += 3
    return "".join(parts) + "Z"


def main() -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    d = svg_data(letter_path(136))
    OUT.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Khabar</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#16807a"/>
      <stop offset="1" stop-color="#0b4f53"/>
    </linearGradient>
  </defs>
  <rect x="12" y="12" width="232" height="232" rx="48" fill="url(#tile)"/>
  <path fill="#ffffff" fill-rule="nonzero" d="{d}"/>
  <g fill="#ffffff" fill-opacity="0.85">
    <rect x="64" y="190" width="128" height="11" rx="5.5"/>
    <rect x="96" y="210" width="96" height="11" rx="5.5"/>
  </g>
</svg>
""",
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

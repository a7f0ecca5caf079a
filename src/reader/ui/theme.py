"""Light and dark colours: follow the system by default, or the user's choice.

Khabar draws with Qt's Fusion style on every platform, so that the palettes
below look the same everywhere and the article view's colours (taken from the
palette) stay readable in both themes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.settings import Theme

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#26272a",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2b2c2f",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#3b6ea8",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.ToolTipBase: "#2b2c2f",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Mid: "#5f6368",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f6f6f4",
    QPalette.ColorRole.WindowText: "#202124",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f1f3f4",
    QPalette.ColorRole.Text: "#202124",
    QPalette.ColorRole.Button: "#efefed",
    QPalette.ColorRole.ButtonText: "#202124",
    QPalette.ColorRole.Highlight: "#cfe0f5",
    QPalette.ColorRole.HighlightedText: "#102a43",
    QPalette.ColorRole.Link: "#1a5fb4",
    QPalette.ColorRole.LinkVisited: "#6a3d9a",
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#202124",
    QPalette.ColorRole.PlaceholderText: "#6b6f74",
    QPalette.ColorRole.Mid: "#b0b3b8",
}


def is_dark(theme: Theme) -> bool:
    """Whether ``theme`` means dark colours now (asking the system when it follows it)."""
    if theme is Theme.SYSTEM:
        hints = QGuiApplication.styleHints()
        return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
    return theme is Theme.DARK


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Give the application the palette of ``theme`` (Fusion style)."""
    app.setStyle("Fusion")
    dark = is_dark(theme)  # asks the system once
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour).darker(130))
    disabled_text = QColor(_DARK[QPalette.ColorRole.Mid] if dark else "#9aa0a6")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled_text)
    app.setPalette(palette)

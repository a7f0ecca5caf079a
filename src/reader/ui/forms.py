"""Small builders shared by the window's dialogs: named inputs, hints, headings, form rows."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

_W = TypeVar("_W", bound=QWidget)


def named(widget: _W, name: str) -> _W:
    """``widget`` with an object name: the tests (and accessibility tools) find inputs by it."""
    widget.setObjectName(name)
    return widget


def text_width(widget: QWidget, characters: int) -> int:
    """A width of ``characters`` in the widget's font, so that it follows its size and script."""
    return widget.fontMetrics().averageCharWidth() * characters


def with_hint(field: QWidget, hint: str) -> QWidget:
    """``field`` with a quiet explanation under it, as one form field."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(hint)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout.addWidget(field)
    layout.addWidget(label)
    return box


def heading(text: str) -> QLabel:
    """A section heading inside a form: the label's font, bold."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def add_row(form: QFormLayout, text: str, field: QWidget | QLayout, buddy: QWidget) -> None:
    """A form row whose label's mnemonic reaches ``buddy``.

    Used where the field is a container (an input and its hint, a row of
    widgets): ``addRow`` would give the label's mnemonic to no input at all.
    """
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)

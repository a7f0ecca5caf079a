"""Fixtures of the window's tests: a library of Arabic and English articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from helpers import add_source, entry
from reader.library import Library
from reader.ui.i18n import install_language, locale_of


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Library]:
    """A library of two sources in two categories: 30 Arabic articles and 5 English ones."""
    library = Library(tmp_path / "data")
    arabic = add_source(library, "arabic", category="سياسة")
    english = add_source(library, "english", category="اقتصاد")
    library.store_entries(arabic, [entry(n, age=timedelta(minutes=10 * n + 1)) for n in range(30)])
    library.store_entries(
        english,
        [
            entry(
                100 + n,
                f"Markets open higher, story {n}",
                f"Shares rose on Monday in story {n}.",
                age=timedelta(hours=n + 1),
            )
            for n in range(5)
        ],
    )
    yield library
    library.close()


@pytest.fixture
def arabic(qapp: QCoreApplication) -> Iterator[None]:
    """The interface in Arabic for one test: its catalogue, its locale, mirrored; then back."""
    translators = install_language(qapp, "ar")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale_of("en"))
    if hasattr(qapp, "setLayoutDirection"):
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

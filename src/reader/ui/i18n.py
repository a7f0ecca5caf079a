"""The interface language: choosing it, loading its catalogues, mirroring the window.

Khabar's catalogues are Qt Linguist ``.ts`` files in ``resources/translations``.
The build (packaging) compiles them to ``.qm`` beside them; a source checkout
or a wheel has only the ``.ts``, so they are compiled on first use into the
cache folder with the ``lrelease`` that PySide6 ships, and recompiled when the
``.ts`` changes. Qt's own catalogue (standard buttons, context menus) comes
from the Qt installation.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from reader.paths import resource, user_cache_folder
from reader.ui.settings import LANGUAGES

_log = logging.getLogger(__name__)


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """The interface language: the setting when it names one, else the system's (Arabic or not)."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    return "ar" if locale.language() == QLocale.Language.Arabic else "en"


def locale_of(language: str) -> QLocale:
    """The locale that formats numbers and dates for a language (Arabic: Arabic-Indic digits)."""
    if language == "ar":
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def layout_direction(language: str) -> Qt.LayoutDirection:
    """Arabic mirrors the whole window: sidebar on the right."""
    return Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight


def install_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's and Khabar's catalogues for ``language`` into ``app``; return the translators.

    Keep the returned list alive as long as the application: a translator
    that is garbage-collected stops translating.
    """
    QLocale.setDefault(locale_of(language))
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        translators.append(qt_own)
    ours = QTranslator(app)
    compiled = compiled_catalogue(language)
    if compiled is not None and ours.load(str(compiled)):
        translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    if hasattr(app, "setLayoutDirection"):
        app.setLayoutDirection(layout_direction(language))
    return translators


def compiled_catalogue(language: str, cache: Path | None = None) -> Path | None:
    """The ``.qm`` catalogue for ``language``: shipped, or compiled now; None if neither.

    A catalogue compiled now goes into ``cache`` (default: the user's cache folder).
    """
    source = resource("translations", f"khabar_{language}.ts")
    shipped = source.with_suffix(".qm")
    if shipped.is_file() and (not source.is_file() or _newer(shipped, source)):
        return shipped
    if not source.is_file():
        return None
    data = source.read_bytes()
    if cache is None:
        cache = user_cache_folder() / "translations"
    target = cache / f"khabar_{language}-{hashlib.sha256(data).hexdigest()[:16]}.qm"
    if target.is_file():
        return target
    return compile_catalogue(source, target)


def compile_catalogue(source: Path, target: Path) -> Path | None:
    """Compile a ``.ts`` to ``target`` (never half of one) with PySide6's lrelease; None if not.

    The packaging compiles the bundle's catalogues with it too.
    """
    lrelease = _lrelease()
    if lrelease is None:
        _log.warning("No lrelease to compile %s: the interface stays in English.", source.name)
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    try:
        subprocess.run(
            [str(lrelease), "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(target)  # never leave half a catalogue under the final name
    except (OSError, subprocess.SubprocessError) as exc:
        _log.warning("Could not compile %s (%s): the interface stays in English.", source, exc)
        return None
    return target


def _lrelease() -> Path | None:
    try:
        import PySide6  # noqa: PLC0415 - only to find the tools it ships
    except ImportError:
        return None
    folder = Path(PySide6.__file__).parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _newer(a: Path, b: Path) -> bool:
    return a.stat().st_mtime >= b.stat().st_mtime

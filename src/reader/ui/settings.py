"""The window's settings: one frozen value, read from and written to a file in the data folder.

Settings live in ``settings.ini`` beside the library (not in the platform's
registry), so that ``--data-dir`` and ``KHABAR_DATA_DIR`` keep a test or a
second profile wholly apart. Unknown or broken values fall back to defaults.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

SETTINGS_FILE = "settings.ini"
# The interface's languages.
LANGUAGES = ("ar", "en")
# The reading size's range and default, in points: the settings, their dialog
# and the article view (zooming) all keep to these.
MIN_READING_SIZE = 8.0
MAX_READING_SIZE = 40.0
DEFAULT_READING_SIZE = 13.0
# The other ranges, which the settings and their dialog keep to.
MAX_SYNC_INTERVAL_MIN = 24 * 60
MAX_RETENTION_DAYS = 3650
MAX_MARK_READ_DELAY_MS = 60_000


class Theme(enum.StrEnum):
    """The window's colours."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user can set in the settings dialog."""

    sync_interval_min: int = 30  # 0: no automatic sync
    sync_on_start: bool = True
    full_text: bool = True  # fetch article pages where feeds carry summaries
    cache_images: bool = True
    retention_days: int = 0  # 0: keep articles for ever (bookmarks are always kept)
    reading_font: str = ""  # "": the bundled Arabic reading face
    reading_size: float = DEFAULT_READING_SIZE
    theme: Theme = Theme.SYSTEM
    language: str = ""  # "": follow the system; else "ar" or "en"
    mark_read_delay_ms: int = 1500

    def clamped(self) -> Settings:
        """These settings with every number inside its sensible range."""
        return replace(
            self,
            sync_interval_min=min(max(self.sync_interval_min, 0), MAX_SYNC_INTERVAL_MIN),
            retention_days=min(max(self.retention_days, 0), MAX_RETENTION_DAYS),
            reading_size=min(max(self.reading_size, MIN_READING_SIZE), MAX_READING_SIZE),
            mark_read_delay_ms=min(max(self.mark_read_delay_ms, 0), MAX_MARK_READ_DELAY_MS),
            language=self.language if self.language in LANGUAGES else "",
        )


def settings_path(data_dir: Path) -> Path:
    """Where the settings of the library in ``data_dir`` are kept."""
    return data_dir / SETTINGS_FILE


def load_settings(data_dir: Path) -> Settings:
    """The saved settings, defaults for whatever is missing or unreadable."""
    store = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)
    values: dict[str, Any] = {}
    defaults = Settings()
    for field in fields(Settings):
        default = getattr(defaults, field.name)
        raw = store.value(f"settings/{field.name}")
        if raw is None:
            continue
        try:
            values[field.name] = _convert(raw, default)
        except (TypeError, ValueError):
            continue
    return Settings(**values).clamped()


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write the settings (the folder exists: the library is in it)."""
    store = QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)
    for name, value in asdict(settings.clamped()).items():
        store.setValue(f"settings/{name}", value.value if isinstance(value, enum.Enum) else value)
    store.sync()


def window_state(data_dir: Path) -> QSettings:
    """The store for what the window remembers: geometry, splitter sizes, the selection."""
    return QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)


def _convert(raw: object, default: object) -> object:
    # An INI file gives strings back: read each as its default's type.
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if isinstance(default, int):
        return int(str(raw))
    if isinstance(default, float):
        return float(str(raw))
    if isinstance(default, Theme):
        return Theme(str(raw))
    return str(raw)

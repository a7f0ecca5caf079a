"""Settings: saved beside the library, read back, and broken values fall back to defaults."""

from __future__ import annotations

from pathlib import Path

from reader.paths import resource
from reader.ui.assets import load_fonts
from reader.ui.settings import Settings, Theme, load_settings, save_settings, settings_path


def test_settings_round_trip(tmp_path: Path) -> None:
    chosen = Settings(sync_interval_min=45, full_text=False, theme=Theme.DARK, language="en")
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen


def test_missing_settings_are_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_broken_values_fall_back_and_numbers_are_clamped(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text(
        "[settings]\nsync_interval_min=often\ntheme=purple\nreading_size=400\nlanguage=fr\n",
        encoding="utf-8",
    )
    loaded = load_settings(tmp_path)
    assert loaded.sync_interval_min == Settings().sync_interval_min
    assert loaded.theme is Theme.SYSTEM
    assert loaded.reading_size == 40.0
    assert loaded.language == ""


def test_bundled_fonts_load(qapp: object) -> None:
    fonts = load_fonts()
    assert fonts.reading == "Noto Naskh Arabic"
    assert fonts.interface == "Noto Sans Arabic"
    assert resource("fonts", "OFL.txt").read_text(encoding="utf-8").startswith("Noto")

"""Where Khabar keeps its files, and where the files it ships are: the one module over platformdirs.

The data folder is ``platformdirs.user_data_dir("khabar")`` unless the
``--data-dir`` option or the ``KHABAR_DATA_DIR`` environment variable names
another one, so tests and scripts never touch a real profile.
"""

import importlib.resources
import os
import sys
from pathlib import Path

APP_NAME = "khabar"
# The desktop id: the desktop entry, the AppStream metainfo and the icons are named for it.
APP_ID = "io.github.khabar_reader.Khabar"
ENV_DATA_DIR = "KHABAR_DATA_DIR"
CACHE_FOLDER = "cache"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: the override, else $KHABAR_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # noqa: PLC0415 - every command given --data-dir starts sooner

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_folder() -> Path:
    """The platform's cache folder for Khabar (what can be made again: compiled catalogues)."""
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def cache_dir(folder: Path) -> Path:
    """The folder of cached images inside a data folder."""
    return folder / CACHE_FOLDER


def resource(*parts: str) -> Path:
    """A file Khabar ships (package ``reader.resources``), e.g. ``resource("fonts", "OFL.txt")``.

    Installed from a wheel or run from a checkout, the files are found through
    ``importlib.resources``; in the bundle PyInstaller makes, they are in its
    data folder (``packaging/khabar.spec`` puts them there).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle, "reader", "resources", *parts)
    return Path(str(importlib.resources.files("reader.resources"))).joinpath(*parts)

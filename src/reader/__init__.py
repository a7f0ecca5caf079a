"""Khabar (خبر): an offline news reader, Arabic first.

The import package is ``reader``. Its layers run one way: ``sync`` brings news
into ``library``, and ``ui`` shows the library. Only ``ui`` imports Qt.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("khabar")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]

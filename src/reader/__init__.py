"""Khabar (خبر): an offline news reader, Arabic first.

The import package is ``reader``. Its layers run one way: ``sync`` brings news
into ``library``, and ``ui`` shows the library. Only ``ui`` imports Qt.
"""

# The one place the version is written (pyproject.toml reads it from here): a
# constant, since asking importlib.metadata costs every command 35 ms.
__version__ = "0.1.0"

__all__ = ["__version__"]

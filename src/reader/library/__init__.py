"""The local library: SQLite models, migrations, Arabic-aware search, and ``Library``.

All SQL of Khabar lives in this package; nothing outside it opens a session.
It imports no Qt.

The names below are loaded on first use: a sync's worker processes need
``prepare_entries`` (and ``reader.library.writer``) but not SQLAlchemy, which
takes a third of a second to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.library.library import Library
    from reader.library.prepare import PreparedBatch, prepare_entries

__all__ = ["Library", "PreparedBatch", "prepare_entries"]


def __getattr__(name: str) -> Any:
    if name == "Library":
        from reader.library.library import Library  # noqa: PLC0415

        return Library
    if name in ("PreparedBatch", "prepare_entries"):
        from reader.library import prepare  # noqa: PLC0415

        return getattr(prepare, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

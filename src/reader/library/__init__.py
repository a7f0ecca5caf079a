"""The local library: SQLite models, migrations, Arabic-aware search, and ``Library``.

All SQL of Khabar lives in this package; nothing outside it opens a session.
It imports no Qt.
"""

from reader.library.library import Library
from reader.library.prepare import PreparedBatch, prepare_entries

__all__ = ["Library", "PreparedBatch", "prepare_entries"]

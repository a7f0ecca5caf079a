"""The one error family of Khabar.

Every error a caller of ``reader.library`` or ``reader.sync`` can see is a
``ReaderError``. Errors of the database, XML parsers and the HTTP client are
translated where they enter, and every message is a sentence a user can read.
"""

from datetime import datetime


class ReaderError(Exception):
    """Base of every error Khabar raises on purpose; its message is for users."""


class StorageError(ReaderError):
    """The library file could not be read or written."""


class SchemaTooNewError(StorageError):
    """The library was written by a newer Khabar; it is left untouched."""


class FetchError(ReaderError):
    """A source could not be downloaded.

    ``permanent`` is true when asking again will not help (a 404, a 403):
    the server answered, and the answer was no.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class SourceGoneError(FetchError):
    """The server says the source is gone for good (410); it stops being synced."""


class RetryLaterError(FetchError):
    """The server asked to be left alone for a while (429 or 503 with Retry-After)."""

    def __init__(self, message: str, retry_at: datetime | None = None) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class ParseError(ReaderError):
    """A feed, page or OPML file could not be understood."""


class NotFoundError(ReaderError):
    """Something asked for by id or name does not exist."""


class SourceNotFoundError(NotFoundError):
    """No source has the given id."""


class CategoryNotFoundError(NotFoundError):
    """No category has the given id or name."""


class ArticleNotFoundError(NotFoundError):
    """No article has the given id."""


class InvalidSearchQueryError(ReaderError):
    """A search query cannot be run; the message says how to fix it.

    ``reason`` names the case and ``values`` hold what the sentence quotes,
    so that the window can say it in the interface's language: ``too_long``
    (``length``, ``limit``), ``short_prefix`` (``word``), ``too_many_words``
    (``count``, ``limit``), ``only_excluded``, ``only_common``, ``empty``,
    ``not_understood``.
    """

    def __init__(self, message: str, reason: str = "", **values: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.values = values


class InvalidInputError(ReaderError):
    """An argument given by the user is not acceptable (a bad URL, an empty name)."""

"""The one error family of Khabar.

Every error a caller of ``reader.library`` or ``reader.sync`` can see is a
``ReaderError``. Errors of the database, XML parsers and the HTTP client are
translated where they enter, and every message is a sentence a user can read.
"""

from datetime import datetime
from typing import Any, Self

# Every sentence template an error is made from (``ReaderError.say``), so that a
# test can check the window has a translation for each.
TEMPLATES: set[str] = set()


def template(text: str) -> str:
    """Register a sentence template: English, with ``{name}`` fields for its values."""
    TEMPLATES.add(text)
    return text


class ReaderError(Exception):
    """Base of every error Khabar raises on purpose; its message is for users.

    The message is English. An error made with ``say`` also keeps its
    ``template`` and ``values``, so that the window can say it in its own
    language; ``template`` is "" for the others.
    """

    template: str = ""
    values: dict[str, Any]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.values = {}

    @classmethod
    def say(cls, text: str, /, *args: Any, **values: Any) -> Self:
        """The error whose message is ``text`` filled with ``values``.

        ``args`` go to the class's constructor after the message (``permanent``
        of ``FetchError``, ``retry_at`` of ``RetryLaterError``).
        """
        error = cls(text.format(**values), *args)
        error.template, error.values = text, values
        return error


class StorageError(ReaderError):
    """The library file could not be read or written."""


class SchemaTooNewError(StorageError):
    """The library was written by a newer Khabar; it is left untouched."""


class FetchError(ReaderError):
    """A source could not be downloaded.

    ``permanent`` is true when asking again will not help (a 404, a 403):
    the server answered, and the answer was no.
    """

    def __init__(self, message: str, permanent: bool = False) -> None:
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
    """A search query cannot be run; the message says how to fix it."""


class InvalidInputError(ReaderError):
    """An argument given by the user is not acceptable (a bad URL, an empty name)."""

"""How the ``khabar`` command prints: one line per item for people, JSON for scripts.

JSON keeps Arabic as characters (never ``\\u`` escapes); times are ISO 8601. A
failure is one line on stderr (``failure_line``), which the window reads back
from the commands it runs (``told_in``): both sides of that form are here.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from reader.errors import ReaderError
from reader.types import Article, ArticleSummary, SearchResult, Snippet, Source

# What ``khabar`` puts before the sentence of a failure on stderr (without --error-format json).
ERROR_PREFIX = "khabar: "


def when(value: datetime | None) -> str:
    """A local date and time as a person reads it; empty for none."""
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


def iso(value: datetime | None) -> str | None:
    """An ISO 8601 time for JSON, or None."""
    return None if value is None else value.isoformat()


def summary_json(item: ArticleSummary | Article) -> dict[str, Any]:
    """An article as a list shows it, as JSON (every JSON form of an article starts so)."""
    return {
        "id": item.id,
        "title": item.title,
        "source": item.source_title,
        "source_id": item.source_id,
        "published": iso(item.published),
        "is_read": item.is_read,
        "is_bookmarked": item.is_bookmarked,
        "url": item.url,
        "direction": item.direction.value,
    }


def article_json(article: Article) -> dict[str, Any]:
    """A whole article, as JSON."""
    return {
        **summary_json(article),
        "bookmarked_at": iso(article.bookmarked_at),
        "guid": article.guid,
        "author": article.author,
        "lead": article.lead,
        "body_html": article.body_html,
        "text": article.text,
        "language": article.language,
        "categories": list(article.categories),
        "body_origin": article.body_origin.value,
        "images": [{"url": a.url, "path": a.path, "size": a.size} for a in article.assets],
    }


def source_json(source: Source, unread: int) -> dict[str, Any]:
    """A source with its unread count, as JSON."""
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "site_url": source.site_url,
        "category_id": source.category_id,
        "unread": unread,
        "full_text": source.full_text,
        "disabled": source.disabled,
        "last_fetched_at": iso(source.last_fetched_at),
        "last_error": source.last_error,
    }


def print_json(data: object, out: TextIO) -> None:
    """Write JSON that keeps Arabic as characters."""
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def marked(snippet: Snippet, tty: bool) -> str:
    """A snippet with its matches underlined on a terminal, bracketed elsewhere."""
    return snippet.marked("\x1b[1;4m", "\x1b[0m") if tty else snippet.marked("[", "]")


def article_line(item: ArticleSummary) -> str:
    """One line for an article in a list: unread and bookmark marks, date, source, title."""
    flags = ("•" if not item.is_read else " ") + ("★" if item.is_bookmarked else " ")
    return f"{item.id:>7} {flags} {when(item.published)}  {item.source_title}  —  {item.title}"


def search_json(result: SearchResult) -> dict[str, Any]:
    """A search result, with its snippet as HTML and its highlight spans, as JSON."""
    return {
        **summary_json(result.article),
        "snippet": result.snippet.marked("<mark>", "</mark>", html.escape),
        "snippet_text": result.snippet.text,
        "highlights": [list(span) for span in result.snippet.highlights],
        "title_highlights": [list(span) for span in result.title_highlights],
        "score": result.score,
    }


def failure_line(error: ReaderError, as_json: bool) -> str:
    """How ``khabar`` tells a failure on stderr: ``khabar: <sentence>``, or with
    ``--error-format json`` one JSON object with the sentence's template and values.
    """
    if as_json:
        told = {"error": str(error), "template": error.template, "values": error.values}
        return json.dumps(told, ensure_ascii=False, default=str)
    return ERROR_PREFIX + str(error)


@dataclass(frozen=True, slots=True)
class Told:
    """A failure ``khabar`` told on stderr: its English sentence, and its template and values."""

    english: str
    template: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


def told_in(lines: Sequence[str]) -> Told | None:
    """The last failure ``khabar`` told among ``lines``, if any: not a crash's traceback."""
    for line in reversed(lines):
        if line.lstrip().startswith(("{", ERROR_PREFIX)):
            return told(line)
    return None


def told(line: str) -> Told:
    """What a line of ``khabar``'s stderr says (``failure_line``); other lines are as they are."""
    text = line.strip()
    if text.startswith("{"):
        try:
            said = json.loads(text)
        except ValueError:
            said = None
        if isinstance(said, dict) and isinstance(said.get("error"), str):
            values = said.get("values")
            return Told(
                said["error"],
                str(said.get("template") or ""),
                values if isinstance(values, dict) else {},
            )
    return Told(text.removeprefix(ERROR_PREFIX))

"""How the ``khabar`` command prints: one line per item for people, JSON for scripts.

JSON keeps Arabic as characters (never ``\\u`` escapes); times are ISO 8601.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any, TextIO

from reader.types import Article, ArticleSummary, SearchResult, Snippet, Source


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

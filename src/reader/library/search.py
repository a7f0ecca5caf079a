"""Full-text search: the query language, its FTS5 translation, ranking and snippets.

The query language is small and forgiving: words (all must match), quoted
phrases, ``word*`` for a prefix, ``-word`` or ``-"a phrase"`` to exclude.
Every word is normalized exactly as the index is (``normalize.py``) and
passed to FTS5 as a quoted string, so no user input is ever read as FTS5
syntax. An unbalanced quote runs to the end of the query. What cannot be
searched raises ``InvalidSearchQueryError`` with a sentence for the user.

Snippets and highlights are cut from the article's original text (with its
tashkeel and hamza), by regular expressions that match every spelling a
normalized word stands for.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reader.errors import InvalidSearchQueryError, template
from reader.library.models import ArticleRow, SourceRow
from reader.library.normalize import (
    fold,
    has_word,
    match_pattern,
    normalize,
    stem,
    variants,
)
from reader.library.prepare import flat_text
from reader.library.queries import SUMMARY_COLUMNS, summary
from reader.types import SearchResult, Snippet

MAX_QUERY_CHARS = 500
MAX_TERMS = 32

_TOO_LONG = template(
    "The search is too long ({length:,} characters): use at most {limit} characters."
)
_SHORT_PREFIX = template(
    "“{word}” is too short to search by its beginning: give at least two letters before the *."
)
_TOO_MANY_WORDS = template("The search has too many words ({count}): use at most {limit}.")
_ONLY_EXCLUDED = template(
    "Say what to look for, not only what to leave out: add a word without a minus sign."
)
_ONLY_COMMON = template(
    "These words are too common to search by (such as في, من, the): add a more specific word."
)
_EMPTY = template("Type a word to search for.")
_NOT_UNDERSTOOD = template("Khabar could not understand this search. Try plain words.")
SNIPPET_CHARS = 220
SNIPPET_SCAN = 1_200
# How much of the HTML body to read for that much text (tags take room).
_HTML_SCAN = SNIPPET_SCAN + SNIPPET_CHARS + 300
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Term:
    """One searched word or phrase, normalized."""

    words: tuple[str, ...]
    prefix: bool = False
    excluded: bool = False

    def fts(self) -> str:
        """This term as FTS5 strings, one per indexed form, safely quoted and ORed.

        The first word of the term takes its forms with and without the
        one-letter clitics (``normalize.variants``); the rest of a phrase is
        matched as written.
        """
        star = " *" if self.prefix else ""
        rest = self.words[1:]
        strings = [
            '"' + " ".join((form, *rest)).replace('"', '""') + '"' + star
            for form in variants(self.words[0])
        ]
        return strings[0] if len(strings) == 1 else "(" + " OR ".join(strings) + ")"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready to run: its FTS5 expression and its highlighting pattern."""

    match: str
    highlight: re.Pattern[str]


def _split(query: str) -> list[tuple[str, bool, bool]]:
    """Split a query into (text, is_phrase, excluded) parts, tolerating any input."""
    parts: list[tuple[str, bool, bool]] = []
    pos, end = 0, len(query)
    while pos < end:
        if query[pos].isspace():
            pos += 1
            continue
        excluded = query[pos] == "-" and pos + 1 < end and not query[pos + 1].isspace()
        if excluded:
            pos += 1
        if query[pos] == '"':
            close = query.find('"', pos + 1)
            close = end if close < 0 else close
            parts.append((query[pos + 1 : close], True, excluded))
            pos = close + 1
        else:
            stop = pos
            while stop < end and not query[stop].isspace() and query[stop] != '"':
                stop += 1
            parts.append((query[pos:stop], False, excluded))
            pos = stop
    return parts


def parse_query(query: str) -> ParsedQuery:
    """Turn what a user typed into an FTS5 expression, or say why it cannot be searched."""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidSearchQueryError.say(_TOO_LONG, length=len(query), limit=MAX_QUERY_CHARS)
    terms: list[Term] = []
    only_common = False
    for raw, is_phrase, excluded in _split(query):
        prefix = not is_phrase and raw.endswith("*")
        # The beginning of a word may look like a particle (the* for theatre).
        words = tuple(_WORD.findall(stem(fold(raw)) if prefix else normalize(raw)))
        if not words or not has_word("".join(words)):
            only_common = only_common or has_word(raw)
            continue
        if prefix and not is_phrase and len(words[-1]) < 2:
            raise InvalidSearchQueryError.say(_SHORT_PREFIX, word=raw)
        terms.append(Term(words=words, prefix=prefix, excluded=excluded))
    if len(terms) > MAX_TERMS:
        raise InvalidSearchQueryError.say(_TOO_MANY_WORDS, count=len(terms), limit=MAX_TERMS)
    wanted = [t for t in terms if not t.excluded]
    unwanted = [t for t in terms if t.excluded]
    if not wanted:
        if unwanted:
            raise InvalidSearchQueryError.say(_ONLY_EXCLUDED)
        if only_common:
            raise InvalidSearchQueryError.say(_ONLY_COMMON)
        raise InvalidSearchQueryError.say(_EMPTY)
    match = " AND ".join(t.fts() for t in wanted)
    if unwanted:
        match = f"({match})" + "".join(f" NOT {t.fts()}" for t in unwanted)
    return ParsedQuery(match=match, highlight=highlighter(wanted))


def highlighter(terms: list[Term]) -> re.Pattern[str]:
    """One pattern that finds, in original text, every word the terms stand for."""
    patterns: set[str] = set()
    for term in terms:
        for index, word in enumerate(term.words):
            last = index == len(term.words) - 1
            patterns.add(match_pattern(word, prefix=term.prefix and last))
    ordered = sorted(patterns, key=len, reverse=True)
    # Every pattern starts at the start of a word: saying so once, in front,
    # lets the engine give up at once inside words, which is most positions.
    shared = r"(?<!\w)"
    bodies = [p.removeprefix(shared) for p in ordered]
    return re.compile(shared + "(?:" + "|".join(f"(?:{b})" for b in bodies) + ")", re.IGNORECASE)


def highlight_spans(pattern: re.Pattern[str], value: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``value`` that a highlighting pattern matches."""
    return tuple(m.span() for m in pattern.finditer(value) if m.end() > m.start())


def make_snippet(
    pattern: re.Pattern[str], body: str, width: int = SNIPPET_CHARS, more: bool = False
) -> Snippet:
    """A window of about ``width`` characters of ``body`` around its first match.

    Only the first ``SNIPPET_SCAN`` characters are searched (the matching
    expressions are costly and the first mention is what a reader wants);
    ``more`` says that ``body`` was cut short and goes on.
    """
    found = pattern.search(body, 0, SNIPPET_SCAN)
    start = 0 if found is None else max(0, found.start() - width // 3)
    stop = min(len(body), start + width)
    if start > 0:
        space = body.find(" ", start, found.start() if found else stop)
        start = space + 1 if space >= 0 else start
    if stop < len(body):
        space = body.rfind(" ", start, stop)
        stop = space if space > (found.end() if found else start) else stop
    window = " ".join(body[start:stop].split())
    before = "… " if start > 0 else ""
    after = " …" if stop < len(body) or more else ""
    spans = highlight_spans(pattern, window)
    shift = len(before)
    return Snippet(
        text=before + window + after,
        highlights=tuple((a + shift, b + shift) for a, b in spans),
    )


# Ranking reads every match, so a word found in most of 100,000 articles would
# cost a quarter of a second. Matches are ranked within the newest WINDOW
# articles first; when that holds fewer than ``limit`` hits, the window grows
# to where that rate of hits would give twice ``limit`` (the whole library for a
# rare word). A common word gets the best of the recent articles, a rare one
# is ranked across the whole library. Ties go to the newer article.
WINDOW = 5_000

_HITS = """
SELECT rowid AS id, rank AS score
FROM article_fts
WHERE article_fts MATCH :match AND rowid > :floor {filters}
ORDER BY rank, rowid DESC
LIMIT :limit
"""

_FILTERS = {
    "source_id": "AND rowid IN (SELECT id FROM article WHERE source_id = :source_id)",
    "bookmarked": "AND rowid IN (SELECT id FROM article WHERE is_bookmarked = 1)",
    "category_id": (
        "AND rowid IN (SELECT article_id FROM article_category"
        " WHERE category_id = :category_id AND article_id > :floor)"
    ),
}


def _hits(session: Session, statement: str, params: dict[str, Any]) -> Sequence[Any]:
    """The best ``limit`` matches, ranked within windows of the newest articles."""
    top = session.scalar(text("SELECT max(id) FROM article")) or 0
    limit = params["limit"]
    window = WINDOW
    while True:
        floor = max(0, top - window)
        hits = session.execute(text(statement), {**params, "floor": floor}).all()
        if floor == 0 or len(hits) >= limit:
            return hits
        # Grow to where this window's rate of hits would give twice the limit,
        # or straight to the whole library when that is most of it anyway.
        window = window * 2 * limit // len(hits) if hits else top
        if window * 2 >= top:
            window = top


def search(
    session: Session,
    query: str,
    *,
    limit: int,
    category_id: int | None,
    source_id: int | None,
    bookmarked: bool,
) -> list[SearchResult]:
    """Run a search: the best ``limit`` matches by relevance, then recency."""
    parsed = parse_query(query)
    params: dict[str, Any] = {
        "match": parsed.match,
        "limit": limit,
        "source_id": source_id,
        "category_id": category_id,
    }
    filters = [
        _FILTERS[name]
        for name, wanted in (
            ("source_id", source_id is not None),
            ("bookmarked", bookmarked),
            ("category_id", category_id is not None),
        )
        if wanted
    ]
    try:
        hits = _hits(session, _HITS.format(filters=" ".join(filters)), params)
    except sa_exc.OperationalError as exc:
        if isinstance(exc.orig, sqlite3.OperationalError) and "fts5" in str(exc.orig):
            raise InvalidSearchQueryError.say(_NOT_UNDERSTOOD) from exc
        raise
    if not hits:
        return []
    # The columns of every article list, and the start of the body for the snippet.
    details_query = (
        select(
            *SUMMARY_COLUMNS, func.substr(ArticleRow.body_html, 1, _HTML_SCAN).label("body_start")
        )
        .outerjoin(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(ArticleRow.id.in_([h.id for h in hits]))
    )
    fetched = session.execute(details_query)
    rows = {row.id: row for row in fetched}
    results = []
    for hit in hits:
        row = rows[hit.id]
        body = flat_text(row.body_start) or row.lead
        results.append(
            SearchResult(
                article=summary(row),
                snippet=make_snippet(
                    parsed.highlight, body, more=len(row.body_start) >= _HTML_SCAN
                ),
                title_highlights=highlight_spans(parsed.highlight, row.title),
                score=float(hit.score),
            )
        )
    # Equal relevance goes to the newer article by its date, not by arrival.
    results.sort(key=lambda r: (r.score, -r.article.published.timestamp()))
    return results

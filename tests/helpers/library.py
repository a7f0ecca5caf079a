"""Library builders: articles as a sync would bring them, and sources to hold them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reader.library import Library
from reader.types import EntryData

NOW = datetime.now(UTC).replace(microsecond=0)


def entry(
    n: int,
    title: str | None = None,
    text: str | None = None,
    *,
    age: timedelta = timedelta(hours=1),
    categories: tuple[str, ...] = (),
    url: str | None = None,
    guid: str | None = None,
) -> EntryData:
    """An article as a sync would bring it, numbered ``n`` for unique defaults."""
    body = text if text is not None else f"نص الخبر رقم {n} عن الاقتصاد والسياسة."
    return EntryData(
        title=title if title is not None else f"خبر رقم {n}",
        guid=guid if guid is not None else f"guid-{n}",
        url=url if url is not None else f"https://news.example/articles/{n}",
        published=NOW - age,
        lead="",
        body_html="".join(f"<p>{p}</p>" for p in body.split("\n")),
        text=body,
        categories=categories,
    )


def add_source(lib: Library, name: str = "feed", category: str | None = None) -> int:
    """A source in the named category; returns its id."""
    category_id = lib.find_category(category).id if category else None
    return lib.add_source(f"https://{name}.example/rss", category_id=category_id).id

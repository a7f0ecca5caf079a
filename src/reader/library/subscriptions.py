"""Subscriptions as a whole: OPML documents in and out, and a source changing category.

Called by ``Library`` inside its transactions; parsing and writing the OPML
text itself is ``opml.py``'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, false, select, update
from sqlalchemy.orm import Session

from reader.library import db, store
from reader.library.models import ArticleCategoryRow, ArticleRow, CategoryRow, SourceRow
from reader.urls import check_feed_url

if TYPE_CHECKING:
    from reader.library import opml


def relink_source_articles(s: Session, source_id: int, old: int | None, new: int | None) -> None:
    """Move the category links a source gave its articles from ``old`` to ``new``.

    Links that the feed itself gave (``from_feed``) stay.
    """
    link = ArticleCategoryRow
    in_source = select(ArticleRow.id).where(ArticleRow.source_id == source_id)
    if old is not None:
        s.execute(
            update(link)
            .where(link.category_id == old, link.article_id.in_(in_source))
            .values(from_source=False)
        )
        s.execute(delete(link).where(link.from_source == false(), link.from_feed == false()))
    if new is not None:
        rows = [(a, new, False, True) for a in s.scalars(in_source)]
        if rows:
            store.link_article_categories(db.cursor(s), rows)


def export_document(s: Session) -> opml.OpmlDocument:
    """Every category (in order, empty ones too) and source as an OPML document."""
    # Imported here: the sync, which has no use for OPML, starts sooner.
    from reader.library import opml  # noqa: PLC0415

    def _entry(row: SourceRow) -> opml.OpmlSource:
        return opml.OpmlSource(
            url=row.url, title=row.title, site_url=row.site_url, full_text=bool(row.full_text)
        )

    categories = s.scalars(select(CategoryRow).order_by(CategoryRow.position, CategoryRow.id))
    sources = list(s.scalars(select(SourceRow).order_by(SourceRow.title, SourceRow.id)))
    return opml.OpmlDocument(
        categories=tuple(
            opml.OpmlCategory(
                name=c.name,
                name_en=c.name_en,
                sources=tuple(_entry(src) for src in sources if src.category_id == c.id),
            )
            for c in categories
        ),
        uncategorized=tuple(_entry(src) for src in sources if src.category_id is None),
    )


def import_document(s: Session, document: opml.OpmlDocument, now: int) -> tuple[int, int]:
    """Add an OPML document's categories and new sources; return (added, already there)."""
    added = existing = 0
    known = set(s.scalars(select(SourceRow.url)))
    ids = store.category_ids(db.cursor(s), [c.name for c in document.categories], now)
    groups: list[tuple[opml.OpmlCategory | None, tuple[opml.OpmlSource, ...]]] = [
        (c, c.sources) for c in document.categories
    ]
    groups.append((None, document.uncategorized))
    for category, members in groups:
        category_id = ids[category.name] if category else None
        if category and category.name_en and category_id is not None:
            row = s.get(CategoryRow, category_id)
            if row is not None and not row.name_en:
                row.name_en = category.name_en
        for member in members:
            url = check_feed_url(member.url)
            if url in known:
                existing += 1
                continue
            known.add(url)
            s.add(
                SourceRow(
                    url=url,
                    title=member.title.strip() or store.placeholder_title(url),
                    site_url=member.site_url,
                    category_id=category_id,
                    full_text=member.full_text,
                    created_at=now,
                )
            )
            added += 1
    return added, existing

"""Removing articles with their cached files, and measuring the library.

Called by ``Library`` inside its transactions. Files are removed only after
the transaction that forgot them has committed: a crash in between leaves a
stray file in the cache, never an article whose image is gone.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Select, delete, false, func, select, true
from sqlalchemy.orm import Session

from reader.library import connection, db
from reader.library.models import ArticleAssetRow, ArticleRow, AssetRow, CategoryRow, SourceRow
from reader.types import Stats

_CHUNK = 500


def delete_articles(s: Session, articles: Select[int]) -> tuple[int, list[str]]:
    """Delete the selected articles and the assets only they used.

    Return how many articles went and the cache paths to remove after commit.
    """
    link = ArticleAssetRow
    asset_ids = list(
        s.scalars(select(link.asset_id).where(link.article_id.in_(articles)).distinct())
    )
    removed = db.affected(s.execute(delete(ArticleRow).where(ArticleRow.id.in_(articles))))
    orphans: list[str] = []
    for start in range(0, len(asset_ids), _CHUNK):
        chunk = asset_ids[start : start + _CHUNK]
        rows = s.execute(
            select(AssetRow.id, AssetRow.path).where(
                AssetRow.id.in_(chunk), AssetRow.id.not_in(select(link.asset_id))
            )
        ).all()
        if rows:
            s.execute(delete(AssetRow).where(AssetRow.id.in_([r.id for r in rows])))
            orphans += [r.path for r in rows]
    return removed, orphans


def remove_files(cache_dir: Path, relative_paths: list[str]) -> None:
    """Remove cached files by their paths relative to the cache folder, never outside it."""
    root = cache_dir.resolve()
    for relative in relative_paths:
        target = (root / relative).resolve()
        if root in target.parents:
            target.unlink(missing_ok=True)


def stats(s: Session, path: Path) -> Stats:
    """Counts and sizes of the library whose file is ``path``."""
    articles, unread, bookmarked, oldest, newest = s.execute(
        select(
            func.count(),
            func.count().filter(ArticleRow.is_read == false()),
            func.count().filter(ArticleRow.is_bookmarked == true()),
            func.min(ArticleRow.published),
            func.max(ArticleRow.published),
        )
    ).one()
    sources = s.scalar(select(func.count()).select_from(SourceRow)) or 0
    categories = s.scalar(select(func.count()).select_from(CategoryRow)) or 0
    assets, asset_bytes = s.execute(
        select(func.count(), func.coalesce(func.sum(AssetRow.size), 0))
    ).one()
    database_bytes = sum(
        p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )
    return Stats(
        articles=articles,
        unread=unread,
        bookmarked=bookmarked,
        sources=sources,
        categories=categories,
        assets=assets,
        asset_bytes=int(asset_bytes),
        database_bytes=database_bytes,
        oldest=connection.as_time(oldest),
        newest=connection.as_time(newest),
    )

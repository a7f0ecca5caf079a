"""Reading article lists, single articles and unread counts from a session.

Lists are newest first and paged by keyset (``published``, ``id``): a page
costs the same at the end of a 100,000-article library as at its start.
A category is read through ``article_category``, whose copies of
``published`` and ``is_read`` let one index serve its pages and its counts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    and_,
    false,
    func,
    literal,
    literal_column,
    select,
    true,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from reader.errors import ArticleNotFoundError, template
from reader.library.connection import as_time
from reader.library.models import (
    ArticleAssetRow,
    ArticleCategoryRow,
    ArticleRow,
    AssetRow,
    CategoryRow,
    SourceRow,
)
from reader.library.prepare import plain_text
from reader.types import (
    Article,
    ArticlePage,
    ArticleSummary,
    Asset,
    BodyOrigin,
    Cursor,
    Direction,
    UnreadCounts,
    View,
)

NO_ARTICLE_NUMBER = template("There is no article number {number}.")
_SOURCE_TITLE = func.coalesce(SourceRow.title, ArticleRow.source_title).label("source_title")
# The largest of an article's cached images is most likely its main one.
_THUMBNAIL = (
    select(AssetRow.path)
    .join(ArticleAssetRow, ArticleAssetRow.asset_id == AssetRow.id)
    .where(ArticleAssetRow.article_id == ArticleRow.id)
    .order_by(AssetRow.size.desc())
    .limit(1)
    .correlate(ArticleRow)
    .scalar_subquery()
    .label("thumbnail")
)
SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.source_id,
    _SOURCE_TITLE,
    ArticleRow.title,
    ArticleRow.url,
    ArticleRow.published,
    ArticleRow.lead,
    ArticleRow.language,
    ArticleRow.direction,
    ArticleRow.is_read,
    ArticleRow.is_bookmarked,
    _THUMBNAIL,
)


def summary(row: Any) -> ArticleSummary:
    """An ``ArticleSummary`` from a row of ``SUMMARY_COLUMNS``."""
    return ArticleSummary(
        id=row.id,
        source_id=row.source_id,
        source_title=row.source_title or "",
        title=row.title,
        url=row.url,
        published=datetime.fromtimestamp(row.published, UTC),
        lead=row.lead,
        language=row.language,
        direction=Direction(row.direction),
        is_read=bool(row.is_read),
        is_bookmarked=bool(row.is_bookmarked),
        thumbnail=row.thumbnail,
    )


def start_of_today() -> int:
    """Local midnight of today, as Unix seconds."""
    now = datetime.now().astimezone()
    return int(now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


def view_filter(view: View, source_id: int | None) -> list[ColumnElement[bool]]:
    """Conditions on ``article`` for a smart view and an optional source."""
    conditions: list[ColumnElement[bool]] = []
    if view is View.UNREAD:
        conditions.append(ArticleRow.is_read == false())
    elif view is View.BOOKMARKS:
        conditions.append(ArticleRow.is_bookmarked == true())
    elif view is View.TODAY:
        conditions.append(ArticleRow.published >= start_of_today())
    if source_id is not None:
        conditions.append(ArticleRow.source_id == source_id)
    return conditions


def page(
    session: Session,
    *,
    view: View,
    category_id: int | None,
    source_id: int | None,
    limit: int,
    after: Cursor | None,
) -> ArticlePage:
    """One page of a view, newest first, starting after ``after``."""
    conditions = view_filter(view, source_id)
    query = select(*SUMMARY_COLUMNS)
    if category_id is not None:
        link = ArticleCategoryRow
        order_keys = (link.published, link.article_id)
        query = (
            query.select_from(link)
            .join(ArticleRow, ArticleRow.id == link.article_id)
            .where(link.category_id == category_id)
        )
        if view is View.UNREAD:  # read from the link table's own copy, by index
            conditions[0] = link.is_read == false()
    else:
        order_keys = (ArticleRow.published, ArticleRow.id)
        query = query.select_from(ArticleRow)
    query = query.outerjoin(SourceRow, SourceRow.id == ArticleRow.source_id)
    if after is not None:
        conditions.append(tuple_(*order_keys) < tuple_(literal(after.published), literal(after.id)))
    query = query.where(and_(True, *conditions))
    query = query.order_by(order_keys[0].desc(), order_keys[1].desc()).limit(limit + 1)
    rows = session.execute(query).all()
    items = tuple(summary(row) for row in rows[:limit])
    next_cursor = None
    if len(rows) > limit and items:
        last = rows[limit - 1]
        next_cursor = Cursor(published=last.published, id=last.id)
    return ArticlePage(items=items, next_cursor=next_cursor)


def article(session: Session, article_id: int) -> Article:
    """One article in full, with its category names and cached files."""
    row = session.execute(
        select(ArticleRow, _SOURCE_TITLE)
        .outerjoin(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(ArticleRow.id == article_id)
    ).first()
    if row is None:
        raise ArticleNotFoundError.say(NO_ARTICLE_NUMBER, number=article_id)
    a: ArticleRow = row[0]
    names = session.scalars(
        select(CategoryRow.name)
        .join(ArticleCategoryRow, ArticleCategoryRow.category_id == CategoryRow.id)
        .where(ArticleCategoryRow.article_id == article_id)
        .order_by(CategoryRow.position, CategoryRow.id)
    ).all()
    assets = session.execute(
        select(ArticleAssetRow.url, AssetRow.sha256, AssetRow.path, AssetRow.mime, AssetRow.size)
        .join(AssetRow, AssetRow.id == ArticleAssetRow.asset_id)
        .where(ArticleAssetRow.article_id == article_id)
        .order_by(ArticleAssetRow.url)
    ).all()
    return Article(
        id=a.id,
        source_id=a.source_id,
        source_title=row[1] or "",
        guid=a.guid,
        url=a.url,
        title=a.title,
        author=a.author,
        published=datetime.fromtimestamp(a.published, UTC),
        first_seen=datetime.fromtimestamp(a.first_seen, UTC),
        updated_at=datetime.fromtimestamp(a.updated_at, UTC),
        lead=a.lead,
        body_html=a.body_html,
        text=plain_text(a.body_html),
        body_origin=BodyOrigin(a.body_origin),
        language=a.language,
        direction=Direction(a.direction),
        is_read=bool(a.is_read),
        is_bookmarked=bool(a.is_bookmarked),
        bookmarked_at=as_time(a.bookmarked_at),
        categories=tuple(names),
        assets=tuple(Asset(url=u, sha256=h, path=p, mime=m, size=s) for u, h, p, m, s in assets),
    )


def unread_counts(session: Session) -> UnreadCounts:
    """Unread counts of the smart views, every category and every source, in one query."""
    unread = ArticleRow.is_read == false()
    link = ArticleCategoryRow
    counts: CompoundSelect[str, int, int] = union_all(
        select(literal("all"), literal(0), func.count()).select_from(ArticleRow).where(unread),
        select(literal("today"), literal(0), func.count())
        .select_from(ArticleRow)
        .where(unread, ArticleRow.published >= start_of_today()),
        # "+is_read" keeps SQLite from counting through the unread index, which
        # holds most articles, instead of the small bookmarks index.
        select(literal("bookmarks"), literal(0), func.count())
        .select_from(ArticleRow)
        .where(ArticleRow.is_bookmarked == true(), literal_column("+article.is_read") == 0),
        select(literal("category"), link.category_id, func.count())
        .where(link.is_read == false())
        .group_by(link.category_id),
        select(literal("source"), ArticleRow.source_id, func.count())
        .where(unread, ArticleRow.source_id.is_not(None))
        .group_by(ArticleRow.source_id),
    )
    totals: dict[str, int] = {}
    by_category: dict[int, int] = {}
    by_source: dict[int, int] = {}
    for kind, key, count in session.execute(counts):
        if kind == "category":
            by_category[key] = count
        elif kind == "source":
            by_source[key] = count
        else:
            totals[kind] = count
    return UnreadCounts(
        all=totals.get("all", 0),
        today=totals.get("today", 0),
        bookmarks=totals.get("bookmarks", 0),
        by_category=by_category,
        by_source=by_source,
    )

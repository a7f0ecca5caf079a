"""SQLAlchemy ORM models of the library tables.

The tables are created by the migrations in ``schema.py``; these models
describe them for typed queries, and a test checks that the two agree. Rows
never leave ``reader.library``: ``Library`` turns them into the frozen values
of ``reader.types``. Times are stored as integer Unix seconds (UTC).
"""

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of the library's ORM models."""


class CategoryRow(Base):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[int] = mapped_column(Integer)


class SourceRow(Base):
    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    site_url: Mapped[str | None] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id", ondelete="SET NULL"))
    full_text: Mapped[bool] = mapped_column(default=False)
    disabled: Mapped[bool] = mapped_column(default=False)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    next_fetch_at: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(Integer)
    last_error_said: Mapped[str | None] = mapped_column(Text)  # JSON: template and values


class ArticleRow(Base):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    published: Mapped[int] = mapped_column(Integer)
    is_read: Mapped[bool] = mapped_column(default=False)
    is_bookmarked: Mapped[bool] = mapped_column(default=False)
    first_seen: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)
    read_at: Mapped[int | None] = mapped_column(Integer)
    bookmarked_at: Mapped[int | None] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(3), default="rtl")
    language: Mapped[str | None] = mapped_column(Text)
    guid_key: Mapped[int | None] = mapped_column(Integer)
    url_key: Mapped[int | None] = mapped_column(Integer)
    content_key: Mapped[int] = mapped_column(Integer)
    source_title: Mapped[str] = mapped_column(Text, default="")
    guid: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    feed_key: Mapped[int | None] = mapped_column(Integer)
    body_origin: Mapped[str] = mapped_column(Text, default="feed")


class ArticleCategoryRow(Base):
    __tablename__ = "article_category"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), primary_key=True
    )
    from_feed: Mapped[bool] = mapped_column(default=False)
    from_source: Mapped[bool] = mapped_column(default=False)
    published: Mapped[int] = mapped_column(Integer)
    is_read: Mapped[bool] = mapped_column(default=False)


class AssetRow(Base):
    __tablename__ = "asset"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(Text, unique=True)
    path: Mapped[str] = mapped_column(Text)
    mime: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(Integer)


class ArticleAssetRow(Base):
    __tablename__ = "article_asset"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    asset_id: Mapped[int] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text, primary_key=True)


class SyncRunRow(Base):
    __tablename__ = "sync_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[int | None] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(Text, default="running")


class MetaRow(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)

"""The ``Library``: the one owner of every query and write of a Khabar library.

Callers (the CLI, the sync engine, the window) get frozen values from
``reader.types`` and catch only ``ReaderError``. Each public method is one
transaction. This module imports no Qt.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy import ColumnElement, false, select, true, update
from sqlalchemy.orm import Session

from reader import paths
from reader.errors import (
    ArticleNotFoundError,
    CategoryNotFoundError,
    InvalidInputError,
    SourceNotFoundError,
    template,
)
from reader.library import (
    connection,
    db,
    housekeeping,
    ledger,
    queries,
    search,
    store,
    subscriptions,
)
from reader.library.models import (
    ArticleCategoryRow,
    ArticleRow,
    CategoryRow,
    SourceRow,
)
from reader.library.prepare import PreparedBatch, prepare_entries
from reader.library.schema import category_key
from reader.types import (
    Article,
    ArticlePage,
    Category,
    Cursor,
    EntryData,
    FetchInfo,
    SearchResult,
    Source,
    Stats,
    StoreResult,
    UnreadCounts,
    View,
)
from reader.urls import check_feed_url

DEFAULT_PAGE = 200


def _category(row: CategoryRow) -> Category:
    return Category(id=row.id, name=row.name, name_en=row.name_en, position=row.position)


_ALREADY_A_SOURCE = template("{url} is already a source (number {number}).")
_NO_CATEGORY_CALLED = template("There is no category called “{name}”.")
_NO_CATEGORY_NUMBER = template("There is no category number {number}.")
_CATEGORY_NAMELESS = template("A category needs a name.")
_CATEGORY_EXISTS = template("There is already a category called “{name}”.")
_SOURCE_NAMELESS = template("A source needs a name.")
_EMPTY_PAGE = template("A page holds at least one article.")
_KEEP_A_DAY = template("Keep articles for at least one day.")


def _source(row: SourceRow) -> Source:
    return ledger.source_of([getattr(row, name) for name in ledger.SOURCE_COLUMNS])


class Library(ledger.SyncedLibrary):
    """A Khabar library: one SQLite file and its folder of cached images.

    Open it with ``Library.open(data_dir)`` or as a context manager; the file
    is created and migrated as needed, and refused if a newer Khabar wrote it.
    """

    def __init__(
        self, data_dir: str | os.PathLike[str], *, checkpoint_pages: int = db.CHECKPOINT_PAGES
    ) -> None:
        """Open (creating and migrating) the library of ``data_dir``.

        A writer of many articles at once (a sync run through ``Library``, the
        library's benchmark) passes ``checkpoint_pages=db.SYNC_CHECKPOINT_PAGES``
        and calls ``optimize()`` at its end, which folds the WAL into the file;
        ``khabar sync`` itself uses a ``ledger.SyncLedger``, which does the same.
        """
        self.data_dir = Path(data_dir)
        self.path = connection.prepare_library(self.data_dir)
        self.cache_dir = paths.cache_dir(self.data_dir)
        self._engine = db.create(self.path, checkpoint_pages)

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        checkpoint_pages: int = db.CHECKPOINT_PAGES,
    ) -> Library:
        """Open the library of a data folder (see ``reader.paths.data_dir``)."""
        return cls(paths.data_dir(data_dir), checkpoint_pages=checkpoint_pages)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    @contextmanager
    def _cursor(self, write: bool) -> Iterator[sqlite3.Cursor]:
        with (db.writing if write else db.reading)(self._engine) as s:
            yield db.cursor(s)

    def _connection(self) -> AbstractContextManager[sqlite3.Connection]:
        return db.raw_connection(self._engine)

    # --- categories -------------------------------------------------------

    def categories(self) -> list[Category]:
        """Every category, in display order."""
        with db.reading(self._engine) as s:
            rows = s.scalars(select(CategoryRow).order_by(CategoryRow.position, CategoryRow.id))
            return [_category(r) for r in rows]

    def category(self, category_id: int) -> Category:
        """One category by id."""
        with db.reading(self._engine) as s:
            return _category(self._category_row(s, category_id))

    def find_category(self, name: str) -> Category:
        """A category by its Arabic or English name, ignoring case, hamza and tashkeel."""
        key = category_key(name)
        with db.reading(self._engine) as s:
            found = store.find_categories(db.cursor(s), {key})
            if key in found:
                return _category(self._category_row(s, found[key]))
        raise CategoryNotFoundError.say(_NO_CATEGORY_CALLED, name=name)

    def add_category(self, name: str, name_en: str | None = None) -> Category:
        """Add a category at the end of the list."""
        name = self._check_name(name)
        with db.writing(self._engine) as s:
            self._check_unique(s, name)
            english = (name_en or "").strip() or None
            added = store.add_category(db.cursor(s), name, english, int(time.time()))
            return _category(self._category_row(s, added))

    def rename_category(self, category_id: int, name: str, name_en: str | None = None) -> Category:
        """Give a category a new name (and English name, when given)."""
        name = self._check_name(name)
        with db.writing(self._engine) as s:
            row = self._category_row(s, category_id)
            self._check_unique(s, name, exclude=category_id)
            row.name, row.key = name, category_key(name)
            if name_en is not None:
                row.name_en = name_en.strip() or None
            return _category(row)

    def move_category(self, category_id: int, position: int) -> list[Category]:
        """Put a category at ``position`` (0 is first) in the list; return the new order."""
        with db.writing(self._engine) as s:
            rows = list(
                s.scalars(select(CategoryRow).order_by(CategoryRow.position, CategoryRow.id))
            )
            moving = next((r for r in rows if r.id == category_id), None)
            if moving is None:
                raise CategoryNotFoundError.say(_NO_CATEGORY_NUMBER, number=category_id)
            rows.remove(moving)
            rows.insert(max(0, min(position, len(rows))), moving)
            for index, row in enumerate(rows):
                row.position = index
            return [_category(r) for r in rows]

    def remove_category(self, category_id: int) -> None:
        """Remove a category; its sources and articles stay, without it."""
        with db.writing(self._engine) as s:
            s.delete(self._category_row(s, category_id))

    @staticmethod
    def _check_name(name: str) -> str:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise InvalidInputError.say(_CATEGORY_NAMELESS)
        return cleaned

    @staticmethod
    def _check_unique(s: Session, name: str, exclude: int | None = None) -> None:
        # The same lookup as find_category: a name clashes with names and English names.
        clash = store.find_categories(db.cursor(s), {category_key(name)}).get(category_key(name))
        if clash is not None and clash != exclude:
            raise InvalidInputError.say(_CATEGORY_EXISTS, name=name)

    @staticmethod
    def _category_row(s: Session, category_id: int) -> CategoryRow:
        row = s.get(CategoryRow, category_id)
        if row is None:
            raise CategoryNotFoundError.say(_NO_CATEGORY_NUMBER, number=category_id)
        return row

    # --- sources ----------------------------------------------------------

    def add_source(
        self,
        url: str,
        *,
        title: str | None = None,
        category_id: int | None = None,
        full_text: bool = False,
        site_url: str | None = None,
        category_name: str | None = None,
    ) -> Source:
        """Subscribe to a source; it is fetched by the next sync.

        ``category_name`` names a category (Arabic or English) that is created
        if it does not exist, in the same transaction as the source.
        """
        with db.writing(self._engine) as s:
            url = self._check_new_source(s, url)
            if category_name is not None:
                name = self._check_name(category_name)
                category_id = store.category_ids(db.cursor(s), [name], int(time.time()))[name]
            if category_id is not None:
                self._category_row(s, category_id)
            row = SourceRow(
                url=url,
                title=(title or "").strip() or store.placeholder_title(url),
                site_url=site_url,
                category_id=category_id,
                full_text=full_text,
                created_at=int(time.time()),
            )
            s.add(row)
            s.flush()
            return _source(row)

    def check_new_source(self, url: str) -> str:
        """The address, cleaned, if it can be added as a source; else raise with a sentence.

        ``khabar add`` asks before it goes to the network to find the feed.
        """
        with db.reading(self._engine) as s:
            return self._check_new_source(s, url)

    @staticmethod
    def _check_new_source(s: Session, url: str) -> str:
        url = check_feed_url(url)
        clash = s.scalar(select(SourceRow.id).where(SourceRow.url == url))
        if clash is not None:
            raise InvalidInputError.say(_ALREADY_A_SOURCE, url=url, number=clash)
        return url

    def rename_source(self, source_id: int, title: str) -> Source:
        """Give a source the title the user chose."""
        title = " ".join(title.split())
        if not title:
            raise InvalidInputError.say(_SOURCE_NAMELESS)
        with db.writing(self._engine) as s:
            row = self._source_row(s, source_id)
            row.title = title
            return _source(row)

    def move_source(self, source_id: int, category_id: int | None) -> Source:
        """Put a source (and its articles) in another category, or in none."""
        with db.writing(self._engine) as s:
            row = self._source_row(s, source_id)
            if category_id is not None:
                self._category_row(s, category_id)
            old, row.category_id = row.category_id, category_id
            subscriptions.relink_source_articles(s, source_id, old, category_id)
            return _source(row)

    def set_source_options(
        self, source_id: int, full_text: bool | None = None, disabled: bool | None = None
    ) -> Source:
        """Change whether a source is fetched in full and whether it is synced at all.

        Changing ``full_text`` forgets the feed's validators, so that the next
        sync reads the feed again, the new way, even if it has not changed.
        """
        with db.writing(self._engine) as s:
            row = self._source_row(s, source_id)
            if full_text is not None and full_text != row.full_text:
                row.full_text = full_text
                row.etag = row.last_modified = None
            if disabled is not None:
                row.disabled = disabled
            return _source(row)

    def remove_source(self, source_id: int) -> int:
        """Unsubscribe; its bookmarked articles stay. Return how many articles were kept."""
        with db.writing(self._engine) as s:
            row = self._source_row(s, source_id)
            kept = db.affected(
                s.execute(
                    update(ArticleRow)
                    .where(ArticleRow.source_id == source_id, ArticleRow.is_bookmarked == true())
                    .values(source_title=row.title)
                )
            )
            doomed = select(ArticleRow.id).where(
                ArticleRow.source_id == source_id, ArticleRow.is_bookmarked == false()
            )
            _removed, orphans = housekeeping.delete_articles(s, doomed)
            s.delete(row)
        housekeeping.remove_files(self.cache_dir, orphans)
        return kept

    @staticmethod
    def _source_row(s: Session, source_id: int) -> SourceRow:
        row = s.get(SourceRow, source_id)
        if row is None:
            raise SourceNotFoundError.say(store.NO_SOURCE_NUMBER, number=source_id)
        return row

    # --- articles ---------------------------------------------------------

    def store_entries(
        self,
        source_id: int,
        entries: Sequence[EntryData] | PreparedBatch,
        info: FetchInfo | None = None,
    ) -> StoreResult:
        """Store what a sync brought for one source, in one transaction.

        ``entries`` may come already prepared by ``prepare_entries`` (in a
        worker process, say).
        """
        batch = entries if isinstance(entries, PreparedBatch) else prepare_entries(entries)
        with db.writing(self._engine) as s:
            return store.store_entries(db.cursor(s), source_id, batch, info)

    def articles(
        self,
        view: View = View.ALL,
        category_id: int | None = None,
        source_id: int | None = None,
        limit: int = DEFAULT_PAGE,
        after: Cursor | None = None,
    ) -> ArticlePage:
        """A page of a view, newest first; pass the page's ``next_cursor`` to get the next."""
        if limit < 1:
            raise InvalidInputError.say(_EMPTY_PAGE)
        with db.reading(self._engine) as s:
            return queries.page(
                s, view=view, category_id=category_id, source_id=source_id, limit=limit, after=after
            )

    def article(self, article_id: int) -> Article:
        """One article in full."""
        with db.reading(self._engine) as s:
            return queries.article(s, article_id)

    def unread_counts(self) -> UnreadCounts:
        """Unread counts of the smart views, every category and every source."""
        with db.reading(self._engine) as s:
            return queries.unread_counts(s)

    def mark_read(self, article_ids: Iterable[int], read: bool = True) -> int:
        """Mark articles read (or unread); return how many changed.

        All or nothing: an id that names no article changes nothing and raises
        ``ArticleNotFoundError``.
        """
        ids = sorted(set(article_ids))
        changed = 0
        with db.writing(self._engine) as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                known = set(s.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
                if missing := [i for i in chunk if i not in known]:
                    raise ArticleNotFoundError.say(queries.NO_ARTICLE_NUMBER, number=missing[0])
                changed += self._set_read(s, ArticleRow.id.in_(chunk), read=read)
        return changed

    def mark_view_read(
        self,
        view: View = View.ALL,
        category_id: int | None = None,
        source_id: int | None = None,
        read: bool = True,
    ) -> int:
        """Mark every article of a view read (or unread); return how many changed."""
        conditions = queries.view_filter(view, source_id)
        if category_id is not None:
            conditions.append(
                ArticleRow.id.in_(
                    select(ArticleCategoryRow.article_id).where(
                        ArticleCategoryRow.category_id == category_id
                    )
                )
            )
        with db.writing(self._engine) as s:
            return self._set_read(s, *conditions, read=read)

    @staticmethod
    def _set_read(s: Session, *conditions: ColumnElement[bool], read: bool) -> int:
        result = s.execute(
            update(ArticleRow)
            .where(*conditions, ArticleRow.is_read == (false() if read else true()))
            .values(is_read=read, read_at=int(time.time()) if read else None)
        )
        return db.affected(result)

    def set_bookmarked(self, article_id: int, bookmarked: bool = True) -> Article:
        """Bookmark an article (or remove its bookmark); return it as it now is."""
        with db.writing(self._engine) as s:
            s.execute(
                update(ArticleRow)
                .where(ArticleRow.id == article_id, ArticleRow.is_bookmarked != bookmarked)
                .values(
                    is_bookmarked=bookmarked,
                    bookmarked_at=int(time.time()) if bookmarked else None,
                )
            )
            return queries.article(s, article_id)  # raises ArticleNotFoundError

    def search(
        self,
        query: str,
        limit: int = 50,
        category_id: int | None = None,
        source_id: int | None = None,
        bookmarked: bool = False,
    ) -> list[SearchResult]:
        """Search titles, leads and bodies; best matches first, then the newest."""
        with db.reading(self._engine) as s:
            return search.search(
                s,
                query,
                limit=limit,
                category_id=category_id,
                source_id=source_id,
                bookmarked=bookmarked,
            )

    @staticmethod
    def highlighter(query: str) -> re.Pattern[str]:
        """The pattern that finds, in an article's original text, the words ``query`` matches.

        For highlighting an opened search result; raises
        ``InvalidSearchQueryError`` where ``search`` would.
        """
        return search.parse_query(query).highlight

    # --- retention, files, statistics ---------------------------------------

    def remove_old_articles(self, days: int) -> int:
        """Remove articles older than ``days`` days, except bookmarked ones, and their files."""
        if days < 1:
            raise InvalidInputError.say(_KEEP_A_DAY)
        cutoff = int(time.time()) - days * 86400
        with db.writing(self._engine) as s:
            doomed = select(ArticleRow.id).where(
                ArticleRow.published < cutoff, ArticleRow.is_bookmarked == false()
            )
            removed, orphans = housekeeping.delete_articles(s, doomed)
        housekeeping.remove_files(self.cache_dir, orphans)
        return removed

    def stats(self) -> Stats:
        """Counts and sizes of the library."""
        with db.reading(self._engine) as s:
            return housekeeping.stats(s, self.path)

    # --- OPML -------------------------------------------------------------

    def export_opml(self) -> bytes:
        """Every category and source as an OPML document."""
        with db.reading(self._engine) as s:
            document = subscriptions.export_document(s)
        from reader.library import opml  # noqa: PLC0415 - a sync has no use for it

        return opml.write_opml(document)

    def import_opml(self, data: bytes) -> tuple[int, int]:
        """Add the categories and sources of an OPML document, all or nothing.

        Return (sources added, sources already present).
        """
        from reader.library import opml  # noqa: PLC0415

        document = opml.parse_opml(data)
        with db.writing(self._engine) as s:
            return subscriptions.import_document(s, document, int(time.time()))

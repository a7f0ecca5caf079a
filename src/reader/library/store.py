"""Storing what a sync brought for one source, inside the caller's write transaction.

An entry is matched to a stored article by its guid (within its source),
then by its canonical URL, then by the hash of its content. A match is
updated in place and keeps its read and bookmark state; anything else is
inserted. The FTS index and the category links are written in the same
transaction as the articles, so they never disagree.
"""

from __future__ import annotations

import operator
import sqlite3
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from reader.errors import SourceNotFoundError, StorageError, template
from reader.library.normalize import INDEX_VERSION
from reader.library.prepare import PreparedBatch, PreparedEntry
from reader.library.schema import category_key
from reader.types import FetchInfo, StoreResult

_CHUNK = 500
_PREPARED_ELSEWHERE = template(
    "These articles were prepared by another version of Khabar; prepare them again."
)
NO_SOURCE_NUMBER = template("There is no source number {number}.")
_NUMBERED_UNEXPECTEDLY = template(
    "The library numbered new articles unexpectedly; nothing was stored."
)
# What an update may change. The guid and URL an article was first stored with
# stay: they are how the next sync recognises it.
_COMPARED = (
    "title",
    "author",
    "lead",
    "body_html",
    "language",
    "published",
    "content_key",
    "body_origin",
)


def store_entries(
    cursor: sqlite3.Cursor,
    source_id: int,
    batch: PreparedBatch,
    info: FetchInfo | None,
    now: int | None = None,
) -> StoreResult:
    """Store one source's prepared entries and fetch state; the caller owns the transaction."""
    if batch.index_version != INDEX_VERSION:
        raise StorageError.say(_PREPARED_ELSEWHERE)
    now = int(time.time()) if now is None else now
    source = cursor.execute(
        "SELECT category_id, url, title FROM source WHERE id = ?", (source_id,)
    ).fetchone()
    if source is None:
        raise SourceNotFoundError.say(NO_SOURCE_NUMBER, number=source_id)
    source_category, source_url, source_title = source
    prepared = list(batch.items)
    matches = _find_existing(cursor, source_id, prepared)

    new_rows: list[PreparedEntry] = []
    unchanged = 0
    targets: list[tuple[int, PreparedEntry]] = []  # (article id, entry) of every entry stored
    changed: list[tuple[object, ...]] = []
    refreshed_keys: list[tuple[object, int]] = []  # only the feed item changed, not the article
    for item in prepared:
        existing = matches.get(id(item))
        if existing is None:
            new_rows.append(item)
            continue
        article_id, old = existing
        targets.append((article_id, item))
        if _changed(old, item):
            changed.append(_update_row(article_id, item, now))
        else:
            unchanged += 1
            if item.values["feed_key"] is not None and old["feed_key"] != item.values["feed_key"]:
                refreshed_keys.append((item.values["feed_key"], article_id))

    updated = len(changed)
    if changed:  # the search index follows through the schema's triggers
        cursor.executemany(_UPDATE_ARTICLE, changed)
    if refreshed_keys:
        cursor.executemany("UPDATE article SET feed_key = ? WHERE id = ?", refreshed_keys)
    new_ids = _insert_articles(cursor, source_id, new_rows, now)
    inserted = list(zip(new_ids, new_rows, strict=True))
    targets += inserted
    fresh = {aid: item.published for aid, item in inserted}
    _link_categories(
        cursor, source_category, [(aid, item.categories) for aid, item in targets], now, fresh
    )
    _link_assets(cursor, targets, now)
    changes = _fetch_changes(source_url, source_title, info, now)
    if (
        "url" in changes
        and cursor.execute(
            "SELECT 1 FROM source WHERE url = ? AND id != ?", (changes["url"], source_id)
        ).fetchone()
    ):
        del changes["url"]  # moved to a feed the user is subscribed to already
    cursor.execute(
        f"UPDATE source SET {', '.join(f'{name} = ?' for name in changes)} WHERE id = ?",
        (*changes.values(), source_id),
    )
    _index_articles(cursor, new_ids, new_rows)
    return StoreResult(
        new=len(new_rows),
        updated=updated,
        unchanged=unchanged,
        title=str(changes.get("title", source_title)),
    )


def feed_keys(cursor: sqlite3.Cursor, source_id: int) -> dict[int, int | None]:
    """The source's articles' guid keys (``prepare.key_of(guid)``), each with its feed key.

    The feed key is the hash of the feed item the article was last stored
    from; the sync skips an item whose hash is unchanged before fetching
    its page again. Read from one index, without touching the rows.
    """
    rows = cursor.execute(
        "SELECT guid_key, feed_key FROM article WHERE source_id = ? AND guid_key IS NOT NULL",
        (source_id,),
    )
    return dict(rows.fetchall())


_READ = (*_COMPARED, "feed_key")
_FIND = "SELECT id, {text}, " + ", ".join(_READ) + " FROM article WHERE {key} IN ({marks})"
# (the column holding the value, its key column, whether only this source's count)
_LOOKUPS = (
    ("guid", "guid_key", True),
    ("canonical_url", "url_key", False),
    (None, "content_key", False),
)


def _find_existing(
    cursor: sqlite3.Cursor, source_id: int, items: list[PreparedEntry]
) -> dict[int, tuple[int, dict[str, object]]]:
    """Map each entry (by ``id()``) to the stored article it updates, with its old values.

    Looked up by guid in the source, then canonical URL, then content, each by
    its integer key; a key match whose guid or URL differs is no match.
    """
    found: dict[tuple[str, object], tuple[int, dict[str, object]]] = {}
    for column, key, this_source in _LOOKUPS:
        wanted = sorted({int(str(item.values[key])) for item in items if item.values[key]})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            sql = _FIND.format(text=column or key, key=key, marks=", ".join("?" * len(chunk)))
            params: list[object] = list(chunk)
            if this_source:
                sql += " AND source_id = ?"
                params.append(source_id)
            for row in cursor.execute(sql, params):
                found.setdefault((key, row[1]), (row[0], dict(zip(_READ, row[2:], strict=True))))
    matches: dict[int, tuple[int, dict[str, object]]] = {}
    for item in items:
        for column, key, _this_source in _LOOKUPS:
            value = item.values[column or key]
            if value is not None and (key, value) in found:
                matches[id(item)] = found[(key, value)]
                break
    return matches


_KEPT_WHEN_MISSING = ("author", "language")


def _compared(item: PreparedEntry) -> dict[str, object]:
    # An entry without a date keeps the date it was first stored with, or a feed
    # that repeats it would move it to "now" at every sync; an author or language
    # that an update no longer carries is kept too.
    return {
        k: item.values[k]
        for k in _COMPARED
        if not (k == "published" and not item.dated)
        and not (k in _KEPT_WHEN_MISSING and item.values[k] is None)
    }


def _changed(old: dict[str, object], item: PreparedEntry) -> bool:
    return any(old[name] != value for name, value in _compared(item).items())


# Values an update does not carry (None) keep the stored ones: see _compared.
_UPDATE_ARTICLE = (
    "UPDATE article SET title = ?, author = coalesce(?, author), lead = ?, body_html = ?,"
    " language = coalesce(?, language), published = coalesce(?, published), content_key = ?,"
    " body_origin = ?, direction = ?, feed_key = coalesce(?, feed_key), updated_at = ?"
    " WHERE id = ?"
)


def _update_row(article_id: int, item: PreparedEntry, now: int) -> tuple[object, ...]:
    """The parameters of ``_UPDATE_ARTICLE`` for a changed article."""
    values = item.values
    return (
        values["title"],
        values["author"],
        values["lead"],
        values["body_html"],
        values["language"],
        values["published"] if item.dated else None,
        values["content_key"],
        values["body_origin"],
        values["direction"],
        values["feed_key"],
        now,
        article_id,
    )


_INSERT_COLUMNS = (
    "source_id",
    "first_seen",
    "updated_at",
    "guid",
    "url",
    "canonical_url",
    "guid_key",
    "url_key",
    "content_key",
    "title",
    "author",
    "published",
    "lead",
    "body_html",
    "language",
    "direction",
    "feed_key",
    "body_origin",
)
_INSERT_ARTICLE = (
    f"INSERT INTO article ({', '.join(_INSERT_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})"
)


def _insert_articles(
    cursor: sqlite3.Cursor, source_id: int, items: list[PreparedEntry], now: int
) -> list[int]:
    if not items:
        return []
    # This transaction holds the write lock, so SQLite numbers the new rows on
    # from the largest id, one after another; checked below all the same.
    before = cursor.execute("SELECT coalesce(max(id), 0) FROM article").fetchone()[0]
    values_of = operator.itemgetter(*_INSERT_COLUMNS[3:])
    cursor.executemany(
        _INSERT_ARTICLE, [(source_id, now, now, *values_of(item.values)) for item in items]
    )
    after = cursor.execute("SELECT max(id) FROM article").fetchone()[0]
    if after - before != len(items):
        raise StorageError.say(_NUMBERED_UNEXPECTEDLY)
    return list(range(before + 1, after + 1))


def _index_articles(cursor: sqlite3.Cursor, ids: list[int], items: list[PreparedEntry]) -> None:
    # Last in the transaction: FTS5 writes its pending rows out at the end of
    # the next statement, so a statement on another table after this one would
    # pay for it a second time.
    if ids:
        cursor.executemany(
            "INSERT INTO article_fts (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
            [(aid, *item.indexed) for aid, item in zip(ids, items, strict=True)],
        )


def find_categories(cursor: sqlite3.Cursor, keys: set[str]) -> dict[str, int]:
    """The ids of the categories whose name or English name has one of ``keys``."""
    wanted = sorted(keys)
    found: dict[str, int] = dict(
        cursor.execute(
            f"SELECT key, id FROM category WHERE key IN ({', '.join('?' * len(wanted))})", wanted
        ).fetchall()
    )
    if keys - found.keys():  # perhaps English names of existing categories
        rows = cursor.execute("SELECT id, name_en FROM category WHERE name_en IS NOT NULL")
        for cid, name_en in rows.fetchall():
            if category_key(name_en) in keys:
                found.setdefault(category_key(name_en), cid)
    return found


def category_ids(cursor: sqlite3.Cursor, names: Iterable[str], now: int) -> dict[str, int]:
    """The ids of categories by name, adding the ones that do not exist yet."""
    wanted = {name: category_key(name) for name in names}
    if not wanted:
        return {}
    keys = set(wanted.values())
    found = find_categories(cursor, keys)
    spelling: dict[str, str] = {}
    for name, key in wanted.items():
        spelling.setdefault(key, name)  # the first spelling names a new category
    for key in sorted(keys - found.keys()):
        found[key] = add_category(cursor, spelling[key], None, now)
    return {name: found[key] for name, key in wanted.items()}


def add_category(cursor: sqlite3.Cursor, name: str, name_en: str | None, now: int) -> int:
    """Add a category at the end of the list; returns its id. The name must be free."""
    return int(
        cursor.execute(
            "INSERT INTO category (name, name_en, key, position, created_at)"
            " SELECT ?, ?, ?, coalesce(max(position), 0) + 1, ? FROM category RETURNING id",
            (name, name_en, category_key(name), now),
        ).fetchone()[0]
    )


def _link_categories(
    cursor: sqlite3.Cursor,
    source_category: int | None,
    links: list[tuple[int, tuple[str, ...]]],
    now: int,
    fresh: dict[int, int],
) -> None:
    """Link articles to their feed categories and their source's category.

    ``fresh`` maps the ids of articles inserted by this transaction to their
    dates: their links are plain inserts; older articles' links merge origins.
    """
    names = {name for _aid, cats in links for name in cats}
    ids = category_ids(cursor, names, now)
    rows: list[tuple[int, int, bool, bool]] = []
    for article_id, cats in links:
        rows += [(article_id, ids[name], True, False) for name in cats]
        if source_category is not None:
            rows.append((article_id, source_category, False, True))
    new = [(*row, fresh[row[0]]) for row in rows if row[0] in fresh]
    if new:
        cursor.executemany(
            "INSERT OR IGNORE INTO article_category"
            " (article_id, category_id, from_feed, from_source, published, is_read)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            new,
        )
    old = [row for row in rows if row[0] not in fresh]
    if old:
        link_article_categories(cursor, old)


def link_article_categories(
    cursor: sqlite3.Cursor, rows: list[tuple[int, int, bool, bool]]
) -> None:
    """Insert article↔category links (article, category, from feed, from source).

    A link that exists already gains the new origin.
    """
    cursor.executemany(
        "INSERT INTO article_category"
        " (article_id, category_id, from_feed, from_source, published, is_read)"
        " SELECT ?1, ?2, ?3, ?4, published, is_read FROM article WHERE id = ?1"
        " ON CONFLICT (article_id, category_id) DO UPDATE SET"
        " from_feed = max(from_feed, excluded.from_feed),"
        " from_source = max(from_source, excluded.from_source)",
        rows,
    )


def _link_assets(
    cursor: sqlite3.Cursor, targets: list[tuple[int, PreparedEntry]], now: int
) -> None:
    """Record the cached images of the stored articles, each image once."""
    assets = [(aid, asset) for aid, item in targets for asset in item.assets]
    if not assets:
        return
    cursor.executemany(
        "INSERT INTO asset (sha256, path, mime, size, created_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (sha256) DO NOTHING",
        [(a.sha256, a.path, a.mime, a.size, now) for _aid, a in assets],
    )
    cursor.executemany(
        "INSERT OR REPLACE INTO article_asset (article_id, asset_id, url)"
        " SELECT ?, id, ? FROM asset WHERE sha256 = ?",
        [(aid, a.url, a.sha256) for aid, a in assets],
    )


def _fetch_changes(url: str, title: str, info: FetchInfo | None, now: int) -> dict[str, object]:
    """The columns of a source to change after a successful fetch."""
    changes = fetched(now)
    if info is None:
        return changes
    if info.etag is not None:
        changes["etag"] = info.etag
    if info.last_modified is not None:
        changes["last_modified"] = info.last_modified
    if info.site_url:
        changes["site_url"] = info.site_url
    if info.url:
        changes["url"] = info.url
    if info.title and (not title or title == placeholder_title(url)):
        changes["title"] = info.title.strip()
    return changes


def fetched(now: int) -> dict[str, object]:
    """The columns of a source to set when it was fetched without an error."""
    return {
        "last_fetched_at": now,
        "last_error": None,
        "last_error_said": None,
        "error_count": 0,
        "next_fetch_at": None,
    }


def placeholder_title(url: str) -> str:
    """The title a source has until its first sync tells its real one: its host name."""
    return urlsplit(url).hostname or url

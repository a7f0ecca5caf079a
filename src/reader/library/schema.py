"""The numbered schema migrations of the library file.

``PRAGMA user_version`` holds the number of the last migration applied and
``PRAGMA application_id`` marks the file as Khabar's. Each migration runs in
one ``BEGIN IMMEDIATE`` transaction with its version bump, so a crash leaves
the file at the step before, and two processes opening a new library at once
apply each step once. A file whose version is newer than ``LATEST`` was
written by a newer Khabar and is refused before anything is written to it.

Never edit a migration that has shipped: add the next one.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from reader.library.normalize import INDEX_VERSION, fold

APPLICATION_ID = 0x4B484252  # "KHBR"

# (Arabic name, English name) of the categories a new library starts with.
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("الرئيسية", "Home"),
    ("أخبار", "News"),
    ("سياسة", "Politics"),
    ("أعمال", "Business"),
    ("اقتصاد", "Economy"),
    ("رياضة", "Sports"),
    ("العالم", "World"),
    ("تكنولوجيا", "Technology"),
    ("صحة", "Health"),
    ("تسلية", "Entertainment"),
)


def category_key(name: str) -> str:
    """The key under which a category name is unique: folded, spaces collapsed."""
    return " ".join(fold(name).split())


_V1 = """
CREATE TABLE category (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT,
    key TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE source (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    site_url TEXT,
    category_id INTEGER REFERENCES category(id) ON DELETE SET NULL,
    full_text INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at INTEGER,
    last_error TEXT,
    error_count INTEGER NOT NULL DEFAULT 0,
    next_fetch_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX source_category ON source(category_id);

-- Small columns first: SQLite reads a row's columns in order, and the body
-- spills onto overflow pages that a count or a list never needs. The body is
-- stored once, as HTML; its plain text is derived (khabar_plain).
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    source_id INTEGER REFERENCES source(id) ON DELETE SET NULL,
    published INTEGER NOT NULL,
    is_read INTEGER NOT NULL DEFAULT 0,
    is_bookmarked INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    read_at INTEGER,
    bookmarked_at INTEGER,
    direction TEXT NOT NULL DEFAULT 'rtl' CHECK (direction IN ('rtl', 'ltr')),
    language TEXT,
    guid_key INTEGER,
    url_key INTEGER,
    content_key INTEGER NOT NULL,
    source_title TEXT NOT NULL DEFAULT '',
    guid TEXT,
    url TEXT,
    canonical_url TEXT,
    title TEXT NOT NULL,
    author TEXT,
    lead TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT ''
);
-- Repeats are found by 64-bit hashes of the guid, the canonical URL and the
-- normalized content: integer keys keep these three indexes small, where text
-- keys would make every insert touch a random page of a large index.
CREATE INDEX article_guid ON article(source_id, guid_key);
CREATE INDEX article_url ON article(url_key);
CREATE INDEX article_content ON article(content_key);
CREATE INDEX article_published ON article(published DESC, id DESC);
CREATE INDEX article_source_published ON article(source_id, published DESC, id DESC);
CREATE INDEX article_unread ON article(published DESC, id DESC) WHERE is_read = 0;
CREATE INDEX article_bookmarked ON article(published DESC, id DESC, is_read)
    WHERE is_bookmarked = 1;
CREATE INDEX article_source_unread ON article(source_id, is_read) WHERE is_read = 0;

-- published and is_read are copies of the article's, kept by the trigger below,
-- so that a category's page and its unread count are read from one index.
CREATE TABLE article_category (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    from_feed INTEGER NOT NULL DEFAULT 0,
    from_source INTEGER NOT NULL DEFAULT 0,
    published INTEGER NOT NULL,
    is_read INTEGER NOT NULL,
    PRIMARY KEY (article_id, category_id)
) WITHOUT ROWID;
CREATE INDEX article_category_page
    ON article_category(category_id, published DESC, article_id DESC);
-- is_read is in the key so that counting reads the index alone.
CREATE INDEX article_category_unread ON article_category(category_id, is_read)
    WHERE is_read = 0;

CREATE TRIGGER article_category_read AFTER UPDATE OF is_read ON article
WHEN OLD.is_read IS NOT NEW.is_read
BEGIN
    UPDATE article_category SET is_read = NEW.is_read WHERE article_id = NEW.id;
END;

CREATE TRIGGER article_category_published AFTER UPDATE OF published ON article
WHEN OLD.published IS NOT NEW.published
BEGIN
    UPDATE article_category SET published = NEW.published WHERE article_id = NEW.id;
END;

CREATE TABLE asset (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    mime TEXT,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE article_asset (
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    PRIMARY KEY (article_id, url)
) WITHOUT ROWID;
CREATE INDEX article_asset_asset ON article_asset(asset_id);

CREATE TABLE sync_run (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    sources INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'running'
);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The search index holds only the index of the normalized text (content = ''):
-- the text itself is in article. The Library inserts a new article's row (it
-- has normalized the text already, for the content hash); the triggers below
-- delete and replace rows. khabar_normalize and khabar_plain are
-- reader.library.normalize.normalize and reader.library.prepare.plain_text,
-- registered on every connection; to delete a row, FTS5 must be given exactly
-- the values it indexed, which the same function computes again. meta's
-- index_version names the normalization that built the index: when it changes,
-- the Library rebuilds the index.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, lead, body,
    content = '',
    tokenize = 'porter ascii'
);
INSERT INTO article_fts(article_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');
-- Merge 64 segments of a level at a time rather than 4 (and not sooner in a
-- "crisis" at 16): a quarter less work per stored article at 100,000
-- articles; Library.optimize() merges further when a sync ends.
INSERT INTO article_fts(article_fts, rank) VALUES ('automerge', 64);
INSERT INTO article_fts(article_fts, rank) VALUES ('crisismerge', 64);

CREATE TRIGGER article_fts_delete AFTER DELETE ON article
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, lead, body) VALUES (
        'delete', OLD.id, khabar_normalize(OLD.title), khabar_normalize(OLD.lead),
        khabar_normalize(khabar_plain(OLD.body_html)));
END;

CREATE TRIGGER article_fts_update AFTER UPDATE OF title, lead, body_html ON article
WHEN OLD.title IS NOT NEW.title OR OLD.lead IS NOT NEW.lead OR OLD.body_html IS NOT NEW.body_html
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, lead, body) VALUES (
        'delete', OLD.id, khabar_normalize(OLD.title), khabar_normalize(OLD.lead),
        khabar_normalize(khabar_plain(OLD.body_html)));
    INSERT INTO article_fts (rowid, title, lead, body) VALUES (
        NEW.id, khabar_normalize(NEW.title), khabar_normalize(NEW.lead),
        khabar_normalize(khabar_plain(NEW.body_html)));
END;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('index_version', ?)", (str(INDEX_VERSION),))
    conn.executemany(
        "INSERT INTO category (name, name_en, key, position, created_at)"
        " VALUES (?, ?, ?, ?, strftime('%s', 'now'))",
        [
            (name, name_en, category_key(name), position)
            for position, (name, name_en) in enumerate(DEFAULT_CATEGORIES)
        ],
    )


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if current:
        raise ValueError("unterminated statement in migration script")
    return statements


@dataclass(frozen=True)
class Migration:
    """One numbered step from version ``number - 1`` to ``number``."""

    number: int
    summary: str
    apply: Callable[[sqlite3.Connection], None]


# What the sync needs to know of a stored article without reading its row:
# the hash of the feed item it was last stored from (feed_key), so that an
# unchanged item is skipped before its page and images are fetched again; it
# sits in the guid index, which answers the lookup alone. body_origin says
# where the body came from: the feed, the article's page, or the feed because
# the page gave much less (shown to the user).
_V2 = """
ALTER TABLE article ADD COLUMN feed_key INTEGER;
ALTER TABLE article ADD COLUMN body_origin TEXT NOT NULL DEFAULT 'feed'
    CHECK (body_origin IN ('feed', 'page', 'feed_kept'));
DROP INDEX article_guid;
CREATE INDEX article_guid ON article(source_id, guid_key, feed_key);
"""


def _v2(conn: sqlite3.Connection) -> None:
    for statement in _split(_V2):
        conn.execute(statement)


# A source's last error as its sentence's template and values (JSON), so that
# the window can say it in its own language; last_error keeps the English.
_V3 = """
ALTER TABLE source ADD COLUMN last_error_said TEXT;
"""


def _v3(conn: sqlite3.Connection) -> None:
    for statement in _split(_V3):
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create the library", _v1),
    Migration(2, "remember the feed item and the origin of each article's body", _v2),
    Migration(3, "keep a source's last error as a template and its values", _v3),
)
LATEST = MIGRATIONS[-1].number

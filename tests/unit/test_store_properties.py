"""Properties of storing: any entries, stored and restored, keep the library and its index whole."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.library.db import library_file as library_path
from reader.library.normalize import normalize
from reader.types import EntryData

WORDS = st.sampled_from(
    ["كتاب", "الكتاب", "وزير", "بالمدينة", "مُعَلِّم", "مدرسة", "٢٠٢٤", "news", "Runner", "في"]
)
TEXT = st.lists(WORDS | st.text(max_size=12), min_size=1, max_size=12).map(" ".join)
ENTRY = st.builds(
    EntryData,
    title=TEXT,
    guid=st.one_of(st.none(), st.sampled_from(["g1", "g2", "g3", "g4"])),
    url=st.one_of(st.none(), st.sampled_from(["https://a.example/1", "https://a.example/2"])),
    body_html=TEXT.map(lambda t: f"<p>{t}</p>") | st.just(""),
    text=TEXT,
    lead=st.just("") | TEXT,
)


def _index_rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM article_fts_docsize").fetchone()[0])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=st.lists(ENTRY, max_size=8), second=st.lists(ENTRY, max_size=8))
def test_storing_any_entries_keeps_articles_and_index_in_step(
    tmp_path_factory: object, first: list[EntryData], second: list[EntryData]
) -> None:
    folder = tmp_path_factory.mktemp("store")  # type: ignore[attr-defined]
    with Library(folder) as lib:
        source = lib.add_source("https://a.example/rss").id
        lib.store_entries(source, first)
        again = lib.store_entries(source, first)
        assert again.new == 0
        lib.store_entries(source, second)
        articles = lib.articles(limit=100).items
        assert _index_rows(library_path(folder)) == len(articles)
        for summary in articles:
            # a plain word of the title, as a reader would type it, finds it
            words = [w for w in summary.title.split() if w.isalnum() and normalize(w)]
            if words:
                found = lib.search(words[0], limit=100)
                assert summary.id in {r.article.id for r in found}
        if articles:
            lib.set_bookmarked(articles[0].id)
        lib.remove_source(source)
        kept = 1 if articles else 0
        assert len(lib.articles(limit=100).items) == kept
        assert _index_rows(library_path(folder)) == kept
    with closing(sqlite3.connect(library_path(folder))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")

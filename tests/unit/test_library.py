"""The Library on real SQLite files: categories, sources, storing, views, state, retention."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from helpers import NOW, add_source, entry
from reader.errors import (
    ArticleNotFoundError,
    CategoryNotFoundError,
    InvalidInputError,
    SourceNotFoundError,
)
from reader.library import Library
from reader.library.schema import DEFAULT_CATEGORIES
from reader.types import Asset, EntryData, FetchInfo, View


def test_new_library_has_the_default_categories(lib: Library) -> None:
    categories = lib.categories()
    assert [(c.name, c.name_en) for c in categories] == list(DEFAULT_CATEGORIES)
    assert lib.find_category("Sports").name == "رياضة"
    assert lib.find_category("رياضه").name == "رياضة"  # ة/ه folded
    assert categories[0].display_name("en") == "Home"
    assert categories[0].display_name("ar") == "الرئيسية"


def test_categories_add_rename_move_remove(lib: Library) -> None:
    asia = lib.add_category("آسيا", "Asia")
    assert lib.categories()[-1] == asia
    with pytest.raises(InvalidInputError):
        lib.add_category("اسيا")  # the same name without hamza
    with pytest.raises(InvalidInputError):
        lib.add_category("  ")
    renamed = lib.rename_category(asia.id, "قارة آسيا")
    assert renamed.name == "قارة آسيا"
    assert renamed.name_en == "Asia"
    order = lib.move_category(asia.id, 0)
    assert order[0].id == asia.id
    assert [c.position for c in order] == list(range(len(order)))
    source = lib.add_source("https://asia.example/rss", category_id=asia.id)
    lib.remove_category(asia.id)
    assert lib.source(source.id).category_id is None
    with pytest.raises(CategoryNotFoundError):
        lib.category(asia.id)


def test_sources_add_rename_move_remove(lib: Library) -> None:
    politics = lib.find_category("سياسة").id
    source = lib.add_source(" https://news.example/rss ", category_id=politics)
    assert source.url == "https://news.example/rss"
    assert source.title == "news.example"
    with pytest.raises(InvalidInputError, match="already"):
        lib.add_source("https://news.example/rss")
    with pytest.raises(InvalidInputError):
        lib.add_source("javascript:alert(1)")
    for unreachable in ("https://news .example/rss", "https://news\u200b.example/rss"):
        with pytest.raises(InvalidInputError, match="not a valid web address"):
            lib.add_source(unreachable)
    assert lib.add_source("https://news.example/my feed.xml").url.endswith("my feed.xml")
    with pytest.raises(CategoryNotFoundError):
        lib.add_source("https://other.example/rss", category_id=9999)
    assert lib.rename_source(source.id, "أخبار اليوم").title == "أخبار اليوم"
    lib.store_entries(source.id, [entry(1), entry(2)])
    economy = lib.find_category("اقتصاد").id
    lib.move_source(source.id, economy)
    assert len(lib.articles(category_id=economy).items) == 2
    assert lib.articles(category_id=politics).items == ()
    lib.move_source(source.id, None)
    assert lib.articles(category_id=economy).items == ()
    lib.remove_source(source.id)
    with pytest.raises(SourceNotFoundError):
        lib.source(source.id)


def test_moving_a_source_keeps_feed_categories(lib: Library) -> None:
    source = add_source(lib, category="سياسة")
    lib.store_entries(source, [entry(1, categories=("سياسة", "آسيا"))])
    lib.move_source(source, lib.find_category("اقتصاد").id)
    assert set(lib.article(lib.articles().items[0].id).categories) == {"سياسة", "آسيا", "اقتصاد"}


def test_removing_a_source_keeps_its_bookmarks(lib: Library) -> None:
    source = add_source(lib, "gone")
    lib.rename_source(source, "مصدر قديم")
    lib.store_entries(source, [entry(1), entry(2), entry(3)])
    keep = lib.articles().items[0].id
    lib.set_bookmarked(keep)
    assert lib.remove_source(source) == 1
    items = lib.articles().items
    assert [a.id for a in items] == [keep]
    assert items[0].source_title == "مصدر قديم"
    assert items[0].source_id is None
    assert lib.articles(view=View.BOOKMARKS).items[0].id == keep


def test_store_dedups_by_guid_then_url_then_content(lib: Library) -> None:
    source = add_source(lib)
    first = lib.store_entries(source, [entry(1), entry(2), entry(3)])
    assert (first.new, first.updated, first.unchanged) == (3, 0, 0)
    again = lib.store_entries(source, [entry(1), entry(2), entry(3)])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    # same canonical URL (tracking parameters, host case, fragment) with a new guid
    by_url = entry(1, guid="other", url="https://NEWS.example/articles/1?utm_source=x#top")
    # same content under a new guid and URL
    by_hash = entry(2, guid="third", url="https://mirror.example/2")
    result = lib.store_entries(source, [by_url, by_hash])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert len(lib.articles().items) == 3


def test_duplicates_within_one_batch_are_stored_once(lib: Library) -> None:
    source = add_source(lib)
    result = lib.store_entries(source, [entry(1), entry(1), entry(2, guid="guid-1")])
    assert result.new == 1
    assert len(lib.articles().items) == 1


def test_update_in_place_keeps_read_and_bookmark_state(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1, "عنوان أول", "نص أول")])
    article_id = lib.articles().items[0].id
    lib.mark_read([article_id])
    lib.set_bookmarked(article_id)
    result = lib.store_entries(source, [entry(1, "عنوان مصحح", "نص مصحح")])
    assert (result.new, result.updated) == (0, 1)
    article = lib.article(article_id)
    assert article.title == "عنوان مصحح"
    assert article.text == "نص مصحح"
    assert article.is_read
    assert article.is_bookmarked


def test_entry_without_date_keeps_its_first_date(lib: Library) -> None:
    source = add_source(lib)
    undated = EntryData(title="بلا تاريخ", guid="u1", text="نص")
    before = datetime.now(UTC).replace(microsecond=0)
    lib.store_entries(source, [undated])
    first = lib.articles().items[0].published
    assert before <= first <= datetime.now(UTC)  # when first seen (NOW is the suite's start)
    result = lib.store_entries(source, [undated])
    assert result.unchanged == 1
    assert lib.articles().items[0].published == first


def test_future_dates_are_clamped(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1, age=-timedelta(days=30))])
    assert lib.articles().items[0].published <= NOW + timedelta(minutes=5)


def test_fetch_info_and_errors_are_recorded(lib: Library) -> None:
    source = add_source(lib, "info")
    lib.record_source_error(source, "The server answered 500.")
    failing = lib.source(source)
    assert failing.last_error == "The server answered 500."
    assert failing.error_count == 1
    info = FetchInfo(title="أخبار المدينة", etag='"abc"', last_modified="Sun, 01 Nov 2026")
    lib.store_entries(source, [], info)
    fetched = lib.source(source)
    assert fetched.title == "أخبار المدينة"
    assert (fetched.etag, fetched.last_modified) == ('"abc"', "Sun, 01 Nov 2026")
    assert fetched.last_error is None
    assert fetched.error_count == 0


def test_an_errors_template_and_values_are_kept_with_it(lib: Library) -> None:
    source = add_source(lib, "said")
    lib.record_source_error(
        source,
        "news.example answered 500 Server Error.",
        template="{where} answered {code} {reason}.",
        values={"where": "news.example", "code": 500, "reason": "Server Error"},
    )
    failing = lib.source(source)
    assert failing.last_error_template == "{where} answered {code} {reason}."
    assert failing.last_error_values == {
        "where": "news.example",
        "code": 500,
        "reason": "Server Error",
    }
    lib.record_source_error(source, "Something else.")  # a sentence without a template
    assert lib.source(source).last_error_template == ""
    lib.record_source_error(source, "x", template="{a}", values={"a": "x"})
    lib.record_sources_unchanged([source])  # fetched fine: no error any more
    assert (lib.source(source).last_error, lib.source(source).last_error_template) == (None, "")


def test_store_for_unknown_source_fails_and_stores_nothing(lib: Library) -> None:
    with pytest.raises(SourceNotFoundError):
        lib.store_entries(4242, [entry(1)])
    assert lib.stats().articles == 0


def test_views_and_keyset_pages(lib: Library) -> None:
    source = add_source(lib, category="رياضة")
    lib.store_entries(source, [entry(n, age=timedelta(hours=n)) for n in range(1, 31)])
    lib.store_entries(source, [entry(99, age=timedelta(days=3))])
    seen: list[int] = []
    page = lib.articles(limit=7)
    while True:
        seen += [a.id for a in page.items]
        if page.next_cursor is None:
            break
        page = lib.articles(limit=7, after=page.next_cursor)
    assert len(seen) == len(set(seen)) == 31
    stamps = [lib.article(i).published for i in seen]
    assert stamps == sorted(stamps, reverse=True)
    category = lib.find_category("Sports").id
    assert [a.id for a in lib.articles(category_id=category, limit=100).items] == seen
    assert len(lib.articles(view=View.TODAY, limit=100).items) in range(0, 31)
    assert all(a.title != "خبر رقم 99" for a in lib.articles(view=View.TODAY).items)
    lib.mark_read(seen[:5])
    unread = lib.articles(view=View.UNREAD, limit=100).items
    assert [a.id for a in unread] == seen[5:]
    assert [a.id for a in lib.articles(View.UNREAD, category_id=category, limit=100).items] == (
        seen[5:]
    )
    assert [a.id for a in lib.articles(source_id=source, limit=3).items] == seen[:3]


def test_unread_counts_follow_marks(lib: Library) -> None:
    sport = add_source(lib, "sport", "رياضة")
    news = add_source(lib, "news", "أخبار")
    lib.store_entries(sport, [entry(n, categories=("آسيا",)) for n in range(3)])
    lib.store_entries(news, [entry(n + 10) for n in range(2)])
    counts = lib.unread_counts()
    asia = lib.find_category("آسيا").id
    sports = lib.find_category("رياضة").id
    assert counts.all == 5
    assert counts.today == 5
    assert counts.by_source == {sport: 3, news: 2}
    assert counts.by_category[sports] == 3
    assert counts.by_category[asia] == 3
    ids = [a.id for a in lib.articles(source_id=sport).items]
    assert lib.mark_read(ids[:2]) == 2
    assert lib.mark_read(ids[:2]) == 0
    lib.set_bookmarked(ids[2])
    counts = lib.unread_counts()
    assert counts.by_category[asia] == 1
    assert counts.by_source[sport] == 1
    assert counts.bookmarks == 1
    assert lib.mark_view_read(category_id=asia) == 1
    assert asia not in lib.unread_counts().by_category
    assert lib.mark_view_read(View.ALL) == 2
    assert lib.unread_counts().all == 0
    assert lib.mark_view_read(source_id=news, read=False) == 2
    assert lib.unread_counts().all == 2


def test_bookmarks(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1)])
    article_id = lib.articles().items[0].id
    marked = lib.set_bookmarked(article_id)
    assert marked.is_bookmarked
    assert marked.bookmarked_at is not None
    assert lib.set_bookmarked(article_id, False).bookmarked_at is None
    with pytest.raises(ArticleNotFoundError):
        lib.set_bookmarked(123456)


def test_bookmarks_survive_reopening(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        source = add_source(lib)
        lib.store_entries(source, [entry(1)])
        article_id = lib.articles().items[0].id
        lib.set_bookmarked(article_id)
        lib.mark_read([article_id])
    with Library(tmp_path) as lib:
        article = lib.article(article_id)
        assert article.is_bookmarked
        assert article.is_read


def _asset(lib: Library, name: str, data: bytes) -> Asset:
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    relative = f"{digest[:2]}/{digest}"
    target = lib.cache_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return Asset(url=f"https://img.example/{name}", sha256=digest, path=relative, mime=None, size=4)


def test_retention_removes_old_articles_and_their_files(lib: Library) -> None:
    source = add_source(lib)
    shared = _asset(lib, "shared.png", b"same")
    old_only = _asset(lib, "old.png", b"old!")
    old = EntryData(
        title="قديم",
        guid="old",
        text="نص قديم",
        published=NOW - timedelta(days=40),
        assets=(shared, old_only),
    )
    kept_old = EntryData(
        title="قديم محفوظ", guid="kept", text="نص محفوظ", published=NOW - timedelta(days=50)
    )
    fresh = EntryData(title="جديد", guid="new", text="نص جديد", published=NOW, assets=(shared,))
    lib.store_entries(source, [old, kept_old, fresh])
    kept_id = next(a.id for a in lib.articles().items if a.title == "قديم محفوظ")
    lib.set_bookmarked(kept_id)
    assert lib.remove_old_articles(30) == 1
    titles = {a.title for a in lib.articles().items}
    assert titles == {"جديد", "قديم محفوظ"}
    assert not (lib.cache_dir / old_only.path).exists()
    assert (lib.cache_dir / shared.path).exists()
    assert lib.stats().assets == 1
    assert lib.search("قديم")[0].article.id == kept_id
    with pytest.raises(InvalidInputError):
        lib.remove_old_articles(0)


def test_article_assets_and_categories(lib: Library) -> None:
    source = add_source(lib, category="صحة")
    picture = _asset(lib, "a.png", b"pict")
    lib.store_entries(source, [replace(entry(1, categories=("آسيا",)), assets=(picture,))])
    article = lib.article(lib.articles().items[0].id)
    assert article.assets == (picture,)
    assert set(article.categories) == {"صحة", "آسيا"}


def test_stats(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(n) for n in range(4)])
    lib.set_bookmarked(lib.articles().items[0].id)
    stats = lib.stats()
    assert (stats.articles, stats.unread, stats.bookmarked, stats.sources) == (4, 4, 1, 1)
    assert stats.categories == len(DEFAULT_CATEGORIES)
    assert stats.database_bytes > 0
    assert stats.oldest is not None
    assert stats.newest is not None
    assert stats.oldest <= stats.newest


def test_direction_is_decided_from_text(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(
        source,
        [entry(1, "Markets rally", "Shares rose."), entry(2, "«٢٠٢٤» عام جديد", "نص عربي")],
    )
    by_title = {a.title: a.direction.value for a in lib.articles().items}
    assert by_title == {"Markets rally": "ltr", "«٢٠٢٤» عام جديد": "rtl"}


def test_optimize_keeps_search_working(lib: Library) -> None:
    source = add_source(lib)
    for n in range(30):
        lib.store_entries(source, [entry(n, f"عنوان {n}", f"نص دفعة {n}")])
    lib.optimize(merge_pages=10)
    lib.optimize()
    assert len(lib.search("دفعة", limit=100)) == 30


def test_entries_prepared_in_another_process(lib: Library) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from reader.library import prepare_entries

    source = add_source(lib)
    entries = [entry(1, "مكتبة جديدة", "نص عن القراءة"), entry(2), entry(1)]
    with ProcessPoolExecutor(max_workers=1) as pool:
        batch = pool.submit(prepare_entries, entries).result()
    assert len(batch.items) == 2  # the repeated entry is dropped while preparing
    result = lib.store_entries(source, batch)
    assert result.new == 2
    assert len(lib.search("القراءة")) == 1
    assert lib.store_entries(source, prepare_entries(entries)).unchanged == 2


def test_texts_given_to_prepare_are_the_ones_it_would_derive() -> None:
    from reader.library import prepare_entries
    from reader.library.prepare import plain_text

    entries = [
        replace(entry(1), body_html="<p>فقرة أولى</p><p>فقرة <b>ثانية</b></p>"),
        entry(2, text="نص بلا وسوم"),  # no HTML: derived from the text either way
    ]
    texts = [plain_text(e.body_html) for e in entries]
    assert prepare_entries(entries, now=1000, texts=texts) == prepare_entries(entries, now=1000)


def test_batch_prepared_by_another_version_is_refused(lib: Library) -> None:
    from dataclasses import replace as replace_batch

    from reader.errors import StorageError
    from reader.library import prepare_entries

    source = add_source(lib)
    stale = replace_batch(prepare_entries([entry(1)]), index_version=-1)
    with pytest.raises(StorageError, match="another version"):
        lib.store_entries(source, stale)
    assert lib.stats().articles == 0


def test_plain_text_of_html_bodies() -> None:
    from reader.library.prepare import html_of_text, plain_text

    body = "<h2>عنوان</h2><p>فقرة <b>أولى</b> &amp; تتمة</p><ul><li>بند</li></ul><p>قطع <a hr"
    assert plain_text(body) == "عنوان\nفقرة أولى & تتمة\nبند\nقطع"
    assert plain_text(html_of_text("سطر <أول>\n\nسطر ثان")) == "سطر <أول>\nسطر ثان"


def test_body_is_stored_once_and_text_is_derived(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(
        source,
        [
            EntryData(title="نص فقط", guid="t", text="سطر أول\nسطر ثان"),
            EntryData(title="HTML", guid="h", body_html="<p>Hello <i>world</i></p><p>again</p>"),
        ],
    )
    by_title = {a.title: lib.article(a.id) for a in lib.articles().items}
    assert by_title["نص فقط"].body_html == "<p>سطر أول</p><p>سطر ثان</p>"
    assert by_title["نص فقط"].text == "سطر أول\nسطر ثان"
    assert by_title["HTML"].text == "Hello world\nagain"
    assert len(lib.search("again")) == 1

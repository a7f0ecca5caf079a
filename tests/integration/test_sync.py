"""A whole sync against صحيفة الواحة served on 127.0.0.1: feeds, pages, images, re-syncs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import NewsSite, Response
from reader.library import Library
from reader.library.prepare import plain_text
from reader.sync.engine import SyncEngine, SyncEvent, SyncOptions
from reader.types import Article, BodyOrigin

IMG_SRC = re.compile(r'<img[^>]*\ssrc="([^"]*)"')


def subscribe(lib: Library, site: NewsSite, *feeds: str, full_text: bool = False) -> list[int]:
    ids = [lib.add_source(site.feeds[name]).id for name in feeds]
    if full_text:
        for source_id in ids:
            lib.set_source_options(source_id, full_text=True)
    return ids


def stored(lib: Library, source_id: int) -> dict[str, Article]:
    """The source's articles by guid."""
    page = lib.articles(source_id=source_id, limit=100)
    return {a.guid or "": a for a in (lib.article(item.id) for item in page.items)}


def assert_reads_offline(lib: Library, article: Article) -> None:
    """Every image of the article is a file in the cache; nothing points at the network."""
    for src in IMG_SRC.findall(article.body_html):
        if src:
            assert not src.startswith(("http:", "https:")), src
            assert (lib.cache_dir / src).is_file(), src


def test_a_full_content_feed_with_its_images(lib: Library, news_site: NewsSite) -> None:
    (source_id,) = subscribe(lib, news_site, "rss")
    events: list[SyncEvent] = []
    report = SyncEngine(lib).run(on_progress=events.append)

    (result,) = report.results
    assert result.status == "updated", result.error
    assert result.new == len(news_site.articles)
    assert [e.kind for e in events] == ["started", "source_done", "finished"]
    articles = stored(lib, source_id)
    assert set(articles) == {a.guid for a in news_site.articles}
    for expected in news_site.articles:
        article = articles[expected.guid]
        assert article.title == expected.title
        assert article.published == expected.published
        text = plain_text(article.body_html)
        for paragraph in expected.paragraphs:
            assert paragraph in text
        assert_reads_offline(lib, article)
        if expected.image_url:
            assert expected.image_url in {a.url for a in article.assets}
        assert expected.section in article.categories
    # The two addresses that serve the same bytes are stored once.
    assets = [asset for article in articles.values() for asset in article.assets]
    shared = {asset.sha256 for asset in assets if asset.url in news_site.shared_image_urls}
    assert len(shared) == 1
    assert lib.stats().assets == len({asset.sha256 for asset in assets})


def test_the_second_sync_gets_304s_and_stores_nothing(lib: Library, news_site: NewsSite) -> None:
    subscribe(lib, news_site, "rss", "summary")
    SyncEngine(lib).run()
    before = lib.stats()
    requests = len(news_site.server.requests)

    report = SyncEngine(lib).run()

    assert {r.status for r in report.results} == {"unchanged"}
    assert report.total("new") == report.total("updated") == 0
    assert lib.stats().articles == before.articles
    # Only the two feeds were asked for, and both answered 304: no page, no image again.
    assert len(news_site.server.requests) - requests == 2


def test_summary_feed_articles_are_extracted_from_their_pages(
    lib: Library, news_site: NewsSite
) -> None:
    (source_id,) = subscribe(lib, news_site, "summary")
    report = SyncEngine(lib).run()
    assert report.results[0].pages == len(news_site.articles)
    articles = stored(lib, source_id)
    for expected in news_site.articles:
        article = articles[expected.guid]
        assert article.body_origin is BodyOrigin.PAGE
        lines = plain_text(article.body_html).split("\n")
        # Paragraph by paragraph, in order, and nothing of the page around them.
        found = [line for line in lines if line in expected.paragraphs]
        assert found == list(expected.paragraphs)
        for phrase in news_site.boilerplate:
            assert phrase not in article.body_html
        assert "شاهد أيضاً" not in article.body_html
        if expected.caption:
            assert expected.caption in article.text
        for item in expected.list_items:
            assert item in article.text
        if expected.quote:
            assert expected.quote in article.text
        assert "utm_" not in article.body_html
        assert_reads_offline(lib, article)
    # The article whose page is missing keeps the feed's summary.
    missing = articles[news_site.missing.guid]
    assert news_site.missing.summary in missing.text


def test_scripts_and_handlers_never_reach_the_library(lib: Library, news_site: NewsSite) -> None:
    subscribe(lib, news_site, "rss", "summary")
    SyncEngine(lib).run()
    for item in lib.articles(limit=100).items:
        body = lib.article(item.id).body_html
        for bad in ("<script", "onclick", "javascript:", "XSS-MARKER", "style=", 'width="1"'):
            assert bad not in body


@pytest.mark.parametrize("feed", ["atom", "json", "rss_1256", "rdf", "undated"])
def test_every_feed_format(lib: Library, news_site: NewsSite, feed: str) -> None:
    (source_id,) = subscribe(lib, news_site, feed)
    report = SyncEngine(lib, SyncOptions(feed_only=True)).run()
    assert report.results[0].status == "updated", report.results[0].error
    titles = {a.title for a in stored(lib, source_id).values()}
    expected = {a.title for a in news_site.articles}
    assert titles
    assert titles <= expected | {news_site.missing.title}


def test_feed_only_fetches_no_pages_or_images(lib: Library, news_site: NewsSite) -> None:
    subscribe(lib, news_site, "summary")
    SyncEngine(lib, SyncOptions(feed_only=True)).run()
    paths = [r.path for r in news_site.server.requests]
    assert paths == ["/summary.xml"]


def test_without_images_pages_are_read_and_images_are_placeholders(
    lib: Library, news_site: NewsSite
) -> None:
    (source_id,) = subscribe(lib, news_site, "summary")
    report = SyncEngine(lib, SyncOptions(images=False)).run()
    assert report.total("pages") > 0
    assert report.total("images") == 0
    paths = [r.path for r in news_site.server.requests]
    assert not [p for p in paths if p.startswith("/images/")]
    bodies = [a.body_html for a in stored(lib, source_id).values()]
    assert any("khabar-missing-image" in body for body in bodies)
    assert not any(IMG_SRC.search(body) for body in bodies)


def test_the_same_article_in_two_feeds_keeps_its_state(lib: Library, news_site: NewsSite) -> None:
    rss, _atom = subscribe(lib, news_site, "rss", "atom")
    SyncEngine(lib).run(sources=[rss])
    first = next(iter(stored(lib, rss).values()))
    lib.set_bookmarked(first.id)
    lib.mark_read([first.id])
    SyncEngine(lib).run()
    again = lib.article(first.id)
    assert again.is_bookmarked
    assert again.is_read


def test_images_are_files_in_the_cache_folder(lib: Library, news_site: NewsSite) -> None:
    subscribe(lib, news_site, "rss")
    SyncEngine(lib).run()
    files = [p for p in Path(lib.cache_dir).rglob("*") if p.is_file()]
    assert files
    assert all(not p.name.endswith(".part") for p in files)
    assert len(files) == lib.stats().assets


def test_the_feeds_text_stays_when_the_page_gives_less(lib: Library, news_site: NewsSite) -> None:
    # The source is set to full text, but one article's page now holds one line.
    short = news_site.article(3)
    news_site.server.route(
        "/articles/3.html",
        Response(
            "<html lang='ar'><body><article><p>سطر واحد.</p></article></body></html>".encode(),
            content_type="text/html; charset=utf-8",
        ),
    )
    (source_id,) = subscribe(lib, news_site, "rss", full_text=True)
    report = SyncEngine(lib).run()
    assert report.results[0].status == "updated"
    articles = stored(lib, source_id)
    kept = articles[short.guid]
    assert kept.body_origin is BodyOrigin.FEED_KEPT
    for paragraph in short.paragraphs:
        assert paragraph in kept.text
    others = [a for guid, a in articles.items() if guid != short.guid]
    assert {a.body_origin for a in others} == {BodyOrigin.PAGE}


def test_a_full_sync_completes_what_a_feed_only_sync_stored(
    lib: Library, news_site: NewsSite
) -> None:
    (source_id,) = subscribe(lib, news_site, "summary")
    SyncEngine(lib, SyncOptions(feed_only=True)).run()
    assert {a.body_origin for a in stored(lib, source_id).values()} == {BodyOrigin.FEED}

    report = SyncEngine(lib).run()

    assert report.results[0].pages == len(news_site.articles)
    articles = stored(lib, source_id)
    assert len(articles) == len(news_site.articles) + 1  # the same articles, updated in place
    for expected in news_site.articles:
        assert articles[expected.guid].body_origin is BodyOrigin.PAGE
        assert_reads_offline(lib, articles[expected.guid])


def test_a_source_switched_to_full_text_is_read_again(lib: Library, news_site: NewsSite) -> None:
    (source_id,) = subscribe(lib, news_site, "rss")
    SyncEngine(lib).run()
    assert {a.body_origin for a in stored(lib, source_id).values()} == {BodyOrigin.FEED}
    # The feed has not changed, only the way it is read: its articles are read again in full.
    lib.set_source_options(source_id, full_text=True)
    report = SyncEngine(lib).run()
    assert report.results[0].pages == len(news_site.articles)
    assert {a.body_origin for a in stored(lib, source_id).values()} == {BodyOrigin.PAGE}


def test_a_failed_sources_error_keeps_its_template(lib: Library, news_site: NewsSite) -> None:
    news_site.server.route("/broken.xml", Response(b"no", status=500))
    source = lib.add_source(news_site.server.url("/broken.xml")).id
    (result,) = SyncEngine(lib).run().results
    assert result.status == "failed"
    assert result.error_template == "{where} answered {code} {reason}."
    assert result.error_values["code"] == 500
    stored = lib.source(source)
    assert stored.last_error == result.error
    assert stored.last_error_template == result.error_template

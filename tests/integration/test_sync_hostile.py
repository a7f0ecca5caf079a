"""Hostile servers and documents: each source ends with a clear error or clean content,
the rest of the sync completes, and nothing stored before is lost."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import helpers
from helpers import LocalServer, NewsSite, Response, rss_document
from reader.library import Library
from reader.sync.engine import SyncEngine, SyncOptions, backoff
from reader.sync.fetcher import FetchLimits, MiB

# Short limits keep the hostile cases quick; the defaults are the (30 s, 10 MB …).
QUICK = SyncOptions(limits=FetchLimits(timeout=4.0, connect_timeout=4.0, feed_bytes=2 * MiB))


def feed_of(title: str, *items: tuple[str, str]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><guid>{g}</guid><link>https://h.example/{g}</link>"
        f"<description>{'نص طويل بما يكفي عن الخبر. ' * 40}</description></item>"
        for g, t in items
    )
    return rss_document(title, body)


GOOD = feed_of("مصدر سليم", ("g1", "خبر سليم أول"), ("g2", "خبر سليم ثان"))


def add(lib: Library, server: LocalServer, path: str, handler: object) -> int:
    server.route(path, handler)  # type: ignore[arg-type]
    return lib.add_source(server.url(path)).id


@pytest.fixture
def hostile(lib: Library, local_server: LocalServer, tmp_path: Path) -> dict[str, int]:
    """One good source and one per hostile case, by name."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OF-THE-MACHINE")
    s = local_server
    return {
        "good": add(lib, s, "/good.xml", Response(GOOD)),
        "drip": add(lib, s, "/drip.xml", helpers.drip(10_000, delay_s=0.5)),
        "endless": add(lib, s, "/endless.xml", helpers.endless()),
        "bomb": add(lib, s, "/bomb.xml", helpers.gzip_bomb(1 << 30)),
        "loop": add(lib, s, "/loop.xml", helpers.redirect_loop()),
        "error": add(lib, s, "/500.xml", helpers.status(500)),
        "busy": add(lib, s, "/429.xml", helpers.status(429, {"Retry-After": "3600"})),
        "malformed": add(lib, s, "/malformed.xml", Response(helpers.hostile_file("malformed.xml"))),
        "xxe": add(lib, s, "/xxe.xml", Response(helpers.xxe_feed(secret))),
        "laughs": add(lib, s, "/laughs.xml", Response(helpers.hostile_file("billion_laughs.xml"))),
        "html": add(lib, s, "/page.html", Response(helpers.hostile_file("script.html"))),
        "gone": add(lib, s, "/gone.xml", helpers.status(410)),
    }


def test_a_sync_survives_every_hostile_source(lib: Library, hostile: dict[str, int]) -> None:
    started = time.monotonic()
    report = SyncEngine(lib, QUICK).run()
    assert time.monotonic() - started < 20

    by_id = {r.source_id: r for r in report.results}
    results = {name: by_id[source_id] for name, source_id in hostile.items()}
    assert results["good"].new == 2
    expected_errors = {
        "drip": "longer than 4 seconds",
        # An endless body ends at the size cap or at the deadline, whichever comes first.
        "endless": ("more than 2 MB", "longer than 4 seconds"),
        "bomb": "more than 2 MB",
        "loop": "redirected more than 5 times",
        "error": "500",
        "busy": "asked Khabar to wait",
        "html": "not a news feed",
        "gone": "gone for good",
    }
    for name, words in expected_errors.items():
        error = results[name].error or ""
        assert results[name].status == "failed", name
        alternatives = [words] if isinstance(words, str) else words
        assert any(w in error for w in alternatives), (name, error)
    # Documents that parse, however oddly, give clean content and nothing of the machine.
    for item in lib.articles(limit=500).items:
        article = lib.article(item.id)
        assert "SECRET-OF-THE-MACHINE" not in article.body_html + article.title
        assert "lollollol" not in article.body_html + article.title
    # Every failure is recorded on its source, with what it means for the next sync.
    sources = {s.id: s for s in lib.sources()}
    assert sources[hostile["gone"]].disabled
    busy = sources[hostile["busy"]]
    assert busy.next_fetch_at is not None
    assert busy.next_fetch_at > datetime.now(UTC) + timedelta(minutes=50)
    assert sources[hostile["error"]].last_error
    assert sources[hostile["good"]].last_error is None


def test_a_failing_source_loses_nothing_stored_before(
    lib: Library, local_server: LocalServer
) -> None:
    source_id = add(lib, local_server, "/feed.xml", Response(GOOD))
    SyncEngine(lib, QUICK).run()
    before = {item.id for item in lib.articles(source_id=source_id).items}
    article = lib.articles(source_id=source_id).items[0]
    lib.set_bookmarked(article.id)
    lib.mark_read([article.id])

    for broken in (
        helpers.status(500),
        Response(b"<rss><channel><item><title>x"),
        helpers.endless(),
    ):
        local_server.route("/feed.xml", broken)
        SyncEngine(lib, QUICK).run(sources=[source_id])
        kept = {item.id for item in lib.articles(source_id=source_id).items}
        assert before <= kept  # a truncated feed may still give an item of its own
        assert lib.article(article.id).is_bookmarked
        assert lib.article(article.id).is_read


def test_429_with_a_short_retry_after_is_waited_out(
    lib: Library, local_server: LocalServer
) -> None:
    source_id = add(lib, local_server, "/busy.xml", helpers.busy_then(1, Response(GOOD)))
    report = SyncEngine(lib, QUICK).run()
    assert report.results[0].new == 2, report.results[0].error
    assert lib.source(source_id).last_error is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [(301, "/new.xml"), (302, "/old.xml")],
    ids=["301-moves", "302-stays"],
)
def test_only_a_permanent_redirect_moves_the_source(
    lib: Library, local_server: LocalServer, code: int, expected: str
) -> None:
    local_server.route("/new.xml", Response(GOOD))
    source_id = add(lib, local_server, "/old.xml", helpers.redirect("/new.xml", status=code))
    SyncEngine(lib, QUICK).run()
    assert lib.source(source_id).url == local_server.url(expected)


def test_repeated_failures_back_off(lib: Library, local_server: LocalServer) -> None:
    source_id = add(lib, local_server, "/down.xml", helpers.status(500))
    for _ in range(3):
        SyncEngine(lib, QUICK).run(sources=[source_id])
    source = lib.source(source_id)
    assert source.error_count == 3
    assert source.next_fetch_at is not None
    # A sync of everything leaves it alone until then; asking for it by id does not.
    assert SyncEngine(lib, QUICK).run().results == ()
    assert len(SyncEngine(lib, QUICK).run(sources=[source_id]).results) == 1


def test_backoff_grows_to_a_day() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert backoff(1, now) is None
    assert backoff(2, now) is None
    assert backoff(3, now) == now + timedelta(hours=1)
    assert backoff(4, now) == now + timedelta(hours=2)
    assert backoff(30, now) == now + timedelta(hours=24)


def test_a_huge_nested_page_does_not_hold_the_sync(lib: Library, news_site: NewsSite) -> None:
    news_site.server.route("/articles/1.html", Response(helpers.nested_page(5_000_000)))
    source_id = lib.add_source(news_site.feeds["summary"]).id
    started = time.monotonic()
    report = SyncEngine(lib).run()
    assert time.monotonic() - started < 30
    assert report.results[0].status == "updated"
    assert len(lib.articles(source_id=source_id, limit=50).items) == len(news_site.articles) + 1


def test_a_failed_image_leaves_a_placeholder(lib: Library, news_site: NewsSite) -> None:
    broken = news_site.article(1).image_url
    assert broken is not None
    news_site.server.route("/images/1.jpg", helpers.status(404))
    source_id = lib.add_source(news_site.feeds["rss"]).id
    report = SyncEngine(lib).run()
    assert report.results[0].new == len(news_site.articles)
    article = next(
        lib.article(i.id)
        for i in lib.articles(source_id=source_id, limit=50).items
        if i.title == news_site.article(1).title
    )
    assert "data-khabar-missing" in article.body_html
    assert broken not in {a.url for a in article.assets}

"""``Fetcher`` against a real HTTP server on 127.0.0.1: validators, limits, deadlines,
caps, redirects, Retry-After, error sentences and proxies from the environment.

Each test runs its own event loop with ``asyncio.run``. The server's handlers come
from ``helpers``; the few made here only count or change their answer over time.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

import helpers
from helpers import Exchange, LocalServer, Response, rss_document
from reader import __version__
from reader.errors import TEMPLATES, FetchError, RetryLaterError, SourceGoneError
from reader.sync.fetcher import Fetcher, FetchLimits, MiB, retry_after
from reader.sync.fetcher import Response as Fetched

FEED = rss_document("خلاصة الاختبار", "<item><title>خبر</title><guid>g1</guid></item>")


def fetch(url: str, limits: FetchLimits | None = None, max_bytes: int = MiB, **kw: Any) -> Fetched:
    """One download with a fresh ``Fetcher``, on a fresh event loop."""

    async def go() -> Fetched:
        async with Fetcher(limits) as fetcher:
            return await fetcher.get(url, max_bytes=max_bytes, **kw)

    return asyncio.run(go())


def fetch_all(urls: Sequence[str], limits: FetchLimits) -> list[Fetched]:
    """Many downloads at once through one ``Fetcher``."""

    async def go() -> list[Fetched]:
        async with Fetcher(limits) as fetcher:
            return await asyncio.gather(*(fetcher.get(u, max_bytes=MiB) for u in urls))

    return asyncio.run(go())


def assert_sentence(message: str) -> None:
    """A message for a user: one sentence, no exception names or errno noise."""
    assert message[:1].isupper() or message[:1].isdigit(), message
    assert message.endswith("."), message
    assert "\n" not in message
    for noise in ("Traceback", "Errno", "httpx", "httpcore", "Exception"):
        assert noise not in message, message


# --- successes and validators ----------------------------------------------------


def test_a_200_carries_its_validators(local_server: LocalServer) -> None:
    served = Response(FEED, content_type="application/rss+xml; charset=utf-8")
    local_server.route("/feed.xml", served)
    got = fetch(local_server.url("/feed.xml"))
    assert got.status == 200
    assert not got.not_modified
    assert got.content == FEED
    assert got.url == local_server.url("/feed.xml")
    assert got.etag == served.etag
    assert got.last_modified == format_datetime(helpers.SITE_LAST_MODIFIED, usegmt=True)
    assert got.content_type == "application/rss+xml; charset=utf-8"
    assert got.charset == "utf-8"
    assert got.moved_to is None


def test_a_gzipped_answer_is_decoded(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Response(FEED, compress=True))
    got = fetch(local_server.url("/feed.xml"))
    assert got.content == FEED
    assert "gzip" in local_server.requests[-1].headers["accept-encoding"]


def test_conditional_get_with_the_stored_etag_is_not_modified(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Response(FEED))
    first = fetch(local_server.url("/feed.xml"))
    again = fetch(local_server.url("/feed.xml"), etag=first.etag)
    assert again.not_modified
    assert again.status == 304
    assert again.content == b""
    assert local_server.requests[-1].headers["if-none-match"] == first.etag


def test_conditional_get_with_last_modified_is_not_modified(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Response(FEED))
    first = fetch(local_server.url("/feed.xml"))
    again = fetch(local_server.url("/feed.xml"), last_modified=first.last_modified)
    assert again.not_modified
    assert local_server.requests[-1].headers["if-modified-since"] == first.last_modified


def test_a_changed_etag_gets_the_new_content(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Response(FEED))
    got = fetch(local_server.url("/feed.xml"), etag='"an-old-version"')
    assert got.status == 200
    assert got.content == FEED


def test_user_agent_names_khabar_and_its_version(local_server: LocalServer) -> None:
    local_server.route("/feed.xml", Response(FEED))
    fetch(local_server.url("/feed.xml"), accept="application/rss+xml")
    headers = local_server.requests[-1].headers
    assert headers["user-agent"].startswith(f"Khabar/{__version__} ")
    assert headers["accept"] == "application/rss+xml"


# --- politeness: the global and per-host limits --------------------------------------


class Overlap:
    """A handler that records how many requests it serves at once, overall and per host.

    A request counts from its arrival until just before its answer leaves, a span
    inside the client's own, so the counts never exceed what the client allowed.
    """

    def __init__(self, hold_s: float = 0.4) -> None:
        self.hold_s = hold_s
        self._lock = threading.Lock()
        self._now: Counter[str] = Counter()
        self.peak = 0
        self.peak_by_host: Counter[str] = Counter()

    def __call__(self, exchange: Exchange) -> None:
        host = exchange.headers["Host"].rsplit(":", 1)[0]
        with self._lock:
            self._now[host] += 1
            self.peak = max(self.peak, self._now.total())
            self.peak_by_host[host] = max(self.peak_by_host[host], self._now[host])
        try:
            exchange.stopping.wait(self.hold_s)
        finally:
            with self._lock:
                self._now[host] -= 1
        Response(b"ok", content_type="text/plain")(exchange)


def test_per_host_limit_bounds_requests_to_one_host(local_server: LocalServer) -> None:
    overlap = Overlap()
    local_server.route("/slow", overlap)
    urls = [local_server.url(f"/slow?n={n}") for n in range(6)]
    fetch_all(urls, FetchLimits(concurrency=16, per_host=2))
    assert overlap.peak_by_host == {"127.0.0.1": 2}
    assert local_server.hits("/slow") == 6


def test_per_host_limit_is_per_host(local_server: LocalServer) -> None:
    overlap = Overlap()
    local_server.route("/slow", overlap)
    port = local_server.port
    urls = [
        f"http://{host}:{port}/slow?n={n}" for host in ("127.0.0.1", "localhost") for n in "123"
    ]
    fetch_all(urls, FetchLimits(concurrency=16, per_host=2))
    assert overlap.peak_by_host == {"127.0.0.1": 2, "localhost": 2}
    assert overlap.peak == 4


def test_global_limit_bounds_requests_across_hosts(local_server: LocalServer) -> None:
    overlap = Overlap()
    local_server.route("/slow", overlap)
    port = local_server.port
    urls = [
        f"http://{host}:{port}/slow?n={n}" for host in ("127.0.0.1", "localhost") for n in "123"
    ]
    fetch_all(urls, FetchLimits(concurrency=3, per_host=10))
    assert overlap.peak == 3
    assert local_server.hits("/slow") == 6


# --- deadlines and size caps -----------------------------------------------------------


def test_the_whole_request_deadline_stops_a_drip(local_server: LocalServer) -> None:
    # A byte every 0.3 s: the read timeout (1 s) never fires, only the whole deadline.
    local_server.route("/drip.xml", helpers.drip(10_000, delay_s=0.3))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/drip.xml"), FetchLimits(timeout=1))
    assert time.monotonic() - started < 3
    assert "took longer than 1 seconds" in str(caught.value)
    assert_sentence(str(caught.value))


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "until-close"])
def test_the_size_cap_stops_an_endless_body(local_server: LocalServer, chunked: bool) -> None:
    local_server.route("/endless.xml", helpers.endless(chunked=chunked))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/endless.xml"), FetchLimits(timeout=10), max_bytes=MiB)
    assert time.monotonic() - started < 3
    assert "sent more than 1 MB" in str(caught.value)
    assert_sentence(str(caught.value))


def bomb_fetch(server: LocalServer) -> tuple[FetchError, float, int]:
    """A 1 GiB gzip bomb fetched with a 1 MB cap: the error, seconds taken, traced peak bytes."""
    helpers.gzip_bomb_body(1 << 30)  # built before tracing: the server's memory is not ours
    server.route("/bomb.xml", helpers.gzip_bomb(1 << 30))
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as caught:
            fetch(server.url("/bomb.xml"), FetchLimits(timeout=10), max_bytes=MiB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, time.monotonic() - started, peak


def test_the_size_cap_stops_a_gzip_bomb(local_server: LocalServer) -> None:
    error, seconds, peak = bomb_fetch(local_server)
    assert "sent more than 1 MB" in str(error)
    assert seconds < 5
    assert peak < 400 * MiB  # far from the gibibyte it would become


def test_a_gzip_bomb_never_inflates_far_past_the_cap_in_memory(local_server: LocalServer) -> None:
    _, _, peak = bomb_fetch(local_server)
    assert peak < 32 * MiB, f"peak {peak / MiB:.0f} MB"


def test_a_body_of_exactly_the_cap_is_accepted(local_server: LocalServer) -> None:
    local_server.route("/exact.xml", Response(b"x" * MiB, content_type="text/plain"))
    local_server.route("/over.xml", Response(b"x" * (MiB + 1), content_type="text/plain"))
    assert len(fetch(local_server.url("/exact.xml"), max_bytes=MiB).content) == MiB
    with pytest.raises(FetchError, match="sent more than 1 MB"):
        fetch(local_server.url("/over.xml"), max_bytes=MiB)


def test_content_length_over_the_cap_is_refused_before_reading(local_server: LocalServer) -> None:
    def promises_ten_gigabytes(exchange: Exchange) -> None:
        exchange.send_head(200, {"Content-Type": "text/plain", "Content-Length": str(10**10)})
        exchange.stopping.wait(30)  # sends nothing: reading would wait for the deadline

    local_server.route("/huge.xml", promises_ten_gigabytes)
    started = time.monotonic()
    with pytest.raises(FetchError, match="sent more than 1 MB") as caught:
        fetch(local_server.url("/huge.xml"), FetchLimits(timeout=10), max_bytes=MiB)
    assert time.monotonic() - started < 2
    assert_sentence(str(caught.value))


# --- redirects ---------------------------------------------------------------------------


def chain(server: LocalServer, name: str, statuses: Sequence[int]) -> tuple[str, str]:
    """``/name/0`` redirecting once per status to ``/name/<len>``, the feed; (start, end) URLs."""
    for hop, code in enumerate(statuses):
        server.route(f"/{name}/{hop}", helpers.redirect(f"/{name}/{hop + 1}", code))
    server.route(f"/{name}/{len(statuses)}", Response(FEED, content_type="application/rss+xml"))
    return server.url(f"/{name}/0"), server.url(f"/{name}/{len(statuses)}")


def test_five_redirects_are_followed(local_server: LocalServer) -> None:
    start, end = chain(local_server, "five", [302, 301, 307, 303, 308])
    got = fetch(start)
    assert got.content == FEED
    assert got.url == end
    assert len(local_server.requests) == 6


def test_six_redirects_are_refused(local_server: LocalServer) -> None:
    start, _ = chain(local_server, "six", [302] * 6)
    with pytest.raises(FetchError, match="redirected more than 5 times") as caught:
        fetch(start)
    assert_sentence(str(caught.value))
    assert local_server.hits("/six/6") == 0


def test_a_redirect_loop_ends_quickly(local_server: LocalServer) -> None:
    local_server.route("/loop.xml", helpers.redirect_loop())
    started = time.monotonic()
    with pytest.raises(FetchError, match="redirected more than"):
        fetch(local_server.url("/loop.xml"))
    assert time.monotonic() - started < 2
    assert local_server.hits("/loop.xml") == 6


@pytest.mark.parametrize(
    ("statuses", "moved"),
    [
        ([], False),
        ([301], True),
        ([308], True),
        ([301, 308, 301], True),
        ([302], False),
        ([307], False),
        ([301, 302, 301], False),
        ([301, 301, 303], False),
    ],
    ids=str,
)
def test_moved_to_only_when_every_hop_is_permanent(
    local_server: LocalServer, statuses: list[int], moved: bool
) -> None:
    start, end = chain(local_server, "moved", statuses)
    got = fetch(start)
    assert got.url == end
    assert got.moved_to == (end if moved else None)


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "javascript:alert(1)"],
    ids=["file", "ftp", "javascript"],
)
def test_a_redirect_to_another_scheme_is_refused(local_server: LocalServer, location: str) -> None:
    local_server.route("/feed.xml", helpers.redirect(location, 301))
    with pytest.raises(FetchError, match="not a web address") as caught:
        fetch(local_server.url("/feed.xml"))
    assert type(caught.value) is FetchError
    assert "root:" not in str(caught.value)


def test_a_non_http_address_is_refused_without_a_request(local_server: LocalServer) -> None:
    with pytest.raises(FetchError, match="not a web address"):
        fetch("file:///etc/passwd")
    assert local_server.requests == []


# --- statuses the server uses to say something ----------------------------------------------


def test_410_is_source_gone(local_server: LocalServer) -> None:
    local_server.route("/gone.xml", helpers.status(410))
    with pytest.raises(SourceGoneError, match="410") as caught:
        fetch(local_server.url("/gone.xml"))
    assert_sentence(str(caught.value))


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_in_seconds(local_server: LocalServer, code: int) -> None:
    local_server.route("/busy.xml", helpers.status(code, {"Retry-After": "3600"}))
    before = datetime.now(UTC)
    with pytest.raises(RetryLaterError, match=str(code)) as caught:
        fetch(local_server.url("/busy.xml"))
    retry_at = caught.value.retry_at
    assert retry_at is not None
    assert before + timedelta(seconds=3595) <= retry_at <= datetime.now(UTC) + timedelta(hours=1)
    assert local_server.hits("/busy.xml") == 1  # an hour is not waited out within a sync
    assert_sentence(str(caught.value))


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_as_an_http_date(local_server: LocalServer, code: int) -> None:
    when = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0)
    local_server.route(
        "/busy.xml", helpers.status(code, {"Retry-After": format_datetime(when, True)})
    )
    with pytest.raises(RetryLaterError) as caught:
        fetch(local_server.url("/busy.xml"))
    assert caught.value.retry_at == when
    assert f"{when:%Y-%m-%d %H:%M}" in str(caught.value)


def test_a_busy_answer_without_retry_after_has_no_retry_time(local_server: LocalServer) -> None:
    local_server.route("/busy.xml", helpers.status(503))
    with pytest.raises(RetryLaterError) as caught:
        fetch(local_server.url("/busy.xml"))
    assert caught.value.retry_at is None
    assert local_server.hits("/busy.xml") == 1


def busy_then_feed(busy: int) -> helpers.Handler:
    """429 with ``Retry-After: 1`` for the first ``busy`` requests, then the feed."""
    return helpers.busy_then(busy, Response(FEED, content_type="application/rss+xml"))


def test_a_short_retry_after_is_waited_out_and_retried_once(local_server: LocalServer) -> None:
    local_server.route("/busy.xml", busy_then_feed(1))
    started = time.monotonic()
    got = fetch(local_server.url("/busy.xml"))
    elapsed = time.monotonic() - started
    assert got.content == FEED
    assert local_server.hits("/busy.xml") == 2
    assert 0.5 <= elapsed < 4


def test_a_second_busy_answer_is_not_retried_again(local_server: LocalServer) -> None:
    local_server.route("/busy.xml", busy_then_feed(5))
    with pytest.raises(RetryLaterError):
        fetch(local_server.url("/busy.xml"))
    assert local_server.hits("/busy.xml") == 2


def test_a_huge_retry_after_is_a_retry_later_error(local_server: LocalServer) -> None:
    local_server.route("/busy.xml", helpers.status(429, {"Retry-After": "9" * 20}))
    with pytest.raises(RetryLaterError) as caught:
        fetch(local_server.url("/busy.xml"))
    assert caught.value.retry_at is not None
    assert caught.value.retry_at <= datetime.now(UTC) + timedelta(days=7)


def test_a_garbled_retry_after_is_still_a_retry_later_error(local_server: LocalServer) -> None:
    # The header goes out as the Latin-1 byte 0xB2, which httpx reads back as '²'.
    local_server.route("/busy.xml", helpers.status(429, {"Retry-After": "\u00b2"}))
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/busy.xml"))
    assert isinstance(caught.value, RetryLaterError), str(caught.value)
    assert caught.value.retry_at is None


def test_other_urls_of_a_busy_host_learn_when_to_come_back(local_server: LocalServer) -> None:
    local_server.route("/a.xml", helpers.status(429, {"Retry-After": "3600"}))
    local_server.route("/b.xml", Response(FEED))

    async def go() -> tuple[RetryLaterError, RetryLaterError]:
        errors = []
        async with Fetcher() as fetcher:
            for path in ("/a.xml", "/b.xml"):
                with pytest.raises(RetryLaterError) as caught:
                    await fetcher.get(local_server.url(path), max_bytes=MiB)
                errors.append(caught.value)
        return errors[0], errors[1]

    first, second = asyncio.run(go())
    assert local_server.hits("/b.xml") == 0  # polite: the host is left alone
    assert first.retry_at is not None
    assert second.retry_at == first.retry_at


@pytest.mark.parametrize(("code", "words"), [(500, "500"), (404, "404"), (403, "403")])
def test_other_errors_name_their_code(local_server: LocalServer, code: int, words: str) -> None:
    local_server.route("/feed.xml", helpers.status(code))
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/feed.xml"))
    assert type(caught.value) is FetchError
    assert words in str(caught.value)
    assert_sentence(str(caught.value))


# --- broken connections ------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused_is_a_sentence() -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{closed_port()}/feed.xml")
    assert "Could not connect to 127.0.0.1" in str(caught.value)
    assert_sentence(str(caught.value))


def test_a_truncated_body_is_a_sentence(local_server: LocalServer) -> None:
    local_server.route("/short.xml", helpers.truncated(FEED, missing=1000))
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/short.xml"))
    assert "broke off the connection" in str(caught.value)
    assert_sentence(str(caught.value))


def test_headers_that_never_come_hit_the_deadline(local_server: LocalServer) -> None:
    local_server.route("/silent.xml", helpers.slow_headers(30))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(local_server.url("/silent.xml"), FetchLimits(timeout=1))
    assert time.monotonic() - started < 3
    assert_sentence(str(caught.value))


def test_fetcher_outside_async_with_is_a_programming_error() -> None:
    async def go() -> None:
        await Fetcher().get("http://127.0.0.1/", max_bytes=MiB)

    with pytest.raises(AssertionError, match="async with"):
        asyncio.run(go())


# --- proxies from the environment ---------------------------------------------------------


def test_a_proxy_from_the_environment_is_used(
    local_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The local server plays the proxy: a proxied request arrives in absolute form
    # (GET http://host/path), and its route is found by the path. news.invalid never
    # resolves (RFC 6761), so an answer can only have come through the proxy.
    local_server.route("/feed.xml", Response(FEED, content_type="application/rss+xml"))
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", local_server.url("/").rstrip("/"))
    got = fetch("http://news.invalid/feed.xml")
    assert got.content == FEED
    [request] = local_server.requests
    assert request.path == "http://news.invalid/feed.xml"
    assert request.headers["host"] == "news.invalid"


def test_no_proxy_is_honoured(local_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    local_server.route("/feed.xml", Response(FEED))
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch(local_server.url("/feed.xml")).content == FEED
    assert local_server.requests[-1].path == "/feed.xml"


# --- retry_after() -------------------------------------------------------------------------

NOW = datetime(2025, 3, 18, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", NOW + timedelta(seconds=120)),
        (" 0 ", NOW),
        ("Tue, 18 Mar 2025 09:30:00 GMT", NOW + timedelta(hours=2, minutes=30)),
        ("Tue, 18 Mar 2025 10:00:00 +0300", NOW),  # another zone, the same moment
        ("Tue, 18 Mar 2025 08:00:00 -0000", NOW + timedelta(hours=1)),  # no zone: UTC
        ("Mon, 17 Mar 2025 07:00:00 GMT", NOW),  # in the past: now
        ("604800", NOW + timedelta(days=7)),
        ("604801", NOW + timedelta(days=7)),  # capped at a week
        ("31536000", NOW + timedelta(days=7)),
        ("Fri, 31 Dec 9999 23:59:59 GMT", NOW + timedelta(days=7)),
        # Absurd seconds are capped too, not an overflow.
        ("1000000000000", NOW + timedelta(days=7)),
        ("9" * 20, NOW + timedelta(days=7)),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("Tue, 99 Foo 2025", None),
        # A superscript digit passes str.isdigit() but is no number: garbage.
        ("²", None),
    ],
    ids=repr,
)
def test_retry_after(value: str | None, expected: datetime | None) -> None:
    assert retry_after(value, now=NOW) == expected


def test_retry_after_defaults_to_now() -> None:
    before = datetime.now(UTC)
    moment = retry_after("60")
    assert moment is not None
    assert before + timedelta(seconds=60) <= moment <= datetime.now(UTC) + timedelta(seconds=60)


def test_fetch_errors_keep_their_sentence_for_the_window(local_server: LocalServer) -> None:

    local_server.route("/missing", Response(b"no", status=404))
    local_server.route("/big", Response(b"x" * (MiB + 1)))
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{spare.getsockname()[1]}/feed"
    for url, field in (
        (local_server.url("/missing"), "code"),
        (local_server.url("/big"), "megabytes"),
        (closed, "where"),
        ("ftp://127.0.0.1/feed", "url"),
    ):
        with pytest.raises(FetchError) as info:
            fetch(url)
        error = info.value
        assert error.template in TEMPLATES, url
        assert field in error.values, url
        assert error.template.format(**error.values) == str(error)

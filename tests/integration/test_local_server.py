"""The ground the sync's integration tests stand on: LocalServer, its hostile
answers, and the fixture site صحيفة الواحة, exercised with a real httpx client.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import zlib
from pathlib import Path

import defusedxml
import defusedxml.ElementTree
import httpx
import pytest

from helpers import (
    XSS_MARKER,
    LocalServer,
    NewsSite,
    Response,
    drip,
    endless,
    gzip_bomb,
    gzip_bomb_body,
    hostile_file,
    nested_page,
    redirect,
    redirect_loop,
    slow_headers,
    status,
    truncated,
    xxe_feed,
)

# --- LocalServer --------------------------------------------------------------


def test_a_200_carries_validators_and_revalidation_gets_304(local_server: LocalServer) -> None:
    body = b"<rss version='2.0'/>"
    local_server.route("/feed.xml", Response(body, content_type="application/rss+xml"))
    url = local_server.url("/feed.xml")
    with httpx.Client() as client:
        first = client.get(url)
        etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
        by_etag = client.get(url, headers={"If-None-Match": etag})
        by_date = client.get(url, headers={"If-Modified-Since": last_modified})
        changed = client.get(url, headers={"If-None-Match": '"another"'})

    assert first.status_code == 200
    assert first.content == body
    assert etag == f'"{hashlib.sha1(body).hexdigest()}"'
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_etag.headers["ETag"] == etag
    assert by_date.status_code == 304
    assert changed.status_code == 200
    assert local_server.hits("/feed.xml") == 4
    assert local_server.requests[1].headers["if-none-match"] == etag


def test_compressed_responses_are_gzip_only_for_clients_that_accept_it(
    local_server: LocalServer,
) -> None:
    body = "<p>نص عربي يتكرر.</p>".encode() * 200
    local_server.route("/page.html", Response(body, compress=True))
    url = local_server.url("/page.html")
    with httpx.Client() as client:
        zipped = client.get(url)
        again = client.get(url, headers={"If-None-Match": zipped.headers["ETag"]})
        plain = client.get(url, headers={"Accept-Encoding": "identity"})

    assert zipped.headers["Content-Encoding"] == "gzip"
    assert int(zipped.headers["Content-Length"]) < len(body) // 10
    assert zipped.content == body
    assert zipped.headers["ETag"].startswith('W/"')
    assert again.status_code == 304
    assert "Content-Encoding" not in plain.headers
    assert plain.content == body


def test_requests_are_logged_and_unrouted_paths_are_404(local_server: LocalServer) -> None:
    local_server.route("/a.html", b"<p>a</p>")
    with httpx.Client() as client:
        head = client.head(local_server.url("/a.html?utm_source=x"))
        missing = client.get(local_server.url("/nowhere.html"))

    assert (head.status_code, head.content, head.headers["Content-Length"]) == (200, b"", "8")
    assert missing.status_code == 404
    assert [(r.method, r.path) for r in local_server.requests] == [
        ("HEAD", "/a.html?utm_source=x"),
        ("GET", "/nowhere.html"),
    ]
    assert local_server.hits("/a.html") == 1
    assert local_server.hits("/a.html?utm_source=y") == 0


# --- Hostile answers ----------------------------------------------------------


def test_a_gzip_bomb_is_small_on_the_wire(local_server: LocalServer) -> None:
    local_server.route("/bomb.xml", gzip_bomb())
    with (
        httpx.Client(timeout=5) as client,
        client.stream("GET", local_server.url("/bomb.xml")) as response,
    ):
        assert response.headers["Content-Encoding"] == "gzip"
        raw = b"".join(response.iter_raw())

    assert len(raw) < 1_500_000
    start = zlib.decompressobj(wbits=31).decompress(raw, 100)
    assert start.startswith(b'<?xml version="1.0"')


def test_a_gzip_bomb_is_a_valid_gzip_stream_of_the_size_it_claims() -> None:
    decoded = zlib.decompress(gzip_bomb_body(3 * 2**20 + 17), wbits=31)  # checks CRC and size

    start = decoded.rstrip(b" ")
    assert start.startswith(b'<?xml version="1.0"')
    assert len(decoded) - len(start) == 3 * 2**20 + 17


def test_a_drip_trips_a_read_timeout(local_server: LocalServer) -> None:
    local_server.route("/slow.xml", drip(100, delay_s=1.5))
    started = time.monotonic()
    with httpx.Client(timeout=1) as client, pytest.raises(httpx.ReadTimeout):
        client.get(local_server.url("/slow.xml"))
    assert time.monotonic() - started < 3.0  # not the 150 s the whole drip would take


def test_a_drip_faster_than_the_read_timeout_only_ends_by_a_total_deadline(
    local_server: LocalServer,
) -> None:
    # httpx's timeouts are per socket operation: a byte every 0.1 s never trips 0.3 s.
    local_server.route("/slow.xml", drip(5, delay_s=0.1))
    started = time.monotonic()
    with httpx.Client(timeout=0.3) as client:
        response = client.get(local_server.url("/slow.xml"))
    assert response.content == b"<?xml"
    assert time.monotonic() - started > 0.45


def test_slow_headers_trip_a_read_timeout(local_server: LocalServer) -> None:
    local_server.route("/late.xml", slow_headers(3.0))
    with httpx.Client(timeout=0.3) as client, pytest.raises(httpx.ReadTimeout):
        client.get(local_server.url("/late.xml"))


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "no-length"])
def test_an_endless_feed_keeps_coming(local_server: LocalServer, chunked: bool) -> None:
    local_server.route("/endless.xml", endless(chunked=chunked))
    received = bytearray()
    with (
        httpx.Client(timeout=5) as client,
        client.stream("GET", local_server.url("/endless.xml")) as response,
    ):
        assert "Content-Length" not in response.headers
        assert (response.headers.get("Transfer-Encoding") == "chunked") is chunked
        for chunk in response.iter_bytes():
            received += chunk
            if len(received) > 1_000_000:
                break

    assert received.startswith(b'<?xml version="1.0"')
    assert "خبر لا ينتهي رقم 1000".encode() in received


def test_a_truncated_body_is_a_protocol_error(local_server: LocalServer) -> None:
    local_server.route("/cut.xml", truncated(b"<rss><channel>"))
    with httpx.Client() as client, pytest.raises(httpx.RemoteProtocolError):
        client.get(local_server.url("/cut.xml"))


def test_redirects_are_followed_and_a_loop_is_caught(local_server: LocalServer) -> None:
    local_server.route("/old.xml", redirect("/new.xml", 301))
    local_server.route("/new.xml", b"<rss/>")
    local_server.route("/loop.xml", redirect_loop())
    with httpx.Client(follow_redirects=True, max_redirects=5) as client:
        moved = client.get(local_server.url("/old.xml"))
        with pytest.raises(httpx.TooManyRedirects):
            client.get(local_server.url("/loop.xml"))

    assert (moved.status_code, moved.url, moved.history[0].status_code) == (
        200,
        local_server.url("/new.xml"),
        301,
    )
    looped = [r.path for r in local_server.requests if r.path.startswith("/loop.xml")]
    assert looped[:4] == ["/loop.xml", "/loop.xml?loop=1", "/loop.xml", "/loop.xml?loop=1"]


def test_status_answers_carry_their_headers(local_server: LocalServer) -> None:
    local_server.route("/busy.xml", status(429, {"Retry-After": "120"}))
    local_server.route("/down.xml", status(503, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}))
    local_server.route("/gone.xml", status(410))
    local_server.route("/broken.xml", status(500, body=b"boom"))
    with httpx.Client() as client:
        busy, down, gone, broken = (
            client.get(local_server.url(f"/{name}.xml"))
            for name in ("busy", "down", "gone", "broken")
        )

    assert (busy.status_code, busy.headers["Retry-After"]) == (429, "120")
    assert (down.status_code, down.headers["Retry-After"]) == (503, "Wed, 21 Oct 2026 07:28:00 GMT")
    assert gone.status_code == 410
    assert (broken.status_code, broken.content) == (500, b"boom")
    assert "ETag" not in busy.headers


def test_close_is_fast_with_responses_in_flight() -> None:
    with (
        LocalServer() as server,
        httpx.Client(timeout=5) as idle,
        httpx.Client(timeout=5) as busy,
    ):
        server.route("/ok.html", b"ok")
        server.route("/drip.xml", drip(1000, delay_s=1.0))
        server.route("/endless.xml", endless())
        assert idle.get(server.url("/ok.html")).status_code == 200  # stays open, kept alive
        with (
            busy.stream("GET", server.url("/drip.xml")) as dripping,
            busy.stream("GET", server.url("/endless.xml")) as flowing,
        ):
            assert next(flowing.iter_raw())
            started = time.monotonic()
            server.close()
            assert time.monotonic() - started < 1.0
            with pytest.raises(httpx.RemoteProtocolError):
                dripping.read()
    assert not server.errors


# --- Hostile documents --------------------------------------------------------


def test_hostile_documents_are_what_they_claim(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    xxe = xxe_feed(secret, dtd_url="http://127.0.0.1:9/evil.dtd")

    assert secret.as_uri().encode() in xxe
    assert b"SECRET-CONTENT" not in xxe
    assert b"&xxe;" in xxe
    assert b"%remote;" in xxe
    with pytest.raises(defusedxml.EntitiesForbidden):
        defusedxml.ElementTree.fromstring(xxe)
    laughs = hostile_file("billion_laughs.xml")
    assert len(re.findall(rb"<!ENTITY lol\d? ", laughs)) == 10
    with pytest.raises(defusedxml.EntitiesForbidden):
        defusedxml.ElementTree.fromstring(laughs)
    with pytest.raises(defusedxml.ElementTree.ParseError):
        defusedxml.ElementTree.fromstring(hostile_file("malformed.xml"))
    assert hostile_file("script.html").count(XSS_MARKER.encode()) >= 15
    page = nested_page()
    assert 5_000_000 <= len(page) < 5_100_000
    assert page.count(b"<div>") > 400_000


# --- The fixture site ---------------------------------------------------------


def test_the_windows_1256_feed_decodes_to_the_arabic_title(news_site: NewsSite) -> None:
    with httpx.Client() as client:
        response = client.get(news_site.feeds["rss_1256"])
    raw = response.content

    assert response.headers["Content-Type"].endswith("charset=windows-1256")
    assert raw.startswith(b'<?xml version="1.0" encoding="windows-1256"?>')
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1256")
    assert "<title>صحيفة الواحة</title>" in text
    assert all(f"<title>{a.title}</title>" in text for a in news_site.articles)


def test_the_home_page_announces_its_feeds(news_site: NewsSite) -> None:
    with httpx.Client() as client:
        home = client.get(news_site.home_url).text

    for kind, path in [("rss", "/rss.xml"), ("atom", "/atom.xml"), ("feed", "/feed.json")]:
        assert f'type="application/{kind}+' in home
        assert f'href="{path}"' in home


def test_every_page_and_image_is_served(news_site: NewsSite) -> None:
    with httpx.Client() as client:
        for article in news_site.articles:
            page = client.get(article.url)
            assert page.status_code == 200
            assert '<html lang="ar" dir="rtl">' in page.text
            assert f'<meta property="og:image" content="{article.image_url}">' in page.text
            assert f'<meta property="article:section" content="{article.section}">' in page.text
            text = " ".join(re.sub(r"<[^>]+>", "", page.text).split())
            assert all(paragraph in text for paragraph in article.paragraphs)
        for url, data in news_site.images.items():
            assert client.get(url).content == data
        missing = client.get(news_site.missing.url)
        pixel = client.get(news_site.tracking_pixel_url)

    assert missing.status_code == 404
    assert (pixel.headers["Content-Type"], pixel.content[:6]) == ("image/gif", b"GIF89a")
    first, second = news_site.shared_image_urls
    assert first != second
    assert news_site.images[first] == news_site.images[second]
    assert (
        len({hashlib.sha1(data).digest() for data in news_site.images.values()})
        == len(news_site.images) - 1
    )
    assert all(len(data) < 5_000 for data in news_site.images.values())


def test_the_articles_hold_what_the_sync_must_cope_with(news_site: NewsSite) -> None:
    articles = news_site.articles
    scripted = news_site.article(news_site.scripted_article)

    assert {a.section for a in articles} == {"سياسة", "اقتصاد", "رياضة", "ثقافة"}
    assert all(4 <= len(a.paragraphs) <= 8 for a in articles)
    assert sum(bool(a.subheadings) for a in articles) >= 2
    assert sum(bool(a.list_items) for a in articles) == 1
    assert sum(a.quote is not None for a in articles) == 1
    assert all(a.see_also_url and a.caption and a.image_alt for a in articles)
    assert all('<img src="/' in a.body_html or '<img src="../' in a.body_html for a in articles)
    assert all(any("utm_source=" in link for link in a.links) for a in articles)
    for needle in ("<script>", "onclick=", "javascript:", '<img src="/pixel.gif?utm_source=x"'):
        assert needle in scripted.body_html
    assert XSS_MARKER not in " ".join(scripted.paragraphs)
    prose = " ".join(" ".join((a.title, a.lead, *a.paragraphs)) for a in articles)
    assert not [phrase for phrase in news_site.boilerplate if phrase in prose]


def test_the_feeds_are_well_formed_and_agree(news_site: NewsSite) -> None:
    with httpx.Client() as client:
        bodies = {name: client.get(url).content for name, url in news_site.feeds.items()}
    count = len(news_site.articles)

    def items(name: str, tag: str) -> list:
        return defusedxml.ElementTree.fromstring(bodies[name]).findall(f".//{tag}")

    assert len(items("rss", "item")) == count
    assert len(items("rss_1256", "item")) == count
    assert len(items("atom", "{http://www.w3.org/2005/Atom}entry")) == count
    assert len(items("rdf", "{http://purl.org/rss/1.0/}item")) == count
    assert len(json.loads(bodies["json"])["items"]) == count
    summary = items("summary", "item")
    assert summary[-1].findtext("guid") == news_site.missing.guid
    assert all("utm_source=rss" in item.findtext("link") for item in summary)
    assert all(item.find("{*}encoded") is None for item in summary)
    undated = {item.findtext("guid"): item.findtext("pubDate") for item in items("undated", "item")}
    assert undated.pop(news_site.undated_guid) is None
    assert all(date and date.endswith("+0300") for date in undated.values())

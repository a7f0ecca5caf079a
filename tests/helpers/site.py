"""Hostile documents, and the fixture news site صحيفة الواحة that ``route_news_site`` serves."""

from __future__ import annotations

import html
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from helpers.feeds import _content_type, _feeds
from helpers.server import Handler, LocalServer, Response

# --- Hostile documents --------------------------------------------------------

# This package sits in tests/, beside fixtures/.
SITE_DIR = Path(__file__).parents[1] / "fixtures" / "site"

#: Marks every dangerous spot of ``script.html`` and article 2; clean output never holds it.
XSS_MARKER = "XSS-MARKER"


def hostile_file(name: str) -> bytes:
    """``malformed.xml``, ``billion_laughs.xml`` or ``script.html`` from the fixture site."""
    return (SITE_DIR / "hostile" / name).read_bytes()


def xxe_feed(secret: Path, dtd_url: str | None = None) -> bytes:
    """An RSS feed whose item title and description pull ``secret`` in through an
    external entity, and which, given ``dtd_url``, also loads a DTD from there.
    The secret's content must never reach the library, nor a request the DTD's server.
    """
    remote = f'\n  <!ENTITY % remote SYSTEM "{dtd_url}">\n  %remote;' if dtd_url else ""
    template = string.Template((SITE_DIR / "hostile" / "xxe.xml").read_text("utf-8"))
    return template.substitute(secret_uri=secret.resolve().as_uri(), remote_dtd=remote).encode()


@lru_cache(maxsize=2)
def nested_page(depth_bytes: int = 5_000_000) -> bytes:
    """An Arabic HTML page of about ``depth_bytes`` of nested ``<div>``s around one paragraph."""
    depth = depth_bytes // len("<div></div>")
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        "<title>صفحة متداخلة</title></head><body>"
        + "<div>" * depth
        + "<p>فقرة في قاع صفحة متداخلة.</p>"
        + "</div>" * depth
        + "</body></html>"
    ).encode()


# --- The fixture site: صحيفة الواحة -------------------------------------------
#
# Files under tests/fixtures/site/ hold the prose; the functions below render the
# pages, and helpers.feeds every feed format, from them, so all formats carry the
# same articles.

_FEED_PATHS = {
    "rss": "/rss.xml",
    "atom": "/atom.xml",
    "json": "/feed.json",
    "rss_1256": "/rss-1256.xml",
    "summary": "/summary.xml",
    "rdf": "/rdf.xml",
    "undated": "/undated.xml",
}
_HOSTILE_PATHS = {
    "malformed": "/malformed.xml",
    "billion_laughs": "/billion_laughs.xml",
    "script": "/script.html",
}
_AR_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip


@dataclass(frozen=True)
class SiteArticle:
    """An article of the fixture site and what a sync should find in it.

    ``paragraphs`` are the body's own paragraphs in order (whitespace collapsed; not
    the lead, the «شاهد أيضاً» line, the quote or the caption). ``body_html`` is the
    body as served, with relative image and link addresses.
    """

    number: int
    url: str
    guid: str
    section: str
    title: str
    author: str
    published: datetime
    summary: str
    lead: str
    body_html: str
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...]
    list_items: tuple[str, ...]
    quote: str | None
    image_url: str | None
    image_alt: str | None
    caption: str | None
    see_also_url: str | None
    links: tuple[str, ...]
    related: tuple[int, ...]


@dataclass(frozen=True)
class NewsSite:
    """What ``route_news_site`` serves, for tests to assert on.

    ``feeds`` by name: ``rss`` (RSS 2.0, full content:encoded, +0300 dates),
    ``atom`` (Atom 1.0, RFC 3339 dates in three spellings, xml:base on content),
    ``json`` (JSON Feed 1.1), ``rss_1256`` (RSS 2.0 in windows-1256), ``summary``
    (one-sentence descriptions, links with utm_* parameters, and ``missing``, whose
    page is a 404), ``rdf`` (RSS 1.0) and ``undated`` (two items, ``undated_guid``
    without a date). ``hostile``: ``malformed``, ``billion_laughs``, ``script``.
    ``images`` maps every image's URL to its bytes; the two ``shared_image_urls``
    serve the same bytes. ``boilerplate`` is page furniture no extracted text may hold.
    """

    server: LocalServer
    title: str
    description: str
    home_url: str
    sections: Mapping[str, str]
    articles: tuple[SiteArticle, ...]
    missing: SiteArticle
    feeds: Mapping[str, str]
    hostile: Mapping[str, str]
    images: Mapping[str, bytes]
    shared_image_urls: tuple[str, str]
    tracking_pixel_url: str
    undated_guid: str
    scripted_article: int
    boilerplate: tuple[str, ...]

    def url(self, path: str = "/") -> str:
        return self.server.url(path)

    def article(self, number: int) -> SiteArticle:
        return next(a for a in (*self.articles, self.missing) if a.number == number)


def route_news_site(server: LocalServer) -> NewsSite:
    """Serve صحيفة الواحة on ``server``: home page, articles, images, feeds, hostile files."""
    data = json.loads((SITE_DIR / "articles.json").read_text("utf-8"))
    images = {
        server.url(f"/images/{file.name}"): file.read_bytes()
        for file in sorted((SITE_DIR / "images").iterdir())
    }
    site = NewsSite(
        server=server,
        title=data["site"]["title"],
        description=data["site"]["description"],
        home_url=server.url("/"),
        sections=data["sections"],
        articles=tuple(_site_article(server, raw) for raw in data["articles"]),
        missing=_site_article(server, data["missing"]),
        feeds={name: server.url(path) for name, path in _FEED_PATHS.items()},
        hostile={name: server.url(path) for name, path in _HOSTILE_PATHS.items()},
        images=images,
        shared_image_urls=(server.url("/images/2.jpg"), server.url("/images/5.jpg")),
        tracking_pixel_url=server.url("/pixel.gif?utm_source=x"),
        undated_guid="urn:alwaha:article:4",
        scripted_article=2,
        boilerplate=(
            "أخبار ذات صلة",
            "اشترك في النشرة الأسبوعية",
            "متابعة جميلة",
            "أضف تعليقك",
            "جميع الحقوق محفوظة",
            "ابحث في الصحيفة",
        ),
    )
    for path, handler in _site_routes(site).items():
        server.route(path, handler)
    return site


def _site_article(server: LocalServer, raw: Mapping[str, Any]) -> SiteArticle:
    number = raw["number"]
    url = server.url(f"/articles/{number}.html")
    body_file = SITE_DIR / "bodies" / f"{number}.html"
    body = body_file.read_text("utf-8") if body_file.exists() else ""
    outline = _BodyOutline(body)
    src, alt = outline.images[0] if outline.images else (None, None)
    return SiteArticle(
        number=number,
        url=url,
        guid=f"urn:alwaha:article:{number}",
        section=raw["section"],
        title=raw["title"],
        author=raw["author"],
        published=datetime.fromisoformat(raw["published"]),
        summary=raw["summary"],
        lead=raw["lead"],
        body_html=body,
        paragraphs=tuple(outline.blocks["p"]),
        subheadings=tuple(outline.blocks["h2"]),
        list_items=tuple(outline.blocks["li"]),
        quote=next(iter(outline.blocks["blockquote"]), None),
        image_url=urljoin(url, src) if src else None,
        image_alt=alt,
        caption=next(iter(outline.blocks["figcaption"]), None),
        see_also_url=urljoin(url, outline.see_also) if outline.see_also else None,
        links=tuple(outline.links),
        related=tuple(raw["related"]),
    )


class _BodyOutline(HTMLParser):
    """A body fragment read as a reader would: its blocks of text, images and links."""

    _BLOCKS = ("p", "h2", "li", "blockquote", "figcaption")

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self.blocks: dict[str, list[str]] = {tag: [] for tag in self._BLOCKS}
        self.images: list[tuple[str, str]] = []  # (src, alt), tracking pixels left out
        self.links: list[str] = []
        self.see_also: str | None = None
        self._open: str | None = None  # the block being read; nested blocks join it
        self._in_see_also = False
        self._text: list[str] = []
        self._in_script = False
        self.feed(html_text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in {"script", "style"}:
            self._in_script = True
        elif tag == "a":
            self.links.append(attributes.get("href") or "")
            if self._in_see_also:
                self.see_also = attributes.get("href")
        elif tag == "img" and attributes.get("width") != "1":
            self.images.append((attributes.get("src") or "", attributes.get("alt") or ""))
        elif tag in self._BLOCKS and self._open is None:
            self._open, self._text = tag, []
            self._in_see_also = attributes.get("class") == "see-also"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._in_script = False
        elif tag == self._open:
            if not self._in_see_also:
                self.blocks[tag].append(" ".join("".join(self._text).split()))
            self._open, self._in_see_also = None, False

    def handle_data(self, data: str) -> None:
        if self._open and not self._in_script:
            self._text.append(data)


def _site_routes(site: NewsSite) -> dict[str, Handler]:
    newest = site.articles[0].published.astimezone(UTC)
    routes: dict[str, Handler] = {}
    routes["/"] = routes["/index.html"] = Response(_home_page(site).encode(), compress=True)
    for article in site.articles:
        page = _article_page(site, article).encode()
        routes[urlsplit(article.url).path] = Response(
            page, compress=True, last_modified=article.published.astimezone(UTC)
        )
    for url, data in site.images.items():
        routes[urlsplit(url).path] = Response(data, content_type=_content_type(url))
    routes["/pixel.gif"] = Response(
        (SITE_DIR / "pixel.gif").read_bytes(),
        content_type="image/gif",
        headers={"Cache-Control": "no-store"},
    )
    for name, (content_type, body) in _feeds(site).items():
        routes[_FEED_PATHS[name]] = Response(
            body, content_type=content_type, compress=True, last_modified=newest
        )
    for path in _HOSTILE_PATHS.values():
        routes[path] = Response(hostile_file(path.lstrip("/")), content_type=_content_type(path))
    return routes


def _template(name: str) -> string.Template:
    return string.Template((SITE_DIR / "templates" / name).read_text("utf-8"))


def _home_page(site: NewsSite) -> str:
    items = "\n".join(
        f'  <li class="story-card"><span class="section">{html.escape(a.section)}</span>'
        f' <a href="/articles/{a.number}.html">{html.escape(a.title)}</a>'
        f"<p>{html.escape(a.summary)}</p></li>"
        for a in site.articles
    )
    return _template("index.html").substitute(
        site_title=html.escape(site.title),
        site_description=html.escape(site.description),
        items=items,
    )


def _article_page(site: NewsSite, article: SiteArticle) -> str:
    related = "\n".join(
        f'    <li><a href="/articles/{n}.html">{html.escape(site.article(n).title)}</a></li>'
        for n in article.related
    )
    published = article.published
    return _template("article.html").substitute(
        site_title=html.escape(site.title),
        title=html.escape(article.title),
        summary=html.escape(article.summary),
        image_url=html.escape(article.image_url or ""),
        url=html.escape(article.url),
        url_quoted=quote(article.url, safe=""),
        section=html.escape(article.section),
        section_slug=site.sections[article.section],
        author=html.escape(article.author),
        published=published.isoformat(),
        published_display=(
            f"{published.day} {_AR_MONTHS[published.month - 1]} {published.year}"
            f"، الساعة {published:%H:%M}"
        ),
        lead=html.escape(article.lead),
        body=article.body_html,
        related=related,
    )

"""The fixture site's feeds in every format, rendered from its articles;
``rss_document``, a bare RSS feed for tests that need only a few items; and
``serve_rounds``, many numbered feeds that bring new items at every round."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from helpers.server import LocalServer, Response

if TYPE_CHECKING:
    from helpers.site import NewsSite, SiteArticle

_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
}


def rss_document(title: str, items: str = "") -> bytes:
    """A bare RSS 2.0 document on one line: ``title`` and the ``items`` markup, UTF-8."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title>{items}</channel></rss>"
    ).encode()


ROUND_PARAGRAPH = "تقول الصحيفة إن المزارعين في الوادي بدأوا موسم الحصاد مبكراً هذا العام. " * 12


def round_feed(number: int, round_: int, items: int) -> bytes:
    """Feed ``number`` as it is in round ``round_``: ``items`` items, all new each round.

    Item ``n`` is titled ``خبر {number}-{round_}-{n}``.
    """
    markup = "".join(
        f"<item><title>خبر {number}-{round_}-{n}</title><guid>f{number}-r{round_}-{n}</guid>"
        f"<link>https://k{number}.example/{round_}/{n}</link>"
        f"<description><![CDATA[<p>{ROUND_PARAGRAPH}</p><p>الجولة {round_} البند {n}</p>]]>"
        "</description></item>"
        for n in range(items)
    )
    return rss_document(f"مصدر {number}", markup)


def serve_round(server: LocalServer, round_: int, feeds: int, items: int) -> None:
    """Serve ``round_feed`` 0 to ``feeds`` - 1 at ``/feed/<number>.xml``."""
    for number in range(feeds):
        server.route(f"/feed/{number}.xml", Response(round_feed(number, round_, items)))


def _content_type(url: str) -> str:
    return _CONTENT_TYPES[PurePosixPath(urlsplit(url).path).suffix]


def _feeds(site: NewsSite) -> dict[str, tuple[str, bytes]]:
    """Every feed by name: (Content-Type, body)."""
    rss_type = "application/rss+xml; charset=utf-8"
    tracked = "?utm_source=rss&utm_medium=feed"
    return {
        "rss": (rss_type, _rss(site, "rss", [_rss_item(site, a) for a in site.articles])),
        "atom": ("application/atom+xml; charset=utf-8", _atom(site)),
        "json": ("application/feed+json; charset=utf-8", _json_feed(site)),
        "rss_1256": (
            "application/rss+xml; charset=windows-1256",
            _rss(site, "rss_1256", [_rss_item(site, a) for a in site.articles], "windows-1256"),
        ),
        "summary": (
            rss_type,
            _rss(
                site,
                "summary",
                [
                    _rss_item(site, a, full=False, link=a.url + tracked)
                    for a in (*site.articles, site.missing)
                ],
            ),
        ),
        "rdf": ("application/rdf+xml; charset=utf-8", _rdf(site)),
        "undated": (
            rss_type,
            _rss(
                site,
                "undated",
                [_rss_item(site, site.article(3)), _rss_item(site, site.article(4), dated=False)],
            ),
        ),
    }


def _rss(site: NewsSite, name: str, items: list[str], encoding: str = "utf-8") -> bytes:
    # Strict encoding: a character missing from windows-1256 fails here, not in a test.
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        "<channel>\n"
        f"<title>{escape(site.title)}</title>\n"
        f"<link>{escape(site.home_url)}</link>\n"
        f"<description>{escape(site.description)}</description>\n"
        "<language>ar</language>\n"
        f'<atom:link href="{escape(site.feeds[name])}" rel="self" type="application/rss+xml"/>\n'
        f"<lastBuildDate>{format_datetime(site.articles[0].published)}</lastBuildDate>\n"
        + "".join(items)
        + "</channel>\n</rss>\n"
    ).encode(encoding)


def _rss_item(
    site: NewsSite,
    article: SiteArticle,
    *,
    full: bool = True,
    dated: bool = True,
    link: str | None = None,
) -> str:
    lines = [
        f"<title>{escape(article.title)}</title>",
        f"<link>{escape(link or article.url)}</link>",
        f'<guid isPermaLink="false">{article.guid}</guid>',
    ]
    if dated:
        lines.append(f"<pubDate>{format_datetime(article.published)}</pubDate>")
    lines += [
        f"<dc:creator>{escape(article.author)}</dc:creator>",
        f"<category>{escape(article.section)}</category>",
    ]
    if not full:
        lines.append(f"<description>{escape(article.summary)}</description>")
    else:
        lines += [
            f"<description>{escape(article.lead)}</description>",
            f"<content:encoded><![CDATA[{article.body_html}]]></content:encoded>",
        ]
        if article.image_url:
            lines.append(
                f"<enclosure url={quoteattr(article.image_url)}"
                f' length="{len(site.images[article.image_url])}"'
                f" type={quoteattr(_content_type(article.image_url))}/>"
            )
    return "<item>\n  " + "\n  ".join(lines) + "\n</item>\n"


def _rfc3339(moment: datetime, spelling: int) -> str:
    """Three spellings of one instant: local offset, UTC with Z, UTC with milliseconds."""
    utc = moment.astimezone(UTC)
    return (
        moment.isoformat(),
        utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        utc.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    )[spelling % 3]


def _atom(site: NewsSite) -> bytes:
    entries = "".join(
        "<entry>\n"
        f"  <title>{escape(a.title)}</title>\n"
        f'  <link rel="alternate" type="text/html" href={quoteattr(a.url)}/>\n'
        f"  <id>{a.guid}</id>\n"
        f"  <published>{_rfc3339(a.published, i)}</published>\n"
        f"  <updated>{_rfc3339(a.published, i + 1)}</updated>\n"
        f"  <author><name>{escape(a.author)}</name></author>\n"
        f"  <category term={quoteattr(a.section)}/>\n"
        f"  <summary>{escape(a.lead)}</summary>\n"
        f'  <content type="html" xml:base={quoteattr(a.url)}>{escape(a.body_html)}</content>\n'
        "</entry>\n"
        for i, a in enumerate(site.articles)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">\n'
        f"<title>{escape(site.title)}</title>\n"
        f"<subtitle>{escape(site.description)}</subtitle>\n"
        f'<link rel="alternate" type="text/html" href={quoteattr(site.home_url)}/>\n'
        f'<link rel="self" type="application/atom+xml" href={quoteattr(site.feeds["atom"])}/>\n'
        "<id>urn:alwaha:feed</id>\n"
        f"<updated>{_rfc3339(site.articles[0].published, 1)}</updated>\n"
        f"{entries}</feed>\n"
    ).encode()


def _json_feed(site: NewsSite) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.title,
        "home_page_url": site.home_url,
        "feed_url": site.feeds["json"],
        "description": site.description,
        "icon": site.url("/images/logo.png"),
        "language": "ar",
        "items": [
            {
                "id": a.guid,
                "url": a.url,
                "title": a.title,
                "summary": a.summary,
                "content_html": a.body_html,
                "image": a.image_url,
                "date_published": a.published.isoformat(),
                "authors": [{"name": a.author}],
                "tags": [a.section],
            }
            for a in site.articles
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode()


def _rdf(site: NewsSite) -> bytes:
    resources = "".join(f"<rdf:li rdf:resource={quoteattr(a.url)}/>" for a in site.articles)
    items = "".join(
        f"<item rdf:about={quoteattr(a.url)}>\n"
        f"  <title>{escape(a.title)}</title>\n"
        f"  <link>{escape(a.url)}</link>\n"
        f"  <description>{escape(a.lead)}</description>\n"
        f"  <dc:date>{a.published.isoformat()}</dc:date>\n"
        f"  <dc:subject>{escape(a.section)}</dc:subject>\n"
        f"  <dc:creator>{escape(a.author)}</dc:creator>\n"
        "</item>\n"
        for a in site.articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"<channel rdf:about={quoteattr(site.feeds['rdf'])}>\n"
        f"  <title>{escape(site.title)}</title>\n"
        f"  <link>{escape(site.home_url)}</link>\n"
        f"  <description>{escape(site.description)}</description>\n"
        "  <dc:language>ar</dc:language>\n"
        f"  <items><rdf:Seq>{resources}</rdf:Seq></items>\n"
        "</channel>\n"
        f"{items}</rdf:RDF>\n"
    ).encode()

"""Feed discovery without the network: which feeds a page names, and what bytes are.

This module owns the pure half of "give me a site, find its feed": reading
feed links out of an HTML page (``find_feed_links``), the addresses to try
when a page names none (``candidate_urls``), and telling a feed from a web
page by its first bytes (``sniff_kind``). It must not fetch anything; the
fetcher calls it between downloads. It must not import Qt.

Pages are parsed with lxml's HTML parser (libxml2): it is C, recovers from any
markup, and never raises on broken input the way ``html.parser`` can. No
function here raises for any input: a page it cannot read has no links.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Final, Literal
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from lxml import etree

from reader.urls import web_url

__all__ = [
    "COMMON_FEED_PATHS",
    "MAX_PAGE_BYTES",
    "FeedLink",
    "LinkKind",
    "SniffedKind",
    "candidate_urls",
    "find_feed_links",
    "sniff_kind",
]

LinkKind = Literal["rss", "atom", "json", "unknown"]
SniffedKind = Literal["rss", "atom", "json"]

MAX_PAGE_BYTES: Final = 2_000_000
"""Only this much of a page is read: feed links live in the head, near the top."""

COMMON_FEED_PATHS: Final[tuple[str, ...]] = (
    "/feed/",  # WordPress, which serves much of the Arabic press
    "/feed",  # Substack, Ghost-style and hand-made sites
    "/rss",
    "/rss.xml",  # Drupal and many CMSs
    "/feed.xml",  # Jekyll
    "/atom.xml",
    "/index.xml",  # Hugo
    "/feed.json",
)
"""Where sites usually serve their feed, most likely first, to try in turn."""


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed a page points to; ``kind`` is what the link says, not yet checked."""

    url: str
    title: str | None
    kind: LinkKind


# Declared types of <link rel="alternate">, and whether the type is specific to
# feeds: the generic ones also name things that are not, so they rank after.
_LINK_TYPES: Final[dict[str, tuple[LinkKind, bool]]] = {
    "application/rss+xml": ("rss", True),
    "application/rdf+xml": ("rss", True),
    "application/atom+xml": ("atom", True),
    "application/feed+json": ("json", True),
    "application/json": ("json", False),
    "text/xml": ("unknown", False),
}
# Content types that settle the question when the bytes themselves do not.
_DECLARED_KINDS: Final[dict[str, SniffedKind]] = {
    "application/rss+xml": "rss",
    "application/rdf+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
_FEED_FILE_NAMES: Final[dict[str, LinkKind]] = {
    "rss": "rss",
    "rss.xml": "rss",
    "atom.xml": "atom",
    "feed.json": "json",
    # Jekyll's feed.xml is Atom and Hugo's index.xml is RSS: the name does not tell.
    "feed": "unknown",
    "feed.xml": "unknown",
    "index.xml": "unknown",
}
_COMMENT_WORDS: Final = ("comments", "التعليقات", "تعليقات")
_SNIFF_WINDOW: Final = 1024
# Enough to step over a long XML prolog (declaration, stylesheets, a licence comment).
_SNIFF_READ: Final = 16_384
_ROOT_RE: Final = re.compile(r"<([A-Za-z_][\w:.-]*)", re.ASCII)
_FEED_ROOT_RE: Final = re.compile(r"<(rss|rdf:RDF|RDF|feed|atom:feed)[\s>/]", re.ASCII)
_FEED_ROOTS: Final[dict[str, SniffedKind]] = {"rss": "rss", "rdf": "rss", "feed": "atom"}
_HTML_END_RE: Final = re.compile(rb"</html\s*>", re.IGNORECASE)
_HTML_DOCTYPE_RE: Final = re.compile(r"<!doctype\s+html\b", re.ASCII | re.IGNORECASE)
_HTML_ROOTS: Final = frozenset({"html", "head", "body", "meta", "title", "link", "script"})


def find_feed_links(html: bytes | str, base_url: str) -> list[FeedLink]:
    """The feeds a page links to, the most likely to be the site's main feed first.

    ``<link rel="alternate">`` elements with a feed type come first, in
    document order; ``<a>`` links to typical feed file names follow, those on
    the page's own host first. Comment feeds go last. URLs are resolved
    against ``base_url`` and the page's ``<base href>``, and each is listed once.
    """
    root = _parse_html(html)
    if root is None:
        return []
    base = _document_base(root, base_url)
    declared: list[tuple[tuple[bool, bool], FeedLink]] = []
    anchors: list[tuple[tuple[bool, bool], FeedLink]] = []
    page_host = _host(base_url)
    for element in root.iter("link", "a"):
        if element.tag == "link":
            found = _from_link_element(element, base)
            if found is not None:
                declared.append(((_is_comments(found[0]), not found[1]), found[0]))
        elif (anchor := _from_anchor(element, base)) is not None:
            anchors.append(((_is_comments(anchor), _host(anchor.url) != page_host), anchor))
    # sorted() is stable, so document order survives inside each rank.
    ordered = [link for _, link in sorted(declared, key=lambda pair: pair[0])]
    ordered += [link for _, link in sorted(anchors, key=lambda pair: pair[0])]
    seen: set[str] = set()
    unique = []
    for link in ordered:
        if link.url not in seen:
            seen.add(link.url)
            unique.append(link)
    return unique


def candidate_urls(page_url: str) -> list[str]:
    """``COMMON_FEED_PATHS`` on the site of ``page_url``; empty if it is not http(s)."""
    try:
        parts = urlsplit(page_url.strip())
    except ValueError:
        return []
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return []
    root = urlunsplit((parts.scheme.lower(), parts.netloc, "/", "", ""))
    return [urljoin(root, path) for path in COMMON_FEED_PATHS]


def sniff_kind(data: bytes, content_type: str | None) -> SniffedKind | None:
    """Whether ``data`` looks like a feed, and which; None means probably a web page.

    The first element decides (``<rss>``, ``<rdf:RDF>``, ``<feed>``, or a JSON
    object naming jsonfeed.org or ``items``), because servers often send
    feeds as ``text/html`` and error pages as ``application/rss+xml``. The
    content type is trusted only when the bytes say nothing either way.
    """
    text = _sniff_text(data[:_SNIFF_READ]).lstrip()
    declared = _DECLARED_KINDS.get(_media_type(content_type))
    if text.startswith("{"):
        window = text[:_SNIFF_WINDOW]
        named = "jsonfeed.org" in window or '"items"' in window
        return "json" if named or declared == "json" else None
    body = _skip_prolog(text)
    if not body:
        # Nothing but a prolog within reach: only the content type can tell.
        return declared
    return _sniff_markup(body[:_SNIFF_WINDOW])


def _sniff_markup(window: str) -> SniffedKind | None:
    """The kind of feed whose text (past the prolog) starts with ``window``."""
    match = _ROOT_RE.match(window)
    if match is None:
        return None
    name = match.group(1).lower()
    kind = _FEED_ROOTS.get(name.rpartition(":")[2])
    if kind is not None or name in _HTML_ROOTS:
        return kind
    # Junk before the root (a PHP warning, say) still leaves the feed behind it.
    found = _FEED_ROOT_RE.search(window)
    if found is None:
        return None
    return _FEED_ROOTS.get(found.group(1).lower().rpartition(":")[2])


def _parse_html(html: bytes | str) -> etree._Element | None:
    if isinstance(html, str):
        data = html[:MAX_PAGE_BYTES].encode("utf-8", "replace")
        encoding: str | None = "utf-8"
    else:
        data = html[:MAX_PAGE_BYTES]
        encoding = "utf-8" if _is_utf8(data) else None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # libxml2 drops everything after "</html>", where broken templates still put links.
    data = _HTML_END_RE.sub(b"", data)
    # Without a declared encoding libxml2 follows the page's <meta charset>.
    parser = etree.HTMLParser(
        encoding=encoding, recover=True, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root: etree._Element | None = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError, LookupError):
        return None
    return root


def _is_utf8(data: bytes) -> bool:
    # Not final: the 2 MB cut may fall inside a character, which is no sign of another encoding.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _document_base(root: etree._Element, base_url: str) -> str:
    """The URL links are relative to: the first ``<base href>``, as browsers do."""
    for element in root.iter("base"):
        href = element.get("href")
        if href is not None:
            return _resolve(base_url, href) or base_url
    return base_url


def _from_link_element(element: etree._Element, base: str) -> tuple[FeedLink, bool] | None:
    rel = (element.get("rel") or "").lower().split()
    media_type = _media_type(element.get("type"))
    if "alternate" not in rel or media_type not in _LINK_TYPES:
        return None
    url = _resolve(base, element.get("href") or "")
    # WordPress links every page to its REST API as application/json: not a feed.
    if url is None or "/wp-json/" in urlsplit(url).path:
        return None
    kind, specific = _LINK_TYPES[media_type]
    return FeedLink(url, _clean(element.get("title")), kind), specific


def _from_anchor(element: etree._Element, base: str) -> FeedLink | None:
    href = element.get("href") or ""
    # The name is read off the href itself, before resolving: cheaper on pages of
    # thousands of links, and "?page=2" on a page at /feed is not a feed link.
    path = href.partition("#")[0].partition("?")[0].strip().rstrip("/")
    kind = _FEED_FILE_NAMES.get(path.rpartition("/")[2].lower())
    url = _resolve(base, href) if kind is not None else None
    if kind is None or url is None:
        return None
    title = _clean(etree.tostring(element, method="text", encoding="unicode", with_tail=False))
    return FeedLink(url, title or _clean(element.get("title")), kind)


def _resolve(base: str, href: str) -> str | None:
    """``href`` made absolute without its fragment, if it is an http(s) URL."""
    url = web_url(href, base)
    return urldefrag(url).url if url else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _clean(value: object) -> str | None:
    """A title with its whitespace collapsed, or None if there is none."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _is_comments(link: FeedLink) -> bool:
    title = (link.title or "").casefold()
    return any(word in title for word in _COMMENT_WORDS) or "/comments/" in link.url.lower()


def _media_type(content_type: str | None) -> str:
    """The bare media type in lower case ("Text/XML; charset=utf-8" gives "text/xml")."""
    return (content_type or "").partition(";")[0].strip().lower()


def _sniff_text(head: bytes) -> str:
    """The start of ``data`` as text, good enough to find ASCII markup in."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "replace")
    # UTF-16 without a BOM shows as a NUL beside the first "<".
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", "replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", "replace")
    return head.decode("utf-8", "replace").removeprefix("\ufeff")


def _skip_prolog(text: str) -> str | None:
    """``text`` from its first element, or None if the prolog runs past what was read."""
    while True:
        text = text.lstrip()
        if text.startswith("<?"):
            end, step = text.find("?>"), 2
        elif text.startswith("<!--"):
            end, step = text.find("-->"), 3
        elif text.startswith("<!") and not text[2:9].lower().startswith("doctype"):
            end, step = text.find(">"), 1
        elif text.startswith("<!"):
            if _HTML_DOCTYPE_RE.match(text):
                return "<html>"
            # An internal subset ("[ ... ]") may hold ">" of its own.
            bracket, close = text.find("["), text.find(">")
            if 0 <= bracket < close:
                end, step = text.find("]>", bracket), 2
            else:
                end, step = close, 1
        else:
            return text
        if end < 0:
            return None
        text = text[end + step :]

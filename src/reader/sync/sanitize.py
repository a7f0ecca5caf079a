"""The allow-list every piece of HTML passes before it is stored, and its images.

Owns what an article body may contain: reading tags only, no scripts, styles,
frames, forms, event handlers, classes, ids, ``dir`` or ``align`` (Khabar
decides the direction of text when it shows it), links and images only over
http(s) (links also mailto), made absolute, without tracking parameters, and
no tracking pixels. It also points images at the local cache once they are
downloaded. Pure functions on strings: no I/O, no database, no Qt.

nh3 parses and cleans; a cheap pass over its output, whose form is fixed
(double-quoted attributes, every ``<`` and ``>`` inside text or values
escaped), does what nh3 cannot: demoting ``h1``, dropping pixels and empty
blocks, and removing tracking parameters. HTML that is already in nh3's
output form, built of a few tags that nest simply (``already_clean``), is not
parsed again: plain text and paragraphs are most of what feeds carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from html import escape, unescape
from urllib.parse import unquote, urljoin, urlsplit

import nh3

from reader.errors import ParseError, template
from reader.library.prepare import html_of_text, plain_text
from reader.urls import is_tracking_parameter

__all__ = [
    "MISSING_IMAGE_CLASS",
    "already_clean",
    "image_sources",
    "replace_image_sources",
    "sanitize_html",
]

MISSING_IMAGE_CLASS = "khabar-missing-image"
"""Class of the placeholder left for an image the cache does not hold (for the view's CSS)."""

_NOT_CLEANED = template("The article's HTML could not be cleaned.")

_TAGS = frozenset(
    {"p", "br", "hr", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt"}
    | {"dd", "blockquote", "q", "cite", "figure", "figcaption", "img", "a", "strong", "b", "em"}
    | {"i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "code", "pre", "abbr", "time"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    # Become <div>: Qt knows no HTML5 tags, and stripping them would join blocks' text.
    | {"article", "section", "main", "header", "footer", "aside"}
)
# Their text is not reading text (or is fallback for a player or a script).
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes"}
    | {"object", "applet", "noembed", "svg", "math", "canvas", "audio", "video", "button"}
    | {"select", "textarea", "title", "head"}
)
_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(),  # else nh3 keeps its default lang and title on every tag
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
# An href or src in nh3's output whose value names no scheme: relative.
_RELATIVE = re.compile(r' (href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:)([^"]*)"')
# nh3 takes 0.2 s to clean 10,000 nested elements and a minute for 100,000.
_MAX_DEPTH = 1000
# Opening and closing tags of elements that have an end (not br, img and the like).
_TAG_TOKEN = re.compile(
    r"<(/?)(?!(?:br|img|hr|meta|link|input|source|wbr|area|col|embed|param|track|base)\b)[a-zA-Z]",
    re.I,
)
# HTML nh3 gives back unchanged, checked in two passes. Its tokens: text
# without markup characters (and the entities nh3 writes), tags of the
# allow-list without attributes, and images with plain ones (checked again by
# _simple_image). Then its shape: nested one or two levels as feeds nest them,
# a block never inside a paragraph or a heading, a list item only in a list,
# so that the parser's rules for misplaced elements never apply. Anything else,
# safe or not, goes to nh3.
_CLEAN_TOKENS = re.compile(
    r"(?:[^<>&\x00-\x08\x0b-\x1f\x7f\r\xa0\ud800-\udfff\ufeff]++|&(?:amp|lt|gt|nbsp);"
    r"|</?(?:p|h[2-6]|ul|ol|li|blockquote|figure|figcaption|strong|em|b|i)>|<br>"
    r'|<img(?: (?:src|alt|width|height)="[^"<>&\x00\r\xa0\ud800-\udfff]*+'
    r'(?:&(?:amp|quot);[^"<>&\x00\r\xa0\ud800-\udfff]*+)*+")*+>'
    r")*+"
)
_LEAF = r"(?:[^<]++|<br>|<img[^>]*+>)"  # tokens already checked


def _elements(names: tuple[str, ...], content: str) -> str:
    # Spelled out per name: a backreference to a group inside a possessive
    # repeat raises SystemError in Python 3.11's re.
    return "|".join(f"<{name}>{content}</{name}>" for name in names)


_INLINE = ("strong", "em", "b", "i")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_PHRASING = rf"(?:{_LEAF}|{_elements(_INLINE, _LEAF + '*+')})*+"
_CLEAN_SHAPE = re.compile(
    rf"(?:{_LEAF}|{_elements(_INLINE, _LEAF + '*+')}"
    rf"|{_elements(('p', *_HEADINGS), _PHRASING)}"
    rf"|<figure>(?:{_LEAF}|{_elements(('p', 'figcaption'), _PHRASING)})*+</figure>"
    rf"|{_elements(('ul', 'ol'), rf'(?:[^<]++|<li>{_PHRASING}</li>)*+')}"
    rf"|<blockquote>(?:{_LEAF}|{_elements(('p', *_HEADINGS), _PHRASING)})*+</blockquote>"
    r")*+"
)
_IMAGE_START = re.compile("<img[ >]")
# An image address nh3 keeps as written: http(s), a host name (or an IPv4
# address) and a port the URL parser accepts, and no spaces.
_SIMPLE_SRC = re.compile(
    r"https?://(?:(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*"
    r"|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))"
    r"(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]?\d{1,4}))?"
    r"(?:[/?#]\S*)?",
    re.IGNORECASE | re.ASCII,
)
_SIMPLE_SIZE = re.compile(r"\d{1,5}", re.ASCII)

# Output of any input settles in one or two passes; the bound only guards
# against a parser quirk that would flip for ever.
_MAX_PASSES = 4

# In nh3's output "<" starts a tag and '"' ends a value, wherever they are, so
# these patterns cannot match inside text. A substitution that finds nothing
# costs one scan and returns its input; the steps whose pattern is slow to
# scan with are skipped unless something cheap to search for says they have work.
_RENAMED = re.compile(r"<(/?)(h1|article|section|main|header|footer|aside)(?=[ >])")
_IMG = re.compile(r"<img(?: [^>]*)?>")
_ATTR = re.compile(r' ([\w:-]+)="([^"]*)"')
_QUERY_HREF = re.compile(r' href="[^"?]*\?')
_LINK_HREF = re.compile(r'(<a [^>]*?href=")([^"]*\?[^"]*)"')
_EMPTY = re.compile(
    r"<(p|div|h[2-6]|a|figure|figcaption|blockquote)(?: [^>]*)?>(?:\s|&nbsp;|<br>)*</\1>"
)
_PIXEL_SIZES = frozenset({"0", "1", "0px", "1px"})
_TRACKER = re.compile(
    r"^https?://(?:[^/?#]*\.)?(?:pixel\.wp\.com|stats\.wordpress\.com|feedsportal\.com"
    r"|doubleclick\.net|google-analytics\.com|scorecardresearch\.com|quantserve\.com"
    r"|feeds\.feedburner\.com/~(?:r|ff)/)"
    r"|/(?:pixel|1x1|spacer|blank|transparent|beacon|track|tracking)\.(?:gif|png)(?:[?#]|$)",
    re.IGNORECASE,
)


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Clean a piece of feed or page HTML to what Khabar stores; idempotent.

    Relative ``href`` and ``src`` values are made absolute against ``base_url``
    (the article's address). Without a usable http(s) ``base_url`` they are
    removed, fragment-only links too: ids are removed, so the fragment would
    point nowhere. Links get ``rel="noopener noreferrer"``.
    """
    if _too_deep(html):
        html = html_of_text(plain_text(html))
    cleaner = _cleaner()
    try:
        if already_clean(html):
            # No link, relative address or tag to rename in it: only pixels and empty
            # blocks go, and what is left of clean HTML is clean.
            return _without_empty(_without_pixels(html))
        try:
            cleaned = cleaner.clean(html)
        except UnicodeEncodeError:  # lone surrogates (a careless JSON feed) cannot reach Rust
            cleaned = cleaner.clean(_without_surrogates(html))
        if _RELATIVE.search(cleaned):
            cleaned = _absolute(cleaned, _usable_base(base_url))
        out = _tidy(_untracked(_without_pixels(cleaned)))
        if out == cleaned == html:
            return out  # clean already: cleaning it again gives it again
        # A stripped tag can leave nesting the parser rebuilds otherwise (a heading
        # in a heading, a newline after <pre>): clean until the output is its own
        # result. Reparsing never changes a value, so images and URLs are done.
        for _ in range(_MAX_PASSES):
            again = _tidy(out if already_clean(out) else cleaner.clean(out))
            if again == out:
                break
            out = again
    except ValueError as exc:
        raise ParseError.say(_NOT_CLEANED) from exc
    return out


def already_clean(html: str) -> bool:
    """Whether nh3 would give ``html`` back unchanged, known without parsing it.

    True only for text and a few tags without attributes (and images with
    plain ``src``, ``alt``, ``width`` and ``height``), escaped as nh3 escapes
    and nested as ``_CLEAN_SHAPE`` allows. This only saves parsing: any
    other HTML goes to nh3.
    """
    if _CLEAN_TOKENS.fullmatch(html) is None or _CLEAN_SHAPE.fullmatch(html) is None:
        return False
    return "<img" not in html or all(
        _simple_image(html[m.start() : html.index(">", m.start())])
        for m in _IMAGE_START.finditer(html)
    )


def _simple_image(tag: str) -> bool:
    """Whether an ``<img`` tag's attributes are distinct and kept by nh3 as written."""
    attrs = _ATTR.findall(tag)
    if len({name for name, _ in attrs}) != len(attrs):
        return False
    for name, value in attrs:
        if name == "src" and _SIMPLE_SRC.fullmatch(value) is None:
            return False
        if name in ("width", "height") and _SIMPLE_SIZE.fullmatch(value) is None:
            return False
    return True


def _too_deep(html: str) -> bool:
    """Whether elements nest deeper than ``_MAX_DEPTH``: nh3 slows down sharply past that.

    Such HTML is hostile or broken; it is kept as paragraphs of its text.
    """
    if html.count("<") < _MAX_DEPTH:
        return False
    depth = 0
    for match in _TAG_TOKEN.finditer(html):
        depth += -1 if match[1] else 1
        if depth > _MAX_DEPTH:
            return True
    return False


def text_as_html(text: str) -> str:
    """Plain text as escaped HTML: blank lines part paragraphs, single newlines break lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (p.strip() for p in _BLANK_LINE.split(text))
    return "".join(
        f"<p>{escape(p, quote=False).replace(chr(10), '<br>')}</p>" for p in paragraphs if p
    )


def image_sources(html: str) -> list[str]:
    """The distinct remote ``src`` URLs of the images of sanitized HTML, in document order.

    Images already pointed at the cache (relative paths) are not listed.
    """
    sources: dict[str, None] = {}
    for tag in _IMG.finditer(html):
        src = unescape(dict(_ATTR.findall(tag.group())).get("src", ""))
        if src.startswith(("http://", "https://")):
            sources[src] = None
    return list(sources)


def replace_image_sources(html: str, local: Mapping[str, str]) -> str:
    """Point the images of sanitized HTML at their cached copies; mark the others missing.

    An image whose URL is in ``local`` gets the local reference (a relative
    path such as ``images/ab/abcdef.jpg``, trusted as given) as ``src`` and
    keeps its URL in ``data-khabar-src``. Any other remote image becomes
    ``<span class="khabar-missing-image" data-khabar-missing="URL">alt</span>``:
    the reader sees its alt text (or 🖼 when it has none) where it was. A span,
    not an ``<img src="">``, because QTextBrowser shows no alt text and logs a
    warning for an empty ``src``. The result is as safe as its input and needs
    no further sanitizing; images already pointed at the cache are left alone.
    """

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group()))
        url = unescape(attrs.get("src", ""))
        if "data-khabar-src" in attrs or not url.startswith(("http://", "https://")):
            return match.group()
        if url in local:
            attrs["src"] = _escape_value(local[url])
            attrs["data-khabar-src"] = _escape_value(url)
            return "<img" + "".join(f' {k}="{v}"' for k, v in attrs.items()) + ">"
        alt = escape(unescape(attrs.get("alt", "")).strip(), quote=False) or "🖼"
        return (
            f'<span class="{MISSING_IMAGE_CLASS}" data-khabar-missing="{_escape_value(url)}">'
            f"{alt}</span>"
        )

    return _IMG.sub(replace, html)


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # Relative URLs pass through nh3 and are made absolute by _absolute: a
    # cleaner per article address would cost as much as the cleaning.
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _absolute(html: str, base: str | None) -> str:
    """nh3's output with relative ``href`` and ``src`` values made absolute, or removed."""

    def resolve(match: re.Match[str]) -> str:
        if base is None:
            return ""
        try:
            url = urljoin(base, unescape(match[2]))
        except ValueError:
            return ""
        return f' {match[1]}="{_escape_value(url)}"'

    return _RELATIVE.sub(resolve, html)


def _usable_base(base_url: str | None) -> str | None:
    """``base_url`` if it is an absolute http(s) URL, else None."""
    base = (base_url or "").strip()
    try:
        parts = urlsplit(base)
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return base
    except ValueError:
        pass
    return None


def _tidy(html: str) -> str:
    """Demote ``h1``, turn sectioning containers into ``div``, drop empty blocks."""
    return _without_empty(_RENAMED.sub(lambda m: f"<{m[1]}{'h2' if m[2] == 'h1' else 'div'}", html))


def _without_empty(html: str) -> str:
    """Drop empty blocks, unless that would join the text on both sides."""
    previous = None
    while html != previous:  # a block may hold only blocks that were empty
        previous, html = html, _EMPTY.sub(_unless_between_text, html)
    return html


def _unless_between_text(match: re.Match[str]) -> str:
    # An empty block with text on both sides keeps that text on two lines.
    text, before, after = match.string, match.start() - 1, match.end()
    while before >= 0 and text[before].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    if before >= 0 and text[before] != ">" and after < len(text) and text[after] != "<":
        return match.group()
    return ""


def _without_pixels(html: str) -> str:
    """Drop images without a source or shaped like tracking pixels; untrack the others."""
    return _IMG.sub(_kept_image, html) if "<img" in html else html


def _kept_image(match: re.Match[str]) -> str:
    tag = match.group()
    attrs = dict(_ATTR.findall(tag))
    src = attrs.get("src", "")
    if (
        not src
        or attrs.get("width", "").strip().lower() in _PIXEL_SIZES
        or attrs.get("height", "").strip().lower() in _PIXEL_SIZES
        or _TRACKER.search(src)
    ):
        return ""
    kept = _without_tracking(src)
    return tag if kept is src else tag.replace(f' src="{src}"', f' src="{kept}"')


def _untracked(html: str) -> str:
    """Remove tracking parameters from the links of nh3's output."""
    return _LINK_HREF.sub(_untracked_href, html) if _QUERY_HREF.search(html) else html


def _untracked_href(match: re.Match[str]) -> str:
    url = match[2]
    kept = _without_tracking(url)
    return match.group() if kept is url else f'{match[1]}{kept}"'


def _without_tracking(url: str) -> str:
    """A URL as nh3 escaped it (``&amp;``) without tracking parameters, else ``url`` itself.

    The other parameters keep their order and spelling; nothing is re-escaped.
    """
    head, _, rest = url.partition("?")
    query, hash_mark, fragment = rest.partition("#")
    params = query.split("&amp;")
    kept = [p for p in params if not is_tracking_parameter(unquote(unescape(p.partition("=")[0])))]
    if len(kept) == len(params):
        return url
    return head + ("?" + "&amp;".join(kept) if kept else "") + hash_mark + fragment


def _escape_value(value: str) -> str:
    """Escape an attribute value exactly as nh3 does, so that a second pass is a no-op."""
    return escape(value, quote=False).replace('"', "&quot;").replace("\xa0", "&nbsp;")


def _without_surrogates(text: str) -> str:
    # Pairs written as two escapes become one character; lone halves become U+FFFD.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

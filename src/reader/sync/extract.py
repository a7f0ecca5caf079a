"""Full-article extraction: the main content and metadata of one news article page.

Owns turning a downloaded article page into an ``ExtractedPage``: decoding its
bytes (by ``reader.sync.charset``), running trafilatura, rewriting
trafilatura's XML dialect into plain HTML (h2-h4, p, ul/ol/li, blockquote,
figure/img/figcaption, strong/em, a, table), putting back the figure captions
trafilatura drops, and removing the "see also" lines and link-only lines that
news sites leave inside the article body.

It does not sanitize (``reader.sync.sanitize`` does), download anything or
touch the library, and imports no Qt. Every failure is a ``ParseError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree

from reader.errors import ParseError, template
from reader.sync.charset import declared_in_html, decode
from reader.urls import is_web_url

# Past these sizes a page is refused. Parsing is cheap, but trafilatura's time grows with
# the elements and the text: 15,000 elements of link-laden blocks took 2 to 3 s on a busy
# 2-core machine, 9 MB of paragraphs 4 s, while article pages have 1,000 to 5,000 elements
# and 5,000 to 50,000 characters of text. libxml2 stops nesting at depth 255.
MAX_PAGE_BYTES = 10_000_000
MAX_PAGE_ELEMENTS = 15_000
MAX_PAGE_TEXT = 1_000_000

_MIN_TEXT = 20  # characters: less is a stray line of the page, not an article
_NO_TEXT = template("No article text was found on the page.")
_TOO_LARGE = template("The article page is too large to be read.")
_UNREADABLE = template("The article page could not be read.")
_NOT_HTML = template("The page is empty or is not HTML.")

_STRIP_MARKS = str.maketrans("", "", "".join(map(chr, [*range(0x064B, 0x0660), 0x0670, 0x0640])))
# A line that only sends the reader elsewhere: «شاهد أيضاً: …», «اقرأ أيضا», "Read more:".
_SEE_ALSO = re.compile(
    r"(?:شاهد|[اأإ]قر[اأ]|طالع|تابع)\s*(?:[اأ]يضا|كذلك)|(?:شاهد|[اأإ]قر[اأ]|طالع)\s*[:\-–—]"
    r"|[اأإ]قر[اأ]\s+المزيد|read\s+(?:more|also)\b|also\s+read\b|see\s+also\b"
    r"|related(?:\s+\w+)?\s*[:\-–—|]",
    re.IGNORECASE,
)
# The heading of a related-articles box left inside the body.
_RELATED_HEADING = re.compile(
    r"(?:(?:[اأ]خبار|مواضيع|موضوعات|مقالات|قصص)\s+)?ذات\s+صل[ةه]|قد\s+يهمك"
    r"|related\b|more\s+(?:on|from|stories)\b|you\s+may\s+also\s+like",
    re.IGNORECASE,
)
_BYLINE_PREFIX = re.compile(r"^(?:بقلم|كتب|كتبت|بواسطة|إعداد|by)\b\s*[:\-–—]?\s*", re.I)
_HOME_WORDS = frozenset({"الرئيسية", "الصفحة الرئيسية", "home", "homepage", "accueil"})
_BREADCRUMBS = etree.XPath(
    "//*[contains(translate(@class, 'BREADCUMS', 'breadcums'), 'breadcrumb')"
    " or contains(translate(@id, 'BREADCUMS', 'breadcums'), 'breadcrumb')"
    " or contains(@itemtype, 'BreadcrumbList')]"
)
_PUBLISHED = etree.XPath("//time/@datetime | //*[@itemprop='datePublished']/@content")
_LANGUAGES = etree.XPath("//meta[@http-equiv='content-language' or @property='og:locale']/@content")
_VISIBLE_TEXT = etree.XPath("//text()[not(parent::script or parent::style)]")
_TEXT_OUTSIDE_LINKS = etree.XPath(".//text()[not(ancestor::a)]")

_RENAMES = {"p": "p", "item": "li", "quote": "blockquote", "code": "pre", "lb": "br",
            "del": "del", "table": "table", "row": "tr"}  # fmt: skip
_HI = {"#b": "strong", "#i": "em", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}
_UNWRAP = "x-unwrap"  # a marker for elements whose content takes their place
_BLOCKS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "figure", "table", "pre"})


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The main content of an article page and what the page says about it.

    ``body_html`` is plain HTML, not yet sanitized. ``published`` is aware UTC.
    ``image_url`` is the page's og:image, else the body's first image.
    ``text_length`` counts the characters of the body's text with runs of
    white space taken as one, to compare with the text a feed gave.
    """

    body_html: str
    title: str | None
    author: str | None
    published: datetime | None
    section: str | None
    lead: str | None
    image_url: str | None
    language: str | None
    text_length: int


def extract_page(html: bytes | str, url: str, *, encoding: str | None = None) -> ExtractedPage:
    """Extract the article of the page at ``url``.

    Bytes are decoded as ``reader.sync.charset.decode`` says, with ``encoding``
    the charset of the HTTP header if there was one. Raises ``ParseError`` when
    the page has no article text, is too large or cannot be parsed; nothing
    else escapes.
    """
    if len(html) > MAX_PAGE_BYTES:
        raise ParseError.say(_TOO_LARGE)
    if isinstance(html, bytes):
        html = decode(html, http_charset=encoding, declared=declared_in_html(html))
    try:
        return _extract(html, url)
    except ParseError:
        raise
    except Exception as err:  # lxml, trafilatura, htmldate and dateparser raise many kinds
        raise ParseError.say(_UNREADABLE) from err


def _extract(text: str, url: str) -> ExtractedPage:
    tree = trafilatura.load_html(text)
    if tree is None:
        raise ParseError.say(_NOT_HTML)
    for svg in list(tree.iter("svg")):  # icons: many elements, deleted by trafilatura anyway
        svg.drop_tree()
    visible_text = sum(map(len, _VISIBLE_TEXT(tree)))
    if tree.xpath("count(//*)") > MAX_PAGE_ELEMENTS or visible_text > MAX_PAGE_TEXT:
        raise ParseError.say(_TOO_LARGE)
    captions = _figure_captions(tree, url)
    # Keep the time and zone, not only the day; prefer the page's timestamps to the bare day
    # of an address like /2024/03/10/. No search of the free text: it took the date of a
    # linked article or the footer's "© 2024" (as 1 January) when the page named none.
    dates = {"original_date": True, "extensive_search": False, "deferred_url_extractor": True,
             "max_date": f"{datetime.now(UTC) + timedelta(days=1):%Y-%m-%d}",  # zones ahead
             "outputformat": "%Y-%m-%dT%H:%M:%S%z"}  # fmt: skip
    # Not fast=True: trafilatura's fallbacks (readability, jusText) changed nothing on our
    # article pages but cost only 10 to 20 % more, and they rescue pages of odd layout.
    doc = trafilatura.bare_extraction(
        tree, url=url, output_format="xml", include_comments=False,
        include_tables=True, include_images=True, include_formatting=True, include_links=True,
        with_metadata=True, date_extraction_params=dates,
    )  # fmt: skip
    if doc is None or isinstance(doc, dict):
        raise ParseError.say(_NO_TEXT)
    body, title = doc.body, _clean(doc.title)
    _to_html(body, url)
    _unwrap_layout_tables(body)
    _split_at_breaks(body)
    _restore_figures(body, captions)
    _drop_boilerplate(body, title, _clean(doc.description))
    # A line break after each block, so that the plain text does not run blocks together.
    for el in body.iter(*_BLOCKS, "li", "tr", "td", "th", "figcaption", "br"):
        el.tail = f"\n{el.tail or ''}" if el.tag == "br" or not (el.tail or "").strip() else el.tail
    plain = " ".join("".join(body.itertext()).split())
    if len(plain) < _MIN_TEXT:
        raise ParseError.say(_NO_TEXT)
    image = urljoin(url, doc.image) if doc.image else None
    if not (image and is_web_url(image)):
        image = next((img.get("src") for img in body.iter("img")), None)
    html = etree.tostring(body, method="html", encoding="unicode", with_tail=False)
    return ExtractedPage(
        body_html=html.removeprefix("<body>").removesuffix("</body>").strip(),
        title=title,
        author=_BYLINE_PREFIX.sub("", _clean(doc.author) or "") or None,
        published=_published(doc.date, tree),
        section=_clean(doc.categories[0] if doc.categories else None) or _breadcrumb(tree, title),
        lead=_clean(doc.description),
        image_url=image,
        language=_language(tree),
        text_length=len(plain),
    )


def _published(found: str | None, tree: Any) -> datetime | None:
    """When the page says it was published, in UTC."""
    date = _iso(found)
    if date is not None and date.tzinfo is None and date.time() == dt_time():
        # htmldate prefers the bare day of an address like /2024/03/10/ to a <time> of that day.
        stamps = (_iso(value) for value in _PUBLISHED(tree))
        date = next((s for s in stamps if s and s.date() == date.date() and s.tzinfo), date)
    # A page that gives no zone is taken as UTC: the feed's date usually wins anyway.
    return date and (date.astimezone(UTC) if date.tzinfo else date.replace(tzinfo=UTC))


def _iso(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None


def _clean(value: object) -> str | None:
    # Metadata from JSON-LD can be anything: a list, a number, an object.
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _text(el: Any) -> str:
    return " ".join(" ".join(el.itertext()).split())


def _language(tree: Any) -> str | None:
    candidates = [tree.getroottree().getroot().get("lang", ""), *_LANGUAGES(tree)]
    for value in candidates:
        primary = re.split(r"[-_,;\s]", value.strip().lower())[0]
        if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
            return primary
    return None


def _breadcrumb(tree: Any, title: str | None) -> str | None:
    """The most specific section in the page's breadcrumb trail: its last link but home."""
    for trail in _BREADCRUMBS(tree)[:1]:
        names = [
            name
            for a in trail.iter("a")
            if (name := _clean(a.text_content()))
            and name.casefold() not in _HOME_WORDS
            and name != title
            and urlsplit(a.get("href", "")).path.strip("/")
        ]
        if names and len(names[-1]) <= 60:
            return names[-1]
    return None


def _figure_captions(tree: Any, url: str) -> dict[str, tuple[int, str]]:
    """The caption of each figure, by the absolute addresses of its images."""
    captions: dict[str, tuple[int, str]] = {}
    for number, figure in enumerate(tree.iter("figure")):
        caption = next(figure.iter("figcaption"), None)
        text = _clean(caption.text_content()) if caption is not None else None
        if not text:
            continue
        for img in figure.iter("img"):
            # The attributes trafilatura takes an image's address from, lazy loading included.
            for name, src in img.attrib.items():
                if name == "src" or name.startswith("data-src"):
                    captions.setdefault(urljoin(url, src.strip()), (number, text))
    return captions


def _to_html(body: Any, url: str) -> None:
    """Rename trafilatura's XML elements to their HTML equivalents, in place."""
    here = url.split("#", maxsplit=1)[0]  # links within the page go with the unknowns
    for el in body.iter(etree.Element):
        tag, attrs = el.tag, dict(el.attrib)
        href = attrs.get("target", "")
        el.attrib.clear()
        if tag == "head":
            level = attrs.get("rend", "h3")[1:]
            el.tag = f"h{min(max(int(level) if level.isdigit() else 3, 2), 4)}"
        elif tag == "list":
            el.tag = "ol" if attrs.get("rend") == "ol" else "ul"
        elif tag == "hi" and attrs.get("rend") in _HI:
            el.tag = _HI[attrs["rend"]]
        elif tag == "cell":
            el.tag = "th" if attrs.get("role") == "head" else "td"
        elif tag == "ref" and is_web_url(href) and href.split("#")[0] != here:
            el.tag = "a"
            el.set("href", href)
        elif tag == "graphic" and is_web_url(attrs.get("src", "")):
            el.tag = "img"
            el.attrib.update({k: v for k, v in attrs.items() if k in {"src", "alt", "title"}})
        elif tag in _RENAMES:
            el.tag = _RENAMES[tag]
        elif el is not body:
            el.tag = _UNWRAP  # images without a web address have nothing to show offline
    etree.strip_tags(body, _UNWRAP)


def _unwrap_layout_tables(body: Any) -> None:
    """Tables that lay out a page (paragraphs or headings in cells) give way to their content."""
    for table in reversed(list(body.iter("table"))):
        cells = list(table.iter("td", "th"))
        if not any(next(cell.iter("p", "h2", "h3", "h4"), None) is not None for cell in cells):
            continue
        for cell in cells:
            cell.tag = _UNWRAP if any(child.tag in _BLOCKS for child in cell) else "p"
        for el in table.iter("table", "tr"):
            el.tag = _UNWRAP
    etree.strip_tags(body, _UNWRAP)


def _split_at_breaks(body: Any) -> None:
    """Make each line of a paragraph broken by <br> a paragraph of its own.

    Older Arabic sites write whole articles so; as paragraphs, each line takes its own
    direction in the view, and a «شاهد أيضاً» line can go alone."""
    for p in list(body.iter("p")):
        if p.find("br") is None:
            continue
        lines = [etree.Element("p")]
        lines[0].text = p.text
        for child in list(p):
            if child.tag == "br":
                lines.append(etree.Element("p"))
                lines[-1].text = child.tail
            else:
                lines[-1].append(child)
        for line in lines:
            p.addprevious(line)
        _remove(p)


def _restore_figures(body: Any, captions: dict[str, tuple[int, str]]) -> None:
    """Put each image standing alone in a figure, with the caption the page gave it."""
    used: set[int] = set()
    for img in list(body.iter("img")):
        parent = img.getparent()
        if parent.tag == "p" and len(parent) == 1 and not _text(parent):
            parent.tag, figure = "figure", parent
        elif parent is body:
            figure = etree.Element("figure")
            figure.tail, img.tail = img.tail, None
            img.addprevious(figure)
            figure.append(img)
        else:
            continue
        number, text = captions.get(img.get("src"), (-1, ""))
        if text and number not in used:
            used.add(number)
            etree.SubElement(figure, "figcaption").text = text
            following = figure.getnext()
            if following is not None and _text(following) == text:
                _remove(following)  # trafilatura kept the caption as a paragraph


def _drop_boilerplate(body: Any, title: str | None, lead: str | None) -> None:
    """Remove "see also" lines, lines that are only links, misplaced title and lead, empty blocks.

    A paragraph repeating the lead stays when it opens the body (it may be the real first
    paragraph); elsewhere it is the standfirst, which trafilatura sometimes appends last."""
    for el in list(body.iter("p", "li", "h2", "h3", "h4")):
        text = _text(el)
        start = text.translate(_STRIP_MARKS).lstrip("«»\"'-–—•*·:|([ ")[:80]
        heading = el.tag.startswith("h")
        if (
            _SEE_ALSO.match(start)
            or _links_only(el)
            or (heading and (text == title or _RELATED_HEADING.match(start)))
            or (el.tag == "p" and text == lead and el is not body[0])
        ):
            _remove(el)
    for el in reversed(list(body.iter(*_BLOCKS, "li"))):
        if not "".join(el.itertext()).strip() and next(el.iter("img"), None) is None:
            _remove(el)


def _links_only(el: Any) -> bool:
    if next(el.iter("img"), None) is not None or next(el.iter("a"), None) is None:
        return False
    return not any(ch.isalnum() for piece in _TEXT_OUTSIDE_LINKS(el) for ch in piece)


def _remove(el: Any) -> None:
    """Delete an element but keep the text that follows it."""
    parent, previous = el.getparent(), el.getprevious()
    if el.tail and el.tail.strip() and previous is not None:
        previous.tail = (previous.tail or "") + el.tail
    elif el.tail and el.tail.strip() and parent is not None:
        parent.text = (parent.text or "") + el.tail
    if parent is not None:
        parent.remove(el)

"""The HTML allow-list: what survives, what is dropped, stability, and the image helpers."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.sync import sanitize
from reader.sync.sanitize import (
    MISSING_IMAGE_CLASS,
    already_clean,
    image_sources,
    replace_image_sources,
    sanitize_html,
)

BASE = "https://news.example/world/2024/story.html"
ARABIC = "قالت وزارة الزراعة إن موسم الحصاد بدأ مبكراً هذا العام بفضل الأمطار."


class _Tags(HTMLParser):
    """Every start tag of a document, as the standard library's parser reads it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _attributes(html: str) -> list[tuple[str, str, str]]:
    return [(tag, k, v) for tag, attrs in _Tags(html).tags for k, v in attrs.items()]


# --- HTML-ish text made of the pieces an attacker or a careless feed would use.

_TAG_NAMES = st.sampled_from(
    [
        *("p", "a", "img", "div", "span", "h1", "h2", "h3", "pre", "li", "ul", "table", "tr"),
        *("td", "figure", "figcaption", "blockquote", "b", "i", "section", "article", "br", "hr"),
        *("script", "style", "noscript", "template", "iframe", "object", "embed", "form"),
        *("input", "button", "svg", "math", "link", "meta", "base", "textarea", "title"),
        *("select", "option"),
    ]
)
_URLS = st.sampled_from(
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:x",
        "&#106;avascript:x",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        "/relative?utm_source=rss&id=7",
        "img/a.png",
        "#note",
        "//cdn.example/i.png?fbclid=x",
        "https://news.example/a?b=1&utm_medium=feed&c=2",
        "mailto:desk@news.example",
        "https://t.example/pixel.gif",
        "",
    ]
)
_ATTRIBUTE = st.one_of(
    st.builds(
        lambda n, u: f' {n}="{u}"', st.sampled_from(["href", "src", "srcset", "action"]), _URLS
    ),
    st.sampled_from(
        [
            ' onclick="alert(1)"',
            " onerror=alert(1)",
            " ONLOAD='x'",
            ' style="color:red"',
            ' dir="ltr"',
            " dir=rtl",
            ' align="left"',
            ' class="x"',
            ' id="y"',
            ' width="1"',
            ' height="1px"',
            ' alt="صورة"',
            ' title="a onclick=b"',
            ' data-x="1"',
        ]
    ),
)
_OPEN = st.builds(
    lambda name, attrs, close: f"<{name}{''.join(attrs)}{close}>",
    _TAG_NAMES,
    st.lists(_ATTRIBUTE, max_size=4),
    st.sampled_from(["", " /"]),
)
_CLOSE = st.builds(lambda name: f"</{name}>", _TAG_NAMES)
_TEXT = st.sampled_from([ARABIC, "text", " ", "\n", "<", "&", "&amp;", '"', "&nbsp;", "<!-- c -->"])
_HTMLISH = st.lists(st.one_of(_OPEN, _CLOSE, _TEXT), max_size=30).map("".join)
_BASES = st.sampled_from([None, BASE])


@settings(max_examples=400)
@given(_HTMLISH, _BASES)
def test_nothing_active_survives(html: str, base: str | None) -> None:
    out = sanitize_html(html, base)
    assert "<script" not in out.lower()
    for _tag, name, value in _attributes(out):
        assert not name.startswith("on"), out
        assert name not in {"style", "dir", "align", "class", "id", "srcset"}, out
        assert not name.startswith("data-"), out
        if name in {"href", "src"}:
            assert value.startswith(("http://", "https://", "mailto:")), out
            assert "utm_" not in value, out
            assert "fbclid" not in value, out
    assert {tag for tag, _ in _Tags(out).tags}.isdisjoint(
        {"script", "style", "iframe", "object", "embed", "form", "input", "button", "svg"}
        | {"math", "noscript", "template", "link", "meta", "base", "h1", "span"}
    ), out


@settings(max_examples=400)
@given(_HTMLISH, _BASES)
def test_sanitizing_is_idempotent(html: str, base: str | None) -> None:
    once = sanitize_html(html, base)
    assert sanitize_html(once, base) == once


@given(st.text(st.characters() | st.sampled_from(["\ud800", "\udfff", "<", "&", "\x00"])), _BASES)
def test_any_text_is_cleaned_or_refused_with_our_error(text: str, base: str | None) -> None:
    try:
        out = sanitize_html(text, base)
    except ReaderError:
        return
    assert sanitize_html(out, base) == out


# --- HTML in nh3's own output form, which sanitize_html does not parse again.

_SIMPLE_TEXT = st.sampled_from(
    [ARABIC, "text", " ", "\n", "\t", "&amp;", "&lt;", "&gt;", "&nbsp;", '"', "'", "/", "="]
)
# Characters and markup that nh3 may drop or write otherwise.
_AWKWARD_TEXT = st.sampled_from(
    [
        *("\ufeff", "\r", "\x00", "\x0c", "\x7f", "\xa0", ">", "<", "&", "&quot;", "&#1;"),
        *("\ud800", "\x85", "\u2028", "\ufffe", "\U0001f600", "<br/>", "<P>", "</p>", "<li>"),
        "<!-- -->",
    ]
)
_SIMPLE_SRC = st.sampled_from(
    [
        *("http://127.0.0.1:8080/img/01.png", "https://a.example/x.jpg", "HTTP://A.Example/x"),
        *("https://a.example/x?utm_source=1&amp;b=2", "https://t.example/pixel.gif"),
        "http://h:65535/",
    ]
)
_AWKWARD_SRC = st.sampled_from(
    [
        *("http://999.1.1.1/a.png", "http://h:99999/", "http://xn--zz/", "http://1.2.3/"),
        *(
            "/rel.png",
            "javascript:x",
            "http://a.example/\ud800x",
            "",
            "http://",
            "http://a.b/a b",
            "http://a.b:/x",
            "http://a.0x1/",
        ),
    ]
)


_SIMPLE_SIZE = st.sampled_from(["0", "1", "160"])
_AWKWARD_SIZE = st.sampled_from(["٣", "1px", ""])
_SIMPLE_ALT = st.sampled_from(["", "صورة", "&quot;q&quot;", "a&amp;b", "'"])
# Inside a value too, nh3 writes some characters otherwise (or cannot take them).
_AWKWARD_ALT = st.sampled_from(
    ["a\rb", "a\ud800b", "\x0c", "\x85", "\ufeff", "&lt;", "&#34;", "\xa0", "\U0001f600"]
)


def _image(
    sources: st.SearchStrategy[str],
    sizes: st.SearchStrategy[str],
    alts: st.SearchStrategy[str] = _SIMPLE_ALT,
) -> st.SearchStrategy[str]:
    attribute = st.one_of(
        sources.map(lambda v: f' src="{v}"'),
        alts.map(lambda v: f' alt="{v}"'),
        sizes.map(lambda v: f' width="{v}"'),
        sizes.map(lambda v: f' height="{v}"'),
    )
    distinct = st.lists(attribute, max_size=4, unique_by=lambda a: a.partition("=")[0])
    return distinct.map(lambda attrs: f"<img{''.join(attrs)}>")


def _wrapped(names: list[str], inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda name, parts: f"<{name}>{''.join(parts)}</{name}>",
        st.sampled_from(names),
        st.lists(inner, max_size=3),
    )


def _documents(
    text: st.SearchStrategy[str],
    src: st.SearchStrategy[str],
    sizes: st.SearchStrategy[str],
    alts: st.SearchStrategy[str] = _SIMPLE_ALT,
) -> st.SearchStrategy[str]:
    """Documents of the shapes feeds use, with this text and these images' attributes."""
    leaf = st.one_of(text, st.just("<br>"), _image(src, sizes, alts))
    phrasing = st.one_of(leaf, _wrapped(["b", "i", "strong", "em"], leaf))
    blocks = st.one_of(
        phrasing,
        _wrapped(["p", "h2", "h6"], phrasing),
        _wrapped(["figure"], st.one_of(leaf, _wrapped(["p", "figcaption"], phrasing))),
        _wrapped(["blockquote"], st.one_of(leaf, _wrapped(["p", "h3"], phrasing))),
        _wrapped(["ul", "ol"], _wrapped(["li"], phrasing)),
    )
    return st.lists(blocks, max_size=6).map("".join)


# Deeper nesting than already_clean knows, and misplaced elements.
_NESTED = st.recursive(
    st.one_of(_SIMPLE_TEXT, st.just("<br>"), _image(_SIMPLE_SRC, _SIMPLE_SIZE)),
    lambda inner: _wrapped(
        ["p", "h2", "figure", "figcaption", "ul", "ol", "li", "blockquote", "b", "em"], inner
    ),
    max_leaves=12,
)
_ANY_SIMPLE = st.one_of(
    _documents(_SIMPLE_TEXT, _SIMPLE_SRC, _SIMPLE_SIZE),
    _documents(
        st.one_of(_SIMPLE_TEXT, _AWKWARD_TEXT),
        st.one_of(_SIMPLE_SRC, _AWKWARD_SRC),
        st.one_of(_SIMPLE_SIZE, _AWKWARD_SIZE),
        st.one_of(_SIMPLE_ALT, _AWKWARD_ALT),
    ),
    st.lists(_NESTED, max_size=3).map("".join),
)


@settings(max_examples=1000)
@given(_ANY_SIMPLE)
def test_what_already_clean_accepts_nh3_gives_back_unchanged(html: str) -> None:
    if already_clean(html):
        assert sanitize._cleaner().clean(html) == html


@given(_documents(_SIMPLE_TEXT, _SIMPLE_SRC, _SIMPLE_SIZE))
def test_feed_shaped_html_is_already_clean(html: str) -> None:
    assert already_clean(html)


@settings(max_examples=300)
@given(_ANY_SIMPLE, _BASES)
def test_not_parsing_clean_html_changes_no_result(html: str, base: str | None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sanitize, "already_clean", lambda _html: False)
        parsed = sanitize_html(html, base)
    assert sanitize_html(html, base) == parsed


def test_already_clean_says_no_to_attributes_links_and_odd_characters() -> None:
    assert already_clean(
        f'<p>{ARABIC}</p>\n<figure><img src="https://n.example/a.jpg" alt="">'
        "<figcaption>أ</figcaption></figure>"
    )
    for html in (
        '<p class="x">أ</p>',
        '<a href="https://n.example/">أ</a>',
        "<p>أ<p>ب</p></p>",
        "<ul><li><ul><li>أ</li></ul></li></ul>",
        '<img src="https://n.example/a.jpg" src="https://n.example/b.jpg">',
        "<script>x</script>",
        "\ufeffأ",
        "أ\xa0ب",
    ):
        assert not already_clean(html), html


def test_arabic_paragraphs_survive_intact() -> None:
    html = f"<p>{ARABIC}</p><p>{ARABIC} ٢٠٢٤</p>"
    assert sanitize_html(html, BASE) == html


def test_lone_surrogates_become_replacement_characters() -> None:
    assert sanitize_html("<p>\ud800نص</p>") == "<p>\ufffdنص</p>"


def test_relative_urls_are_made_absolute() -> None:
    out = sanitize_html('<p><a href="../more.html">more</a><img src="/i/a.jpg" alt="a"></p>', BASE)
    assert 'href="https://news.example/world/more.html"' in out
    assert 'src="https://news.example/i/a.jpg"' in out


def test_without_a_base_relative_urls_are_dropped() -> None:
    out = sanitize_html('<p><a href="more.html">more</a> <a href="#n1">1</a></p>')
    assert out == '<p><a rel="noopener noreferrer">more</a> <a rel="noopener noreferrer">1</a></p>'


def test_an_unusable_base_counts_as_none() -> None:
    html = '<p><a href="more.html">more</a></p>'
    for base in ("not a url", "ftp://x.example/", "https://", "http://[::1"):
        assert sanitize_html(html, base) == sanitize_html(html)


def test_tracking_parameters_are_removed_and_others_keep_their_order() -> None:
    out = sanitize_html(
        '<a href="https://n.example/a?z=1&amp;utm_source=rss&amp;a=2&amp;fbclid=x#top">x</a>'
        '<img src="https://n.example/i.jpg?utm_campaign=c" alt="">'
    )
    assert 'href="https://n.example/a?z=1&amp;a=2#top"' in out
    assert 'src="https://n.example/i.jpg"' in out
    out = sanitize_html(
        '<a href="https://n.example/?utm%5Fsource=x">a</a>'
        '<a href="mailto:desk@n.example?subject=hi&amp;utm_medium=m">b</a>'
    )
    assert 'href="https://n.example/"' in out
    assert 'href="mailto:desk@n.example?subject=hi"' in out


@pytest.mark.parametrize(
    "img",
    [
        '<img src="https://n.example/t.gif" width="1" height="1">',
        '<img src="https://n.example/t.gif" width="0" height="0">',
        '<img src="https://n.example/t.gif" width="1px" height="1px">',
        '<img src="https://pixel.wp.com/g.gif?v=1">',
        '<img src="https://feeds.feedburner.com/~r/news/~4/abc">',
        '<img src="https://n.example/stats/pixel.gif">',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    ],
)
def test_tracking_pixels_are_removed(img: str) -> None:
    assert sanitize_html(f"<p>{ARABIC}</p><p>{img}</p>") == f"<p>{ARABIC}</p>"


def test_images_keep_only_what_is_cached_and_shown() -> None:
    out = sanitize_html(
        '<img src="https://n.example/a.jpg" srcset="a2.jpg 2x" alt="صورة" width="600" '
        'height="400" loading="lazy" class="wide" style="float:left" align="right">'
    )
    assert out == '<img src="https://n.example/a.jpg" alt="صورة" width="600" height="400">'


def test_figures_blockquotes_and_tables_are_kept() -> None:
    html = (
        '<figure><img src="https://n.example/a.jpg" alt="أ"><figcaption>تعليق</figcaption></figure>'
        "<blockquote><p>اقتباس</p></blockquote>"
        "<table><tbody><tr><th>أ</th><td>ب</td></tr></tbody></table>"
    )
    assert sanitize_html(html) == html


def test_h1_is_demoted_and_sections_become_divs() -> None:
    out = sanitize_html("<article><h1>عنوان</h1><section><p>نص</p></section></article>")
    assert out == "<div><h2>عنوان</h2><div><p>نص</p></div></div>"


def test_direction_alignment_classes_and_ids_are_removed() -> None:
    out = sanitize_html(f'<p dir="rtl" align="right" class="lead" id="p1" style="x">{ARABIC}</p>')
    assert out == f"<p>{ARABIC}</p>"


def test_frames_forms_and_their_controls_are_gone() -> None:
    out = sanitize_html(
        '<p>قبل</p><iframe src="https://v.example/e"><p>inner</p></iframe>'
        '<form action="/s"><input name="q"><button>ابحث</button></form><p>بعد</p>'
    )
    assert out == "<p>قبل</p><p>بعد</p>"


def test_script_style_noscript_and_template_lose_their_contents() -> None:
    out = sanitize_html(
        "<p>أ</p><script>track()</script><style>p{color:red}</style>"
        "<noscript><img src='https://n.example/t.gif'></noscript><template><p>t</p></template>"
    )
    assert out == "<p>أ</p>"


def test_javascript_links_lose_their_href() -> None:
    out = sanitize_html('<a href="javascript:alert(1)" onclick="alert(2)">انقر</a>')
    assert out == '<a rel="noopener noreferrer">انقر</a>'


def test_links_get_rel_noopener() -> None:
    out = sanitize_html('<a href="https://n.example/" rel="nofollow" target="_blank">x</a>')
    assert out == '<a href="https://n.example/" rel="noopener noreferrer">x</a>'


def test_empty_paragraphs_between_blocks_are_dropped_but_text_is_not_joined() -> None:
    assert sanitize_html("<p>أ</p>\n<p>&nbsp;</p>\n<p><br></p><p>ب</p>") == "<p>أ</p>\n\n<p>ب</p>"
    assert sanitize_html("<div>أ<p></p>ب</div>") == "<div>أ<p></p>ب</div>"


def test_image_sources_are_distinct_and_in_document_order() -> None:
    html = sanitize_html(
        '<img src="https://n.example/b.jpg?x=1&amp;y=2"><p><img src="https://n.example/a.jpg">'
        '<img src="https://n.example/b.jpg?x=1&amp;y=2"></p>'
    )
    assert image_sources(html) == ["https://n.example/b.jpg?x=1&y=2", "https://n.example/a.jpg"]


def test_replacing_sources_points_at_the_cache_and_marks_the_rest_missing() -> None:
    html = sanitize_html(
        '<figure><img src="https://n.example/a.jpg" alt="أ" width="600"></figure>'
        '<p><img src="https://n.example/b.jpg?x=1&amp;y=2" alt="صورة &quot;ب&quot; &lt;"></p>'
        '<p><img src="https://n.example/c.jpg"></p>'
    )
    out = replace_image_sources(html, {"https://n.example/a.jpg": "images/ab/abcdef.jpg"})
    assert out == (
        '<figure><img src="images/ab/abcdef.jpg" alt="أ" width="600" '
        'data-khabar-src="https://n.example/a.jpg"></figure>'
        f'<p><span class="{MISSING_IMAGE_CLASS}" data-khabar-missing='
        '"https://n.example/b.jpg?x=1&amp;y=2">صورة "ب" &lt;</span></p>'
        f'<p><span class="{MISSING_IMAGE_CLASS}" data-khabar-missing='
        '"https://n.example/c.jpg">🖼</span></p>'
    )
    assert image_sources(out) == []
    assert replace_image_sources(out, {}) == out

"""The HTML allow-list: what survives, what is dropped, stability, and the image helpers."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.sync.sanitize import (
    MISSING_IMAGE_CLASS,
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

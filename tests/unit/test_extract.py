"""Full-article extraction: the article and only it, its metadata, no escape but ParseError."""

from __future__ import annotations

import contextlib
import pickle
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from reader.errors import ParseError
from reader.sync.extract import MAX_PAGE_BYTES, ExtractedPage, extract_page

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"
AR_URL = "https://alwaha.example/culture/2024/03/10/new-library"
EN_URL = "https://courier.example/news/science/otter-count"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _blocks(body_html: str) -> list[tuple[str, str]]:
    """The top-level blocks of a body: (tag, text with runs of space as one)."""
    return [
        (el.tag, " ".join(el.text_content().split()))
        for el in lxml_html.fragments_fromstring(body_html)
        if not isinstance(el, str)
    ]


def _article_paragraphs(page: str) -> list[str]:
    """The paragraphs of the fixture's article body, less its two «see also» lines."""
    body = lxml_html.fromstring(page).xpath("//div[@class='article-body']")[0]
    texts = [" ".join(p.text_content().split()) for p in body.findall("p")]
    return [t for t in texts if not t.startswith(("شاهد أيضاً:", "اقرأ أيضا:"))]


@pytest.fixture(scope="module")
def arabic() -> ExtractedPage:
    return extract_page(_read("arabic_article.html").encode(), AR_URL)


@pytest.fixture(scope="module")
def english() -> ExtractedPage:
    return extract_page(_read("english_article.html"), EN_URL)


# The Arabic article ------------------------------------------------------------------


def test_arabic_paragraphs_come_out_exactly_and_in_order(arabic: ExtractedPage) -> None:
    expected = _article_paragraphs(_read("arabic_article.html"))
    assert len(expected) == 12
    blocks = _blocks(arabic.body_html)
    assert [text for tag, text in blocks if tag == "p"] == expected
    assert [tag for tag, _ in blocks] == [
        "p", "p", "p", "h2", "p", "ul", "p", "blockquote", "figure",
        "p", "p", "p", "h2", "p", "p", "p", "p",
    ]  # fmt: skip


def test_arabic_structure_survives(arabic: ExtractedPage) -> None:
    body = lxml_html.fragment_fromstring(arabic.body_html, create_parent="div")
    assert [h.text for h in body.iter("h2")] == [
        "ما الذي تقدمه المكتبة للزوار؟",
        "تمويل المشروع ومراحله",
    ]
    assert [li.text for li in body.iter("li")] == [
        "قاعة مطالعة هادئة تتسع لمئتي قارئ",
        "ركن للأطفال يضم ألعاباً تعليمية وكتباً مصورة",
        "مختبر حاسوب مجهز بأربعين جهازاً متصلاً بالشبكة",
        "أرشيف رقمي للصحف المحلية منذ خمسينيات القرن الماضي",
    ]
    (quote,) = body.iter("blockquote")
    assert quote.text_content().strip().startswith("نريد أن تكون المكتبة بيتاً ثانياً")
    (figure,) = body.iter("figure")
    (img,) = figure.iter("img")
    assert img.get("src") == "https://alwaha.example/images/2024/03/library-hall.jpg"
    assert img.get("alt") == "قاعة المطالعة"
    assert figure.findtext("figcaption") == "قاعة المطالعة الرئيسية في المكتبة الجديدة يوم الافتتاح"
    assert [s.text for s in body.iter("strong")] == ["ثلاث سنوات"]


@pytest.mark.parametrize(
    "boilerplate",
    [
        ">الرئيسية<",  # nav and breadcrumb
        "رياضة",
        "فيسبوك",  # share buttons
        "نسخ الرابط",
        "شاهد أيضاً",  # the inline "see also" lines and their links
        "مهرجان الكتاب السنوي",
        "اقرأ أيضا",
        "ترميم السينما",
        "أخبار ذات صلة",  # the related box
        "متحف المدينة",
        ">إعلان<",  # the ad
        "ads.example",
        "التعليقات",  # comments
        "خطوة رائعة",
        "أرسل تعليقك",
        "جميع الحقوق محفوظة",  # footer
        "سياسة الخصوصية",
        "/tag/",  # tags
        "بقلم",  # byline
        "الأحد 10 مارس",
        "logo.png",
    ],
)
def test_arabic_boilerplate_is_gone(arabic: ExtractedPage, boilerplate: str) -> None:
    assert boilerplate not in arabic.body_html


def test_arabic_metadata(arabic: ExtractedPage) -> None:
    assert arabic.title == "افتتاح مكتبة عامة جديدة في مدينة النخيل بعد ثلاث سنوات من البناء"
    assert arabic.author == "سارة المنصوري"
    assert arabic.published == datetime(2024, 3, 10, 5, 30, tzinfo=UTC)
    assert arabic.section == "ثقافة"
    assert arabic.lead == (
        "افتتحت بلدية مدينة النخيل مكتبة عامة تضم أكثر من مئة ألف كتاب وقاعات للقراءة والتعلم."
    )
    assert arabic.image_url == "https://alwaha.example/images/2024/03/library-front.jpg"
    assert arabic.language == "ar"
    text = lxml_html.fragment_fromstring(arabic.body_html, create_parent="div").text_content()
    assert arabic.text_length == len(" ".join(text.split()))  # blocks apart, inline runs together
    assert arabic.text_length > 2500


def test_section_falls_back_to_the_breadcrumb_and_date_to_the_time_element() -> None:
    page = _read("arabic_article.html")
    page = page.replace('<meta property="article:section" content="ثقافة">', "")
    page = page.replace(
        '<meta property="article:published_time" content="2024-03-10T08:30:00+03:00">', ""
    )
    result = extract_page(page, "https://alwaha.example/culture/new-library")
    assert result.section == "ثقافة"
    assert result.published == datetime(2024, 3, 10, 5, 30, tzinfo=UTC)


def test_no_date_is_better_than_a_wrong_one() -> None:
    page = _read("arabic_article.html")
    page = page.replace(
        '<meta property="article:published_time" content="2024-03-10T08:30:00+03:00">', ""
    )
    page = page.replace('<time datetime="2024-03-10T08:30:00+03:00">الأحد 10 مارس 2024</time>', "")
    page = page.replace("2024/03/10/", "")
    # Left: the date in a "see also" link's address and the footer's "© … 2024".
    assert extract_page(page, "https://alwaha.example/culture/new-library").published is None


def test_extracted_page_is_plain_data(arabic: ExtractedPage) -> None:
    assert pickle.loads(pickle.dumps(arabic)) == arabic  # worker processes send it back


# The English article -----------------------------------------------------------------


def test_english_article(english: ExtractedPage) -> None:
    assert _blocks(english.body_html) == [
        ("p", "More than two hundred volunteers walked the banks of the River Lark last weekend and"
              " recorded forty-one otters, the highest number since the annual survey began"
              " eighteen years ago."),
        ("p", "The count, organised by the Lark Valley Wildlife Group, covered sixty kilometres of"
              " river between the reservoir and the estuary. Each team of four walked a"
              " two-kilometre stretch at dawn and dusk, noting sightings, tracks and spraint."),
        ("h3", "Cleaner water, more fish"),
        ("p", "Survey coordinator Priya Nandakumar said the rise followed a decade of work to"
              " reduce run-off from farmland upstream. Fish numbers, she said, had recovered"
              " steadily, and otters follow the fish."),
        ("figure", "An otter photographed near the weir during the survey"),
        ("p", "The volunteers reported their sightings in three categories:"),
        ("ol", "animals seen directly, with time and place; fresh tracks in mud or sand; spraint"
               " found on rocks and logs."),
        ("blockquote", "We were careful never to count the same animal twice, so the real number"
                       " is probably higher."),
        ("p", "The group plans to repeat the survey in the spring and has asked anglers and walkers"
              " to send in photographs of any otters they see, with the date and an approximate"
              " location."),
        ("p", "Local schools will receive a summary of the results, and the group hopes to train a"
              " new generation of volunteers before next year's count."),
    ]  # fmt: skip
    assert '<img src="https://courier.example/media/2023/otter-bank.jpg"' in english.body_html
    for boilerplate in ("Read more", "Heron colony", "Related", "Beaver", "More stories",
                        "footbridge", "Most read", "Advertisement", "Comments", "Share on",
                        "All rights", "Subscribe", "environment reporter"):  # fmt: skip
        assert boilerplate not in english.body_html


def test_english_metadata(english: ExtractedPage) -> None:
    assert english.title == "Volunteers count record number of river otters"
    assert english.author == "Tom Hale"
    assert english.published == datetime(2023, 11, 4, 16, 5, tzinfo=UTC)
    assert english.section == "Science"  # from the breadcrumb: the page names no section
    assert english.lead == (
        "A weekend survey along the Lark found more otters than any count since records began."
    )
    # No og:image: the first image of the body stands for the article.
    assert english.image_url == "https://courier.example/media/2023/otter-bank.jpg"
    assert english.language == "en"


# "See also" lines and older page shapes ----------------------------------------------

FILLER = (
    "وأكد المسؤولون أن العمل سيستمر وفق الجدول الزمني المعلن، وأن النتائج الأولى ستظهر"
    " خلال الأشهر المقبلة بعد استكمال الدراسات الفنية اللازمة وإشراك السكان في القرار."
)


def _page(body: str, lang: str = "ar") -> str:
    return (
        f'<html lang="{lang}"><head><title>عنوان الخبر</title></head><body>'
        f"<nav><a href='/'>الرئيسية</a> <a href='/s'>سياسة</a></nav>"
        f"<article><h1>عنوان الخبر</h1>{body}</article>"
        "<footer><p>جميع الحقوق محفوظة</p></footer></body></html>"
    )


@pytest.mark.parametrize(
    "line",
    [
        "<p>شاهد أيضاً: <a href='/a/1'>خبر آخر عن المدينة</a></p>",
        "<p>شاهد ايضا <a href='/a/1'>خبر آخر عن المدينة</a></p>",
        "<p><strong>اقرأ أيضاً:</strong> <a href='/a/1'>خبر آخر عن المدينة</a></p>",
        "<p>إقرأ أيضا: خبر آخر عن المدينة بلا رابط</p>",
        "<p>طالع أيضا: <a href='/a/1'>خبر آخر عن المدينة</a></p>",
        "<p>« شاهد أيضاً » <a href='/a/1'>خبر آخر عن المدينة</a></p>",
        "<p><a href='/a/1'>خبر آخر عن المدينة يتحدث عن موضوع مختلف تماماً</a></p>",
        "<p>- <a href='/a/1'>خبر آخر</a> | <a href='/a/2'>وخبر ثالث</a></p>",
        "<ul><li><a href='/a/1'>خبر أول</a></li><li><a href='/a/2'>خبر ثان</a></li></ul>",
        "<h3>أخبار ذات صلة</h3>",
        "<p>Read more: <a href='/a/1'>Another story</a></p>",
        "<p>See also <a href='/a/1'>another story</a></p>",
        "<p>Related: <a href='/a/1'>Another story</a></p>",
    ],
)
def test_see_also_lines_are_removed(line: str) -> None:
    kept = [f"{FILLER} رقم {n}." for n in range(1, 4)]
    body = f"<p>{kept[0]}</p><p>{kept[1]}</p>{line}<p>{kept[2]}</p>"
    result = extract_page(_page(body), "https://site.example/a/0")
    assert _blocks(result.body_html) == [("p", text) for text in kept]


def test_ordinary_sentences_that_look_alike_are_kept() -> None:
    texts = [
        f"شاهد عيان قال إن الحادث وقع قرب الجسر. {FILLER}",
        f"Related talks will resume next week, the ministry said. {FILLER}",
        f"وقال إن <a href='/report'>التقرير الكامل</a> سينشر غداً. {FILLER}",
    ]
    result = extract_page(_page("".join(f"<p>{t}</p>" for t in texts)), "https://site.example/a/0")
    assert len(_blocks(result.body_html)) == 3
    assert '<a href="https://site.example/report">التقرير الكامل</a>' in result.body_html


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("بقلم: هدى السالم", "هدى السالم"),
        ("By Tom Hale", "Tom Hale"),
        ("Byron Clarke", "Byron Clarke"),
    ],
)
def test_author_loses_its_by(byline: str, author: str) -> None:
    page = _page(f"<p>{FILLER}</p>").replace(
        "<head>", f'<head><meta name="author" content="{byline}">'
    )
    assert extract_page(page, "https://site.example/a/0").author == author


def test_an_older_page_with_a_layout_table_and_line_breaks() -> None:
    lines = [f"{FILLER} سطر {n}." for n in range(1, 5)]
    cell = "<br><br>".join([*lines[:2], "شاهد أيضاً: <a href='/x'>خبر قديم</a>", *lines[2:]])
    page = _page(
        "<table><tr><td class='news'><p>" + cell + "</p></td>"
        "<td class='side'><a href='/most-read'>الأكثر قراءة</a></td></tr></table>"
    )
    result = extract_page(page.encode("cp1256"), "https://old.example/news.asp?id=7")
    assert _blocks(result.body_html) == [("p", line) for line in lines]


# Decoding ---------------------------------------------------------------------------


def test_windows_1256_pages_are_decoded_with_or_without_a_declaration(
    arabic: ExtractedPage,
) -> None:
    page = _read("arabic_article.html")
    declared = page.replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
    undeclared = page.replace('<meta charset="utf-8">', "")
    http_equiv = page.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
    )
    for variant in (declared, undeclared, http_equiv):
        assert extract_page(variant.encode("cp1256"), AR_URL) == arabic
    header = extract_page(undeclared.encode("cp1256"), AR_URL, encoding="windows-1256")
    assert header == arabic


# Errors and hostile input ----------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "",
        b"",
        "   ",
        "just some words, not a page",
        "<html></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"\x00\x01\x02\xff\xfe\x00",
        "<?xml version='1.0' encoding='utf-8'?><rss><channel></channel></rss>",
        "<html><body>" + "<div>" * 200_000 + "</body></html>",
    ],
)
def test_pages_without_an_article_raise_parse_error(page: str | bytes) -> None:
    with pytest.raises(ParseError) as caught:
        extract_page(page, "https://site.example/a")
    message = str(caught.value)
    assert message.endswith(".")
    assert "\n" not in message


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 1_000_000,  # 5 MB of nesting: libxml2 stops at depth 255
        "<html><body>" + "<div><p>خبر" * 200_000 + "</body></html>",
        "<html><body><table>" + "<tr><td>خلية</td><td>نص</td></tr>" * 150_000 + "</table>",
        "<html><body>" + "<p>" + "نص " * 60 + "</p>" * 20_000 + "</body></html>",
    ],
    ids=["nested-divs", "nested-paragraphs", "huge-table", "many-paragraphs"],
)
def test_huge_or_deep_pages_finish_quickly(page: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ParseError):
        extract_page(page, "https://site.example/a")
    assert time.perf_counter() - started < 5


def test_pages_past_the_size_limit_are_refused_at_once() -> None:
    with pytest.raises(ParseError, match="too large"):
        extract_page(b" " * (MAX_PAGE_BYTES + 1), "https://site.example/a")


FRAGMENTS = [
    "<p>", "</p>", "<div class='article'>", "</div>", "<br>", "<a href='/x'>", "</a>",
    "<figure><img src='i.jpg'><figcaption>", "</figcaption></figure>", "<table><tr><td>",
    "<h2>", "<li>", "<meta charset='windows-1256'>", "<html lang='ar'>", "<!--", "-->",
    "<script>", "<![CDATA[", "&amp;", "&#0;", "\x00", "شاهد أيضاً:", "اقرأ أيضا",
    "<time datetime='2024-13-45T99:00'>", "<meta property='og:image' content='javascript:x'>",
]  # fmt: skip
HTMLISH = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=80), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(page=HTMLISH | st.text())
def test_any_text_gives_a_page_or_parse_error(page: str) -> None:
    try:
        result = extract_page(page, "https://site.example/a/1")
    except ParseError:
        return
    assert isinstance(result, ExtractedPage)
    assert result.text_length > 0


@settings(max_examples=100, deadline=None)
@given(
    data=st.binary(max_size=2000),
    declared=st.none() | st.sampled_from(["utf-8", "x", "cp1256", "base64", "idna"]),
)
def test_any_bytes_give_a_page_or_parse_error(data: bytes, declared: str | None) -> None:
    with contextlib.suppress(ParseError):
        extract_page(b"<html><body><p>" + data, "https://site.example/a/1", encoding=declared)

"""Search through a real library: Arabic spellings, the query language, filters, ranking."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import add_source, entry
from reader.errors import InvalidSearchQueryError
from reader.library import Library
from reader.library.search import parse_query

# Our own sentences, one article each: (title, text).
ARTICLES = {
    1: ("افتتاح مكتبة جديدة", "افتتح أحمد مكتبةً كبيرة في المدينة، وقال إن القراءة تبني الأمم."),
    2: ("مؤتمر الاقتصاد", "ناقش المؤتمر خطة عام ٢٠٢٤ للاستثمار والتنمية في المنطقة."),
    3: ("رياضة", "فاز الفريق بالكأس بعد مباراة طويلة، واحتفل اللاعبون مع الجمهور."),
    4: ("قصة قصيرة", "كَتَبَ الكاتبُ قصةً عن البحرِ والسفنِ القديمة."),
    5: ("مستشفى المدينة", "افتتحت وزارة الصحة مستشفى جديدا يضم مئة سرير."),
    6: ("Runners in the city", "Thousands of runners were running through the old city."),
    7: ("بيان المسؤول", "قال المسؤول إن الرئيس سيزور آسيا الشهر المقبل."),
    8: ("الكلمة الطيبة", "الكلمةُ الطيبة صدقة، وبالكلمة يبدأ كل شيء، والكلمة أمانة."),
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = Library(tmp_path_factory.mktemp("search"))
    news = add_source(lib, "news", "أخبار")
    sport = add_source(lib, "sport", "رياضة")
    for n, (title, text) in ARTICLES.items():
        source = sport if n == 3 else news
        lib.store_entries(source, [entry(n, title, text, age=timedelta(hours=n))])
    lib.set_bookmarked(_id_of(lib, 5))
    yield lib
    lib.close()


def _id_of(lib: Library, n: int) -> int:
    title = ARTICLES[n][0]
    return next(a.id for a in lib.articles(limit=100).items if a.title == title)


def found(lib: Library, query: str, **filters: object) -> set[int]:
    """The fixture numbers of the articles a query finds."""
    titles = {title: n for n, (title, _text) in ARTICLES.items()}
    return {titles[r.article.title] for r in lib.search(query, **filters)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # hamza: without finds with, and the reverse
        ("احمد", {1}),
        ("أحمد", {1}),
        ("اسيا", {7}),
        ("المسوول", {7}),
        ("موتمر", {2}),
        # tashkeel: with finds plain, plain finds with
        ("كتب", {4}),
        ("مَكْتَبَة", {1}),
        ("الكَلِمَةُ", {8}),
        # clitics: without ال finds والكلمة and بالكلمة, and the reverse
        ("كلمة", {8}),
        ("بالكلمة", {8}),
        ("والكلمة", {8}),
        ("كأس", {3}),
        # ة/ه and ى/ي
        ("مكتبه", {1}),
        ("مستشفي", {5}),
        # digits
        ("2024", {2}),
        ("٢٠٢٤", {2}),
        ("۲۰۲۴", {2}),
        # English: case and stems
        ("RUNNER", {6}),
        ("run", {6}),
        # several words must all match
        ("افتتح مكتبة", {1}),
        ("مكتبة رياضة", set()),
    ],
)
def test_arabic_and_english_spellings(library: Library, query: str, expected: set[int]) -> None:
    assert found(library, query) == expected


def test_phrase_prefix_and_exclusion(library: Library) -> None:
    assert found(library, '"الكلمة الطيبة"') == {8}
    assert found(library, '"الطيبة الكلمة"') == set()
    assert found(library, "مكتب*") == {1}
    assert found(library, "افتتح*") == {1, 5}
    assert found(library, "افتتح* -مستشفى") == {1}
    assert found(library, 'افتتح* -"مئة سرير"') == {1}


def test_filters(library: Library) -> None:
    sport = library.find_category("Sports").id
    assert found(library, "فاز", category_id=sport) == {3}
    assert found(library, "جديد*", category_id=sport) == set()
    assert found(library, "افتتح*", bookmarked=True) == {5}
    news_source = library.sources()[0].id
    assert 3 not in found(library, "الفريق", source_id=news_source)


def test_snippet_highlights_original_text(library: Library) -> None:
    [result] = library.search("كلمة")
    marked = result.snippet.marked("[", "]")
    assert "[الكلمةُ]" in marked
    assert "[وبالكلمة]" in marked
    assert "[والكلمة]" in marked
    assert result.title_highlights == ((0, 6),)


def test_snippet_is_a_window_of_long_text(lib: Library) -> None:
    source = add_source(lib)
    filler = " ".join(["كلام"] * 150)
    long_filler = " ".join(["كلام"] * 1000)
    lib.store_entries(
        source,
        [
            entry(1, "عنوان", f"{filler} الهدف المنشود {long_filler}"),
            # a first mention far down the text: the snippet shows the beginning
            entry(2, "عنوان آخر", f"{long_filler} الهدف البعيد"),
        ],
    )
    [result] = lib.search("المنشود")
    assert len(result.snippet.text) < 300
    assert result.snippet.text.startswith("… ")
    assert result.snippet.text.endswith(" …")
    assert "[المنشود]" in result.snippet.marked()
    [far] = lib.search("البعيد")
    assert far.snippet.text.startswith("كلام")
    assert far.snippet.text.endswith(" …")


def test_ranking_prefers_title_then_recency(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(
        source,
        [
            entry(1, "خبر عادي", "ذكر النص الزيتون مرة", age=timedelta(hours=1)),
            entry(2, "الزيتون في العنوان", "نص آخر", age=timedelta(days=3)),
            entry(3, "خبر قديم", "ذكر النص الزيتون مرة", age=timedelta(days=5)),
        ],
    )
    titles = [r.article.title for r in lib.search("زيتون")]
    assert titles == ["الزيتون في العنوان", "خبر عادي", "خبر قديم"]


def test_updated_article_is_reindexed(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1, "عنوان أول", "نص عن التفاح")])
    assert len(lib.search("التفاح")) == 1
    lib.store_entries(source, [entry(1, "عنوان أول", "نص عن البرتقال")])
    assert lib.search("التفاح") == []
    assert len(lib.search("برتقال")) == 1


def test_removed_articles_leave_the_index(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1, "عنوان", "نص عن الرمان")])
    lib.remove_source(source)
    assert lib.search("رمان") == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "***", "-", '"', '""', "-قلم", '-"قلم"', "ا*", "()", "'", "\\", "- - -قلم"],
)
def test_unsearchable_queries_say_why(library: Library, query: str) -> None:
    with pytest.raises(InvalidSearchQueryError) as info:
        library.search(query)
    assert str(info.value).endswith(".")
    assert "fts5" not in str(info.value).lower()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "AND OR NEAR NOT",
        "NEAR(a b)",
        "title:كلمة",
        "كلمة^",
        "{title} : x",
        "x AND",
        "كلمة)",
        "x" * 400,
    ],
)
def test_fts_syntax_in_queries_is_taken_as_words(library: Library, query: str) -> None:
    assert isinstance(library.search(query), list)


def test_long_query_is_refused_clearly(library: Library) -> None:
    with pytest.raises(InvalidSearchQueryError, match="too long"):
        library.search("كلمة " * 2000)


def test_parse_query_quotes_everything() -> None:
    parsed = parse_query('Word* -"p q" x"y')
    assert parsed.match == '("word" * AND "x" AND "y") NOT "p q"'
    parsed = parse_query('NEAR(x) "OR" AND')
    assert parsed.match == '"near x"'  # "or" and "and" are too common to search by
    assert parse_query('"over the" road').match == '"over" AND "road"'
    assert parse_query("the*").match == '"the" *'  # the beginning of theatre
    with pytest.raises(InvalidSearchQueryError, match="too common"):
        parse_query("the and في")


def test_particles_do_not_narrow_a_search(library: Library) -> None:
    assert found(library, "في مكتبة") == found(library, "مكتبة") == {1}
    assert found(library, "the runners") == {6}


def test_one_letter_clitics_are_optional_in_both_directions(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(
        source,
        [
            entry(1, "الوزير يزور البلدة", "قال الوزير إن البرتقال وفير"),
            entry(2, "لقاء", "التقى وزير الزراعة بوزير الصحة وبرتقال كثير"),
        ],
    )
    assert {r.article.id for r in lib.search("وزير")} == {1, 2}
    assert {r.article.id for r in lib.search("برتقال")} == {1, 2}
    assert {r.article.id for r in lib.search("وبرتقال")} == {1, 2}
    assert {r.article.id for r in lib.search('"وزير الزراعة"')} == {2}


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=120))
def test_any_query_gives_results_or_a_clear_error(library: Library, query: str) -> None:
    try:
        results = library.search(query)
    except InvalidSearchQueryError as exc:
        message = str(exc)
        results = []
    else:
        message = "ok"
    assert message.endswith(".") or message == "ok"
    assert all(r.article.id > 0 for r in results)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.lists(
        st.sampled_from(['"', "-", "*", "(", ")", ":", "^", "AND", "OR", "NOT", "NEAR", "كلمة"]),
        max_size=12,
    ).map(" ".join)
)
def test_operator_soup(library: Library, query: str) -> None:
    with contextlib.suppress(InvalidSearchQueryError):
        library.search(query)


def test_search_in_a_fresh_folder(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        assert lib.search("أي شيء") == []


def test_common_words_rank_the_newest_articles_first(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.library import search as search_module

    monkeypatch.setattr(search_module, "WINDOW", 10)
    source = add_source(lib)
    lib.store_entries(
        source,
        [entry(n, f"خبر {n}", "كلمة شائعة جدا", age=timedelta(hours=n)) for n in range(1, 101)]
        + [entry(500, "خبر قديم نادر", "كلمة نادرة", age=timedelta(days=30))],
    )
    newest = lib.search("شائعة", limit=5)
    assert [r.article.title for r in newest] == [f"خبر {n}" for n in range(1, 6)]
    assert len(lib.search("شائعة", limit=60)) == 60
    assert [r.article.title for r in lib.search("نادرة")] == ["خبر قديم نادر"]


def test_index_is_rebuilt_when_normalization_changes(tmp_path: Path) -> None:
    from sqlalchemy import text

    from reader.library import db

    with Library(tmp_path) as lib:
        source = add_source(lib)
        lib.store_entries(source, [entry(1, "مكتبة المدينة", "نص عن الكتب")])
        with db.writing(lib._engine) as s:
            s.execute(text("UPDATE meta SET value = '0' WHERE key = 'index_version'"))
            s.execute(text("INSERT INTO article_fts (article_fts) VALUES ('delete-all')"))
        assert lib.search("مكتبة") == []
    with Library(tmp_path) as lib:
        assert len(lib.search("مكتبة")) == 1
        lib.remove_source(source)
        assert lib.search("مكتبة") == []


def test_index_stays_consistent_through_updates_and_deletes(lib: Library) -> None:
    source = add_source(lib)
    for round_ in range(3):
        lib.store_entries(
            source, [entry(n, f"عنوان {n}", f"نص الجولة {round_} رقم {n}") for n in range(20)]
        )
    assert len(lib.search("الجولة", limit=100)) == 20
    assert lib.search("0", limit=100)[0].article.title.startswith("عنوان")
    assert lib.search('"الجولة 1"', limit=100) == []
    assert len(lib.search('"الجولة 2"', limit=100)) == 20
    lib.remove_source(source)
    assert lib.search("الجولة", limit=100) == []
    assert lib.search("عنوان", limit=100) == []


def test_phrases_skip_particles_on_both_sides(lib: Library) -> None:
    source = add_source(lib)
    lib.store_entries(source, [entry(1, "زيارة", "وصل وزير الخارجية إلى مصر في الصباح")])
    assert len(lib.search('"الخارجية إلى مصر"')) == 1
    assert len(lib.search('"وزير الخارجية"')) == 1
    assert lib.search('"مصر وزير"') == []
    [result] = lib.search("مصر")
    assert "[مصر]" in result.snippet.marked()


@pytest.mark.parametrize(
    ("query", "values"),
    [
        ("في من", {}),
        ("-foo", {}),
        ("   ", {}),
        ("a*", {"word": "a*"}),
        (" ".join(f"كلمة{n}" for n in range(40)), {"count": 40}),
        ("ب" * 2000, {"length": 2000}),
    ],
)
def test_a_refused_query_keeps_its_sentence_for_the_window(
    query: str, values: dict[str, object]
) -> None:
    from reader.errors import TEMPLATES

    with pytest.raises(InvalidSearchQueryError) as info:
        parse_query(query)
    assert info.value.template in TEMPLATES
    assert values.items() <= info.value.values.items()
    assert info.value.template.format(**info.value.values) == str(info.value)

"""Tests of the ``khabar`` command: exit statuses, messages, JSON output and every subcommand.

A few tests run the real console script in a subprocess (``python -m reader``),
so that exit statuses, stderr and the encoding of stdout are the ones a shell
sees; the rest call ``reader.cli.main`` in-process for speed. Every library is
a real SQLite file in ``tmp_path``, filled through ``Library`` with short
Arabic and English articles written for these tests.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from helpers import NOW
from helpers.cli import assert_user_error, khabar
from reader import __version__
from reader.cli_output import failure_line, told_in
from reader.errors import SourceNotFoundError
from reader.library import Library
from reader.library.store import NO_SOURCE_NUMBER
from reader.types import EntryData

# Made-up articles: (key, source key, title, text, age, language, feed categories).
ARTICLES = (
    (
        "prices",
        "ar",
        "ارتفاع الأسعار في الأسواق المحلية",
        "أعلنت الغرفة التجارية أن الأسعار ارتفعت في الأسواق المحلية هذا الأسبوع.",
        timedelta(seconds=1),
        "ar",
        ("سياسة",),
    ),
    (
        "battery",
        "en",
        "New battery design lasts longer",
        "Engineers tested a battery that keeps running for two days on one charge.",
        timedelta(seconds=2),
        "en",
        (),
    ),
    (
        "robots",
        "en",
        "Small robots learn to sort parcels",
        "The robots were trained in a model warehouse built by students.",
        timedelta(days=2),
        "en",
        (),
    ),
    (
        "library",
        "ar",
        "افتتاح مكتبة جديدة في المدينة",
        "افتتحت البلدية مكتبةً جديدةً تضم آلاف الكتب للأطفال والكبار.",
        timedelta(days=3),
        "ar",
        (),
    ),
    (
        "match",
        "ar",
        "مباراة ودية بين فريقين محليين",
        "انتهت المباراة الودية بالتعادل بعد شوط ثان مثير.",
        timedelta(days=5),
        "ar",
        ("رياضة",),
    ),
)
NEWEST_FIRST = ["prices", "battery", "robots", "library", "match"]
SUMMARY_KEYS = {"id", "title", "source", "published", "is_read", "is_bookmarked"}
DEFAULT_CATEGORIES = 10

OPML = """\
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>قائمة للاختبار</title></head>
  <body>
    <outline text="ثقافة" title="ثقافة">
      <outline type="rss" text="مجلة الثقافة" title="مجلة الثقافة"
               xmlUrl="https://culture.example.com/rss" htmlUrl="https://culture.example.com/"/>
    </outline>
    <outline text="رياضة" title="رياضة">
      <outline type="rss" text="أخبار الملاعب" xmlUrl="https://sport.example.com/feed.xml"/>
    </outline>
    <outline type="rss" text="Loose Feed" xmlUrl="https://loose.example.com/atom.xml"/>
  </body>
</opml>
"""

HOSTILE_OPML = {
    "internal-entity": """\
<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY feed "https://evil.example.com/rss">]>
<opml version="2.0"><body>
  <outline text="ثقافة"><outline type="rss" text="x" xmlUrl="&feed;"/></outline>
</body></opml>
""",
    "external-entity": """\
<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<opml version="2.0"><body>
  <outline text="&secret;"><outline type="rss" text="x" xmlUrl="https://a.example.com/"/></outline>
</body></opml>
""",
    "billion-laughs": """\
<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY a "ha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<opml version="2.0"><body><outline text="&c;"/></body></opml>
""",
}


# --- running khabar ---------------------------------------------------------


def run_script(
    *args: str, data_dir: Path, stdin: bytes = b"", **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run the real ``khabar`` command in a subprocess with its data in ``data_dir``."""
    environment = {**os.environ, "KHABAR_DATA_DIR": str(data_dir)}
    environment.pop("PYTHONIOENCODING", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )


def assert_plain_json(text: str) -> Any:
    """Valid JSON that keeps Arabic as characters, never as \\u escapes."""
    data = json.loads(text)
    assert "\\u06" not in text
    return data


# --- libraries ----------------------------------------------------------------


@dataclass(frozen=True)
class Filled:
    """A library with two sources and five articles; ``ids`` maps article keys to ids."""

    data_dir: Path
    ids: dict[str, int]
    ar_source: int
    en_source: int

    def open(self) -> Library:
        return Library(self.data_dir)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder that ``khabar`` uses through $KHABAR_DATA_DIR."""
    folder = tmp_path / "khabar-data"
    monkeypatch.setenv("KHABAR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def filled(data_dir: Path) -> Filled:
    """The data folder holding an Arabic source (economy) and an English one (technology)."""
    with Library(data_dir) as lib:
        economy = lib.find_category("اقتصاد").id
        technology = lib.find_category("Technology").id
        sources = {
            "ar": lib.add_source(
                "https://akhbar.example.com/rss", title="أخبار المثال", category_id=economy
            ).id,
            "en": lib.add_source(
                "https://tech.example.com/feed", title="Tech Example", category_id=technology
            ).id,
        }
        for source_key, source_id in sources.items():
            lib.store_entries(
                source_id,
                [
                    EntryData(
                        title=title,
                        guid=f"urn:test:{key}",
                        url=f"https://{source_key}.example.com/articles/{key}",
                        published=NOW - age,
                        body_html=f"<p>{text}</p>",
                        text=text,
                        language=language,
                        categories=categories,
                    )
                    for key, owner, title, text, age, language, categories in ARTICLES
                    if owner == source_key
                ],
            )
        titles = {item.title: item.id for item in lib.articles(limit=50).items}
    ids = {key: titles[title] for key, _owner, title, *_rest in ARTICLES}
    return Filled(data_dir, ids, sources["ar"], sources["en"])


def keys_of(filled: Filled, items: list[dict[str, Any]]) -> list[str]:
    by_id = {article_id: key for key, article_id in filled.ids.items()}
    return [by_id[item["id"]] for item in items]


def published_today(key: str) -> bool:
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    age = next(article[4] for article in ARTICLES if article[0] == key)
    return NOW - age >= midnight


# --- the real command, in a subprocess --------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X and Wayland are Linux's")
def test_the_window_without_a_display_is_one_line(tmp_path: Path) -> None:
    result = run_script(
        data_dir=tmp_path / "data", DISPLAY="", WAYLAND_DISPLAY="", QT_QPA_PLATFORM=""
    )
    assert result.returncode == 1
    assert result.stderr.decode().startswith("khabar: there is no display")
    assert not (tmp_path / "data").exists()  # nothing opened a library


def test_errors_can_be_told_as_json_for_programs(tmp_path: Path) -> None:
    result = run_script("--error-format", "json", "search", "في", data_dir=tmp_path / "data")
    assert result.returncode == 1
    told = json.loads(result.stderr.decode())
    assert told["error"].startswith("These words are too common")
    assert told["template"] == told["error"]  # a sentence without values
    assert told["values"] == {}


@pytest.mark.parametrize("as_json", [False, True])
def test_a_failure_line_reads_back_as_it_was_told(as_json: bool) -> None:
    error = SourceNotFoundError.say(NO_SOURCE_NUMBER, number=3)
    line = failure_line(error, as_json)
    assert "\n" not in line
    said = told_in(["Traceback (most recent call last):", line, "  a later note"])
    assert said is not None
    assert said.english == "There is no source number 3."
    if as_json:
        assert (said.template, dict(said.values)) == (NO_SOURCE_NUMBER, {"number": 3})


def test_version(tmp_path: Path) -> None:
    result = run_script("--version", data_dir=tmp_path / "data")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"khabar {__version__}"
    assert not (tmp_path / "data").exists()  # nothing opened a library


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["list", "--limit", "0"],
        ["show", "notanumber"],
    ],
    ids=["unknown-command", "limit-zero", "id-not-a-number"],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    result = run_script(*args, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert b"usage: khabar" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["show", "999"],
        ["bookmark", "999"],
        ["add", "ftp://x"],
        ["add", "https://akhbar.example.com/rss", "--no-check"],  # already a source
        ["list", "--category", "فلك"],
        ["search", "!!! ؟؟ ..."],
        ["mark-read"],
    ],
    ids=[
        "show-unknown-id",
        "bookmark-unknown-id",
        "add-ftp",
        "add-twice",
        "list-unknown-category",
        "search-only-punctuation",
        "mark-read-nothing",
    ],
)
def test_user_error_exits_1_with_one_line(filled: Filled, args: list[str]) -> None:
    result = run_script(*args, data_dir=filled.data_dir)
    assert_user_error(result.returncode, result.stderr.decode("utf-8"))
    assert result.stdout == b""


def test_data_dir_option_before_and_after_the_subcommand(tmp_path: Path) -> None:
    from_env = tmp_path / "from-env"
    before, after = tmp_path / "before", tmp_path / "after"
    first = run_script("--data-dir", str(before), "stats", "--json", data_dir=from_env)
    second = run_script("stats", "--json", "--data-dir", str(after), data_dir=from_env)
    for result, folder in ((first, before), (second, after)):
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["library"] == str(folder / "library.sqlite3")
        assert (folder / "library.sqlite3").is_file()
    assert not from_env.exists()


def test_json_is_utf8_with_arabic_characters_whatever_the_terminal(filled: Filled) -> None:
    result = run_script("list", "--json", data_dir=filled.data_dir, PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # strict: fails on anything but UTF-8
    assert "ارتفاع الأسعار في الأسواق المحلية" in text
    assert "أخبار المثال" in text
    assert len(assert_plain_json(text)) == 5


def test_user_error_in_arabic_reaches_an_ascii_terminal_readable(filled: Filled) -> None:
    result = run_script(
        "list", "--category", "فلك", data_dir=filled.data_dir, PYTHONIOENCODING="ascii"
    )
    line = assert_user_error(result.returncode, result.stderr.decode("utf-8"))
    assert "فلك" in line


# --- list ---------------------------------------------------------------------


def test_list_prints_every_article_newest_first(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "list")
    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == 5
    assert "ارتفاع الأسعار في الأسواق المحلية" in lines[0]
    assert "أخبار المثال" in lines[0]
    assert "Small robots learn to sort parcels" in lines[2]


def test_list_of_an_empty_library_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "list")
    assert result.code == 0
    assert result.out.strip() == "No articles here."


def test_list_json(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "list", "--json")
    items = assert_plain_json(result.out)
    assert isinstance(items, list)
    assert keys_of(filled, items) == NEWEST_FIRST
    for item in items:
        assert item.keys() >= SUMMARY_KEYS
        assert item["is_read"] is False
        assert item["is_bookmarked"] is False
        published = datetime.fromisoformat(item["published"])
        assert published.utcoffset() is not None
    first = items[0]
    assert first["title"] == "ارتفاع الأسعار في الأسواق المحلية"
    assert first["source"] == "أخبار المثال"
    assert first["source_id"] == filled.ar_source
    assert datetime.fromisoformat(first["published"]) == NOW - timedelta(seconds=1)
    assert first["direction"] == "rtl"
    assert items[1]["direction"] == "ltr"


def test_list_views(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    with filled.open() as lib:
        lib.mark_read([filled.ids["robots"], filled.ids["prices"]])
        lib.set_bookmarked(filled.ids["library"])
        lib.set_bookmarked(filled.ids["robots"])

    def view(name: str) -> list[str]:
        return keys_of(filled, khabar(capsys, "list", "--view", name, "--json").json())

    assert view("all") == NEWEST_FIRST
    assert view("unread") == ["battery", "library", "match"]
    assert view("bookmarks") == ["robots", "library"]
    assert view("today") == [key for key in NEWEST_FIRST if published_today(key)]
    assert "robots" not in view("today")


@pytest.mark.parametrize("name", ["اقتصاد", "Economy", "economy", "إقتصاد"])
def test_list_by_category_in_arabic_or_english(
    filled: Filled, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    items = khabar(capsys, "list", "--category", name, "--json").json()
    assert keys_of(filled, items) == ["prices", "library", "match"]


def test_list_by_a_category_the_feed_gave(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    sports = khabar(capsys, "list", "--category", "Sports", "--json").json()
    assert keys_of(filled, sports) == ["match"]
    technology = khabar(capsys, "list", "--category", "تكنولوجيا", "--json").json()
    assert keys_of(filled, technology) == ["battery", "robots"]


def test_list_by_category_follows_the_reading_state(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    assert khabar(capsys, "mark-read", str(filled.ids["library"])).code == 0
    items = khabar(capsys, "list", "--category", "Economy", "--view", "unread", "--json").json()
    assert keys_of(filled, items) == ["prices", "match"]


def test_list_by_source_and_limit(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    english = khabar(capsys, "list", "--source", str(filled.en_source), "--json").json()
    assert keys_of(filled, english) == ["battery", "robots"]
    assert {item["source"] for item in english} == {"Tech Example"}
    limited = khabar(capsys, "list", "--limit", "2", "--json").json()
    assert keys_of(filled, limited) == NEWEST_FIRST[:2]
    both = khabar(capsys, "list", "--source", str(filled.ar_source), "--limit", "1", "--json")
    assert keys_of(filled, both.json()) == ["prices"]


def test_list_of_an_unknown_source_is_a_user_error(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "list", "--source", "999")
    line = assert_user_error(result.code, result.err)
    assert "999" in line


# --- show ---------------------------------------------------------------------


def test_show(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "show", str(filled.ids["library"]))
    assert result.code == 0
    assert result.out.splitlines()[0] == "افتتاح مكتبة جديدة في المدينة"
    assert "أخبار المثال" in result.out
    assert "https://ar.example.com/articles/library" in result.out
    assert "افتتحت البلدية مكتبةً جديدةً" in result.out


def test_show_json_adds_the_body(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "show", str(filled.ids["prices"]), "--json")
    article = assert_plain_json(result.out)
    assert article.keys() >= SUMMARY_KEYS | {"body_html", "lead", "categories", "url"}
    assert article["id"] == filled.ids["prices"]
    assert article["title"] == "ارتفاع الأسعار في الأسواق المحلية"
    assert article["source"] == "أخبار المثال"
    assert article["url"] == "https://ar.example.com/articles/prices"
    assert article["body_html"] == (
        "<p>أعلنت الغرفة التجارية أن الأسعار ارتفعت في الأسواق المحلية هذا الأسبوع.</p>"
    )
    assert article["lead"].startswith("أعلنت الغرفة التجارية")
    # The feed's category and the source's, in the order of the category list.
    assert article["categories"] == ["سياسة", "اقتصاد"]
    assert article["language"] == "ar"
    assert article["is_read"] is False


def test_show_does_not_mark_read(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    khabar(capsys, "show", str(filled.ids["battery"]))
    with filled.open() as lib:
        assert lib.article(filled.ids["battery"]).is_read is False


# --- search -------------------------------------------------------------------


def search(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    result = khabar(capsys, "search", *args, "--json")
    items = assert_plain_json(result.out)
    assert isinstance(items, list)
    return items


def test_search_json_has_highlighted_snippets(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    items = search(capsys, "battery")
    assert keys_of(filled, items) == ["battery"]
    item = items[0]
    assert item.keys() >= SUMMARY_KEYS | {"snippet"}
    assert "<mark>battery</mark>" in item["snippet"]
    assert item["snippet"].replace("<mark>", "").replace("</mark>", "") == item["snippet_text"]


def test_search_arabic_without_hamza_or_article(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    items = search(capsys, "اسواق")  # the text has الأسواق
    assert keys_of(filled, items) == ["prices"]
    assert "<mark>الأسواق</mark>" in items[0]["snippet"]
    assert items[0]["title"] == "ارتفاع الأسعار في الأسواق المحلية"


def test_search_arabic_ignores_tashkeel_and_taa_marbuta(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    items = search(capsys, "مكتبه جديده")  # the text has مكتبةً جديدةً
    assert keys_of(filled, items) == ["library"]
    assert "<mark>" in items[0]["snippet"]


def test_search_english_is_stemmed(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    assert keys_of(filled, search(capsys, "run")) == ["battery"]


def test_search_filters_and_limit(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    with filled.open() as lib:
        lib.set_bookmarked(filled.ids["match"])
    assert keys_of(filled, search(capsys, "محليين", "--bookmarked")) == ["match"]
    assert search(capsys, "الأسعار", "--bookmarked") == []
    assert search(capsys, "battery", "--source", str(filled.ar_source)) == []
    assert search(capsys, "battery", "--category", "Economy") == []
    assert keys_of(filled, search(capsys, "robots", "--category", "تكنولوجيا")) == ["robots"]
    assert len(search(capsys, "المحلية محليين")) == 0  # every word must match
    assert len(search(capsys, "محلي*", "--limit", "1")) == 1


def test_search_text_output(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    found = khabar(capsys, "search", "robots")
    assert found.code == 0
    assert "Small robots learn to sort parcels" in found.out
    assert "[robots]" in found.out  # not a terminal: brackets, not escape codes
    nothing = khabar(capsys, "search", "volcano")
    assert nothing.code == 0
    assert nothing.out.strip() == "Nothing found."


def test_search_snippet_is_html_of_the_snippet_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library(data_dir) as lib:
        source_id = lib.add_source("https://markup.example.com/rss").id
        text = "The value 5 < 6 & a literal <mark>tag</mark> in the lesson."
        lib.store_entries(source_id, [EntryData(title="A lesson", guid="g", text=text)])
    (item,) = search(capsys, "lesson")
    highlight_free = re.sub("</?mark>", "", item["snippet"])
    assert html.unescape(highlight_free) == item["snippet_text"]


def test_search_of_only_excluded_words_is_a_user_error(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "search", "-battery -robots")
    assert_user_error(result.code, result.err)


# --- bookmarks and reading state ----------------------------------------------------


def test_bookmark_and_unbookmark_persist(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = filled.ids["library"]
    result = khabar(capsys, "bookmark", str(article_id), "--json")
    data = assert_plain_json(result.out)
    assert data["id"] == article_id
    assert data["is_bookmarked"] is True
    with filled.open() as lib:
        assert lib.article(article_id).is_bookmarked is True
        assert lib.article(article_id).bookmarked_at is not None
    assert khabar(capsys, "bookmark", str(article_id)).code == 0  # twice is fine
    listed = khabar(capsys, "list", "--view", "bookmarks", "--json").json()
    assert keys_of(filled, listed) == ["library"]

    result = khabar(capsys, "unbookmark", str(article_id))
    assert result.code == 0
    assert "افتتاح مكتبة جديدة في المدينة" in result.out
    with filled.open() as lib:
        assert lib.article(article_id).is_bookmarked is False
    assert khabar(capsys, "list", "--view", "bookmarks", "--json").json() == []


def test_mark_read_and_unread(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    some = [str(filled.ids["prices"]), str(filled.ids["battery"])]
    result = khabar(capsys, "mark-read", *some, "--json")
    assert result.json() == {"changed": 2}
    with filled.open() as lib:
        assert lib.article(filled.ids["prices"]).is_read is True
        assert lib.article(filled.ids["battery"]).is_read is True
        assert lib.article(filled.ids["robots"]).is_read is False
    unread = khabar(capsys, "list", "--view", "unread", "--json").json()
    assert keys_of(filled, unread) == ["robots", "library", "match"]

    assert khabar(capsys, "mark-read", *some, "--json").json() == {"changed": 0}
    assert khabar(capsys, "mark-read", "--all", "--json").json() == {"changed": 3}
    assert khabar(capsys, "list", "--view", "unread", "--json").json() == []

    result = khabar(capsys, "mark-unread", str(filled.ids["match"]))
    assert result.code == 0
    assert result.out.strip() == "Marked 1 articles unread."
    with filled.open() as lib:
        assert lib.article(filled.ids["match"]).is_read is False
        assert lib.stats().unread == 1
    assert khabar(capsys, "mark-unread", "--all", "--json").json() == {"changed": 4}
    with filled.open() as lib:
        assert lib.stats().unread == 5


def test_mark_read_with_an_unknown_id_changes_nothing(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "mark-read", str(filled.ids["prices"]), "999")
    line = assert_user_error(result.code, result.err)
    assert "999" in line
    with filled.open() as lib:
        assert lib.stats().unread == 5


def test_mark_unread_with_nothing_named_is_a_user_error(
    filled: Filled, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(capsys, "mark-unread")
    assert_user_error(result.code, result.err)


# --- stats, sources, categories ---------------------------------------------------


def test_stats_json(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    with filled.open() as lib:
        lib.set_bookmarked(filled.ids["robots"])
        lib.mark_read([filled.ids["robots"]])
    stats = khabar(capsys, "stats", "--json").json()
    assert stats["articles"] == 5
    assert stats["unread"] == 4
    assert stats["bookmarked"] == 1
    assert stats["sources"] == 2
    assert stats["categories"] == DEFAULT_CATEGORIES
    assert stats["images"] == 0
    assert stats["database_bytes"] > 0
    assert stats["library"] == str(filled.data_dir / "library.sqlite3")
    assert datetime.fromisoformat(stats["newest"]) == NOW - timedelta(seconds=1)
    assert datetime.fromisoformat(stats["oldest"]) == NOW - timedelta(days=5)


def test_stats_text(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "stats")
    assert result.code == 0
    assert "Articles:   5 (5 unread, 0 bookmarked)" in result.out


def test_sources_json(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    with filled.open() as lib:
        lib.mark_read([filled.ids["match"]])
        economy = lib.find_category("Economy").id
    sources = assert_plain_json(khabar(capsys, "sources", "--json").out)
    by_id = {source["id"]: source for source in sources}
    assert by_id.keys() == {filled.ar_source, filled.en_source}
    arabic = by_id[filled.ar_source]
    assert arabic["title"] == "أخبار المثال"
    assert arabic["url"] == "https://akhbar.example.com/rss"
    assert arabic["category_id"] == economy
    assert arabic["unread"] == 2
    assert by_id[filled.en_source]["unread"] == 2


def test_sources_text(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "sources")
    assert "أخبار المثال  [اقتصاد]  3 unread  https://akhbar.example.com/rss" in result.out


def test_sources_of_an_empty_library(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert khabar(capsys, "sources", "--json").json() == []
    assert "No sources yet" in khabar(capsys, "sources").out


def test_categories_json(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    categories = assert_plain_json(khabar(capsys, "categories", "--json").out)
    assert len(categories) == DEFAULT_CATEGORIES
    by_name = {category["name"]: category for category in categories}
    assert by_name["اقتصاد"]["name_en"] == "Economy"
    assert by_name["اقتصاد"]["unread"] == 3
    assert by_name["تكنولوجيا"]["unread"] == 2
    assert by_name["سياسة"]["unread"] == 1
    assert by_name["رياضة"]["unread"] == 1
    assert by_name["صحة"]["unread"] == 0
    assert categories[0].keys() >= {"id", "name", "name_en", "unread"}


# --- add ----------------------------------------------------------------------------


def test_add_creates_a_missing_category(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(
        capsys,
        "add",
        "https://thaqafa.example.com/rss",
        "--category",
        "ثقافة",
        "--json",
        "--no-check",
    )
    source = assert_plain_json(result.out)
    assert source["url"] == "https://thaqafa.example.com/rss"
    assert source["unread"] == 0
    with filled.open() as lib:
        created = lib.find_category("ثقافة")
        assert len(lib.categories()) == DEFAULT_CATEGORIES + 1
        assert lib.source(source["id"]).category_id == created.id


@pytest.mark.parametrize("name", ["رياضة", "رياضه", "Sports", "SPORTS"])
def test_add_uses_an_existing_category(
    filled: Filled, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    result = khabar(
        capsys, "add", "https://malaab.example.com/rss", "--category", name, "--no-check"
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Added source ")
    with filled.open() as lib:
        sports = lib.find_category("رياضة")
        assert len(lib.categories()) == DEFAULT_CATEGORIES
        (added,) = [s for s in lib.sources() if s.url == "https://malaab.example.com/rss"]
        assert added.category_id == sports.id


def test_add_with_a_title_and_no_category(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = khabar(
        capsys, "add", "https://jareeda.example.com/feed", "--title", "الجريدة", "--no-check"
    )
    assert result.code == 0
    (source,) = khabar(capsys, "sources", "--json").json()
    assert source["title"] == "الجريدة"
    assert source["category_id"] is None


@pytest.mark.parametrize(
    "url", ["ftp://x", "https://akhbar.example.com/rss"], ids=["bad-url", "already-a-source"]
)
def test_a_refused_add_creates_no_category(
    filled: Filled, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    result = khabar(capsys, "add", url, "--category", "فلك", "--no-check")
    assert_user_error(result.code, result.err)
    with filled.open() as lib:
        assert len(lib.categories()) == DEFAULT_CATEGORIES


# --- OPML -------------------------------------------------------------------------


def category_of_each_source(library: Library) -> dict[str, tuple[str, str | None]]:
    """url -> (title, category name) of every source."""
    names = {category.id: category.name for category in library.categories()}
    return {
        source.url: (source.title, names.get(source.category_id) if source.category_id else None)
        for source in library.sources()
    }


EXPECTED_IMPORT = {
    "https://culture.example.com/rss": ("مجلة الثقافة", "ثقافة"),
    "https://sport.example.com/feed.xml": ("أخبار الملاعب", "رياضة"),
    "https://loose.example.com/atom.xml": ("Loose Feed", None),
}


def test_import_then_export_opml_round_trip(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml_file = tmp_path / "feeds.opml"
    opml_file.write_text(OPML, encoding="utf-8")
    result = khabar(capsys, "import-opml", str(opml_file), "--json")
    assert result.json() == {"added": 3, "existing": 0}
    with Library(data_dir) as lib:
        assert category_of_each_source(lib) == EXPECTED_IMPORT
        assert len(lib.categories()) == DEFAULT_CATEGORIES + 1  # ثقافة is new, رياضة is not
        assert lib.source(next(s.id for s in lib.sources() if "culture" in s.url)).site_url == (
            "https://culture.example.com/"
        )
    again = khabar(capsys, "import-opml", str(opml_file))
    assert again.code == 0
    assert again.out.strip() == "Imported 0 new sources (3 were already there)."

    exported = tmp_path / "out" / "exported.opml"
    exported.parent.mkdir()
    result = khabar(capsys, "export-opml", str(exported))
    assert result.code == 0, result.err
    assert result.out.strip() == f"Exported 3 sources to {exported}."
    assert [p.name for p in exported.parent.iterdir()] == ["exported.opml"]
    root = ET.fromstring(exported.read_bytes())
    culture = root.find("body/outline[@text='ثقافة']")
    assert culture is not None
    assert [o.get("xmlUrl") for o in culture] == ["https://culture.example.com/rss"]
    assert root.find("body/outline[@xmlUrl='https://loose.example.com/atom.xml']") is not None

    # Imported into a fresh library, the export gives the same sources in the same categories.
    fresh = tmp_path / "fresh"
    result = khabar(capsys, "--data-dir", str(fresh), "import-opml", str(exported), "--json")
    assert result.json() == {"added": 3, "existing": 0}
    with Library(fresh) as lib:
        assert category_of_each_source(lib) == EXPECTED_IMPORT


def test_export_opml_to_stdout(filled: Filled, capsys: pytest.CaptureFixture[str]) -> None:
    result = khabar(capsys, "export-opml", "-")
    assert result.code == 0
    assert result.err == ""
    root = ET.fromstring(result.out.encode("utf-8"))  # the whole output is the document
    assert root.tag == "opml"
    economy = root.find("body/outline[@text='اقتصاد']")
    assert economy is not None
    assert economy.get("{urn:khabar:opml}nameEn") == "Economy"
    assert [(o.get("text"), o.get("xmlUrl")) for o in economy] == [
        ("أخبار المثال", "https://akhbar.example.com/rss")
    ]
    assert "Exported" not in result.out


def test_import_opml_from_stdin(tmp_path: Path) -> None:
    result = run_script(
        "import-opml", "-", "--json", data_dir=tmp_path / "data", stdin=OPML.encode("utf-8")
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"added": 3, "existing": 0}
    with Library(tmp_path / "data") as lib:
        assert category_of_each_source(lib) == EXPECTED_IMPORT


@pytest.mark.parametrize("kind", sorted(HOSTILE_OPML))
def test_hostile_opml_is_refused_and_adds_nothing(
    filled: Filled, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    opml_file = tmp_path / "hostile.opml"
    opml_file.write_text(HOSTILE_OPML[kind], encoding="utf-8")
    with filled.open() as lib:
        before = (category_of_each_source(lib), lib.categories())
    result = khabar(capsys, "import-opml", str(opml_file))
    line = assert_user_error(result.code, result.err)
    assert "DTD" in line
    assert result.out == ""
    with filled.open() as lib:
        assert (category_of_each_source(lib), lib.categories()) == before


def test_opml_with_a_non_web_feed_adds_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml_file = tmp_path / "mixed.opml"
    opml_file.write_text(
        OPML.replace("https://loose.example.com/atom.xml", "file:///etc/passwd"),
        encoding="utf-8",
    )
    result = khabar(capsys, "import-opml", str(opml_file))
    line = assert_user_error(result.code, result.err)
    assert "file:///etc/passwd" in line
    assert khabar(capsys, "sources", "--json").json() == []


def test_a_failed_export_leaves_no_part_file(
    filled: Filled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    result = khabar(capsys, "export-opml", str(target))
    assert_user_error(result.code, result.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "khabar-data"]


@pytest.mark.parametrize("command", ["import-opml", "export-opml"])
def test_opml_file_that_cannot_be_read_or_written(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    result = khabar(capsys, command, str(tmp_path / "no-such-folder" / "feeds.opml"))
    line = assert_user_error(result.code, result.err)
    assert "no-such-folder" in line

"""``khabar add`` and ``khabar sync`` end to end against صحيفة الواحة on 127.0.0.1.

The window runs ``python -m reader sync --progress jsonl`` as a child process and
reads its lines as they come, so that form runs here as a real subprocess; the
other cases call ``reader.cli.main`` in-process for speed. Every library is a real
SQLite file in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import helpers
from helpers import LocalServer, NewsSite, rss_document
from helpers.cli import Result, khabar_command
from helpers.cli import khabar as run_khabar
from reader.library import Library

BROKEN_TITLE = "مصدر معطوب"
SYNC_JSON_KEYS = {
    "sources",
    "new",
    "updated",
    "unchanged",
    "failed",
    "pages",
    "images",
    "elapsed_s",
    "peak_rss_mb",
    "workers_peak_rss_mb",
    "results",
}
COUNTS = ("new", "updated", "unchanged", "pages", "images")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "khabar"


def khabar(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Result:
    """``khabar --data-dir DATA ARGS…`` in-process, with what it printed."""
    return run_khabar(capsys, "--data-dir", str(data_dir), *args)


def script_command(data_dir: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of the real ``khabar`` as the window starts it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return khabar_command(data_dir, *args), env


def run_script(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    command, base = script_command(data_dir, *args)
    done = subprocess.run(
        command, capture_output=True, env={**base, **(env or {})}, timeout=60, check=False
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_user_error(result: Result) -> str:
    """Status 1, nothing on stdout, one line on stderr starting ``khabar: ``, no traceback."""
    assert result.code == 1, result.err
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("khabar: ")
    assert "Traceback" not in result.err
    return lines[0]


def sources_of(data_dir: Path) -> list[tuple[int, str, str]]:
    with Library(data_dir) as lib:
        return [(s.id, s.url, s.title) for s in lib.sources()]


def subscribe(data_dir: Path, *urls: str, title: str | None = None) -> list[int]:
    """Sources added straight to the library, as an earlier ``khabar add --no-check`` would."""
    with Library(data_dir) as lib:
        return [lib.add_source(url, title=title).id for url in urls]


def article_requests(server: LocalServer) -> list[str]:
    """Requests for the site's article pages and images, in order."""
    return [
        r.path
        for r in server.requests
        if urlsplit(r.path).path.startswith(("/articles/", "/images/", "/pixel.gif"))
    ]


@pytest.fixture
def broken(news_site: NewsSite) -> str:
    """A feed address on the same server that answers 500."""
    news_site.server.route("/broken.xml", helpers.status(500))
    return news_site.url("/broken.xml")


# --- khabar add ----------------------------------------------------------------------


def test_add_a_home_page_finds_the_feed_its_link_names(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite
) -> None:
    result = khabar(capsys, data_dir, "add", news_site.home_url)
    assert result.code == 0, result.err
    rss, atom, json_feed = (news_site.feeds[n] for n in ("rss", "atom", "json"))
    [line] = result.out.splitlines()
    assert line.startswith(f"Added source 1: {news_site.title} ({rss}).")
    assert f"Found on {news_site.home_url}: a rss feed of {len(news_site.articles)} items." in line
    assert f"Other feeds named there: {atom}, {json_feed}." in line
    assert sources_of(data_dir) == [(1, rss, news_site.title)]


def test_add_json_says_where_the_feed_was_found(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite
) -> None:
    data = khabar(capsys, data_dir, "add", news_site.home_url, "--json").json()
    assert data["url"] == news_site.feeds["rss"]
    assert data["title"] == news_site.title
    assert data["site_url"] == news_site.home_url
    assert data["kind"] == "rss"
    assert data["items"] == len(news_site.articles)
    assert data["found_on"] == news_site.home_url
    assert data["other_feeds"] == [news_site.feeds["atom"], news_site.feeds["json"]]


def test_add_a_feed_address_directly(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite
) -> None:
    atom = news_site.feeds["atom"]
    data = khabar(capsys, data_dir, "add", atom, "--json", "--category", "أخبار").json()
    assert data["url"] == atom
    assert data["kind"] == "atom"
    assert data["found_on"] is None
    assert data["other_feeds"] == []
    assert data["category_id"] is not None
    assert news_site.server.hits("/atom.xml") == 1
    assert news_site.server.hits("/") == 0  # a feed needs no discovery

    result = khabar(capsys, data_dir, "add", news_site.feeds["json"])
    assert result.code == 0, result.err
    assert "Found on" not in result.out
    assert f"({news_site.feeds['json']})" in result.out


def test_add_a_page_without_a_feed_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, local_server: LocalServer
) -> None:
    local_server.route("/about.html", "<html><body><p>من نحن</p></body></html>".encode())
    result = khabar(capsys, data_dir, "add", local_server.url("/about.html"))
    line = assert_user_error(result)
    assert local_server.url("/about.html") in line
    assert "no feed could be found" in line
    assert sources_of(data_dir) == []


def test_add_an_unreachable_address_is_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, local_server: LocalServer
) -> None:
    local_server.route("/feed.xml", helpers.status(500))
    line = assert_user_error(khabar(capsys, data_dir, "add", local_server.url("/feed.xml")))
    assert "500" in line
    assert sources_of(data_dir) == []


def test_add_no_check_fetches_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, local_server: LocalServer
) -> None:
    url = local_server.url("/later.xml")
    data = khabar(capsys, data_dir, "add", url, "--no-check", "--title", "لاحقاً", "--json").json()
    assert (data["url"], data["title"]) == (url, "لاحقاً")
    assert "found_on" not in data
    assert local_server.requests == []
    assert sources_of(data_dir) == [(data["id"], url, "لاحقاً")]


# --- khabar sync --progress jsonl (the window's form) ---------------------------------


def test_sync_progress_jsonl(data_dir: Path, news_site: NewsSite, broken: str) -> None:
    good, bad = subscribe(data_dir, news_site.feeds["rss"]) + subscribe(
        data_dir, broken, title=BROKEN_TITLE
    )
    # -X importtime, in the sync's process and its workers: none of them imports
    # SQLAlchemy (reader.library.ledger and .writer), errors and 304s included.
    imports = {"PYTHONPROFILEIMPORTTIME": "1"}
    result = run_script(data_dir, "sync", "--progress", "jsonl", env=imports)
    assert result.code == 0, result.err  # a failed source is reported, not an exit status
    assert "Traceback" not in result.err
    assert "| reader.sync.work" in result.err  # the workers' imports are listed too
    assert "sqlalchemy" not in result.err
    assert result.out.endswith("\n")
    events = [json.loads(line) for line in result.out.splitlines()]
    assert all(isinstance(e, dict) for e in events)

    first, *middle, last = events
    assert first == {"event": "started", "total": 2, "done": 0}
    assert [e["done"] for e in middle] == [1, 2]
    by_source = {e["source_id"]: e for e in middle}
    assert set(by_source) == {good, bad}

    done = by_source[good]
    assert done["event"] == "source_done"
    assert done["status"] == "updated"
    assert done["title"]  # the name it had when the sync began
    assert done["new"] == len(news_site.articles)
    assert done["updated"] == done["unchanged"] == 0
    assert done["error"] is None

    failed = by_source[bad]
    assert failed["event"] == "source_failed"
    assert failed["title"] == BROKEN_TITLE
    assert "500" in failed["error"]
    assert all(failed[count] == 0 for count in COUNTS)

    assert last["event"] == "finished"
    assert (last["total"], last["done"], last["sources"], last["failed"]) == (2, 2, 2, 1)
    for count in COUNTS:
        assert last[count] == done[count] + failed[count]
    assert last["elapsed_s"] >= 0

    # A second sync: the feed answers 304, and says so.
    second = run_script(data_dir, "sync", "--progress", "jsonl", env=imports)
    assert "sqlalchemy" not in second.err
    again = [json.loads(line) for line in second.out.splitlines()]
    unchanged = next(e for e in again if e.get("source_id") == good)
    assert (unchanged["event"], unchanged["status"], unchanged["new"]) == (
        "source_done",
        "unchanged",
        0,
    )


def test_jsonl_lines_arrive_while_the_sync_runs(data_dir: Path, local_server: LocalServer) -> None:
    # The window shows progress as it comes: each line must leave before the sync ends.
    feed = helpers.Response(rss_document("t"), content_type="application/rss+xml")
    local_server.route("/slow.xml", helpers.slow_headers(2.0, then=feed))
    subscribe(data_dir, local_server.url("/slow.xml"))
    command, env = script_command(data_dir, "sync", "--progress", "jsonl")
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    ) as process:
        assert process.stdout is not None
        first = json.loads(process.stdout.readline())
        still_running = process.poll() is None
        rest = process.stdout.read().decode("utf-8").splitlines()
        process.wait(timeout=30)
    assert first["event"] == "started"
    assert still_running, "the started line came only when the sync had ended"
    assert [json.loads(line)["event"] for line in rest] == ["source_done", "finished"]
    assert process.returncode == 0


# --- khabar sync --json, --source, --feed-only ------------------------------------------


def test_sync_json_reports_the_whole_sync(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite, broken: str
) -> None:
    good, bad = subscribe(data_dir, news_site.feeds["rss"], broken)
    result = khabar(capsys, data_dir, "sync", "--json", "--jobs", "2")
    assert result.code == 0, result.err
    [line] = result.out.splitlines()  # one object, on one line
    data = json.loads(line)
    assert set(data) == SYNC_JSON_KEYS
    assert data["sources"] == 2
    assert data["failed"] == 1
    assert data["new"] == len(news_site.articles)
    assert data["images"] > 0
    assert isinstance(data["elapsed_s"], float)
    assert data["peak_rss_mb"] > 0
    assert data["workers_peak_rss_mb"] > 0  # the feed was read in a worker
    results = {r["source_id"]: r for r in data["results"]}
    assert results[good]["status"] == "updated"
    assert results[bad]["status"] == "failed"
    assert "500" in results[bad]["error"]
    for count in COUNTS:
        assert data[count] == sum(r[count] for r in data["results"])


def test_sync_source_syncs_only_that_source(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite
) -> None:
    _rss, atom = subscribe(data_dir, news_site.feeds["rss"], news_site.feeds["atom"])
    data = khabar(capsys, data_dir, "sync", "--source", str(atom), "--json", "--feed-only").json()
    assert [r["source_id"] for r in data["results"]] == [atom]
    assert news_site.server.hits("/atom.xml") == 1
    assert news_site.server.hits("/rss.xml") == 0


def test_sync_feed_only_fetches_no_pages(
    capsys: pytest.CaptureFixture[str], data_dir: Path, news_site: NewsSite
) -> None:
    # The summary feed carries a sentence per article: a full sync would read every page.
    (source,) = subscribe(data_dir, news_site.feeds["summary"])
    data = khabar(capsys, data_dir, "sync", "--feed-only", "--json").json()
    assert data["failed"] == 0
    assert data["new"] >= len(news_site.articles)
    assert (data["pages"], data["images"]) == (0, 0)
    assert [r.path for r in news_site.server.requests] == [
        urlsplit(news_site.feeds["summary"]).path
    ]
    assert article_requests(news_site.server) == []
    with Library(data_dir) as lib:
        assert len(lib.articles(source_id=source, limit=100).items) == data["new"]


def test_sync_of_an_unknown_source_is_one_line(data_dir: Path, news_site: NewsSite) -> None:
    subscribe(data_dir, news_site.feeds["rss"])
    line = assert_user_error(run_script(data_dir, "sync", "--source", "999"))
    assert "999" in line
    assert news_site.server.requests == []


# --- plain khabar sync -------------------------------------------------------------------


def test_plain_sync_prints_a_summary_naming_failed_sources(
    data_dir: Path, news_site: NewsSite, broken: str
) -> None:
    subscribe(data_dir, news_site.feeds["rss"])
    subscribe(data_dir, broken, title=BROKEN_TITLE)
    result = run_script(data_dir, "sync")  # stdout and stderr are pipes, not a terminal
    assert result.code == 0, result.err
    assert result.err == ""  # no progress bar without a terminal
    first, *failures = result.out.splitlines()
    assert first.startswith("Synced 2 sources in ")
    assert f"{len(news_site.articles)} new" in first
    assert "1 failed." in first
    [failure] = failures
    assert BROKEN_TITLE in failure
    assert "500" in failure


def test_plain_sync_with_nothing_to_do(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = khabar(capsys, data_dir, "sync")
    assert result.code == 0, result.err
    assert result.out.startswith("Synced 0 sources")


@pytest.mark.skipif(sys.platform == "win32", reason="the test holds the lock with flock")
def test_a_second_sync_of_the_same_library_waits_for_none(
    capsys: pytest.CaptureFixture[str], data_dir: Path, local_server: LocalServer
) -> None:
    feed = helpers.Response(
        rss_document(
            "t", "<item><title>خبر</title><guid>g1</guid><description>نص</description></item>"
        ),
        content_type="application/rss+xml",
    )
    local_server.route("/slow.xml", helpers.slow_headers(3.0, then=feed))
    subscribe(data_dir, local_server.url("/slow.xml"))
    command, env = script_command(data_dir, "sync", "--json")
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as first:
        # Wait until the first sync holds the lock (it is asking the slow server).
        deadline = time.monotonic() + 20
        while local_server.hits("/slow.xml") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        second = khabar(capsys, data_dir, "sync")
        out, err = first.communicate(timeout=60)
    assert second.code == 1
    assert "running already" in second.err
    assert first.returncode == 0, err
    assert json.loads(out)["new"] == 1
    # Once the first has ended, syncing works again.
    assert khabar(capsys, data_dir, "sync", "--json").code == 0

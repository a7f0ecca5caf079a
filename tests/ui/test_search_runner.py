"""Searching in the background: results arrive, the newest query wins, bad queries say why."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.types import SearchResult
from reader.ui.search_runner import SearchRunner

WAIT_MS = 10_000  # a bound for a slow machine, not a measure of speed


class _Gated:
    """A library whose search for one query waits until the test lets it go on."""

    def __init__(self, inner: Library, held: str) -> None:
        self._inner = inner
        self._held = held
        self.started = threading.Event()
        self.release = threading.Event()

    def search(self, query: str, **kwargs: Any) -> list[SearchResult]:
        if query == self._held:
            self.started.set()
            self.release.wait(WAIT_MS / 1000)
        return self._inner.search(query, **kwargs)


class _Collected:
    def __init__(self, runner: SearchRunner) -> None:
        self.results: list[tuple[str, list[SearchResult]]] = []
        self.failures: list[tuple[str, str]] = []
        runner.results_ready.connect(lambda q, r: self.results.append((q, r)))
        runner.search_failed.connect(lambda q, m: self.failures.append((q, m)))


@pytest.fixture
def runner(filled: Library, qtbot: QtBot) -> Iterator[SearchRunner]:
    made = SearchRunner(filled, delay_ms=0)
    yield made
    made.cancel()
    made.wait_for_idle()


def test_finds_arabic_words_in_the_background(runner: SearchRunner, qtbot: QtBot) -> None:
    with qtbot.waitSignal(runner.results_ready, timeout=WAIT_MS) as ready:
        runner.search("الاقتصاد")
    query, results = ready.args
    assert query == "الاقتصاد"
    assert len(results) == 30
    assert all(isinstance(r, SearchResult) for r in results)
    assert all(r.snippet.highlights for r in results)


def test_a_category_narrows_the_search(filled: Library, runner: SearchRunner, qtbot: QtBot) -> None:
    ids = {c.name: c.id for c in filled.categories()}
    with qtbot.waitSignal(runner.results_ready, timeout=WAIT_MS) as ready:
        runner.search("shares", category_id=ids["اقتصاد"])
    assert len(ready.args[1]) == 5
    with qtbot.waitSignal(runner.results_ready, timeout=WAIT_MS) as ready:
        runner.search("shares", category_id=ids["سياسة"])
    assert ready.args[1] == []


def test_typing_on_replaces_the_waiting_query(filled: Library, qtbot: QtBot) -> None:
    runner = SearchRunner(filled, delay_ms=50)
    seen = _Collected(runner)
    runner.search("الاقت")
    with qtbot.waitSignal(runner.results_ready, timeout=WAIT_MS):
        runner.search("Shares")
    runner.wait_for_idle()
    QCoreApplication.processEvents()
    assert [query for query, _ in seen.results] == ["Shares"]


def test_the_answer_of_a_superseded_query_is_dropped(filled: Library, qtbot: QtBot) -> None:
    gated = _Gated(filled, held="الاقتصاد")
    runner = SearchRunner(gated, delay_ms=0)  # type: ignore[arg-type]
    seen = _Collected(runner)
    runner.search("الاقتصاد")
    qtbot.waitUntil(gated.started.is_set, timeout=WAIT_MS)
    runner.search("Shares")  # while the first query is still running
    gated.release.set()
    with qtbot.waitSignal(runner.results_ready, timeout=WAIT_MS) as ready:
        pass
    assert ready.args[0] == "Shares"
    runner.wait_for_idle()
    QCoreApplication.processEvents()
    assert [query for query, _ in seen.results] == ["Shares"]


def test_cancel_drops_the_query_running(filled: Library, qtbot: QtBot) -> None:
    gated = _Gated(filled, held="الاقتصاد")
    runner = SearchRunner(gated, delay_ms=0)  # type: ignore[arg-type]
    seen = _Collected(runner)
    runner.search("الاقتصاد")
    qtbot.waitUntil(gated.started.is_set, timeout=WAIT_MS)
    runner.cancel()
    gated.release.set()
    assert runner.wait_for_idle(WAIT_MS)
    QCoreApplication.processEvents()  # deliver the (dropped) answer
    assert seen.results == []
    assert seen.failures == []


def test_a_blank_query_emits_nothing(runner: SearchRunner, qtbot: QtBot) -> None:
    seen = _Collected(runner)
    runner.search("الاقتصاد")
    runner.search("   ")  # the reader cleared the box: back to the view
    with qtbot.assertNotEmitted(runner.results_ready, wait=200):
        runner.search("")
    runner.wait_for_idle()
    QCoreApplication.processEvents()
    assert seen.results == []
    assert seen.failures == []


@pytest.mark.parametrize("query", ["-foo", "في", "the"])
def test_a_query_that_cannot_run_says_why(runner: SearchRunner, qtbot: QtBot, query: str) -> None:
    with qtbot.waitSignal(runner.search_failed, timeout=WAIT_MS) as failed:
        runner.search(query)
    said, message = failed.args
    assert said == query
    assert message.endswith(".")
    assert len(message.split()) > 3


def test_why_a_query_cannot_run_is_said_in_the_interfaces_language(
    runner: SearchRunner, qtbot: QtBot, arabic: None
) -> None:
    with qtbot.waitSignal(runner.search_failed, timeout=WAIT_MS) as failed:
        runner.search("في")
    assert failed.args[1].startswith("هذه الكلمات أشيع")
    with qtbot.waitSignal(runner.search_failed, timeout=WAIT_MS) as failed:
        runner.search(" ".join(f"كلمة{n}" for n in range(40)))
    assert failed.args[1].startswith("في البحث كلمات كثيرة (40)")

"""Fixtures for tests that talk HTTP: a real server on 127.0.0.1, and the fixture news site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import LocalServer, NewsSite, route_news_site


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """An empty ``LocalServer``; closed at teardown, failing the test if a handler raised."""
    with LocalServer() as server:
        yield server
    assert not server.errors, f"the local server's handlers raised: {server.errors!r}"


@pytest.fixture
def news_site(local_server: LocalServer) -> NewsSite:
    """صحيفة الواحة served whole by ``local_server`` (``news_site.server``)."""
    return route_news_site(local_server)

"""A new library's first contents: the default Arabic sources and Khabar's welcome articles.

Called once, when the window opens a library with no sources, on a pool
thread (it reads XML). The welcome articles come from a feed shipped in
``resources/``; they are stored under a source that is never synced (its
address is in the reserved ``.invalid`` domain), so that a first launch with no
connection still shows something real to read. No Qt here.
"""

from __future__ import annotations

from reader.library import Library
from reader.paths import resource
from reader.sync.jobs import FeedJob
from reader.sync.work import read_feed
from reader.types import FetchInfo

WELCOME_URL = "https://khabar.invalid/welcome.xml"


def populate(library: Library) -> tuple[int, int]:
    """Subscribe a new library to the default sources and store the welcome articles.

    Returns (sources added, welcome articles stored). Does nothing to a
    library that has sources already.
    """
    if library.sources():
        return 0, 0
    added, _present = library.import_opml(resource("default_sources.opml").read_bytes())
    return added, store_welcome(library)


def store_welcome(library: Library) -> int:
    """Store the welcome articles under their own source, which is never synced."""
    content = resource("welcome.xml").read_bytes()
    outcome, batch = read_feed(
        FeedJob(
            url=WELCOME_URL,
            content=content,
            content_type="application/rss+xml",
            full_text=False,
            fetch_pages=False,
        ),
        known={},
    )
    assert batch is not None  # fetch_pages=False: the batch is always ready
    source = library.add_source(WELCOME_URL, title=outcome.title or "خبر", category_name="الرئيسية")
    library.set_source_options(source.id, disabled=True)
    stored = library.store_entries(source.id, batch, FetchInfo(title=outcome.title))
    return stored.new

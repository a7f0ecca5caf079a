"""Finding the feed behind an address a user gives: a feed, or any page of a site.

``find_feed`` downloads the address; if it is a feed, that is the answer.
If it is a web page, the feeds the page names (``<link rel="alternate">``,
then links that look like feeds) are tried in turn, then the usual feed
paths of the site; the first that reads as a feed is chosen, and the others
found are reported so the user can pick another. It does not touch the
library.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from reader.errors import FetchError, ParseError, ReaderError, template
from reader.sync import discover
from reader.sync.feeds import parse_feed
from reader.sync.fetcher import FEED_ACCEPT, Fetcher, FetchLimits, Response
from reader.sync.model import ParsedFeed
from reader.urls import check_feed_url

# The address may be a web page whose feed is to be found.
PAGE_OR_FEED = FEED_ACCEPT + ", text/html;q=0.7"

_NO_FEED = template(
    "{url} is a web page, and no feed could be found on it or at the usual addresses;"
    " give the address of the site's RSS or Atom feed."
)
_NOT_MODIFIED = template("The server answered 304 to a request without validators.")


@dataclass(frozen=True, slots=True)
class FoundFeed:
    """The feed chosen for an address, and how it was found."""

    url: str
    title: str | None
    site_url: str | None
    kind: str
    items: int
    via_page: str | None  # the page it was discovered on; None when the address was the feed
    others: tuple[str, ...]  # other feeds the page names


def find_feed(url: str, limits: FetchLimits | None = None) -> FoundFeed:
    """The feed at or behind ``url``; raises ``ReaderError`` with a sentence if there is none."""
    url = check_feed_url(url)
    return asyncio.run(_find(url, limits or FetchLimits()))


async def _find(url: str, limits: FetchLimits) -> FoundFeed:
    async with Fetcher(limits) as fetcher:
        response = await fetcher.get(url, max_bytes=limits.feed_bytes, accept=PAGE_OR_FEED)
        address = response.moved_to or url
        if discover.sniff_kind(response.content, response.content_type):
            return _found(address, _parse(response), None, ())
        named = [link.url for link in discover.find_feed_links(response.content, response.url)]
        candidates = list(dict.fromkeys([*named, *discover.candidate_urls(response.url)]))
        for candidate in candidates:
            try:
                feed_response = await fetcher.get(
                    candidate, max_bytes=limits.feed_bytes, accept=PAGE_OR_FEED
                )
                parsed = _parse(feed_response)
            except ReaderError:
                continue
            others = tuple(u for u in named if u != candidate)
            return _found(feed_response.moved_to or candidate, parsed, response.url, others)
    raise ParseError.say(_NO_FEED, url=url)


def _parse(response: Response) -> ParsedFeed:
    if response.not_modified:  # pragma: no cover - we never send validators here
        raise FetchError.say(_NOT_MODIFIED)
    return parse_feed(response.content, response.url, response.content_type)


def _found(url: str, feed: ParsedFeed, page: str | None, others: tuple[str, ...]) -> FoundFeed:
    return FoundFeed(
        url=url,
        title=feed.title,
        site_url=feed.site_url,
        kind=feed.kind.value,
        items=len(feed.entries),
        via_page=page,
        others=others,
    )

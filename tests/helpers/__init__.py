"""Fakes and builders shared by the tests (the one helpers package).

Tests import from here: ``from helpers import LocalServer, entry``. Modules:
``library`` (library builders); ``server`` (``LocalServer``, a real HTTP server on
127.0.0.1); ``hostile`` (its hostile answers); ``site`` (hostile documents and the
fixture news site صحيفة الواحة, files under ``tests/fixtures/site/``); ``feeds``
(that site's feeds, ``rss_document``, and ``serve_round``'s numbered feeds) and
``cli`` (running the ``khabar`` command in-process or as a subprocess; imported as
``helpers.cli``, not from here).
Nothing here reaches the network beyond 127.0.0.1, and nothing imports Qt.
"""

from helpers.feeds import rss_document, serve_round
from helpers.hostile import (
    busy_then,
    drip,
    endless,
    gzip_bomb,
    gzip_bomb_body,
    redirect,
    redirect_loop,
    slow_headers,
    status,
    truncated,
)
from helpers.library import NOW, add_source, entry
from helpers.server import (
    SITE_LAST_MODIFIED,
    Exchange,
    Handler,
    LocalServer,
    LoggedRequest,
    Response,
)
from helpers.site import (
    SITE_DIR,
    XSS_MARKER,
    NewsSite,
    SiteArticle,
    hostile_file,
    nested_page,
    route_news_site,
    xxe_feed,
)

__all__ = [
    "NOW",
    "SITE_DIR",
    "SITE_LAST_MODIFIED",
    "XSS_MARKER",
    "Exchange",
    "Handler",
    "LocalServer",
    "LoggedRequest",
    "NewsSite",
    "Response",
    "SiteArticle",
    "add_source",
    "busy_then",
    "drip",
    "endless",
    "entry",
    "gzip_bomb",
    "gzip_bomb_body",
    "hostile_file",
    "nested_page",
    "redirect",
    "redirect_loop",
    "route_news_site",
    "rss_document",
    "serve_round",
    "slow_headers",
    "status",
    "truncated",
    "xxe_feed",
]

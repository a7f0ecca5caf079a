"""Downloading for one sync: polite, bounded and honest about failure.

One ``httpx.AsyncClient`` per sync, shared by every download. A global and a
per-host limit keep Khabar polite; every request has a deadline that covers
the whole exchange, so a body that drips a byte a second cannot hold a sync;
decoded bytes are counted while they stream, so a compression bomb stops at
the cap. Redirects are followed here rather than by httpx, to count them, to
refuse other schemes and to learn when a feed has moved for good. Every httpx
error becomes a ``FetchError`` with a sentence a user can read.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import threading
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__
from reader.errors import FetchError, RetryLaterError, SourceGoneError, template
from reader.sync.charset import charset_of
from reader.sync.dates import parse_date

USER_AGENT = f"Khabar/{__version__} (offline news reader; +https://github.com/khabar-reader)"
MiB = 1024 * 1024
# What each kind of download asks for.
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
IMAGE_ACCEPT = "image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
# A Retry-After this short is waited out within the sync; a longer one ends
# the attempt and is remembered for the next sync.
_WAIT_AT_MOST = 10.0
_RETRY_AFTER_CAP = timedelta(days=7)
_RETRY_AFTER_CAP_S = int(_RETRY_AFTER_CAP.total_seconds())


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How much a sync may ask of the network and of each server."""

    concurrency: int = 16
    per_host: int = 4
    timeout: float = 30.0  # the whole request, redirects and body included
    connect_timeout: float = 10.0
    max_redirects: int = 5
    feed_bytes: int = 10 * MiB
    page_bytes: int = 5 * MiB
    image_bytes: int = 10 * MiB


@dataclass(frozen=True, slots=True)
class Response:
    """A finished download (``status`` 200) or a confirmation that nothing changed (304)."""

    url: str  # where the content came from, after redirects
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    moved_to: str | None  # set when every redirect on the way was permanent

    @property
    def not_modified(self) -> bool:
        """Whether the server confirmed that the copy we have is current."""
        return self.status == 304

    @property
    def charset(self) -> str | None:
        """The charset named by the Content-Type header, if any."""
        return charset_of(self.content_type)


_MAKING_TLS = threading.Lock()


def tls_context() -> ssl.SSLContext:
    """The TLS settings of every download: httpx's own (certifi's roots, SSL_CERT_FILE honoured).

    Made once. Making them reads some 150 root certificates, tens of
    milliseconds with the GIL released: ``khabar sync`` calls this in a
    thread as it starts, so that the first download does not wait for it.
    """
    with _MAKING_TLS:
        return _tls_context()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return httpx.create_ssl_context(trust_env=True)


class Fetcher:
    """Downloads with one shared client; use as ``async with Fetcher() as fetcher``."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._global = asyncio.Semaphore(self.limits.concurrency)
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.limits.per_host)
        )
        self._not_before: dict[str, datetime] = {}  # host -> when it asked us to come back
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        self._client = httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(limits.timeout, connect=limits.connect_timeout),
            limits=httpx.Limits(
                max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency
            ),
            follow_redirects=False,
            verify=tls_context(),
            trust_env=True,  # proxies from the environment, as every program does
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Response:
        """Download ``url``; a 304 comes back as a ``Response`` whose ``not_modified`` is true.

        Raises ``SourceGoneError`` for 410, ``RetryLaterError`` for 429 and
        503, ``FetchError`` for everything else that is not a success.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = _host(url)
        for attempt in range(2):
            await self._wait_for(host, url)
            async with self._hosts[host], self._global:
                try:
                    async with asyncio.timeout(self.limits.timeout):
                        return await self._follow(url, headers, max_bytes)
                except TimeoutError:
                    raise FetchError.say(
                        _TOOK_TOO_LONG, where=_where(url), seconds=self.limits.timeout
                    ) from None
                except RetryLaterError as exc:
                    if attempt or not self._asked_to_wait(host, exc):
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _wait_for(self, host: str, url: str) -> None:
        if host not in self._not_before:
            return
        retry_at = self._not_before[host]
        delay = (retry_at - datetime.now(UTC)).total_seconds()
        if delay > _WAIT_AT_MOST:
            raise RetryLaterError.say(
                _ASKED_TO_WAIT, retry_at, where=_where(url), until=f"{retry_at:%Y-%m-%d %H:%M}"
            )
        if delay > 0:
            await asyncio.sleep(delay)

    def _asked_to_wait(self, host: str, exc: RetryLaterError) -> bool:
        """Remember until when a host asked us to wait; whether to wait and try once more."""
        if exc.retry_at is None:
            return False
        self._not_before[host] = max(exc.retry_at, self._not_before.get(host, exc.retry_at))
        return (exc.retry_at - datetime.now(UTC)).total_seconds() <= _WAIT_AT_MOST

    async def _follow(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        assert self._client is not None, "use the Fetcher in an async with block"
        permanent = True
        for _hop in range(self.limits.max_redirects + 1):
            _check_scheme(url)
            try:
                async with self._client.stream("GET", url, headers=headers) as reply:
                    if reply.status_code in _REDIRECTS and "location" in reply.headers:
                        permanent = permanent and reply.status_code in _PERMANENT
                        url = urljoin(url, reply.headers["location"])
                        continue
                    _check_status(reply, url)
                    content = b"" if reply.status_code == 304 else await _read(reply, max_bytes)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError) as exc:
                raise _describe(exc, url) from None
            final = str(reply.url)
            return Response(
                url=final,
                status=reply.status_code,
                content=content,
                content_type=reply.headers.get("content-type"),
                etag=reply.headers.get("etag"),
                last_modified=reply.headers.get("last-modified"),
                moved_to=final if permanent and _hop else None,
            )
        raise FetchError.say(_REDIRECTS_LOOP, where=_where(url), limit=self.limits.max_redirects)


async def _read(reply: httpx.Response, max_bytes: int) -> bytes:
    """The body, decompressed, refused as soon as it would pass ``max_bytes``.

    Decompressing here rather than in httpx bounds each step's output: httpx
    inflates every network read whole, and 64 KiB of a gzip bomb is 64 MB.
    """
    declared = reply.headers.get("content-length", "")
    inflater = _Inflater(reply.headers.get("content-encoding", ""), str(reply.url))
    known = declared.isascii() and declared.isdigit() and inflater.identity
    if known and int(declared[:18]) > max_bytes:
        raise _too_big(str(reply.url), max_bytes)
    chunks: list[bytes] = []
    size = 0
    async for raw in reply.aiter_raw():
        for chunk in inflater.inflate(raw, max_bytes - size + 1):
            size += len(chunk)
            if size > max_bytes:
                raise _too_big(str(reply.url), max_bytes)
            chunks.append(chunk)
    return b"".join(chunks)


class _Inflater:
    """Decompresses a gzip or deflate body in steps whose output is bounded."""

    def __init__(self, encoding: str, url: str) -> None:
        self.url = url
        names = [e.strip().lower() for e in encoding.split(",") if e.strip()]
        names = [e for e in names if e != "identity"]
        self.identity = not names
        if len(names) > 1 or (names and names[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError.say(_COMPRESSION, where=_where(url), encoding=encoding)
        # wbits 47 reads a gzip or zlib header; raw deflate is tried if that fails.
        self._raw_deflate_tried = names != ["deflate"]
        self._z = zlib.decompressobj(47) if names else None

    def inflate(self, data: bytes, room: int) -> list[bytes]:
        """The decompressed pieces of ``data``; more than ``room`` bytes means too big."""
        if self._z is None:
            return [data]
        pieces: list[bytes] = []
        while data and room > 0:
            try:
                out = self._z.decompress(data, room)
            except zlib.error:
                if self._raw_deflate_tried:
                    raise FetchError.say(_NOT_INFLATED, where=_where(self.url)) from None
                self._raw_deflate_tried = True
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            pieces.append(out)
            room -= len(out)
            data = self._z.unconsumed_tail
            if self._z.eof:  # another gzip member may follow
                data = self._z.unused_data
                self._z = zlib.decompressobj(47) if data else self._z
        return pieces


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError.say(_NOT_WEB, url=url)


def _check_status(reply: httpx.Response, url: str) -> None:
    code = reply.status_code
    if code in (200, 203, 304):
        return
    if code == 410:
        raise SourceGoneError.say(_GONE, where=_where(url))
    if code in (429, 503):
        retry_at = retry_after(reply.headers.get("retry-after"))
        if retry_at is None:
            raise RetryLaterError.say(_BUSY, None, where=_where(url), code=code)
        raise RetryLaterError.say(
            _BUSY_UNTIL, retry_at, where=_where(url), code=code, until=f"{retry_at:%Y-%m-%d %H:%M}"
        )
    reason = reply.reason_phrase or "error"
    # A client error other than a timeout or a throttle will be the same next time.
    permanent = 400 <= code < 500 and code not in (408, 425, 429)
    raise FetchError.say(_ANSWERED, permanent, where=_where(url), code=code, reason=reason)


def retry_after(value: str | None, now: datetime | None = None) -> datetime | None:
    """The moment a Retry-After header (seconds or an HTTP date) names, capped at a week."""
    if not value:
        return None
    now = now or datetime.now(UTC)
    value = value.strip()
    if value.isascii() and value.isdigit():
        # At most 12 digits are read: a longer number is more than the cap anyway.
        seconds = min(int(value[:12]) if len(value) <= 12 else 10**12, _RETRY_AFTER_CAP_S)
        moment = now + timedelta(seconds=seconds)
    else:
        found = parse_date(value)
        if found is None:
            return None
        moment = found
    return min(max(moment, now), now + _RETRY_AFTER_CAP)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _where(url: str) -> str:
    return _host(url) or url


def _too_big(url: str, max_bytes: int) -> FetchError:
    return FetchError.say(_TOO_BIG, where=_where(url), megabytes=max_bytes // MiB)


_TOOK_TOO_LONG = template("{where} took longer than {seconds:g} seconds to answer.")
_ASKED_TO_WAIT = template("{where} asked Khabar to wait until {until} UTC.")
_REDIRECTS_LOOP = template("{where} redirected more than {limit} times; the address may be wrong.")
_COMPRESSION = template("{where} sent a compression Khabar cannot read ({encoding}).")
_NOT_INFLATED = template("{where} sent a compressed answer that could not be read.")
_NOT_WEB = template("“{url}” is not a web address Khabar can fetch.")
_GONE = template("{where} says this feed is gone for good (410).")
_BUSY = template("{where} is busy and asked Khabar to wait ({code}).")
_BUSY_UNTIL = template("{where} is busy and asked Khabar to wait until {until} UTC ({code}).")
_ANSWERED = template("{where} answered {code} {reason}.")
_TOO_BIG = template("{where} sent more than {megabytes} MB; the download was stopped.")
_FAILED = template("Downloading from {where} failed ({kind}).")
# The first matching class gives the sentence; order matters (subclasses first).
_SENTENCES: tuple[tuple[type[Exception] | tuple[type[Exception], ...], str], ...] = (
    (httpx.ConnectTimeout, template("Could not connect to {where}: it did not answer in time.")),
    (httpx.TimeoutException, template("{where} stopped answering in the middle of a download.")),
    (
        httpx.ConnectError,
        template("Could not connect to {where}; check the address and the connection."),
    ),
    (
        httpx.DecodingError,
        template("{where} sent a compressed answer that could not be decompressed."),
    ),
    (httpx.ProxyError, template("The proxy refused the request to {where}.")),
    ((httpx.UnsupportedProtocol, httpx.InvalidURL, ValueError), _NOT_WEB),
    (
        httpx.RemoteProtocolError,
        template("{where} broke off the connection or answered in a way that could not be read."),
    ),
)


def _describe(exc: Exception, url: str) -> FetchError:
    """The error to report for an httpx error."""
    for kind, sentence in _SENTENCES:
        if isinstance(exc, kind):
            return FetchError.say(sentence, where=_where(url), url=url)
    return FetchError.say(_FAILED, where=_where(url), kind=type(exc).__name__)

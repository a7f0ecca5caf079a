"""Hostile answers of ``LocalServer``.

Each returns a handler for LocalServer.route. The long ones give up when the
client hangs up (its errors are swallowed) or when the server closes.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

from helpers.server import Exchange, Handler, Response

_FEED_START = b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>'


def status(code: int, headers: Mapping[str, str] | None = None, body: bytes = b"") -> Response:
    """A bare status: ``status(429, {"Retry-After": "120"})``, ``status(503)``, ``status(410)``."""
    return Response(
        body, status=code, content_type="text/plain; charset=utf-8", headers=dict(headers or {})
    )


def busy_then(busy: int, then: Handler) -> Handler:
    """429 with ``Retry-After: 1`` for the first ``busy`` requests, then ``then``."""
    seen = 0
    lock = threading.Lock()

    def handler(exchange: Exchange) -> None:
        nonlocal seen
        with lock:
            seen += 1
            still_busy = seen <= busy
        if still_busy:
            status(429, {"Retry-After": "1"})(exchange)
        else:
            then(exchange)

    return handler


def redirect(to: str, status: int = 302) -> Response:
    """A redirect (301, 302, 303, 307 or 308) to ``to``, a path or a whole URL."""
    if status not in {301, 302, 303, 307, 308}:
        raise ValueError(f"not a redirect status: {status}")
    return Response(b"", status=status, headers={"Location": to})


def redirect_loop(status: int = 302) -> Handler:
    """Two URLs sending the client to each other: ``/p`` → ``/p?loop=1`` → ``/p`` → …"""

    def handler(exchange: Exchange) -> None:
        parts = urlsplit(exchange.path)
        to = parts.path if parts.query == "loop=1" else f"{parts.path}?loop=1"
        redirect(to, status)(exchange)

    return handler


def drip(total_bytes: int, delay_s: float = 1.0) -> Handler:
    """Headers at once, Content-Length ``total_bytes``, then one byte of a feed per ``delay_s``.

    A read timeout longer than ``delay_s`` never fires: only a total deadline stops it.
    """
    body = (_FEED_START + b" " * total_bytes)[:total_bytes]

    def handler(exchange: Exchange) -> None:
        exchange.send_head(
            200,
            {
                "Content-Type": "application/rss+xml; charset=utf-8",
                "Content-Length": str(total_bytes),
            },
        )
        if exchange.command == "HEAD":
            return
        for i in range(total_bytes):
            if exchange.stopping.wait(delay_s):
                return
            exchange.wfile.write(body[i : i + 1])

    return handler


def slow_headers(delay_s: float, then: Handler | None = None) -> Handler:
    """Nothing at all for ``delay_s`` (not even a status line), then ``then`` (a small feed)."""
    answer = then or Response(
        _FEED_START + b"</title></channel></rss>", content_type="application/rss+xml"
    )

    def handler(exchange: Exchange) -> None:
        if not exchange.stopping.wait(delay_s):
            answer(exchange)

    return handler


def endless(*, chunked: bool = True) -> Handler:
    """A feed that never ends: items after items, as fast as the client reads, until it hangs up.

    Chunked by default; ``chunked=False`` sends neither a length nor chunks (the body
    ends when the connection does).
    """

    def handler(exchange: Exchange) -> None:
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Connection"] = "close"
            exchange.close_connection = True
        exchange.send_head(200, headers)
        if exchange.command == "HEAD":
            return
        write = exchange.wfile.write
        send = (lambda data: write(b"%x\r\n%s\r\n" % (len(data), data))) if chunked else write
        send(_FEED_START + "خلاصة بلا نهاية</title>\n".encode())
        number = 0
        while not exchange.stopping.is_set():
            send("".join(_endless_item(number + i) for i in range(1, 101)).encode())
            number += 100

    return handler


def _endless_item(number: int) -> str:
    return (
        f"<item><title>خبر لا ينتهي رقم {number}</title><guid>endless-{number}</guid>"
        "<description>فقرة أخرى من خلاصة لا تنتهي.</description></item>\n"
    )


def truncated(body: bytes, missing: int = 1000) -> Handler:
    """Content-Length promises ``missing`` more bytes than ``body``, then the connection closes."""

    def handler(exchange: Exchange) -> None:
        exchange.close_connection = True
        exchange.send(
            200,
            {
                "Content-Type": "application/rss+xml; charset=utf-8",
                "Content-Length": str(len(body) + missing),
            },
            body,
        )

    return handler


def gzip_bomb(decoded_bytes: int = 1 << 30) -> Handler:
    """About 1 MB on the wire that inflates to a feed's first line and ``decoded_bytes`` of spaces.

    Sent with Content-Encoding: gzip whatever the client asked for.
    """
    body = gzip_bomb_body(decoded_bytes)

    def handler(exchange: Exchange) -> None:
        exchange.send(
            200,
            {"Content-Type": "application/rss+xml; charset=utf-8", "Content-Encoding": "gzip"},
            body,
        )

    return handler


@lru_cache(maxsize=4)
def gzip_bomb_body(decoded_bytes: int) -> bytes:
    """The bomb's gzip stream, built without ever holding the inflated bytes.

    Each mebibyte of spaces is deflated on its own (a full flush empties the window),
    so its compressed form is the same every time and is just repeated; only the
    CRC reads the spaces, about 0.3 s for a gibibyte. Made once per test run.
    """
    block = b" " * (1 << 20)
    count, rest = divmod(decoded_bytes, len(block))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = deflate.compress(_FEED_START) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeated = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.compress(block[:rest]) + deflate.flush()
    crc = zlib.crc32(_FEED_START)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[:rest], crc)
    size = len(_FEED_START) + decoded_bytes
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # no name, no mtime, best compression
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join((header, start, repeated * count, end, trailer))

"""A real HTTP server on 127.0.0.1.

Routes map a path (the query is ignored unless a route names one) to a handler:
a callable that answers one ``Exchange``. ``Response`` is the static handler;
the hostile ones (``helpers.hostile``) write to the socket themselves.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import urlsplit

#: What a client that hangs up looks like from the server's side.
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)

#: Last-Modified of static responses unless they say otherwise (a fixed past moment).
SITE_LAST_MODIFIED = datetime(2025, 3, 18, 7, 0, tzinfo=UTC)


class LoggedRequest(NamedTuple):
    """A request as the server saw it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[["Exchange"], None]


class Exchange(BaseHTTPRequestHandler):
    """One client connection to a ``LocalServer``: each request goes to its route's handler."""

    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK hold every body back for about 40 ms.
    disable_nagle_algorithm = True
    # An idle keep-alive connection, or a client that stopped reading, frees its thread.
    timeout = 10
    server: _HTTPServer

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    @property
    def stopping(self) -> threading.Event:
        """Set when the server closes: long handlers wait on it instead of sleeping."""
        return self.server.stopping

    def accepts_gzip(self) -> bool:
        codings = self.headers.get("Accept-Encoding", "")
        return any(c.split(";")[0].strip() in {"gzip", "*"} for c in codings.split(","))

    def send_head(self, status: int, headers: Mapping[str, str]) -> None:
        """The status line and headers, as given (no Content-Length is added)."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def send(self, status: int, headers: Mapping[str, str], body: bytes = b"") -> None:
        """A whole response; the body is left out for HEAD, its length is not."""
        if status >= 200 and status not in {204, 304}:
            headers = {"Content-Length": str(len(body)), **headers}
        self.send_head(status, headers)
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def handle(self) -> None:
        with contextlib.suppress(*_DISCONNECTS):
            super().handle()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: ``LocalServer.requests`` is the log."""

    def _answer(self) -> None:
        owner = self.server.owner
        owner.requests.append(
            LoggedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
        )
        try:
            owner.handler_for(self.path)(self)
        except _DISCONNECTS:
            self.close_connection = True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # close() waits for the handlers itself, with a deadline, after cutting their sockets.
    block_on_close = False

    def __init__(self, owner: LocalServer) -> None:
        self.owner = owner
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), Exchange)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name, which can take seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.socket.getsockname()[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, _DISCONNECTS) or error is None:
            return
        self.owner.errors.append(error)
        super().handle_error(request, client_address)

    def drop_connections(self, wait_s: float) -> None:
        """Cut every open connection, then give their handlers ``wait_s`` to finish."""
        with self._lock:
            connections = list(self._open)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + wait_s
        while self._open and time.monotonic() < deadline:
            time.sleep(0.01)


class LocalServer:
    """A real HTTP/1.1 server on 127.0.0.1 and a port the system picks, serving from a thread.

    Use it as a context manager (or the ``local_server`` fixture). Unrouted paths
    answer 404. ``requests`` logs every request, ``errors`` the handlers' own bugs.
    """

    def __init__(self) -> None:
        self.requests: list[LoggedRequest] = []
        self.errors: list[BaseException] = []
        self._routes: dict[str, Handler] = {}
        self._httpd = _HTTPServer(self)
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.01},
            name=f"LocalServer:{self.port}",
            daemon=True,
        )
        self._closed = False
        self._thread.start()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def route(self, path: str, handler: Handler | bytes) -> None:
        """Answer ``path`` with ``handler`` (bytes are a 200 HTML ``Response``)."""
        self._routes[path] = Response(handler) if isinstance(handler, bytes) else handler

    def handler_for(self, path: str) -> Handler:
        return self._routes.get(path) or self._routes.get(urlsplit(path).path) or _NOT_FOUND

    def hits(self, path: str) -> int:
        """Requests for ``path``; a path without a query counts every query of it."""
        with_query = "?" in path
        return sum(
            1
            for r in list(self.requests)
            if (r.path if with_query else urlsplit(r.path).path) == path
        )

    def close(self) -> None:
        """Stop at once, even with responses in flight: handlers see ``stopping``, sockets cut."""
        if self._closed:
            return
        self._closed = True
        self._httpd.stopping.set()
        self._httpd.shutdown()
        self._httpd.drop_connections(wait_s=2.0)
        self._httpd.server_close()
        self._thread.join(timeout=2.0)


@dataclass(frozen=True)
class Response:
    """A static answer. A 200 carries an ETag (the quoted SHA-1 of the body) and
    Last-Modified, and answers 304 to a request whose If-None-Match or
    If-Modified-Since matches; ``compress`` gzips it for clients that accept gzip.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    last_modified: datetime = SITE_LAST_MODIFIED
    compress: bool = False

    @cached_property
    def etag(self) -> str:
        return f'"{hashlib.sha1(self.body).hexdigest()}"'

    @cached_property
    def gzipped(self) -> bytes:
        return gzip.compress(self.body, mtime=0)

    def __call__(self, exchange: Exchange) -> None:
        headers = {"Content-Type": self.content_type, **self.headers}
        if self.status != 200:
            exchange.send(self.status, headers, self.body)
            return
        validators = {"ETag": self.etag, "Last-Modified": format_datetime(self.last_modified, True)}
        if _not_modified(exchange.headers, self.etag, self.last_modified):
            exchange.send(304, validators)
            return
        body = self.body
        headers |= validators
        if self.compress:
            headers["Vary"] = "Accept-Encoding"
            if exchange.accepts_gzip():
                # Another encoding is another representation: the tag becomes weak, as nginx does.
                body, headers["Content-Encoding"] = self.gzipped, "gzip"
                headers["ETag"] = f"W/{self.etag}"
        exchange.send(200, headers, body)


def _not_modified(request: Message, etag: str, last_modified: datetime) -> bool:
    """RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if (if_none_match := request.get("If-None-Match")) is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if (if_modified_since := request.get("If-Modified-Since")) is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return last_modified <= (since if since.tzinfo else since.replace(tzinfo=UTC))
    return False


_NOT_FOUND = Response("<h1>404 — الصفحة غير موجودة</h1>".encode(), status=404)

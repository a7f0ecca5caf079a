"""What ``khabar sync --progress jsonl`` says, read without Qt: its lines, events and errors.

The window's ``SyncWorker`` feeds the child's output here. ``JsonLinesParser``
cuts the stream into JSON lines (lines split across reads, junk and over-long
lines included), ``progress_from_event`` and ``summary_from_event`` turn
events into the frozen values the signals carry, ``is_connection_error``
tells a source that could not be reached, and ``StderrTail`` keeps the last
lines of stderr for error messages. Nothing here holds Qt state.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.cli_output import Told, told, told_in

# Lines of the child's stderr kept for error messages: the last one says why it stopped.
STDERR_LINES = 20
# A line longer than this is not one of ours: it is dropped rather than buffered for ever.
MAX_LINE_BYTES = 1 << 20
# How long a cancelled child gets to stop on SIGINT before it is terminated, then killed.
CANCEL_GRACE_MS = 5_000
KILL_GRACE_MS = 3_000
# When the application quits, how long it waits for a cancelled sync at most.
SHUTDOWN_WAIT_MS = 3_000
# The FetchError sentences (reader.sync.fetcher) of a network that cannot be reached,
# and what the system's own errors say in the same case.
_CONNECTION_ERROR = re.compile(
    r"could not connect to|did not answer in time|took longer than .* seconds to answer"
    r"|stopped answering|name resolution|name or service not known|network is unreachable"
    r"|no route to host|timed out",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SourceProgress:
    """How one source fared, as the child reported it."""

    source_id: int
    title: str
    status: str  # "updated", "unchanged" or "failed"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    images: int = 0
    error: str | None = None
    elapsed_s: float = 0.0
    error_template: str = ""  # the error's sentence as a template, and its values
    error_values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether the source failed."""
        return self.status == "failed"


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a whole sync did; ``offline`` when no source could be reached at all."""

    sources: int
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    pages: int = 0
    images: int = 0
    elapsed_s: float = 0.0
    offline: bool = False


class JsonLinesParser:
    """Splits a byte stream into lines and reads each complete one as a JSON event.

    Reads may end anywhere, even inside a UTF-8 character: only whole lines
    are decoded. Lines that are not a JSON object with an ``event`` are
    skipped, so stray output of a library in the child does no harm.
    """

    def __init__(self) -> None:
        self._pending = bytearray()
        self._skipping = False  # inside an over-long line, dropped up to its end

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """The events whose lines ``data`` completes."""
        self._pending += data
        *lines, rest = bytes(self._pending).split(b"\n")
        self._pending = bytearray(rest)
        events = []
        for line in lines:
            if self._skipping:
                self._skipping = False
                continue
            if (event := parse_event(line)) is not None:
                events.append(event)
        if len(self._pending) > MAX_LINE_BYTES:
            self._pending.clear()
            self._skipping = True
        return events

    def finish(self) -> list[dict[str, Any]]:
        """The event on a last line without a newline, if any; the parser is then empty."""
        rest, skipping = bytes(self._pending), self._skipping
        self._pending.clear()
        self._skipping = False
        event = None if skipping else parse_event(rest)
        return [] if event is None else [event]


def parse_event(line: bytes) -> dict[str, Any] | None:
    """One line of ``--progress jsonl`` as a dict, or None when it is not an event."""
    try:
        value = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(value, dict) and isinstance(value.get("event"), str):
        return value
    return None


def event_int(event: dict[str, Any], key: str) -> int:
    value = event.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _float(event: dict[str, Any], key: str) -> float:
    value = event.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return 0.0


def progress_from_event(event: dict[str, Any]) -> SourceProgress:
    """A ``source_done`` or ``source_failed`` event as a ``SourceProgress``."""
    failed = event.get("event") == "source_failed"
    status = event.get("status")
    error = event.get("error")
    return SourceProgress(
        source_id=event_int(event, "source_id"),
        title=str(event.get("title") or ""),
        status="failed" if failed else str(status or "updated"),
        new=event_int(event, "new"),
        updated=event_int(event, "updated"),
        unchanged=event_int(event, "unchanged"),
        pages=event_int(event, "pages"),
        images=event_int(event, "images"),
        error=str(error) if error else None,
        elapsed_s=_float(event, "elapsed_s"),
        error_template=str(event.get("error_template") or ""),
        error_values=values if isinstance(values := event.get("error_values"), dict) else {},
    )


def summary_from_event(event: dict[str, Any], offline: bool = False) -> SyncSummary:
    """A ``finished`` event as a ``SyncSummary``."""
    return SyncSummary(
        sources=event_int(event, "sources"),
        new=event_int(event, "new"),
        updated=event_int(event, "updated"),
        unchanged=event_int(event, "unchanged"),
        failed=event_int(event, "failed"),
        pages=event_int(event, "pages"),
        images=event_int(event, "images"),
        elapsed_s=_float(event, "elapsed_s"),
        offline=offline,
    )


def is_connection_error(error: str | None) -> bool:
    """Whether a source's error says the network, not the server, failed."""
    return bool(error) and _CONNECTION_ERROR.search(error or "") is not None


def reached_any(results: Sequence[SourceProgress]) -> bool:
    """Whether any source answered: it worked, or failed for a reason other than the network."""
    return any(not (r.failed and is_connection_error(r.error)) for r in results)


class StderrTail:
    """The last lines the child wrote on stderr, for error messages."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self._lines: deque[str] = deque(maxlen=STDERR_LINES)

    def feed(self, data: bytes) -> None:
        """Take more of the stream; complete lines are kept, the last ``STDERR_LINES`` of them."""
        self._pending += data
        *lines, rest = bytes(self._pending).split(b"\n")
        self._pending = bytearray(rest[-MAX_LINE_BYTES:])
        for line in lines:
            self._keep(line)

    def finish(self) -> None:
        """Keep a last line that has no newline."""
        self._keep(bytes(self._pending))
        self._pending.clear()

    def lines(self) -> list[str]:
        """The lines kept, oldest first."""
        return list(self._lines)

    def last_line(self) -> str:
        """``last_told``'s English sentence; "" when there is none."""
        return self.last_told().english

    def last_told(self) -> Told:
        """The last failure ``khabar`` told (``told_in``), else the last line as it is."""
        if not self._lines:
            return Told("")
        return told_in(self._lines) or told(self._lines[-1])

    def _keep(self, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").strip()
        if text:
            self._lines.append(text)

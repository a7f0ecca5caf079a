"""One sync at a time per library: a lock file the operating system releases.

The window's sync worker and a ``khabar sync`` from a terminal or a timer may
start together; two syncs would fetch everything twice and write the same
sources in turn. The lock is held on an open file (``flock`` on POSIX,
``msvcrt.locking`` on Windows), so the system drops it when the process ends,
even by SIGKILL: a killed sync never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.errors import ReaderError, template

LOCK_FILE = "sync.lock"

_CANNOT_CREATE = template("Khabar could not create {path}: {reason}.")
RUNNING_ALREADY = template("A sync of this library is running already; wait for it to end.")


class SyncRunningError(ReaderError):
    """Another sync of the same library is running."""


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the library's sync lock for the ``with`` block, or raise ``SyncRunningError``."""
    path = data_dir / LOCK_FILE
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ReaderError.say(
            _CANNOT_CREATE, path=str(path), reason=exc.strerror or str(exc)
        ) from None
    try:
        if not _try_lock(handle):
            raise SyncRunningError.say(RUNNING_ALREADY)
        yield
    finally:
        os.close(handle)  # releases the lock


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - tested on Windows only
        import msvcrt  # noqa: PLC0415

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True

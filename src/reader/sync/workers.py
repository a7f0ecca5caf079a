"""The sync's worker processes: started early, in the background, and never left behind.

``WorkerPool`` starts its processes in a thread as soon as it is made, so a
caller can make it first thing (``khabar sync`` does, before it imports the
library) and the workers come up while the rest starts. Workers come from a
fork server on Linux (forking a process that runs threads is unsafe) that
imports ``reader.sync.work`` once; elsewhere they are spawned. Each worker
ends itself when the process that started it is gone, so a sync killed with
SIGKILL leaves none waiting for ever.

This module stays light: it imports nothing of the sync's libraries.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from reader.sync.memory import peak_rss_kb


class WorkerPool:
    """A process pool whose workers start in a background thread when it is made."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or os.cpu_count() or 2
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["reader.sync.work"])  # it imports jobs
        self.executor = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=context, initializer=start_worker
        )
        self._started = threading.Thread(target=self._start, name="khabar-workers", daemon=True)
        self._started.start()

    def _start(self) -> None:
        # One small job per worker makes the executor start them all.
        for future in [self.executor.submit(os.getpid) for _ in range(self.jobs)]:
            future.exception()

    def wait_ready(self) -> ProcessPoolExecutor:
        """The executor, once every worker has started (blocks until then)."""
        self._started.join()
        return self.executor

    def shutdown(self) -> None:
        """Stop the workers, dropping work not yet begun."""
        self._started.join()
        self.executor.shutdown(wait=True, cancel_futures=True)


def measured(fn: Callable[..., object], *args: object) -> tuple[object, int]:
    """Run ``fn`` in a worker; return its result with the worker's peak resident size (KiB)."""
    return fn(*args), peak_rss_kb()


def start_worker() -> None:
    """Run in each worker as it starts: end it when the process that started it ends.

    A sync killed with SIGKILL cannot stop its workers, and they would wait
    for work for ever (each holds both ends of the executor's queue).
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)

"""One writer thread per app: every store call runs there, in order, never on the UI thread.

Typing must never wait for a disk write, and saves must land in the order they were made
(an answer typed then changed must not be overwritten by the older text), so a single
queue feeds a single Textual thread worker.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from textual.message import Message

Job = Callable[[], Any]
POLL_SECONDS = 0.2


class SaveFailed(Message):
    """A store call failed in the writer thread; the app shows it and keeps what was saved."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__()
        self.what = what
        self.todo = todo


class SessionWriter:
    """A FIFO of store calls, drained by one thread; `flush` waits for it to empty."""

    def __init__(self, report: Callable[[Message], object]) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._report = report
        self._stopped = threading.Event()

    def submit(self, job: Job) -> None:
        """Queue a store call; returns at once."""
        self._jobs.put(job)

    def flush(self, timeout: float | None = None) -> bool:
        """Block until every queued call has run (for quitting and tests); False on timeout."""
        done = threading.Event()
        self._jobs.put(done.set)
        return done.wait(timeout)

    def stop(self) -> None:
        """Finish the queued calls, then end the thread."""
        self._jobs.put(None)

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """The thread body: run jobs until `stop` (or, once `cancelled()`, until the queue is
        empty), reporting failures instead of dying."""
        while True:
            try:
                job = self._jobs.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if cancelled():  # the app ended without `stop`: everything queued is done
                    self._stopped.set()
                    return
                continue
            if job is None:
                self._stopped.set()
                return
            self._run_one(job)

    def _run_one(self, job: Job) -> None:
        from fieldtui.core.errors import FieldtuiError

        try:
            job()
        except FieldtuiError as exc:
            self._report(SaveFailed(exc.what, exc.todo))
        except OSError as exc:
            self._report(SaveFailed(f"could not save ({exc.strerror or exc})",
                                    "check free space and permissions; what was saved is kept"))
        except Exception as exc:  # a bug must not kill the only writer
            self._report(SaveFailed(f"could not save ({type(exc).__name__}: {exc})",
                                    "please report it; what was saved before is kept"))

"""One writer thread per app: every store call runs there, in order, never on the UI thread.

Typing must never wait for a disk write, and saves must land in the order they were made
(an answer typed then changed must not be overwritten by the older text), so a single
queue feeds a single Textual thread worker.

A failed save holds the queue: the failed call stays first, nothing after it runs (a
`complete` must never land without the answers before it), and `SaveFailed` tells the app,
which keeps the flow on hold until `retry()` runs the same call again. Each store call is
all or nothing, so a job should be ONE store call: retrying it then repeats nothing that
was saved. Screens that report success wait for `saved()` first.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from textual.message import Message

Job = Callable[[], Any]
POLL_SECONDS = 0.2


class SaveFailed(Message):
    """A store call failed in the writer thread; the queue waits for `retry()`."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__()
        self.what = what
        self.todo = todo


class SessionWriter:
    """A FIFO of store calls, drained by one thread; held at the first failure."""

    def __init__(self, report: Callable[[Message], object]) -> None:
        self._jobs: deque[Job] = deque()
        self._cond = threading.Condition()
        self._report = report
        self._running = False
        self._failure: SaveFailed | None = None
        self._stopping = False
        self._stopped = threading.Event()
        self._waiters: list[Callable[[bool], None]] = []

    # -- the UI side -------------------------------------------------------------------

    def submit(self, job: Job) -> None:
        """Queue a store call; returns at once."""
        with self._cond:
            self._jobs.append(job)
            self._cond.notify_all()

    @property
    def failure(self) -> SaveFailed | None:
        """The failure holding the queue, or None while saves go through."""
        return self._failure

    @property
    def waiting(self) -> int:
        """Store calls not yet saved (the failed one included)."""
        with self._cond:
            return len(self._jobs)

    def retry(self) -> None:
        """Run the failed call again (after the user freed space), then the rest."""
        with self._cond:
            self._failure = None
            self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Block until every queued call has run, or the queue is held, or the writer
        stopped; True only when everything was saved (False on timeout too)."""
        with self._cond:
            self._cond.wait_for(lambda: self._idle() or self._failure is not None
                                or self._stopped.is_set(), timeout)
            return self._idle()

    async def saved(self) -> bool:
        """Wait, without blocking the event loop, until everything queued so far (and
        after) is saved, through a hold and its retry. False if the writer stopped first."""
        loop = asyncio.get_running_loop()
        result: asyncio.Future[bool] = loop.create_future()

        def wake(ok: bool) -> None:
            def settle() -> None:
                if not result.done():
                    result.set_result(ok)
            loop.call_soon_threadsafe(settle)

        with self._cond:
            if self._idle():
                return True
            if self._stopped.is_set():
                return False
            self._waiters.append(wake)
        return await result

    def stop(self) -> None:
        """Finish the queued calls (unless held), then end the thread."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()

    # -- the writer thread -------------------------------------------------------------

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """The thread body: run jobs until `stop` (or, once `cancelled()`, until the queue is
        empty or held), reporting a failure and holding instead of dying."""
        try:
            while True:
                with self._cond:
                    while not self._jobs or self._failure is not None:
                        if self._stopping or cancelled():
                            return
                        self._cond.wait(POLL_SECONDS)
                    job = self._jobs[0]
                    self._running = True
                failure = self._attempt(job)
                with self._cond:
                    self._running = False
                    if failure is None:
                        self._jobs.popleft()
                        if self._idle():
                            self._wake(True)
                    else:
                        self._failure = failure
                    self._cond.notify_all()
                if failure is not None:
                    self._report(failure)
        finally:
            with self._cond:
                self._stopped.set()
                self._wake(self._idle())
                self._cond.notify_all()

    def _idle(self) -> bool:
        return not self._jobs and not self._running

    def _wake(self, ok: bool) -> None:
        waiters, self._waiters = self._waiters, []
        for wake in waiters:
            wake(ok)

    @staticmethod
    def _attempt(job: Job) -> SaveFailed | None:
        from fieldtui.core.errors import FieldtuiError
        from fieldtui.core.i18n import _

        try:
            job()
        except FieldtuiError as exc:
            return SaveFailed(exc.what, exc.todo)
        except OSError as exc:
            return SaveFailed(_("could not save ({reason})").format(reason=exc.strerror or exc),
                              _("free some disk space (or check permissions), then retry"))
        except Exception as exc:  # a bug must not kill the only writer
            return SaveFailed(_("could not save ({reason})").format(
                reason=f"{type(exc).__name__}: {exc}"),
                _("please report it; what was saved before is kept"))
        return None

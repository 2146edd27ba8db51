"""A per-store flock, so two processes (two SSH logins) take turns on one session."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import open_private_append


class StoreBusy(FieldtuiError):
    """Another process held the session's lock for too long."""


class StoreLock:
    """An exclusive flock on `sessions/<sid>.lock`, re-entrant within one object."""

    def __init__(self, path: Path, *, timeout: float = 15.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd = open_private_append(path)
        self._depth = 0
        self._mutex = threading.RLock()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the block (threads of this process queue on a mutex first)."""
        with self._mutex:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _acquire(self) -> None:
        if self._fd < 0:
            raise FieldtuiError(_("the lock {name} is closed").format(name=self.path.name), _("reopen the session"))
        deadline = time.monotonic() + self.timeout
        pause = 0.0005
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                # flock cannot time out on its own; poll with a growing pause.
                if time.monotonic() > deadline:
                    raise StoreBusy(
                        _("the session {stem} is busy in another fieldtui process").format(stem=self.path.stem),
                        _("close it there (or wait for it to finish) and try again"),
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.01)

    def close(self) -> None:
        """Release and close the lock file (idempotent)."""
        with self._mutex:
            if self._fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                self._fd = -1

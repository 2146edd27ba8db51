"""The collector store's lock: one thread of this process at a time, and one process at a
time on the folder (a file lock), kept from one holder to the next while threads queue."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldtui.store.durable import open_private_append

RUN = 64  # holders of the lock in a row that keep the file lock (see RunLock.held)


class RunLock:
    """`mutex` alone for what only this process sees; `held()` for the folder too."""

    def __init__(self, path: Path) -> None:
        self.mutex = threading.Lock()
        self._fd = open_private_append(path)
        self._flocked = False
        self._run = 0
        self._queued = 0  # threads inside held(), waiting for the mutex or holding it
        self._queue_count = threading.Lock()

    def close(self) -> None:
        """Close the lock file (the file lock goes with it)."""
        os.close(self._fd)

    @contextmanager
    def held(self) -> Iterator[bool]:
        """Hold the mutex and the folder's file lock (other processes); yields True when
        the file lock was taken just now, False when it was kept from the holder before,
        so that no other process can have written index.log since. It is kept while
        other threads of this process queue for the lock (at most RUN holders in a row,
        so another process waits for no more than that): each upload's turn then costs no
        flock calls and no look at index.log, where every syscall lets the event loop and
        the other workers take the GIL while the whole queue waits."""
        with self._queue_count:
            self._queued += 1
        counted = True
        try:
            with self.mutex:
                fresh = not self._flocked
                if fresh:
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
                    self._flocked, self._run = True, 0
                self._run += 1
                try:
                    yield fresh
                finally:
                    with self._queue_count:
                        self._queued -= 1
                        counted = False
                        others = self._queued
                    if not others or self._run >= RUN:
                        self._flocked = False
                        fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            if counted:  # the mutex was never reached
                with self._queue_count:
                    self._queued -= 1

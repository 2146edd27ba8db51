"""Group commit: write-once files in one folder, many writers, one folder fsync per batch.

Each writer writes and fsyncs its own temp file in its own thread (the disk merges
concurrent fsyncs into one journal commit). Then the first writer to arrive leads: it
waits a few milliseconds for the writers still busy with their temp files, publishes
every file of the batch (a hard link, as `durable.write_new`), fsyncs the folder once and
only then wakes the batch, each writer on its own event (a broadcast to every waiting
thread cost ~800 futex calls per upload at 50 at once). Writers that arrive meanwhile queue,
and the first of them leads the next batch. So no call returns before its file is durable,
and a batch of N files costs one folder fsync instead of N. When the folder fsync fails, every call of
that batch raises the error (the caller must not claim those files stored) and their
names are taken back, so a retry writes them again.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldtui.store import durable


@dataclass
class _Job:
    temp: Path | None
    path: Path
    fd: int | None = None  # the file written without a name (durable.write_unnamed)
    data: bytes = b""  # kept to write it again with a name if it cannot be linked
    new: bool = False
    found: bool = False  # the name was there: maybe another process's, not durable yet
    error: BaseException | None = None
    done: bool = False
    # set when the job is done, or when its writer is to lead the next batch: each writer
    # waits on its own event, so a batch wakes its own writers once each (no broadcast)
    wake: threading.Event = field(default_factory=threading.Event)
    tag: Any = None  # the caller's, for what it does once the batch is done


class GroupCommit:
    """Durable write-once files in `folder`, published in batches; thread-safe."""

    def __init__(self, folder: Path, *, window: float = 0.003,
                 sync_dir: Callable[[Path], None] | None = None) -> None:
        self.folder = Path(folder)
        self.window = window  # how long a leader waits for writers still writing
        self._sync_dir = sync_dir or durable.fsync_dir
        self._lock = threading.Lock()
        self._written = threading.Condition(self._lock)  # the leader waits on it alone
        self._queue: list[_Job] = []
        self._writing = 0  # writers between their first byte and joining the queue
        self._leading = False
        self._gathering = False  # a leader waits for the writers still writing
        self.batches = 0  # folder fsyncs made (the bench and the tests read it)
        # files are written without a name and linked once (no temp name to create and
        # unlink), until that is found not to work here
        self._unnamed = True

    def sync(self) -> None:
        """Make every name in the folder durable now (one folder fsync, outside any
        batch): for a caller about to answer about a file another process wrote."""
        self._sync_dir(self.folder)

    def write_new(self, name: str, data: bytes, *, absent: bool = False) -> bool:
        """Write `folder/name` once, durably (False when it already exists), as part of
        whatever batch is forming; raises OSError when the write or the batch failed.
        `absent`: the caller has just found no file of that name (no look again; a name
        that appeared meanwhile is still never overwritten: the hard link refuses it)."""
        path = self.folder / name
        if not absent and os.path.lexists(path):  # a file, or a planted link: never
            return False                          # written through
        with self._lock:
            self._writing += 1
        try:  # fsynced: data first
            fd = durable.write_unnamed(self.folder, data) if self._unnamed else None
            temp = None if fd is not None else durable.write_temp(self.folder, name, data)
        except BaseException:
            self._joined(None)
            raise
        job = _Job(temp, path, fd, data)
        if self._joined(job):
            self._lead()
        while not job.done:
            job.wake.wait()
            if not job.done:  # handed the lead: the batch before this one is done
                job.wake.clear()
                self._lead()
        if job.error is not None:
            raise job.error
        return job.new

    def _joined(self, job: _Job | None) -> bool:
        """Queue a written job (None: a write that failed); True when its writer leads."""
        with self._lock:
            self._writing -= 1
            if self._gathering and not self._writing:
                self._written.notify()
            if job is None:
                return False
            self._queue.append(job)
            if self._leading:
                return False
            self._leading = True
            return True

    def _lead(self) -> None:
        deadline = time.monotonic() + self.window
        with self._lock:
            self._gathering = True
            while self._writing and (left := deadline - time.monotonic()) > 0:
                self._written.wait(left)  # the writers still writing join this batch
            self._gathering = False
            batch, self._queue = self._queue, []
        try:
            self.publish(batch)
        finally:
            with self._lock:
                if self._queue:  # arrived during this batch: its first writer leads next
                    self._queue[0].wake.set()
                else:
                    self._leading = False
            for job in batch:
                job.wake.set()

    def prepare(self, name: str, data: bytes) -> _Job:
        """Write `data` for `folder/name` and fsync it, without giving it the name yet (a
        file with no name, or a temp name): for `publish`, which names a batch of them and
        makes the names durable with one folder fsync. For writers that wait for the batch
        elsewhere (an event loop: see group_commit_loop); raises OSError."""
        fd = durable.write_unnamed(self.folder, data) if self._unnamed else None
        temp = None if fd is not None else durable.write_temp(self.folder, name, data)
        return _Job(temp, self.folder / name, fd, data)

    def publish(self, batch: list[_Job]) -> None:
        """Name each prepared job (once: a name already there is never replaced), then fsync
        the folder once; each job is then `done`, with `new` (named now), `found` (the name
        was there: durable too after this fsync) or `error` (nothing of it may be claimed
        stored; a name it got is taken back, so a retry writes it again)."""
        error: BaseException | None = None
        try:
            if any([self._publish(job) for job in batch]):  # each published, then one fsync
                self.batches += 1
                self._sync_dir(self.folder)
        except BaseException as exc:
            # any failure (not only an OSError) means no folder fsync covered this batch:
            # every writer whose file got linked (or found) raises it, the leader included
            error = exc
        finally:
            for job in batch:
                if error is not None and job.new:
                    # linked but never made durable: take the name back, so that a retry
                    # writes it again rather than hearing it is already there
                    with contextlib.suppress(OSError):
                        os.unlink(job.path)
                job.error = error if job.new or job.found else job.error
                job.done = True

    def _publish(self, job: _Job) -> bool:
        """`_publish` for a job written without a name: linked from its descriptor (or,
        where that cannot be done, written again with a temp name, and from then on all)."""
        if job.fd is None:
            return _publish(job)
        try:
            durable.link_unnamed(job.fd, job.path)
            job.new = True
        except FileExistsError:
            job.found = True
        except OSError:
            self._unnamed = False  # no /proc to name it by: temp names from now on
            try:
                job.temp = durable.write_temp(self.folder, job.path.name, job.data)
            except OSError as exc:
                job.error = exc
                return False
            return _publish(job)
        finally:
            os.close(job.fd)
            job.fd = None
        return True


def _publish(job: _Job) -> bool:
    """Link the temp file to its name (once); True when a folder fsync is needed: for a
    name found there too, which another process may have linked and not yet made durable
    (the caller answers about it once this batch's fsync is done)."""
    assert job.temp is not None
    try:
        os.link(job.temp, job.path)
        job.new = True
    except FileExistsError:
        job.new = False
        job.found = True
    except OSError as exc:
        # no hard links (FAT on a USB stick): a rename is the best there is
        if job.path.exists() or job.path.is_symlink():
            job.new = False
            job.found = True
        else:
            try:
                os.replace(job.temp, job.path)
                job.new = True
            except OSError as failed:
                job.error = failed if failed.errno else exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(job.temp)
    return job.new or job.found


Prepared = _Job  # what `GroupCommit.prepare` returns, for `publish`

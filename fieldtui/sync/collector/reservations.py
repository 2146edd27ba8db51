"""Reserving a bundle's slots before it is written, for every process on the folder at once.

What is stored is known from the index (index.py, shared through index.log); the lock file
(.lock) lets one process at a time check an upload against it and take the reservation,
while the writes themselves run in parallel. A reservation ends stored (the bundle's file
is named and durable) or given back (its write failed), and nothing is answered about a
bundle while this process is still writing it.
"""

from __future__ import annotations

from pathlib import Path

from fieldtui.bundle.envelope import Envelope
from fieldtui.store.group_commit import Prepared
from fieldtui.sync.collector.index import BundleIndex
from fieldtui.sync.collector.log import RequestLog
from fieldtui.sync.collector.run_lock import RunLock


class Reservations:
    """The index of one collector folder behind its lock file (thread- and process-safe)."""

    def __init__(self, root: Path, log: RequestLog) -> None:
        self.lock = RunLock(root / ".lock")
        self.index = BundleIndex(root)
        self._bundles = root / "bundles"
        self._log = log

    def close(self) -> None:
        """Close index.log and the lock file."""
        self.index.close()
        self.lock.close()

    def decide(self, sha256: str, envelope: Envelope) -> str:
        """`known`, `theirs` (stored by another process), `replay`, or `store` (its slots
        now reserved by this caller)."""
        while True:
            with self.lock.held() as fresh:
                if fresh:  # other processes may have reserved since this one last held it
                    self.index.refresh()
                waiting = self.index.pending.get(sha256)
                if waiting is None:
                    if sha256 in self.index.known:
                        return "known"
                    # only bytes another process reserved can have a file this one does
                    # not know of (written by the index's rules): look for it only then,
                    # not once per upload while the whole queue waits
                    if (self.index.slots.get((envelope.device_id, envelope.seq)) == sha256
                            and self._bundle(sha256).exists()):
                        return "theirs"
                    if self.index.conflict(sha256, envelope):
                        return "replay"
                    self.index.reserve(sha256, envelope)
                    return "store"
            waiting.wait()  # the same bytes are being written right now: answer alike

    def settled(self, sha256: str) -> None:
        """Wait while this process is writing the bundle: it has a name before its batch's
        fsync is done, so it is answered about only once durable (or given back)."""
        with self.lock.mutex:
            waiting = self.index.pending.get(sha256)
        if waiting is not None:
            waiting.wait()

    def stored(self, sha256: str, envelope: Envelope) -> None:
        """The bundle is durable: its reservation ends, stored (in memory only: other
        processes see the bundle file itself)."""
        with self.lock.mutex:
            self.index.release(sha256, envelope, stored=True)

    def give_back(self, sha256: str, envelope: Envelope) -> None:
        """The bundle's write failed: its slots are free again."""
        with self.lock.held():  # the cancel line in index.log tells the other processes
            try:
                self.index.release(sha256, envelope, stored=False)
            except OSError as exc:  # only other processes miss it
                self._log.trouble(exc, "index.log")

    def published(self, jobs: list[Prepared]) -> None:
        """End the reservations of a batch the loop published (in its worker thread, before
        any upload of it is answered): stored, or given back when it failed."""
        stored = [job for job in jobs if job.done and job.error is None]
        if stored:
            self._log.recovered()  # the disk takes bundles again
            with self.lock.mutex:  # in memory only: other processes see the bundle files
                for job in stored:
                    self.index.release(*job.tag, stored=True)
        for job in jobs:
            if not (job.done and job.error is None):
                self.give_back(*job.tag)

    def _bundle(self, sha256: str) -> Path:
        return self._bundles / f"{sha256}.ftb"

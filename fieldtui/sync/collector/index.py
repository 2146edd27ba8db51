"""What the collector holds, in memory: bundle names, (device, seq) slots and bundle ids.

Built at start from bundles/ (each envelope read once). A process that is about to write a
bundle first appends `sha256 device_id seq bundle_id` to index.log (its reservation), and
`- sha256 device_id seq bundle_id` if the write then fails; the others read the log on their
next upload. So `collector ingest` and a running server see each other's bundles, and two
different bundles never take the same seq or bundle id, even from two processes. Within a
process, the same bytes arriving twice at once are written once. Each record starts a line
of its own (a line torn by a crash or a full disk is ended first), and a reader takes only
lines of exactly that shape, so a torn line is skipped, never merged with the next record.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from fieldtui.bundle import BundleError, read_envelope
from fieldtui.bundle.envelope import Envelope
from fieldtui.store.durable import append_record
from fieldtui.sync.collector.keys import open_append

LOG = "index.log"
RECORD = re.compile(r"(- )?([0-9a-f]{64}) ([0-9a-f]{16}) ([0-9]{1,18}) ([0-9a-f]{32})")


class BundleIndex:
    """Names, seq slots and bundle ids of stored (and reserved) bundles."""

    def __init__(self, root: Path) -> None:
        self.folder = Path(root) / "bundles"
        self.known: set[str] = set()
        self.slots: dict[tuple[str, int], str] = {}
        self.ids: dict[str, str] = {}
        self.pending: dict[str, threading.Event] = {}
        self._fd = open_append(Path(root) / LOG)
        self._offset = os.fstat(self._fd).st_size  # before the scan: re-reading is harmless
        # the log's size as the last refresh found it, when it had read every line of it
        # (so it ends with a newline or is empty); None when not known
        self._read_to: int | None = None
        self._clean_end: bool | None = None  # whether the offset is at a line's start
        for path in self.folder.glob("*.ftb"):
            try:
                self.add(path.stem, read_envelope(path.read_bytes()))
            except (OSError, BundleError):
                continue  # `collector check` reports damaged bundles

    def close(self) -> None:
        """Close index.log."""
        os.close(self._fd)

    def refresh(self) -> None:
        """Take in what other processes stored since the last look."""
        size = os.fstat(self._fd).st_size
        self._read_to = None
        if size <= self._offset:
            if size == self._offset and self._offset_clean():
                self._read_to = size
            return
        data = os.pread(self._fd, size - self._offset, self._offset)
        end = data.rfind(b"\n") + 1  # a line still being written is read next time
        for line in data[:end].decode("ascii", "replace").splitlines():
            record = RECORD.fullmatch(line)
            if record is None:
                continue  # torn by a crash or a full disk: that write was never acted on
            cancel, sha, device_id, seq, bundle_id = record.groups()
            slot = (device_id, int(seq))
            if not cancel:
                self.slots[slot] = sha
                self.ids[bundle_id] = sha
            elif sha not in self.known:  # given back by another process
                if self.slots.get(slot) == sha:
                    del self.slots[slot]
                if self.ids.get(bundle_id) == sha:
                    del self.ids[bundle_id]
        self._offset += end
        if end:
            self._clean_end = True
        if self._offset == size and self._offset_clean():
            self._read_to = size

    def _offset_clean(self) -> bool:
        """True when the log before the offset ends with a newline (or is empty)."""
        if self._clean_end is None:  # at start: the offset is wherever the file ended
            self._clean_end = not self._offset or os.pread(
                self._fd, 1, self._offset - 1) == b"\n"
        return self._clean_end

    def conflict(self, sha256: str, envelope: Envelope) -> str:
        """The name of another bundle holding this seq or bundle id, or ''."""
        for other in (self.slots.get((envelope.device_id, envelope.seq)),
                      self.ids.get(envelope.bundle_id)):
            if other is not None and other != sha256:
                return other
        return ""

    def reserve(self, sha256: str, envelope: Envelope) -> threading.Event:
        """Hold the slots (here and in index.log) while the bundle is written; the event
        is set when it is done. Call with the store's lock held, after `refresh` (or
        after this process's previous reservation, the lock held since)."""
        line = _line(sha256, envelope)
        # first: a failed write holds nothing. When the refresh just before read the log to
        # its end (no other process can write while the lock is held), the record goes on
        # at that size, and the next refresh starts after it (its slots are taken below):
        # no look at the log's end now, no reading back of our own line later. The log
        # then ends with this record, for the next reservation made under the same lock.
        known, self._read_to = self._read_to, None
        append_record(self._fd, line, size=known)
        if known is not None:  # (refresh sets it only at the offset)
            self._offset = self._read_to = known + len(line)
        self._slots_for(sha256, envelope)
        event = threading.Event()
        self.pending[sha256] = event
        return event

    def add(self, sha256: str, envelope: Envelope) -> None:
        """Record a stored bundle (in memory)."""
        self._slots_for(sha256, envelope)
        self.known.add(sha256)

    def release(self, sha256: str, envelope: Envelope, *, stored: bool) -> None:
        """End a reservation: stored, or given back (logged for other processes; that
        write may fail, raising OSError, after the slots here are freed and waiters woken)."""
        try:
            if stored:
                self.add(sha256, envelope)
            else:
                self.slots.pop((envelope.device_id, envelope.seq), None)
                self.ids.pop(envelope.bundle_id, None)
        finally:
            event = self.pending.pop(sha256, None)
            if event is not None:
                event.set()
        if not stored:
            self._read_to = None  # the log grows past what refresh read
            append_record(self._fd, b"- " + _line(sha256, envelope))

    def _slots_for(self, sha256: str, envelope: Envelope) -> None:
        self.slots[(envelope.device_id, envelope.seq)] = sha256
        self.ids[envelope.bundle_id] = sha256


def _line(sha256: str, envelope: Envelope) -> bytes:
    return f"{sha256} {envelope.device_id} {envelope.seq} {envelope.bundle_id}\n".encode()

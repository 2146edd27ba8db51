"""An open session journal on disk: create, replay, append durably, catch up, compact.

The format is in `journal_format`. Callers hold the store's flock around every method
here except `close`: the journal itself does no locking.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import FILE_MODE, write_atomic
from fieldtui.store.home import session_id_of
from fieldtui.store.journal_format import (
    HEADER_SIZE,
    JournalKeys,
    Ops,
    check_header_mac,
    damaged,
    frame,
    is_torn_tail,
    new_keys,
    open_keys,
    open_ops,
    pack_header,
    seal_ops,
    split_frames,
    unpack_header,
)

_sync = getattr(os, "fdatasync", os.fsync)


class StoreGone(FieldtuiError):
    """The store file vanished while open (sealed and removed by another process)."""


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view = view[written:]
        offset += written


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    chunks, offset = [], 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _remove_stale_temps(path: Path) -> None:
    # A compaction or sidecar write killed before its rename leaves write_atomic's temp
    # file (".<sid>.ftj.<random>.tmp", ".<sid>.meta.json.<random>.tmp") behind.
    stem = session_id_of(path)
    for stale in path.parent.glob(f".{stem}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def journal_bytes(keys: JournalKeys, key_record: bytes, ops: Ops) -> bytes:
    """A whole new journal: header, key record and one record of `ops`."""
    body = frame(0, key_record) + seal_ops(keys, 1, ops)
    return pack_header(keys, HEADER_SIZE + len(body), 2) + body


class Journal:
    """One session's journal file, open for appending."""

    def __init__(self, path: Path, fd: int, keys: JournalKeys, committed: int, count: int
                 ) -> None:
        self.path = path
        self.name = path.name
        self._fd = fd
        self.keys = keys
        self.committed = committed
        self.count = count
        self._ino = os.fstat(fd).st_ino

    @classmethod
    def create(cls, path: Path, recipients: list[str], ops: Ops) -> Journal:
        """Write a new journal holding `ops`, durably (temp file, fsync, rename)."""
        if path.exists() or path.is_symlink():
            raise FieldtuiError(_("{path} already exists").format(path=path), _("this is a bug; please report it"))
        keys, key_record = new_keys(recipients)
        data = journal_bytes(keys, key_record, ops)
        write_atomic(path, data)
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
        return cls(path, fd, keys, len(data), 2)

    @classmethod
    def open(cls, path: Path, identity: Any) -> tuple[Journal, list[Ops]]:
        """Open and verify a journal; returns it with every record's ops, in order."""
        name = path.name
        _remove_stale_temps(path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
        except FileNotFoundError as exc:
            raise FieldtuiError(_("no session store at {path}").format(path=path), _("check the session id")) from exc
        except OSError as exc:
            raise FieldtuiError(
                _("cannot open session store {path}: {strerror}").format(path=path, strerror=exc.strerror),
                _("it must be a regular file owned by you (symbolic links "
                  "are refused)"),
            ) from exc
        try:
            data = _read_all(fd)
            header = unpack_header(name, data)
            if len(data) < header.committed:
                raise damaged(name, _("it is {size} bytes but its header says "
                                      "{committed} were saved: it was cut short").format(size=len(data), committed=header.committed))
            frames = split_frames(name, data, HEADER_SIZE, header.committed, 0)
            if len(frames) != header.count:
                raise damaged(name, _("it holds {records} records but its "
                                      "header says {count}").format(records=len(frames), count=header.count))
            keys = open_keys(name, frames[0][2], identity)
            check_header_mac(name, header, keys)
            ops = [open_ops(name, keys, seq, head, body) for seq, head, body in frames[1:]]
            tail = data[header.committed :]
            if tail:
                if not is_torn_tail(tail, header.count):
                    raise damaged(name, _("{size} bytes of unknown data follow the "
                                          "last saved record").format(size=len(tail)))
                # A save killed before it returned: drop its partial record.
                os.ftruncate(fd, header.committed)
                _sync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, keys, header.committed, header.count), ops

    def replaced(self) -> bool:
        """True if another process compacted (renamed a new file over) this journal."""
        try:
            return os.stat(self.path).st_ino != self._ino
        except FileNotFoundError as exc:
            raise StoreGone(
                _("session store {name} was removed while open").format(name=self.name),
                _("it was sealed and receipted elsewhere; close this session"),
            ) from exc

    def catch_up(self) -> list[Ops]:
        """The ops other processes committed since we last looked (call under the lock)."""
        head = os.pread(self._fd, HEADER_SIZE, 0)
        header = unpack_header(self.name, head)
        if header.committed == self.committed and header.count == self.count:
            return []
        check_header_mac(self.name, header, self.keys)
        if header.committed < self.committed or header.count < self.count:
            raise damaged(self.name, _("it became shorter while open"))
        size = header.committed - self.committed
        data = os.pread(self._fd, size, self.committed)
        if len(data) != size:
            raise damaged(self.name, _("it is shorter than its header says"))
        frames = split_frames(self.name, data, 0, size, self.count)
        if self.count + len(frames) != header.count:
            raise damaged(self.name, _("its record count does not match its header"))
        ops = [open_ops(self.name, self.keys, seq, h, body) for seq, h, body in frames]
        self.committed, self.count = header.committed, header.count
        return ops

    def append(self, ops: Ops) -> None:
        """Append one record and commit it: durable when this returns."""
        record = seal_ops(self.keys, self.count, ops)
        if os.fstat(self._fd).st_size != self.committed:
            # A torn record from a killed writer: cut it so no stray bytes follow ours.
            os.ftruncate(self._fd, self.committed)
        _pwrite_all(self._fd, record, self.committed)
        _sync(self._fd)  # the record is on disk before the header claims it
        committed, count = self.committed + len(record), self.count + 1
        # 64 bytes at offset 0, inside one sector: written whole or not at all.
        _pwrite_all(self._fd, pack_header(self.keys, committed, count), 0)
        _sync(self._fd)
        self.committed, self.count = committed, count

    def compact(self, snapshot: Ops) -> None:
        """Replace the journal with one record holding `snapshot` (temp, fsync, rename)."""
        keys, key_record = new_keys(list(self.keys.recipients))
        data = journal_bytes(keys, key_record, snapshot)
        write_atomic(self.path, data)
        fd = os.open(self.path, os.O_RDWR | os.O_NOFOLLOW)
        os.fchmod(fd, FILE_MODE)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd, self.keys = fd, keys
        self.committed, self.count = len(data), 2
        self._ino = os.fstat(fd).st_ino

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1

"""What a collector store took in since the last merge from it, read from its index.log
instead of listing bundles/ (a folder of 10,000 names costs ext4 8 ms to list).

The collector appends `sha256 device_id seq bundle_id` to its store's index.log before it
writes `bundles/<sha256>.ftb`, and `- sha256 …` when that write failed
(sync/collector/index.py); the log is only appended to. A merge from a store remembers, in
the dataset's `meta` (key `MARK` + the folder's key), how far it read the log (the log's
device and inode, the byte offset of a line's start, or past the bytes read so far of an
overlong unfinished line: junk, not scanned again) and the names it must look at again
(`pending`): reserved while their file was not there yet, or refused (a refused bundle is
opened again at every merge, as a listing would). The next merge reads only the lines
after the offset: the names it has to consider are those and the pending ones, whatever
the folder holds beside them.

The first merge from a store, or one whose log was replaced or cut shorter, lists the
folder; its mark is the log's end read after the listing, and the names reserved up to
there without a file in the listing are pending (a reservation comes before its file). A folder without index.log is always
listed. Bundles put into bundles/ by hand, not through the collector (`collector serve`,
`collector ingest`), are not in the log: only a listing (a new dataset, or a store whose
log was replaced) finds them; `collector ingest` is the way to add files.

Reading more lines than needed is harmless (known names are skipped); so the mark is
written last, after the merge committed, and a merge that stops half-way leaves the old one.
"""

from __future__ import annotations

import json
import os
import re
import stat as stat_mode
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fieldtui.supervise.dataset_conn import Dataset

LOG = "index.log"
MARK = "store log mark "
# Only the name matters here; a line torn by a crash may still start with one: taking it is
# safe (a name with no file stays pending, a known one is skipped).
_LINE = re.compile(rb"(- )?([0-9a-f]{64})(?= |$)")
# The store is hostile until checked (a USB stick, a compromised collector): the log is
# read in chunks, a line longer than a record can be is skipped, and only names of the
# shape `<sha256>.ftb` are ever joined to the folder (a tampered mark's too).
CHUNK = 1 << 20
MAX_LINE = 4096  # a record is under 300 bytes
NAME = re.compile(r"[0-9a-f]{64}\.ftb")


@dataclass
class Mark:
    """How far a merge read a store's log, and the names to look at again."""

    log: str
    offset: int
    pending: set[str] = field(default_factory=set)
    held: int = 0  # how many of the store's bundles the dataset had merged at the mark
    # names the next read will give again, already considered (a PostgreSQL store's read
    # starts at the oldest transaction running at the last one: pg/export.py)
    seen: set[str] = field(default_factory=set)
    # how many rows of a PostgreSQL store the next read will not give (pg/export.py)
    below: int | None = None
    last: str | None = None  # a row of the newest transaction among them: "<xid> <sha256>"

    def value(self) -> dict[str, Any]:
        """As stored in `meta`."""
        value: dict[str, Any] = {"log": self.log, "offset": self.offset,
                                 "pending": sorted(self.pending), "held": self.held}
        if self.seen:
            value["seen"] = sorted(self.seen)
        if self.below is not None:
            value["below"] = self.below
        if self.last is not None:
            value["last"] = self.last
        return value


def log_path(folder: Path) -> Path | None:
    """The index.log of the collector store whose bundles/ `folder` is, or None."""
    if folder.name != "bundles":
        return None
    log = folder.parent / LOG
    return log if log.is_file() else None


def _identity(stat: os.stat_result) -> str:
    return f"{stat.st_dev}:{stat.st_ino}"


def stored_mark(conn: Dataset, key: str) -> Mark | None:
    """The mark the last merge from the folder `key` left, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key=?", (MARK + key,)).fetchone()
    if not row:
        return None
    try:
        value = json.loads(row[0])
        mark = Mark(str(value["log"]), int(value["offset"]),
                    {str(name) for name in value["pending"]}, int(value.get("held", 0)),
                    {str(name) for name in value.get("seen", [])},
                    None if value.get("below") is None else int(value["below"]),
                    None if value.get("last") is None else str(value["last"]))
    except (ValueError, KeyError, TypeError, OverflowError):
        return None  # unreadable: the folder is listed again
    if mark.offset < 0 or mark.held < 0 or not all(map(NAME.fullmatch, mark.pending)) \
            or not all(map(NAME.fullmatch, mark.seen)) or (mark.below or 0) < 0:
        return None  # tampered with: listed again, as for a mark never written
    return mark


def _read(log: Path, offset: int) -> tuple[str, int, dict[str, bool]] | None:
    """The log's identity, the offset after its last whole line, and for each name in the
    lines from `offset` on whether its last line there reserves it (True) or cancels it;
    None when the log is shorter than `offset` (cut: it is not the log the mark read), is
    not a plain file (a symlink is not followed out of the store) or cannot be read."""
    if offset < 0:
        return None
    try:
        fd = os.open(log, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(fd, "rb", closefd=True) as handle:
            stat = os.fstat(handle.fileno())
            if not stat_mode.S_ISREG(stat.st_mode) or stat.st_size < offset:
                return None
            # A mark not after a newline lies inside an overlong line (`_states`): the
            # rest of that line is junk too (the log is only appended to).
            inside = offset > 0 and os.pread(handle.fileno(), 1, offset - 1) != b"\n"
            handle.seek(offset)
            states, end = _states(handle, stat.st_size - offset, skipping=inside)
    except OSError:
        return None
    return _identity(stat), offset + end, states


def _states(handle: BinaryIO, size: int, *,
            skipping: bool = False) -> tuple[dict[str, bool], int]:
    """`_read`'s names and the length read up to where the next read starts, among the
    next `size` bytes, read a chunk at a time (a log of GBs costs a chunk of memory): the
    whole lines, and an unfinished last line too once it is over MAX_LINE (junk whatever
    is appended to it: not scanned again at every merge); a shorter unfinished line (one
    still being written) is read next time. `skipping`: the bytes start inside such a
    line."""
    states: dict[str, bool] = {}
    start = 0  # where `tail` starts, from the offset
    end = 0
    tail = b""
    while size > 0:
        chunk = handle.read(min(CHUNK, size))
        if not chunk:
            break  # cut while read: its whole lines so far
        size -= len(chunk)
        lines = (tail + chunk).split(b"\n")
        rest = lines.pop()
        if lines:
            if skipping:
                lines[0] = b""  # the end of the overlong line
                skipping = False
            for line in lines:
                match = _LINE.match(line) if len(line) <= MAX_LINE else None
                if match:
                    states[f"{match.group(2).decode()}.ftb"] = match.group(1) is None
            end = start + len(tail) + len(chunk) - len(rest)
            start = end
            tail = rest
        else:
            tail += chunk
        if len(tail) > MAX_LINE:  # not a record: its bytes are not kept
            start += len(tail)
            tail = b""
            skipping = True
    if skipping:  # inside a line too long to be a record: its bytes so far are passed
        end = start + len(tail)
    return states, end


def since(folder: Path, mark: Mark | None) -> tuple[list[str], Mark] | None:
    """The names to consider (present in `folder` now) and the mark to leave after merging
    them (its `pending`: those reserved but not there yet), when the store's log goes on
    from `mark`; None when the folder must be listed instead."""
    log = log_path(folder)
    if log is None or mark is None:
        return None
    read = _read(log, mark.offset)
    if read is None or read[0] != mark.log:
        return None
    identity, offset, states = read
    names: list[str] = []
    pending: set[str] = set()
    where = f"{folder}{os.sep}"  # plain strings: no Path built per name
    for name in mark.pending.union(states):
        if os.path.lexists(where + name):  # a link too: the merge refuses it, unread
            names.append(name)
        elif states.get(name, True):  # not there yet; a cancelled one is dropped
            pending.add(name)
    return names, Mark(identity, offset, pending, mark.held)


def after_listing(folder: Path, listing: list[str]) -> Mark | None:
    """For a merge that listed the folder: the log's end read after the listing, with the
    names reserved up to there that the listing lacks as pending (their files came later).
    Every later file is then either pending or reserved after the mark."""
    log = log_path(folder)
    if log is None:
        return None
    read = _read(log, 0)
    if read is None:
        return None
    identity, offset, states = read
    pending = {name for name, kept in states.items() if kept}.difference(listing)
    return Mark(identity, offset, pending)


def write_mark(conn: Dataset, key: str, mark: Mark) -> None:
    """Store the mark (inside the caller's transaction)."""
    conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (MARK + key, json.dumps(mark.value())))

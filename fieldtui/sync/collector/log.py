"""The collector's requests.log, and the one line that tells of a full (or failing) disk.

Log lines are appended in one write each call, not fsynced (a log, not data); a line cut
short by a crash or a full disk is ended before the next one. A write that fails is never
raised: the disk trouble is told once on stderr (and in the log when it can take it), until
`recovered()` says a bundle was stored again.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from fieldtui.core.clock import wall_iso
from fieldtui.core.errors import one_line
from fieldtui.core.i18n import _
from fieldtui.store.durable import append_record
from fieldtui.sync.collector.keys import open_append


def to_stderr(line: str) -> None:
    """The default place for the disk-trouble line: the collector's stderr."""
    print(line, file=sys.stderr, flush=True)


class RequestLog:
    """requests.log of one collector folder; safe to use from many threads."""

    def __init__(self, root: Path, warn: Callable[[str], None] | None = to_stderr) -> None:
        self.root = Path(root)
        self._fd = open_append(self.root / "requests.log")
        self._lock = threading.Lock()
        self._warn = warn
        self._troubled = False

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)

    def write(self, *lines: str) -> None:
        """Append lines (each escaped to one line, time-stamped) in one write."""
        stamp = wall_iso()
        # paths from a stick or a request may hold newlines or escapes: one line each
        text = "".join(f"{stamp} {one_line(line)}\n" for line in lines)
        failed: OSError | None = None
        with self._lock:
            try:
                append_record(self._fd, text.encode())
            except OSError as exc:
                failed = exc
        if failed is not None:
            self.trouble(failed, "requests.log")

    def trouble(self, exc: OSError, what: str) -> None:
        """Tell once that `what` could not be written, until recovered()."""
        with self._lock:
            if self._troubled:
                return
            self._troubled = True
        line = one_line(_("fieldtui collector: cannot write {what} in "
                          "{root} ({problem}) — free some space; uploads are "
                          "answered 503 (retry later) and refused bytes "
                          "are not kept until then").format(what=what, root=self.root, problem=exc.strerror or exc))
        if self._warn is not None:
            self._warn(line)
        self.write(line)

    def recovered(self) -> None:
        """A bundle was stored: a later failure is a new episode, told again."""
        self._troubled = False

"""A bundle file read from a folder that may be a stick's or a compromised collector's:
its bytes and when it was stored there, from one open that follows no link and reads no
more than a bundle can hold."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES
from fieldtui.bundle.errors import BundleError
from fieldtui.core.clock import file_time
from fieldtui.core.i18n import _
from fieldtui.store.durable import read_at_most


def read_stamped(path: Path) -> tuple[bytes, str | None]:
    """A bundle file's bytes, and when it was written where it is read (for a collector
    store: when the collector stored it), ISO UTC: both from one open, the time from the
    open file (no second look-up of the path). The folder may be a stick's or a
    compromised collector's: a link is not followed out of it, a folder, FIFO or device is
    not read, nor more than a bundle can hold (BundleError: the bundle is refused)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise BundleError("unreadable", _("cannot open it ({strerror}); only a plain file "
                                          "is read, a link is not followed").format(
                                              strerror=exc.strerror)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise BundleError("unreadable", _("not a plain file (a folder or device is "
                                              "not read)"))
        data = read_at_most(fd, MAX_BUNDLE_BYTES + 1,
                             min(status.st_size, MAX_BUNDLE_BYTES) + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("oversize", _("the bundle is larger than {max_size} bytes").format(
            max_size=MAX_BUNDLE_BYTES))
    return data, _iso(status.st_mtime)


def _iso(mtime: float) -> str | None:
    """The file time, ISO UTC; None for one no calendar holds (`core.clock.file_time`)."""
    when = file_time(mtime)
    return None if when is None else when.isoformat(timespec="milliseconds")

"""A real full disk for tests: a small tmpfs mounted for one test, filled, then freed.

Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed the test is skipped, not
faked: a monkeypatched `os.write` would not show what a real ENOSPC does to a journal.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "4m"


class SmallDisk:
    """A mounted tmpfs at `path`; `fill()` takes every free byte, `free()` gives them back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.filler = path / "filler.bin"

    def fill(self) -> None:
        """Write until the disk says it is full (down to the last byte)."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for chunk in (1 << 16, 1 << 12, 1):
                block = b"\0" * chunk
                with contextlib.suppress(OSError):
                    while True:
                        os.write(fd, block)
        finally:
            os.close(fd)
        probe = self.path / "probe"
        try:
            probe.write_bytes(b"x" * 8192)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        else:  # pragma: no cover - the fill did not take
            raise AssertionError("the small disk is not full")
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()

    def free(self) -> None:
        """Give the space back."""
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A fresh 4 MiB tmpfs for this test (skipped where mounting is not allowed)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700",
                           "tmpfs", str(mount)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)

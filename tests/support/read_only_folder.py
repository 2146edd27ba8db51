"""A real read-only folder for tests: the files a test puts there can be read, and nothing
in the folder can be written, created or removed.

Not root: the folder is mode 0555 and its files 0444 (what a read-only share or a copy
with read-only permissions gives a user). Root writes through modes, so for root the
folder is a small tmpfs remounted read-only (EROFS: what a read-only mount gives); where
mounting is not allowed the test is skipped, not faked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Fill = Callable[[Path], None]  # puts the test's files into the folder while it is writable


def _mount(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["mount", *args], capture_output=True, check=False)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Callable[[Fill], Path]]:
    """`make(fill)`: a new folder, filled by `fill(folder)`, then made read-only."""
    made: list[tuple[Path, bool]] = []

    def make(fill: Fill) -> Path:
        folder = tmp_path / f"read-only-{len(made)}"
        folder.mkdir()
        mounted = os.geteuid() == 0
        if mounted:
            done = _mount("-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", str(folder))
            if done.returncode != 0:
                pytest.skip("root writes through file modes and a read-only tmpfs cannot be "
                            f"mounted here: {done.stderr.decode(errors='replace').strip()}")
        made.append((folder, mounted))
        fill(folder)
        if mounted:
            done = _mount("-o", "remount,ro", str(folder))
            assert done.returncode == 0, done.stderr
        else:
            for path in folder.iterdir():
                path.chmod(0o444)
            folder.chmod(0o555)
        probe = folder / "probe"
        with pytest.raises(OSError):
            probe.write_bytes(b"x")
        return folder

    yield make
    for folder, mounted in made:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
        else:
            folder.chmod(0o755)
            shutil.rmtree(folder, ignore_errors=True)

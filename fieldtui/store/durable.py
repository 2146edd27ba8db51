"""Durable, private writes: what a call wrote survives a kill or power loss at any instant.

The pattern is restic's: temp file in the same folder, write, fsync, rename, fsync
the folder. Folders are 0700 and files 0600 whatever the umask, because fieldtui
runs on shared servers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from fieldtui.core.errors import FieldtuiError

DIR_MODE = 0o700
FILE_MODE = 0o600


class PermissionProblem(FieldtuiError):
    """A file or folder others could read, or a planted symlink."""


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700, or check an existing one; refuse a symlink."""
    path = Path(path)
    if path.is_symlink():
        raise PermissionProblem(
            f"{path} is a symbolic link, which fieldtui refuses in its home",
            "remove the link and run the command again",
        )
    if not path.exists():
        if not path.parent.exists():
            private_dir(path.parent)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, DIR_MODE)
    if _owned(path):
        os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask; chmod is not
    if not path.is_dir():
        raise PermissionProblem(f"{path} is not a folder", "move it away and run again")
    return path


def _owned(path: Path) -> bool:
    return path.stat().st_uid == os.getuid()


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, 0600, durably: a reader sees the old or the new, never half."""
    path = Path(path)
    folder = path.parent
    if path.is_symlink():
        raise PermissionProblem(
            f"{path} is a symbolic link, which fieldtui refuses to write through",
            "remove the link and run the command again",
        )
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.close(fd)
    os.replace(temp, path)
    fsync_dir(folder)


def write_new(path: Path, data: bytes) -> bool:
    """Write a content-addressed file once; False when it already exists (never rewritten)."""
    path = Path(path)
    if path.exists():
        return False
    write_atomic(path, data)
    return True


def open_private_append(path: Path) -> int:
    """Open (creating 0600) a file for appending; refuses symlinks. Returns a raw fd."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return fd


def check_private_file(path: Path) -> None:
    """Refuse a key file that is a symlink or that group or others can read."""
    path = Path(path)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise PermissionProblem(
            f"{path} is a symbolic link, which fieldtui refuses for keys",
            "replace it with the real file",
        )
    if info.st_mode & 0o077:
        raise PermissionProblem(
            f"{path} can be read by other users (mode {stat.S_IMODE(info.st_mode):o})",
            f"run 'chmod 600 {path}' and check nobody copied it",
        )

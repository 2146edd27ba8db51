"""Durable, private writes: what a call wrote survives a kill or power loss at any instant.

The pattern is restic's: temp file in the same folder, write, fsync, rename, fsync
the folder. Folders are 0700 and files 0600 whatever the umask, because fieldtui
runs on shared servers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

DIR_MODE = 0o700
FILE_MODE = 0o600


class PermissionProblem(FieldtuiError):
    """A file or folder others could read, or a planted symlink."""


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700, or check an existing one; refuse a symlink."""
    path = Path(path)
    if path.is_symlink():
        raise PermissionProblem(
            _("{path} is a symbolic link, which fieldtui refuses in its home").format(path=path),
            _("remove the link and run the command again"),
        )
    if not path.exists():
        if not path.parent.exists():
            private_dir(path.parent)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, DIR_MODE)
    if _owned(path):
        os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask; chmod is not
    if not path.is_dir():
        raise PermissionProblem(_("{path} is not a folder").format(path=path), _("move it away and run again"))
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


def write_temp(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` to a new hidden temp file in `folder`, 0600 and fsynced; its path."""
    try:
        return _write_temp_file(folder, name, data)
    except OSError as exc:
        # name the file the user asked for, not our hidden temp (a full disk has no name)
        raise OSError(exc.errno, exc.strerror, str(folder / name)) from exc


def _write_temp_file(folder: Path, name: str, data: bytes) -> Path:
    temp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        _fill(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.close(fd)
    return temp


def _fill(fd: int, data: bytes) -> None:
    """Make the open file 0600, write all of `data` and fsync it."""
    os.fchmod(fd, FILE_MODE)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def write_unnamed(folder: Path, data: bytes) -> int | None:
    """Write `data` to a new file in `folder` that has no name yet (Linux's O_TMPFILE),
    0600 and fsynced; its open descriptor, for `link_unnamed`. None where the system or
    the filesystem has no such files (then `write_temp`). Nothing is left behind by a
    crash before the link: no temp name to create, unlink or clean up."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        fd = os.open(folder, os.O_WRONLY | flag, FILE_MODE)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # an older kernel, or a filesystem without them
        raise OSError(exc.errno, exc.strerror, str(folder)) from exc
    try:
        _fill(fd, data)
    except BaseException as exc:
        os.close(fd)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(folder)) from exc
        raise
    return fd


def link_unnamed(fd: int, path: Path) -> None:
    """Give the file of `write_unnamed` its name: FileExistsError when the name is taken
    (a file or a link there is never replaced); another OSError where /proc cannot be
    used to name it (then write it again with `write_temp`)."""
    # linkat(…, AT_SYMLINK_FOLLOW) of /proc/self/fd/N, as open(2) documents for O_TMPFILE;
    # os.link makes that call only when given a src_dir_fd (ignored: the path is absolute)
    os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=_root_fd(), follow_symlinks=True)


_ROOT_FD: list[int] = []


def _root_fd() -> int:
    """A descriptor of / kept open (the same in a forked child)."""
    if not _ROOT_FD:
        _ROOT_FD.append(os.open("/", os.O_RDONLY | os.O_DIRECTORY))
    return _ROOT_FD[0]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, 0600, durably: a reader sees the old or the new, never half."""
    path = Path(path)
    if path.is_symlink():
        raise PermissionProblem(
            _("{path} is a symbolic link, which fieldtui refuses to write through").format(path=path),
            _("remove the link and run the command again"),
        )
    temp = write_temp(path.parent, path.name, data)
    try:
        os.replace(temp, path)
    except OSError:  # a folder in its place, say: no hidden copy left behind
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> bool:
    """Write a file once, durably; False when it already exists (it is never rewritten).

    A hard link publishes the finished temp file only if the name is free, so two
    writers racing for the same name cannot overwrite each other.
    """
    path = Path(path)
    if path.exists() or path.is_symlink():
        return False
    temp = write_temp(path.parent, path.name, data)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError:
        # Filesystems without hard links (FAT on a USB stick): a rename is the best we have.
        if path.exists() or path.is_symlink():
            return False
        os.replace(temp, path)
        fsync_dir(path.parent)
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    fsync_dir(path.parent)
    return True


def open_private_append(path: Path) -> int:
    """Open (creating 0600) a file for appending; refuses symlinks. Returns a raw fd."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return fd


def append_record(fd: int, record: bytes, *, size: int | None = None) -> None:
    """Append one newline-ended `record` to a log opened with open_append (O_RDWR).

    A record left without its newline (a crash, a full disk) is ended first, so the two
    never merge into one line; when this write fails part-way, its partial bytes are cut
    off again where no other writer followed (best effort) and the error is raised.
    `size`: the log's size when the caller knows it (no writer can append meanwhile) and
    knows it ends with a newline or is empty; spares the look at its end.
    """
    if size is None:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            record = b"\n" + record
    done = 0
    try:
        while done < len(record):
            done += os.write(fd, record[done:])
    except OSError:
        if done:
            with contextlib.suppress(OSError):
                if os.fstat(fd).st_size == size + done:
                    os.ftruncate(fd, size)
        raise


def check_private_file(path: Path) -> None:
    """Refuse a key file that is a symlink or that group or others can read."""
    path = Path(path)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise PermissionProblem(
            _("{path} is a symbolic link, which fieldtui refuses for keys").format(path=path),
            _("replace it with the real file"),
        )
    if info.st_mode & 0o077:
        raise PermissionProblem(
            _("{path} can be read by other users (mode {mode:o})").format(path=path, mode=stat.S_IMODE(info.st_mode)),
            _("run 'chmod 600 {path}' and check nobody copied it").format(path=path),
        )


def read_private_file(path: Path, max_bytes: int, *, what: str = "",
                      secret: bool = True) -> bytes:
    """Read a file of ours without following a symlink; a `secret` one must be 0600-ish.

    The checks are made on the opened descriptor, so the file cannot be swapped for a
    link between the check and the read.
    """
    what = what or _("file")
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise FieldtuiError(
            _("the {what} {path} is missing").format(what=what, path=path),
            _("restore it from your backup, or check FIELDTUI_HOME points "
              "at the right folder"),
        ) from None
    except OSError as exc:
        if os.path.islink(path):
            raise PermissionProblem(
                _("{path} is a symbolic link, which fieldtui refuses for "
                  "its {what}").format(path=path, what=what),
                _("replace it with the real file"),
            ) from None
        raise FieldtuiError(
            _("cannot open the {what} {path} ({strerror})").format(what=what, path=path, strerror=exc.strerror), _("check its permissions")
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PermissionProblem(_("{path} is not a regular file").format(path=path), _("move it away"))
        if secret and info.st_mode & 0o077:
            raise PermissionProblem(
                _("{path} can be read by other users (mode {mode:o})").format(path=path, mode=stat.S_IMODE(info.st_mode)),
                _("run 'chmod 600 {path}' and check nobody copied it").format(path=path),
            )
        if secret and info.st_uid != os.getuid():
            raise PermissionProblem(
                _("{path} belongs to another user").format(path=path), _("use your own FIELDTUI_HOME")
            )
        data = read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise FieldtuiError(
            _("the {what} {path} is larger than {max_bytes} bytes").format(what=what, path=path, max_bytes=max_bytes), _("it is not a fieldtui file")
        )
    return data


def read_untrusted(path: Path, max_bytes: int, *, what: str = "") -> bytes:
    """At most `max_bytes` + 1 bytes of a regular file from elsewhere (a stick, a share).

    A symlink, folder, FIFO or device is refused before anything is read, so a planted
    link cannot make us copy another file or block; the caller sees an oversize file
    by the extra byte, without it being read whole.
    """
    what = what or _("file")
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise FieldtuiError(_("the {what} {path} is missing").format(what=what, path=path), _("check the path")) from None
    except OSError as exc:
        if os.path.islink(path):
            raise PermissionProblem(_("the {what} {path} is a symbolic link").format(what=what, path=path),
                                    _("copy the real file there instead")) from None
        raise FieldtuiError(_("cannot open the {what} {path} ({strerror})").format(what=what, path=path, strerror=exc.strerror),
                            _("check its permissions")) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PermissionProblem(_("the {what} {path} is not a regular file").format(what=what, path=path),
                                    _("move it away"))
        return read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)


def read_at_most(fd: int, limit: int, first: int = 1 << 16) -> bytes:
    """Up to `limit` bytes of `fd` to its end: `first` bytes asked at once (a file's size
    as opened, and one more, makes it one read), then 64 KiB at a time."""
    chunks: list[bytes] = []
    size = 0
    want = first
    while size < limit:
        chunk = os.read(fd, min(want, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)

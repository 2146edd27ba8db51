"""What SQLite's errors mean to a supervisor: a full disk is said as one, whatever the
command; only a file SQLite cannot read as a database is "not a fieldtui dataset"."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from fieldtui.core.disk_full import disk_full
from fieldtui.core.errors import FieldtuiError


def full_disk_error(exc: sqlite3.Error, path: Path | None = None) -> FieldtuiError | None:
    """`disk_full` when SQLite failed for want of space: SQLITE_FULL, or an I/O error on a
    disk with no free byte left (a WAL or shared-memory file it could not create)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return disk_full(path)
    if code & 0xFF == sqlite3.SQLITE_IOERR and path is not None and _no_room(path.parent):
        return disk_full(path)
    return None


def not_a_database(exc: sqlite3.Error) -> bool:
    """True when SQLite says the file is no database (or a damaged one), not that it
    could not be read or written."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is None or code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _no_room(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free == 0
    except OSError:
        return False

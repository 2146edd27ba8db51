"""A SQLite dataset in a folder this user cannot write to (a read-only share, a copy with
read-only permissions): read it without writing a byte, and refuse a write in one line.

The dataset is a WAL database. SQLite reads one with `mode=ro` when its `-shm` index
exists or can be made; in a read-only folder with neither, only `immutable=1` opens it,
and `immutable` reads the main file alone: an un-checkpointed `-wal` (changes a writer
had not yet folded into the file) would be ignored without a word. So `immutable` is
taken only when there is no `-wal` with content; otherwise the dataset is refused with
what to do, never read stale. (`immutable` also assumes no one writes the file while it
is read: in a folder we cannot write, a writer would be its owner, whose open would make
the `-shm` that lets the next read take `mode=ro`.)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.supervise.dataset_conn import Dataset, dialect

# SQLite's "I could not open or make a file I need" (the -shm of a read-only folder)
_NO_INDEX = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


def writable(path: Path) -> bool:
    """True when this user may write the dataset file (if it exists) and its folder
    (where SQLite keeps the -wal and -shm files). A folder that is not one is left to
    SQLite to name (it cannot open the file), not called read-only."""
    folder = path.parent
    if not folder.is_dir():
        return True
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def read_only_error(path: Path | None = None) -> FieldtuiError:
    """The one line for a write to a dataset this user cannot write."""
    what = (_("the dataset {path} is read-only here (its file or its folder cannot be "
              "written)").format(path=path) if path is not None else
            _("the dataset is read-only here (its file or its folder cannot be written)"))
    return FieldtuiError(what, _("copy its folder somewhere writable and work on the copy, or "
                                 "ask for write access; report, export, codebook, release "
                                 "audit, the follow-up list and the review and follow-up "
                                 "screens read it as it is"))


def is_read_only_error(exc: sqlite3.Error) -> bool:
    """True when SQLite refused a write because the database cannot be written."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_READONLY


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads `path` and can never write it (see the module's note)."""
    try:
        return _reading(path, "mode=ro")
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code not in _NO_INDEX or os.access(path.parent, os.W_OK):
            raise
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise FieldtuiError(
                _("the dataset {path} has changes not yet written into it (in {wal}) and its "
                  "folder is read-only, so they cannot be read here").format(
                    path=path, wal=wal.name),
                _("copy the folder with its -wal file somewhere writable and read the copy, "
                  "or ask its owner to run a fieldtui command on it once")) from exc
        return _reading(path, "mode=ro&immutable=1")


def _reading(path: Path, flags: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{flags}", uri=True,
                           isolation_level=None)
    try:
        # the first read opens the file for real (and the -wal index): errors surface here
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA query_only=1")  # a bug's write fails here, not on the share
    except BaseException:
        conn.close()
        raise
    return conn


def is_read_only(conn: Dataset) -> bool:
    """True for a dataset opened read-only (a SQLite file in a folder we cannot write)."""
    if dialect(conn) != "sqlite":
        return False
    row = conn.execute("PRAGMA query_only").fetchone()
    return bool(row and row[0])


def needs_upgrade(conn: sqlite3.Connection, version: int, latest: int) -> bool:
    """True when opening this dataset for writing would change its structure: an older
    schema, or a column or table added since without a schema number (dataset_upgrade.py)."""
    if version < latest:
        return True
    have = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    if "replaced_sessions" not in have:
        return True

    def columns(table: str) -> set[str]:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    if "arrived" not in columns("bundles"):
        return True
    from fieldtui.supervise.replaced import MOVED_TABLES, replaced

    if "lang" not in columns("answers"):
        return True
    return any(columns(table) - columns(replaced(table)) for table in MOVED_TABLES)


def cannot_upgrade(path: Path, version: int, latest: int) -> FieldtuiError:
    """The one line for an older dataset that a read-only open cannot bring up to date."""
    return FieldtuiError(
        _("the dataset {path} was written by an older fieldtui (schema {version}): this one "
          "upgrades it to schema {latest} before reading it, and it is read-only here").format(
            path=path, version=version, latest=latest),
        _("copy its folder somewhere writable and read the copy, or ask its owner to open it "
          "once with this fieldtui"))

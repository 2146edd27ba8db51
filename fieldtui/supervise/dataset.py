"""Opening the supervisor dataset: one SQLite file (or a PostgreSQL database, pg_dataset.py)
holding every merged session, its tables in dataset_schema.py. A file is opened for writing
(made with `create`, upgraded from an older schema: dataset_upgrade.py) or, for a command
that only reads, read-only (dataset_readonly.py); what opening says when it cannot is in
dataset_open_errors.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.postgres_url import is_postgres
from fieldtui.supervise import dataset_readonly as ro
from fieldtui.supervise import replaced
from fieldtui.supervise.dataset_conn import Dataset, DatasetSpec
from fieldtui.supervise.dataset_open_errors import (
    guarded,
    known_version,
    must_exist,
    open_error,
)
from fieldtui.supervise.dataset_schema import ADDED_COLUMNS, SCHEMA, SCHEMA_VERSION
from fieldtui.supervise.dataset_upgrade import (
    add_answer_lang,
    add_arrived,
    pg_upgraded,
    upgrade,
)
from fieldtui.supervise.event_view import ensure_event_views


def open_dataset(spec: DatasetSpec, *, create: bool = False, read_only: bool = False
                 ) -> Dataset:
    """Open (or with `create`, make) a dataset: a SQLite file, or the one in the PostgreSQL
    database a `postgresql://` URL names (pg_dataset.py); refuses what is not ours.
    `read_only`, for a command that only reads: a SQLite file is opened so that it works
    in a folder this user cannot write (dataset_readonly.py); a PostgreSQL dataset's
    rights are the server's."""
    if is_postgres(spec):
        from fieldtui.supervise.pg_dataset import open_pg_dataset

        return open_pg_dataset(str(spec), create=create, schema=SCHEMA,
                               version=SCHEMA_VERSION, columns=ADDED_COLUMNS,
                               then=pg_upgraded)
    if read_only:
        return open_sqlite_read_only(Path(spec))
    return open_sqlite_dataset(Path(spec), create=create)


def read_only_here(spec: DatasetSpec) -> bool:
    """True for a dataset file this user cannot write (its folder or the file itself): a
    command or screen that would also write opens it read-only and says what it skipped.
    A PostgreSQL dataset's rights are the server's: False."""
    return not is_postgres(spec) and not ro.writable(Path(spec))


def open_to_log(spec: DatasetSpec) -> Dataset:
    """A dataset for a command that reads it and notes something in it besides (export and
    report -o log the files they wrote, release audit keeps its audit): opened for writing
    where this user may write it, so the note goes in it; read-only where not (export_log.py
    then logs beside the files, release audit keeps nothing)."""
    return open_dataset(spec, read_only=read_only_here(spec))


def open_sqlite_read_only(path: Path) -> sqlite3.Connection:
    """Open a dataset file for reading only: nothing is written to it or its folder (an
    older dataset is upgraded first where this user may write it, refused where not)."""
    must_exist(path)
    conn = guarded(path, lambda: ro.connect_read_only(path))
    version = guarded(path, lambda: schema_version(conn))
    known_version(conn, path, version)
    assert version is not None
    if ro.needs_upgrade(conn, version, SCHEMA_VERSION):
        conn.close()
        if not ro.writable(path):
            raise ro.cannot_upgrade(path, version, SCHEMA_VERSION)
        open_sqlite_dataset(path).close()
        conn = guarded(path, lambda: ro.connect_read_only(path))
    return conn


def open_sqlite_dataset(path: Path, *, create: bool = False) -> sqlite3.Connection:
    """Open (or with `create`, make) a dataset file; refuses a file that is not one of ours,
    and one this user cannot write (a command that only reads opens it read-only)."""
    if not create:
        must_exist(path)
    if create and not path.parent.exists():
        raise FieldtuiError(_("folder {parent} does not exist").format(parent=path.parent), _("create it first"))
    if not ro.writable(path):
        raise ro.read_only_error(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        # WAL, synced at every commit: what a command says it recorded (a merged group, a
        # review decision, a reply) survives a power cut. A merge commits every 500
        # bundles or 2 s, so the sync costs it little.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        # A larger page cache and memory-mapped reads keep a big dataset's indexes warm.
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("PRAGMA mmap_size=268435456")
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise open_error(exc, path) from exc
    if version is None:
        if not create:
            known_version(conn, path, version)
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        add_answer_lang(conn)
        replaced.ensure_tables(conn)
        ensure_event_views(conn)
    elif version <= SCHEMA_VERSION:
        add_arrived(conn)
        if version < SCHEMA_VERSION:
            upgrade(conn, version)
        add_answer_lang(conn)
        replaced.ensure_tables(conn)
    if version is not None:
        known_version(conn, path, version)
    path.chmod(0o600)
    return conn


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The file's schema number (None: it has no fieldtui schema)."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if row is None:
        return None
    found = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(found[0]) if found else None

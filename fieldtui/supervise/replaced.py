"""Sessions a revision replaced, kept apart from the current work (dataset schema 6).

When a revision of a returned session is merged, the original leaves `sessions` and its
child tables in the same transaction: its rows move to `replaced_sessions`,
`replaced_answers`, ... (same columns, the session's own status kept: a rejected correction
gives it back as it was; a dataset of schema 5, and one replaced before this, have
`revised` there). So every
table a report, release, export or register reads holds current work only, and no query
needs a condition to leave a replaced session out. A correction the supervisor
rejected goes the other way: the original comes back (`restore_session`) and the rejected
revision moves here, its own status kept (supervise/revisions.py, `settle`). The kept
original still answers `review --session` (old -> new), merge's "seen this session already" check, and a return's
or a verdict's lookups (`find_row`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from fieldtui.supervise.dataset_conn import Dataset, DatasetStatementError, dialect

# Every table keyed by a session's row number `sk`, moved with the session (its events go
# with its document: `replaced_events` is the view over `replaced_sessions`, event_view.py).
CHILD_TABLES = ("answers", "rosters", "participants", "turns", "consent", "concerns")
MOVED_TABLES = ("sessions", *CHILD_TABLES)


def replaced(table: str) -> str:
    """The name of the table holding `table`'s rows of replaced sessions."""
    return f"replaced_{table}"


def _columns(conn: Dataset, table: str) -> list[str]:
    return [name for name, _type in _typed_columns(conn, table)]


def _typed_columns(conn: Dataset, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of a table's columns, in order (SQLite or PostgreSQL)."""
    if dialect(conn) == "postgresql":
        return [(str(r[0]), str(r[1])) for r in conn.execute(
            "SELECT column_name, format_type(a.atttypid, a.atttypmod) FROM "
            "information_schema.columns c JOIN pg_attribute a ON a.attrelid = "
            "(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass "
            "AND a.attname = c.column_name WHERE c.table_schema = current_schema() "
            "AND c.table_name = ? ORDER BY c.ordinal_position", (table,))]
    return [(str(row[1]), str(row[2])) for row in conn.execute(f"PRAGMA table_info({table})")]


def ensure_tables(conn: Dataset) -> None:
    """Create the replaced_* tables (same columns as the tables they mirror) and add any
    column their table gained since (the caller holds the transaction, or none is needed:
    every statement is idempotent)."""
    for table in MOVED_TABLES:
        name = replaced(table)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM {table} WHERE 1=0")
        have = set(_columns(conn, name))
        for column, kind in _typed_columns(conn, table):
            if column not in have:
                with contextlib.suppress(sqlite3.OperationalError, DatasetStatementError):
                    conn.execute(f"ALTER TABLE {name} ADD COLUMN {column} {kind}")  # or another did
        key = "session_id" if table == "sessions" else "sk"
        conn.execute(f"CREATE {'UNIQUE ' if table == 'sessions' else ''}INDEX IF NOT EXISTS "
                     f"{name}_{key} ON {name} ({key})")


def move_session(conn: Dataset, session_id: str, status: str | None = "revised") -> bool:
    """Move a current session and its child rows to the replaced_* tables, its status
    `status` (None: its own, as an original a correction replaced and a rejected
    correction keep it) (the caller holds the transaction). False when it is not a
    current session."""
    row = conn.execute("SELECT sk FROM sessions WHERE session_id=?", (session_id,)).fetchone()
    if row is None:
        return False
    sk = row[0]
    _move_rows(conn, sk)
    if status is not None:
        conn.execute("UPDATE replaced_sessions SET status=? WHERE sk=?", (status, sk))
    return True


def restore_session(conn: Dataset, session_id: str, status: str) -> bool:
    """Move a replaced session and its child rows back to the current tables, with
    `status` (the caller holds the transaction). False when it is not a replaced session."""
    row = conn.execute("SELECT sk FROM replaced_sessions WHERE session_id=?",
                       (session_id,)).fetchone()
    if row is None:
        return False
    sk = row[0]
    _move_rows(conn, sk, back=True)
    conn.execute("UPDATE sessions SET status=? WHERE sk=?", (status, sk))
    return True


def _move_rows(conn: Dataset, sk: object, *, back: bool = False) -> None:
    """Every row of the session `sk` from the current tables to the replaced_* ones
    (`back`: the other way)."""
    for table in MOVED_TABLES:
        columns = ", ".join(_columns(conn, table))
        source, target = (replaced(table), table) if back else (table, replaced(table))
        conn.execute(f"INSERT INTO {target} ({columns}) SELECT {columns} "
                     f"FROM {source} WHERE sk=?", (sk,))
        conn.execute(f"DELETE FROM {source} WHERE sk=?", (sk,))


def move_revised(conn: Dataset) -> int:
    """Move every session still marked `revised` in `sessions` (datasets of schema 5)."""
    sids = [str(r[0]) for r in conn.execute(
        "SELECT session_id FROM sessions WHERE status='revised' ORDER BY sk")]
    for sid in sids:
        move_session(conn, sid)
    return len(sids)


def find_row(conn: Dataset, session_id: str, columns: str) -> Any:
    """`columns` (plain column names) of a session, current or replaced (a current one
    first), or None; one statement (merge asks this once per session it loads)."""
    return conn.execute(
        f"SELECT {columns} FROM (SELECT 0 AS which, {columns} FROM sessions WHERE "
        f"session_id=? UNION ALL SELECT 1, {columns} FROM replaced_sessions WHERE "
        f"session_id=?) AS found ORDER BY which LIMIT 1", (session_id, session_id)).fetchone()

"""Child rows go in as multi-row statements with their NULLs written in the text
(session_rows.insert_rows): the table holds what one execution per row stored, a bad row
fails the whole statement, and no None is bound (binding one makes the driver look for an
adapter each time, a seventh of a merge's work)."""

from __future__ import annotations

import random
import sqlite3
from typing import Any

import pytest

from fieldtui.supervise.session_rows import ROWS_PER_INSERT, insert_rows

TABLE = ("CREATE TABLE t (a INTEGER NOT NULL, b TEXT, c REAL, d TEXT, e INTEGER, "
         "PRIMARY KEY (a)) WITHOUT ROWID")


def _rows(count: int, seed: int) -> list[tuple[Any, ...]]:
    rng = random.Random(seed)

    def pick() -> Any:
        return rng.choice([None, "x\u2028'\"", rng.random(), 10**18, "中文", b"\x00bytes"])

    return [(n, *(pick() for _ in range(4))) for n in range(count)]


class _Recording:
    """A connection that remembers every parameter it was given."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.bound: list[Any] = []

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        self.bound.extend(parameters)
        return self.conn.execute(sql, parameters)

    def executemany(self, sql: str, rows: Any) -> Any:
        for row in rows:
            self.bound.extend(row)
        return self.conn.executemany(sql, rows)


@pytest.mark.parametrize("count", [0, 1, 7, ROWS_PER_INSERT, ROWS_PER_INSERT + 1, 300])
def test_the_table_holds_what_one_execution_per_row_stored(count: int) -> None:
    rows = _rows(count, count)
    one, many = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (one, many):
        conn.execute(TABLE)
    one.executemany("INSERT INTO t VALUES (?,?,?,?,?)", rows)
    recording = _Recording(many)
    insert_rows(recording, "INSERT INTO t VALUES ", rows)  # type: ignore[arg-type]
    read = "SELECT a, b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e) FROM t ORDER BY a"
    assert many.execute(read).fetchall() == one.execute(read).fetchall()
    assert None not in recording.bound
    assert len(recording.bound) == sum(v is not None for row in rows for v in row)


def test_a_bad_row_fails_the_statement_and_stores_none_of_it() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute(TABLE)
    rows = _rows(40, 1)
    rows.append((3, None, None, None, None))  # the same key twice, as a hostile device may send
    conn.execute("BEGIN")
    conn.execute("SAVEPOINT bundle")
    with pytest.raises(sqlite3.IntegrityError):
        insert_rows(conn, "INSERT INTO t VALUES ", rows)
    conn.execute("ROLLBACK TO bundle")
    conn.execute("RELEASE bundle")
    conn.execute("COMMIT")
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):  # NOT NULL holds for a NULL in the text too
        insert_rows(conn, "INSERT INTO t VALUES ", [(None, "x", None, None, None)])


@pytest.mark.parametrize("count", [1, 24, 100])
def test_columns_null_in_every_row_or_none_go_in_as_one_shape(count: int) -> None:
    # a session's events: the same columns empty in each (the statement's common case)
    rows = [(n, None, n / 7, "nav", None) for n in range(count)]
    one, many = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    for conn in (one, many):
        conn.execute(TABLE)
    one.executemany("INSERT INTO t VALUES (?,?,?,?,?)", rows)
    recording = _Recording(many)
    insert_rows(recording, "INSERT INTO t VALUES ", rows)  # type: ignore[arg-type]
    read = "SELECT a, b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e) FROM t ORDER BY a"
    assert many.execute(read).fetchall() == one.execute(read).fetchall()
    assert None not in recording.bound and len(recording.bound) == 3 * count


def test_a_row_of_another_width_is_an_error_as_with_executemany() -> None:
    # (a bug of ours, not a device's: a merge refuses the bundle as malformed either way)
    conn = sqlite3.connect(":memory:")
    conn.execute(TABLE)
    with pytest.raises(ValueError):
        insert_rows(conn, "INSERT INTO t VALUES ", [(1, "a", 1.0, "b", 2), (2, "a", 1.0)])

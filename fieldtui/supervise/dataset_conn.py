"""The one seam between the supervisor's code and its database: what every module of
`supervise` (and the commands and screens that read a dataset) may ask of a connection.

A SQLite connection (`sqlite3.Connection`, opened in autocommit mode: transactions are
explicit `BEGIN IMMEDIATE` … `COMMIT`) has this shape, and so has `pg_dataset.PgDataset`,
which runs the same SQL on PostgreSQL. The SQL written against it is the portable subset
both engines read: `?` parameters, `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE`,
`RETURNING` for a new row's key, `SAVEPOINT`, no `INSERT OR …`, no `lastrowid`. What only
one engine can run (the export's SQLite CSV path) checks `dialect(conn)` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from fieldtui.core.errors import FieldtuiError

DatasetSpec = Path | str  # a file, or a postgresql:// URL


class Rows(Protocol):
    """What a statement returns (a sqlite3 or psycopg cursor)."""

    @property
    def rowcount(self) -> int:
        """Rows changed by the statement."""

    @property
    def description(self) -> Any:
        """Column descriptions (the first element of each is the name)."""

    def fetchone(self) -> Any:
        """The next row, or None."""

    def fetchall(self) -> list[Any]:
        """Every row left."""

    def fetchmany(self, size: int = ..., /) -> list[Any]:
        """Up to `size` rows."""

    def __iter__(self) -> Iterator[Any]:
        """The rows, one at a time."""


class Dataset(Protocol):
    """A connection to a dataset, in autocommit mode with explicit transactions."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Rows:
        """Run one statement with `?` parameters."""

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Rows:
        """Run one statement once per parameter row."""

    @property
    def in_transaction(self) -> bool:
        """True between BEGIN and COMMIT/ROLLBACK."""

    def close(self) -> None:
        """Close the connection."""


class DatasetUnavailable(FieldtuiError):
    """The dataset's database stopped answering (PostgreSQL down, connection lost)."""


class DatasetStatementError(FieldtuiError):
    """The database refused a statement (a value it will not store, a constraint)."""


def dialect(conn: object) -> str:
    """'sqlite' or 'postgresql'."""
    return str(getattr(conn, "dialect", "sqlite"))


def dataset_name(spec: DatasetSpec) -> str:
    """How messages name a dataset: its path, or `host:port/dbname` for a database (never
    a URL's user or password)."""
    from fieldtui.store.postgres_url import describe, is_postgres

    return describe(str(spec)) if is_postgres(spec) else str(spec)


def rollback(conn: Dataset) -> None:
    """Undo the open transaction, if one is still open: SQLite ends it by itself on some
    errors (a full disk), and a ROLLBACK then failed too ("no transaction is active"),
    hiding the error that ended it behind an internal error."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")

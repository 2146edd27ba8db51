"""Reaching PostgreSQL: the store's URL shown without its password, one-line errors, a pool.

Every statement is parameterised; the URL is parsed by libpq's own rules
(`conninfo_to_dict`) and only host, port and database name are ever printed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.collector.backend import Unavailable

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

PREFIXES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT = 10  # seconds to open a connection
POOL_TIMEOUT = 10.0  # seconds an upload waits for a free (or new) connection
REASONS = (
    ("connection refused", "connection refused"),
    ("no such file or directory", "no server listening there"),
    ("timeout expired", "timed out"),
    ("timed out", "timed out"),
    ("could not translate host name", "host name not found"),
    ("name or service not known", "host name not found"),
    ("password authentication failed", "password authentication failed"),
    ("no password supplied", "a password is needed"),
    ("does not exist", "role or database does not exist"),
    ("no pg_hba.conf entry", "this host or user is not allowed by pg_hba.conf"),
    ("too many clients", "too many connections"),
    ("the database system is starting up", "PostgreSQL is starting up"),
    ("the database system is shutting down", "PostgreSQL is shutting down"),
    ("terminating connection", "the connection was closed by the server"),
    ("server closed the connection", "the connection was closed by the server"),
    ("ssl", "SSL negotiation failed"),
)


def is_postgres(spec: str) -> bool:
    """True when a --store value names a PostgreSQL database rather than a folder."""
    return spec.startswith(PREFIXES)


def psycopg_module() -> Any:
    """psycopg, or a clear error when the `postgres` extra is not installed."""
    try:
        import psycopg
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        raise FieldtuiError("PostgreSQL support is not installed",
                            "install it with: pip install 'fieldtui[postgres]'") from exc
    return psycopg


def describe(url: str) -> str:
    """`host:port/dbname` of a store URL (a socket folder stands for the host): no user, no
    password, no other parameter."""
    pg = psycopg_module()
    try:
        info = pg.conninfo.conninfo_to_dict(url)
    except pg.ProgrammingError:
        raise FieldtuiError("the --store URL is not a valid PostgreSQL URL",
                            "write it as postgresql://USER@HOST:PORT/DBNAME") from None
    host = str(info.get("host") or "localhost").split(",")[0]
    port = str(info.get("port") or "5432").split(",")[0]
    dbname = str(info.get("dbname") or info.get("user") or "")
    return f"{host}:{port}" + (f"/{dbname}" if dbname else "")


def reason_of(exc: BaseException, url: str = "") -> str:
    """A short, password-free reason for a failed connection or statement."""
    text = str(exc).lower()
    for needle, reason in REASONS:
        if needle in text:
            return reason
    password = _password(url)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if password:
        first = first.replace(password, "***")
    return re.sub(r"\s+", " ", first)[:160]


def unreachable(url: str, exc: BaseException) -> FieldtuiError:
    """The one-line error for a store that cannot be reached at start."""
    return FieldtuiError(f"cannot reach PostgreSQL at {describe(url)} ({reason_of(exc, url)})",
                         "start it or check --store")


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection[Any]:
    """One connection, or the one-line error (never the URL's password)."""
    pg = psycopg_module()
    try:
        conn: psycopg.Connection[Any] = pg.connect(
            url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT,
            application_name="fieldtui-collector")
    except pg.Error as exc:
        raise unreachable(url, exc) from None
    return conn


def open_pool(url: str, size: int, timeout: float = POOL_TIMEOUT) -> ConnectionPool[Any]:
    """A pool of autocommit connections, checked reachable first (one clear error if not).
    The pool's own log (several lines per failed reconnection) is silenced: the store tells
    the operator once, in one line."""
    psycopg_module()
    from psycopg_pool import ConnectionPool

    quiet = logging.getLogger("psycopg.pool")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False
    connect(url).close()  # the reason for a failure, before the pool retries in silence
    pool: ConnectionPool[Any] = ConnectionPool(
        url, min_size=1, max_size=size, open=False, timeout=timeout,
        kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT,
                "application_name": "fieldtui-collector"})
    pool.open(wait=True, timeout=CONNECT_TIMEOUT)
    return pool


@contextmanager
def borrowed(pool: ConnectionPool[Any], url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection from the pool; a lost or unreachable database raises Unavailable (the
    device retries later), never a traceback."""
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        with pool.connection() as conn:
            yield conn
    except (psycopg.Error, PoolTimeout) as exc:  # any other database error: not stored
        raise Unavailable(f"PostgreSQL at {describe(url)}: {reason_of(exc, url)}",
                          "bring PostgreSQL back (or check --store)") from None


@contextmanager
def failing_as_one_line(url: str) -> Iterator[None]:
    """A database error during a command (PostgreSQL stopped, a statement refused) as the
    command's one-line error."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise FieldtuiError(f"PostgreSQL at {describe(url)} failed ({reason_of(exc, url)})",
                            "check it, then run the command again") from None


def _password(url: str) -> str:
    try:
        import psycopg

        return str(psycopg.conninfo.conninfo_to_dict(url).get("password") or "")
    except Exception:  # a URL libpq cannot parse holds nothing it would send
        return ""

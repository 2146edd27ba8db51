"""Reaching PostgreSQL: the store's URL shown without its password, one-line errors, a pool.

Every statement is parameterised; the URL is parsed by libpq's own rules
(`conninfo_to_dict`) and only host, port and database name are ever printed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.postgres_url import describe, hint_of, psycopg_module, reason_of
from fieldtui.sync.collector.backend import Unavailable

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

CONNECT_TIMEOUT = 10  # seconds to open a connection
POOL_TIMEOUT = 10.0  # seconds an upload waits for a free (or new) connection


def unreachable(url: str, exc: BaseException) -> FieldtuiError:
    """The one-line error for a store that cannot be reached at start."""
    return FieldtuiError(_("cannot reach PostgreSQL at {url} ({problem})").format(url=describe(url), problem=reason_of(exc, url)),
                         hint_of(exc, _("start it or check --store")))


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
    """A pool of autocommit connections, checked reachable first (one clear error if not),
    each checked alive before it is handed out (a restarted PostgreSQL leaves the pool's
    connections dead: an upload gets a fresh one, not a 503). The pool's own log (several lines per failed reconnection) is silenced: the store tells
    the operator once, in one line."""
    psycopg_module()
    from psycopg_pool import ConnectionPool

    quiet = logging.getLogger("psycopg.pool")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False
    connect(url).close()  # the reason for a failure, before the pool retries in silence

    def check(conn: psycopg.Connection[Any]) -> None:
        # psycopg_pool's documented way to be served only working connections ("Connection
        # quality"): an empty query before a connection is handed out; one that fails is
        # discarded and another taken. Connections die together (PostgreSQL restarted):
        # the others idle in the pool are checked at once (`pool.check()`), or each dead
        # one would cost this request the pool's pause between failed checks (1, 2, 4 s...)
        try:
            ConnectionPool.check_connection(conn)
        except Exception:
            pool.check()
            raise

    pool: ConnectionPool[Any] = ConnectionPool(
        url, min_size=1, max_size=size, open=False, timeout=timeout, check=check,
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
        raise Unavailable(_("PostgreSQL at {url}: {problem}").format(url=describe(url), problem=reason_of(exc, url)),
                          _("bring PostgreSQL back (or check --store)")) from None


@contextmanager
def failing_as_one_line(url: str) -> Iterator[None]:
    """A database error during a command (PostgreSQL stopped, a statement refused) as the
    command's one-line error."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        hint = (_("grant this user what the command needs (docs/deployment.md), or run it "
                  "as the collector's user")
                if isinstance(exc, psycopg.errors.InsufficientPrivilege)
                else _("check it, then run the command again"))
        raise FieldtuiError(_("PostgreSQL at {url} failed ({problem})").format(url=describe(url), problem=reason_of(exc, url)),
                            hint) from None


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
from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said
from fieldtui.store.postgres_url import (
    describe,
    hint_of,
    psycopg_module,
    reason_of,
    said_reason_of,
)
from fieldtui.sync.collector.backend import Unavailable

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

CONNECT_TIMEOUT = 10  # seconds to open a connection
POOL_TIMEOUT = 10.0  # seconds an upload waits for a free (or new) connection


def unreachable(url: str, exc: BaseException, option: str = "--store") -> FieldtuiError:
    """The one-line error for a store that cannot be reached at start; `option` is the
    command's option that named it (`migrate --to`)."""
    return FieldtuiError(_("cannot reach PostgreSQL at {url} ({problem})").format(url=describe(url), problem=reason_of(exc, url)),
                         hint_of(exc, _("start it or check {option}").format(option=option)))


def connect(url: str, *, autocommit: bool = True, option: str = "--store"
            ) -> psycopg.Connection[Any]:
    """One connection, or the one-line error (never the URL's password); `option` is the
    command's option that named the database, for the hint."""
    pg = psycopg_module()
    try:
        conn: psycopg.Connection[Any] = pg.connect(
            url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT,
            application_name="fieldtui-collector")
    except pg.Error as exc:
        raise unreachable(url, exc, option) from None
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
        # said in the language the device asked for, too (the reason as well, when it is
        # one of fieldtui's: libpq's own text is said as it came)
        raise Unavailable(Said(N_("PostgreSQL at {url}: {problem}"),
                               {"url": describe(url), "problem": said_reason_of(exc, url)}),
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


"""Reaching PostgreSQL: the store's URL shown without its password, one-line errors (the
collector's pool: pg.pool).

Every statement is parameterised; the URL is parsed by libpq's own rules
(`conninfo_to_dict`) and only host, port and database name are ever printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.postgres_url import (
    CONNECT_TIMEOUT,
    describe,
    hint_of,
    psycopg_module,
    reason_of,
    with_keepalives,
)

__all__ = ["CONNECT_TIMEOUT", "connect", "conninfo", "failing_as_one_line", "unreachable"]

if TYPE_CHECKING:
    import psycopg

APPLICATION_NAME = "fieldtui-collector"


def conninfo(url: str) -> str:
    """The connection string the collector opens `url` with (`with_keepalives`)."""
    return with_keepalives(url, APPLICATION_NAME)


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
        conn: psycopg.Connection[Any] = pg.connect(conninfo(url), autocommit=autocommit)
    except pg.Error as exc:
        raise unreachable(url, exc, option) from None
    return conn


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


"""Reaching PostgreSQL: the store's URL shown without its password, one-line errors (the
collector's pool: pg.pool).

Every statement is parameterised; the URL is parsed by libpq's own rules
(`conninfo_to_dict`) and only host, port and database name are ever printed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.postgres_url import describe, hint_of, psycopg_module, reason_of

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT = 10  # seconds to open a connection (see pg.pool for the other times)
# A dead server or a cut network that drops packets (no refusal, no reset) is noticed by
# an open connection within about 30 s, not after TCP's own ~15 minutes of retransmits
# (Linux's tcp_retries2) or never (an idle connection without keepalives):
# - tcp_user_timeout 30 s: a statement sent (or an answer awaited with data unacknowledged)
#   to a host that no longer acknowledges is cut after 30 s. It counts only what the other
#   side's kernel does not acknowledge, so a long query on a living server is not cut, and
#   a blip of a few seconds (a router restarting) is retransmitted over, not an error.
# - keepalives after 10 s idle, every 5 s, 4 unanswered: an idle connection (in the pool,
#   or waiting for a long statement's answer) to a gone host is dropped after
#   10 + 4 x 5 = 30 s (Linux lets tcp_user_timeout cut it at the same 30 s, too). The
#   probes are answered by the server's kernel, whatever PostgreSQL is doing.
# Each is libpq's default only: a value the operator wrote in the URL wins. Over a Unix
# socket libpq ignores them.
LIBPQ_DEFAULTS = {
    "connect_timeout": str(CONNECT_TIMEOUT),
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "4",
    "tcp_user_timeout": "30000",  # milliseconds
}
APPLICATION_NAME = "fieldtui-collector"


def conninfo(url: str) -> str:
    """The connection string the collector opens `url` with: the URL's own parameters,
    LIBPQ_DEFAULTS for those it does not set (PGCONNECT_TIMEOUT, set, stands for the
    URL's connect_timeout), and the collector's application_name."""
    pg = psycopg_module()
    given = pg.conninfo.conninfo_to_dict(url)
    if os.environ.get("PGCONNECT_TIMEOUT"):
        given.setdefault("connect_timeout", os.environ["PGCONNECT_TIMEOUT"])
    extra = {key: value for key, value in LIBPQ_DEFAULTS.items() if key not in given}
    return str(pg.conninfo.make_conninfo(url, application_name=APPLICATION_NAME, **extra))


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


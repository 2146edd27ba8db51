"""A PostgreSQL URL as fieldtui shows it and the reasons it gives, shared by the collector's
store and the supervisor's dataset: only host, port and database name are ever printed
(never the user or password), and a failure is a short reason, never libpq's paragraph.
psycopg is imported only when a PostgreSQL URL is used (the `postgres` extra)."""

from __future__ import annotations

import os
import re
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said

PREFIXES = ("postgresql://", "postgres://")
REASONS: tuple[tuple[str, str] | tuple[str, str, str], ...] = (
    ("connection refused", N_("connection refused")),
    ("no such file or directory", N_("no server listening there")),
    ("timeout expired", N_("timed out")),
    ("timed out", N_("timed out")),
    ("could not translate host name", N_("host name not found")),
    ("name or service not known", N_("host name not found")),
    ("password authentication failed", N_("password authentication failed")),
    ("no password supplied", N_("a password is needed")),
    ('database "', N_("the database does not exist"), "does not exist"),
    ('role "', N_("the role (user) does not exist"), "does not exist"),
    ("no pg_hba.conf entry", N_("this host or user is not allowed by pg_hba.conf")),
    ("too many clients", N_("too many connections")),
    ("the database system is starting up", N_("PostgreSQL is starting up")),
    ("the database system is shutting down", N_("PostgreSQL is shutting down")),
    ("terminating connection", N_("the connection was closed by the server")),
    ("server closed the connection", N_("the connection was closed by the server")),
    ("ssl", N_("SSL negotiation failed")),
)


# What to do, by the reason a connection failed (the first needle found in libpq's text).
HINTS = (
    ("password authentication failed",
     N_("check this user's password in ~/.pgpass (or the file PGPASSFILE names)")),
    ("no password supplied",
     N_("put this user's password in ~/.pgpass (or the file PGPASSFILE names)")),
    ('database "', N_("create it (createdb, as PostgreSQL's admin) or correct the "
                      "database name in the URL")),
    ('role "', N_("correct the user in the URL, or create the role (as PostgreSQL's admin)")),
    ("no pg_hba.conf entry",
     N_("add a pg_hba.conf line for this host, user and database (as PostgreSQL's admin)")),
    ("connection refused", N_("start PostgreSQL, or correct the host and port in the URL")),
    ("no such file or directory",
     N_("start PostgreSQL, or correct the host and port in the URL")),
    ("host name", N_("correct the host name in the URL")),
    ("name or service not known", N_("correct the host name in the URL")),
    ("invalid integer value", N_("write it as postgresql://USER@HOST:PORT/DBNAME")),
    ("invalid connection option", N_("write it as postgresql://USER@HOST:PORT/DBNAME")),
    ("invalid sslmode value", N_("write it as postgresql://USER@HOST:PORT/DBNAME")),
)
# A value meant as a URL but mistyped (`postgresql//…`, `postgresql:/…`, `PostgreSQL://…`)
# would otherwise be taken as a folder or file name: a store or dataset made there.
NEAR_URL = re.compile(r"postgres(?:ql)?(?::|//)", re.IGNORECASE)


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


def with_keepalives(url: str, application_name: str) -> str:
    """The connection string to open `url` with: the URL's own parameters, LIBPQ_DEFAULTS
    for those it does not set (PGCONNECT_TIMEOUT, set, stands for the URL's
    connect_timeout), and `application_name` (what pg_stat_activity shows)."""
    pg = psycopg_module()
    given = pg.conninfo.conninfo_to_dict(url)
    if os.environ.get("PGCONNECT_TIMEOUT"):
        given.setdefault("connect_timeout", os.environ["PGCONNECT_TIMEOUT"])
    extra = {key: value for key, value in LIBPQ_DEFAULTS.items() if key not in given}
    return str(pg.conninfo.make_conninfo(url, application_name=application_name, **extra))


def is_postgres(spec: object) -> bool:
    """True when a --store / dataset value names a PostgreSQL database, not a path; a
    mistyped URL is refused (its start only is shown: never a user or password)."""
    if not isinstance(spec, str):
        return False
    if spec.startswith(PREFIXES):
        return True
    near = NEAR_URL.match(spec)
    if near:
        raise FieldtuiError(
            _("'{start}…' is not how a PostgreSQL URL begins, and fieldtui takes no "
              "folder or file by that name").format(start=near.group(0)),
            _("write it as postgresql://USER@HOST:PORT/DBNAME"))
    return False


def hint_of(exc: BaseException, otherwise: str) -> str:
    """What to do about a failed connection, by its reason (`otherwise` when none fits)."""
    text = str(exc).lower()
    for needle, hint in HINTS:
        if needle in text:
            return _(hint)
    return otherwise


def psycopg_module() -> Any:
    """psycopg, or a clear error when the `postgres` extra is not installed."""
    try:
        import psycopg
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        raise FieldtuiError(_("PostgreSQL support is not installed"),
                            _("install it with: pip install 'fieldtui[postgres]'")) from exc
    return psycopg


def describe(url: str) -> str:
    """`host:port/dbname` of a URL (a socket folder stands for the host): no user, no
    password, no other parameter."""
    pg = psycopg_module()
    try:
        info = pg.conninfo.conninfo_to_dict(url)
    except pg.ProgrammingError as exc:
        # libpq's reason names the parameter it does not know; its other reasons can quote
        # a piece of the password (a bad %-escape), so they are not shown
        unknown = re.search(r'invalid URI query parameter: "(\w{1,40})"', str(exc))
        raise FieldtuiError(
            _("the URL is not a valid PostgreSQL URL ({name} is not a connection "
              "parameter)").format(name=unknown.group(1)) if unknown else
            _("the URL is not a valid PostgreSQL URL"),
            _("write it as postgresql://USER@HOST:PORT/DBNAME")) from None
    host = str(info.get("host") or "localhost").split(",")[0]
    port = str(info.get("port") or "5432").split(",")[0]
    dbname = str(info.get("dbname") or info.get("user") or "")
    return f"{host}:{port}" + (f"/{dbname}" if dbname else "")


def reason_of(exc: BaseException, url: str = "") -> str:
    """A short, password-free reason for a failed connection or statement."""
    return str(said_reason_of(exc, url))


def said_reason_of(exc: BaseException, url: str = "") -> Said | str:
    """`reason_of`, as `Said` when it is one of fieldtui's reasons (a collector says it in
    the language the device asked for); libpq's own first line otherwise."""
    text = str(exc).lower()
    for needle, reason, *also in REASONS:
        if needle in text and all(more in text for more in also):
            return Said(reason)
    password = _password(url)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if password:
        first = first.replace(password, "***")
    return re.sub(r"\s+", " ", first)[:160]


def _password(url: str) -> str:
    try:
        import psycopg

        return str(psycopg.conninfo.conninfo_to_dict(url).get("password") or "")
    except Exception:  # a URL libpq cannot parse holds nothing it would send
        return ""

"""A PostgreSQL URL as fieldtui shows it and the reasons it gives, shared by the collector's
store and the supervisor's dataset: only host, port and database name are ever printed
(never the user or password), and a failure is a short reason, never libpq's paragraph.
psycopg is imported only when a PostgreSQL URL is used (the `postgres` extra)."""

from __future__ import annotations

import re
from typing import Any

from fieldtui.core.errors import FieldtuiError

PREFIXES = ("postgresql://", "postgres://")
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


def is_postgres(spec: object) -> bool:
    """True when a --store / dataset value names a PostgreSQL database, not a path."""
    return isinstance(spec, str) and spec.startswith(PREFIXES)


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
    """`host:port/dbname` of a URL (a socket folder stands for the host): no user, no
    password, no other parameter."""
    pg = psycopg_module()
    try:
        info = pg.conninfo.conninfo_to_dict(url)
    except pg.ProgrammingError:
        raise FieldtuiError("the URL is not a valid PostgreSQL URL",
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


def _password(url: str) -> str:
    try:
        import psycopg

        return str(psycopg.conninfo.conninfo_to_dict(url).get("password") or "")
    except Exception:  # a URL libpq cannot parse holds nothing it would send
        return ""

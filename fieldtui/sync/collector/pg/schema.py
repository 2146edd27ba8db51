"""Versioned schema migrations: numbered SQL files in migrations/, applied in order, each
in one transaction with its row in `schema_version`; an advisory lock lets several
collectors start at once (one applies, the others then find nothing to do)."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _

NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")
LOCK = 0x66746F6C  # pg_advisory_xact_lock key: "ftol"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration in the package, in order."""
    found = []
    for entry in resources.files("fieldtui.sync.collector.pg").joinpath("migrations").iterdir():
        match = NAME.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("the collector's migrations are not numbered 1, 2, 3, …")
    return found


def current_version(conn: Any) -> int:
    """The version the database is at (0: no schema yet)."""
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_version")
               .fetchone()[0])


def ensure_schema(conn: Any, *, upto: int | None = None) -> int:
    """Apply the migrations the database lacks (up to `upto`); returns its version. `conn`
    is an autocommit connection."""
    known = migrations()
    target = len(known) if upto is None else upto
    version = current_version(conn)
    if version == target:  # nothing to apply: no lock, no DDL (a role that only reads
        return version     # the store, a supervisor's merge, has no CREATE on the schema)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                     " version integer PRIMARY KEY, name text NOT NULL,"
                     " applied_at timestamptz NOT NULL DEFAULT now())")
        version = current_version(conn)
        if version > len(known):
            raise FieldtuiError(
                _("the store's schema is version {version}, newer than "
                  "this fieldtui knows ({known})").format(version=version, known=len(known)), _("upgrade fieldtui on this host"))
        for number, name, sql in known:
            if version < number <= target:
                conn.execute(sql)
                conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                             (number, name))
                version = number
    return version

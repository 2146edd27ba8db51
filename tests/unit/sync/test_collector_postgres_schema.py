"""The PostgreSQL store's schema: versioned migrations applied from an empty database, once,
by whichever collector starts first; a newer schema than this fieldtui knows is refused."""

from __future__ import annotations

import threading

import psycopg
import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.collector.pg.schema import current_version, ensure_schema, migrations

TABLES = {"collector", "devices", "bundles", "quarantine", "quarantine_usage", "updates",
          "request_log", "schema_version"}


def _tables(conn: psycopg.Connection[tuple[object, ...]]) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_migrations_are_numbered_from_one() -> None:
    assert [number for number, _, _ in migrations()] == list(range(1, len(migrations()) + 1))


def test_an_empty_database_is_migrated_once(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert current_version(conn) == 0 and _tables(conn) == set()
        assert ensure_schema(conn) == len(migrations())
        assert _tables(conn) == TABLES
        assert ensure_schema(conn) == len(migrations())  # nothing left to apply
        rows = conn.execute("SELECT version, name FROM schema_version ORDER BY version")
        assert [(v, n) for v, n in rows] == [(v, n) for v, n, _ in migrations()]


def test_each_earlier_version_moves_to_the_last(pg_url: str) -> None:
    for start in range(len(migrations())):
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            assert ensure_schema(conn, upto=start) == start
            assert ensure_schema(conn) == len(migrations())
            assert _tables(conn) == TABLES


def test_collectors_starting_together_migrate_once(pg_url: str) -> None:
    versions: list[int] = []

    def start() -> None:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            versions.append(ensure_schema(conn))

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert versions == [len(migrations())] * 4
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone() == (
            len(migrations()),)


def test_a_newer_schema_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        ensure_schema(conn)
        conn.execute("INSERT INTO schema_version (version, name) VALUES (99, 'future')")
        with pytest.raises(FieldtuiError, match="newer than this fieldtui knows"):
            ensure_schema(conn)

"""A supervisor merges from the collector's PostgreSQL store with a role that only reads it
(docs/deployment.md's GRANTs): no CREATE on its schema, no read of the collector's private
key. Before, every open ran the migrations' CREATE TABLE (refused for such a role) and the
merge ended in 'internal error (InsufficientPrivilege …)'."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import completed
from tests.support.command_world import world  # noqa: F401  (fixture)
from tests.support.study_cli import assert_one_line_error

READER = "supervisor_reader"
GRANTS = (f"GRANT SELECT ON schema_version, devices, bundles TO {READER}",
          f"GRANT SELECT (public_key) ON collector TO {READER}")


def test_a_read_only_role_merges_from_the_collector_store(
        world: dict[str, Path], pg_url: str,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    done = completed(["collector", "migrate", "--from", str(world["store"]), "--to", pg_url],
                     capsys)
    assert done.returncode == 0, done.stderr
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {READER}")
        conn.execute(f"CREATE ROLE {READER} LOGIN")
    reader = pg_url.replace("fieldtui@", f"{READER}@", 1)
    merge = ["merge", "--from", reader, "--into", str(world["db"]),
             "--study", str(world["study"])]
    try:
        refused = completed(merge, capsys)  # no grant yet: one line that says what to do
        line = assert_one_line_error(refused, "permission denied", "grant this user")
        assert "internal error" not in line and READER not in line
        with psycopg.connect(pg_url, autocommit=True) as conn:
            for grant in GRANTS:
                conn.execute(grant)
        merged = completed(merge, capsys)
        assert merged.returncode == 0, merged.stderr
        assert "Merged 4 new bundles" in merged.stdout + merged.stderr
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {READER}")
            conn.execute(f"DROP ROLE {READER}")


def test_a_newer_fieldtui_merges_a_store_an_older_collector_keeps_without_altering_it(
        world: dict[str, Path], pg_url: str,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """A supervisor upgrades first: the store is still at schema 1 (an older collector
    serves it). Reading its cards ran the migrations: a read-only role's merge failed on
    the DDL, and an owner's altered the collector's schema under it."""
    import psycopg

    done = completed(["collector", "migrate", "--from", str(world["store"]), "--to", pg_url],
                     capsys)
    assert done.returncode == 0, done.stderr
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP INDEX bundles_stored_txn")
        conn.execute("ALTER TABLE bundles DROP COLUMN stored_txn")
        conn.execute("DELETE FROM schema_version WHERE version >= 2")
        conn.execute(f"DROP ROLE IF EXISTS {READER}")
        conn.execute(f"CREATE ROLE {READER} LOGIN")
        for grant in GRANTS:
            conn.execute(grant)
    reader = pg_url.replace("fieldtui@", f"{READER}@", 1)
    try:
        for url in (reader, pg_url):  # the read-only role, then the store's owner
            merged = completed(["merge", "--from", url, "--into", str(world["db"]),
                                "--study", str(world["study"])], capsys)
            assert merged.returncode == 0, merged.stderr
            with psycopg.connect(pg_url, autocommit=True) as conn:
                assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (1,)
        assert "Merged 0 new bundles" in merged.stdout  # the reader's merge took all four
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {READER}")
            conn.execute(f"DROP ROLE {READER}")

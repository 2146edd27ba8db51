"""`dataset grant-readonly --role NAME` on an existing role makes it read-only by default.
It refused only superusers and roles that create roles or databases, so naming the
collectors' role (a typo, or "the role we already have") turned it read-only: every
collector's next connection could store nothing. Now a role that owns anything, belongs to
a role, is the user running the command or was granted something in another database is
refused, unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import completed
from tests.support.study_cli import assert_one_line_error

ROLES = ("owns_a_table", "in_a_group", "grouping", "fresh_dash")


@pytest.fixture
def roles(pg_url: str) -> Iterator[str]:
    import psycopg

    open_dataset(pg_url, create=True).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for role in ROLES:
            conn.execute(f"DROP ROLE IF EXISTS {role}")
        for role in ROLES:
            conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute("CREATE TABLE public.bundles_here (x int)")
        conn.execute("ALTER TABLE public.bundles_here OWNER TO owns_a_table")  # a collector
        conn.execute("GRANT grouping TO in_a_group")
    yield pg_url
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE public.bundles_here")
        conn.execute("DROP SCHEMA IF EXISTS fieldtui_dashboard CASCADE")
        for role in ROLES:
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def _settings(url: str, role: str) -> list[str] | None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT rolconfig FROM pg_roles WHERE rolname = %s",
                           (role,)).fetchone()
    assert row is not None
    return row[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("role", ["owns_a_table", "in_a_group", "fieldtui"])
def test_a_role_that_does_more_than_read_is_refused_unchanged(
        roles: str, role: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _settings(roles, role)
    line = assert_one_line_error(
        completed(["dataset", "grant-readonly", roles, "--role", role], capsys),
        f"role {role} exists and may do more than read")
    assert "fieldtui@" not in line
    assert _settings(roles, role) == before  # not made read-only


def test_a_role_that_only_logs_in_is_taken_over(
        roles: str, capsys: pytest.CaptureFixture[str]) -> None:
    done = completed(["dataset", "grant-readonly", roles, "--role", "fresh_dash"], capsys)
    assert done.returncode == 0 and "already existed" in done.stdout
    assert _settings(roles, "fresh_dash") == ["default_transaction_read_only=on"]
    again = completed(["dataset", "grant-readonly", roles, "--role", "fresh_dash"], capsys)
    assert again.returncode == 0  # its own grants on the views do not count against it

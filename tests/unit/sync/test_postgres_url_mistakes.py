"""The mistakes a new operator makes with a PostgreSQL URL: each one line that says what
happened and what to do, never the password, and a mistyped URL never taken for a folder
(where `collector init` made a store and `merge --into` a dataset file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.postgres_url import describe, hint_of, is_postgres, reason_of
from tests.support.cli_main import completed
from tests.support.study_cli import assert_one_line_error

MISTYPED = ("postgresql//ana:s3cret@db:5432/survey", "postgresql:/db/survey",
            "PostgreSQL://ana:s3cret@db/survey", "postgres:ana@db/survey")


@pytest.mark.parametrize("url", MISTYPED)
def test_a_mistyped_url_is_refused_not_taken_for_a_path(url: str) -> None:
    with pytest.raises(FieldtuiError, match="is not how a PostgreSQL URL begins") as bad:
        is_postgres(url)
    assert "s3cret" not in bad.value.line() and "ana" not in bad.value.line()
    assert "postgresql://USER@HOST:PORT/DBNAME" in bad.value.line()
    assert not is_postgres("postgres/data") and not is_postgres("postgresql-store/")


@pytest.mark.parametrize("args", [
    ["collector", "init", "--store", "{url}"],
    ["merge", "--from", "{tmp}", "--into", "{url}", "--study", "{tmp}"],
    ["merge", "--from", "{url}", "--into", "{tmp}/d.sqlite", "--study", "{tmp}"],
    ["review", "{url}"],
    ["report", "{url}"],
])
def test_no_command_makes_a_store_or_dataset_at_a_mistyped_url(
        args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = "postgresql//ana:s3cret@127.0.0.1:5432/survey"
    argv = [a.format(url=url, tmp=tmp_path) for a in args]
    line = assert_one_line_error(completed(argv, capsys), "is not how a PostgreSQL URL begins")
    assert "s3cret" not in line
    assert not (tmp_path / "postgresql").exists()  # before: a collector store made there


def test_an_unknown_url_parameter_is_named() -> None:
    with pytest.raises(FieldtuiError, match=r"\(sslmod is not a connection parameter\)"):
        describe("postgresql://ana:s3cret@db/survey?sslmod=require")
    with pytest.raises(FieldtuiError) as bad:  # libpq quotes the bad %-escape: not shown
        describe("postgresql://ana:s3%zzet@db/survey")
    assert "s3" not in bad.value.line()


def test_each_connection_failure_says_what_to_do() -> None:
    import psycopg

    cases = {
        'FATAL:  password authentication failed for user "ana"':
            ("password authentication failed", "~/.pgpass"),
        "fe_sendauth: no password supplied": ("a password is needed", "~/.pgpass"),
        'FATAL:  database "survey" does not exist':
            ("the database does not exist", "createdb"),
        'FATAL:  role "ana" does not exist': ("the role (user) does not exist", "create the role"),
        "connection refused\n\tIs the server running": ("connection refused", "start PostgreSQL"),
    }
    for text, (reason, hint) in cases.items():
        exc = psycopg.OperationalError(f"connection failed: {text}")
        assert reason_of(exc) == reason and hint in hint_of(exc, "OTHER"), text
    statement = psycopg.errors.UndefinedTable('relation "bundles" does not exist')
    assert "role" not in reason_of(statement)  # before: "role or database does not exist"
    assert hint_of(psycopg.OperationalError("something else"), "OTHER") == "OTHER"


def test_a_missing_database_and_role_on_a_real_server(
        pg_cluster: object, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    missing_db = pg_cluster.url("no_such_db")
    line = assert_one_line_error(completed(["report", missing_db], capsys),
                                 "(the database does not exist)", "createdb")
    assert "fieldtui@" not in line
    missing_role = missing_db.replace("fieldtui@", "nobody_here@").replace("no_such_db",
                                                                           "postgres")
    assert_one_line_error(completed(["collector", "check", "--store", missing_role], capsys),
                          "(the role (user) does not exist)", "create the role")

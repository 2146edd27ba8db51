"""--store names a folder or a PostgreSQL database; the folder store needs no psycopg, and a
PostgreSQL store without it is one clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.postgres_url import describe
from fieldtui.sync.collector.kinds import is_postgres, open_admin, open_store


def test_which_kind_a_store_is() -> None:
    assert is_postgres("postgresql://u@h/db") and is_postgres("postgres://h/db")
    assert not is_postgres("collector/") and not is_postgres(Path("postgresql://x"))
    assert not is_postgres("./postgresql://x")  # a folder of that odd name stays a folder


def test_the_url_is_shown_without_user_or_password() -> None:
    assert describe("postgresql://ana:s3cret@db.example:6543/survey?sslmode=require") == (
        "db.example:6543/survey")
    assert describe("postgresql://ana@/survey?host=/run/pg&password=s3cret") == (
        "/run/pg:5432/survey")
    with pytest.raises(FieldtuiError, match="not a valid PostgreSQL URL") as bad:
        describe("postgresql://ana:s3cret@db:notaport/x?nonsense=1")
    assert "s3cret" not in bad.value.line()


def test_without_psycopg_a_postgresql_store_is_one_clear_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    with pytest.raises(FieldtuiError) as missing:
        open_store("postgresql://u@localhost/db")
    assert missing.value.line() == ("PostgreSQL support is not installed — install it with: "
                                    "pip install 'fieldtui[postgres]'")
    admin = open_admin(tmp_path / "collector")  # the folder store still works
    assert admin.init() and (tmp_path / "collector" / "collector.key").exists()

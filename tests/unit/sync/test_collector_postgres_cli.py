"""`fieldtui collector … --store postgresql://…`: init, allow, ingest, revoke, check, and the
one-line errors (never a traceback, never the URL's password)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.cli_main import completed
from tests.support.cli_run import fieldtui as fieldtui_process
from tests.support.cli_run import one_error_line
from tests.support.pg_cluster import free_port

Cli = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def fieldtui(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI in-process (as the console script runs it), its output captured."""

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return completed(list(args), capsys)

    return call


def test_the_commands_work_on_a_postgresql_store(pg_url: str, tmp_path: Path,
                                                 fieldtui: Cli) -> None:
    created = fieldtui("collector", "init", "--store", pg_url)
    assert created.returncode == 0, created.stderr
    assert "Collector public key: " in created.stdout and "?host=" not in created.stdout
    assert "is a collector store already" in one_error_line(
        fieldtui("collector", "init", "--store", pg_url))
    dev, study = Dev(), Study()
    allowed = fieldtui("collector", "allow", str(dev.write_card(tmp_path)), "--store", pg_url)
    assert allowed.returncode == 0 and dev.device_id in allowed.stdout, allowed.stderr
    stick = tmp_path / "stick"
    stick.mkdir()
    data = bundle(dev, study)
    name = hashlib.sha256(data).hexdigest()
    (stick / f"{name}.ftb").write_bytes(data)
    ingested = fieldtui("collector", "ingest", str(stick), "--store", pg_url)
    assert ingested.returncode == 0, ingested.stderr
    assert "Stored 1 new bundle;" in ingested.stdout
    assert json.loads((stick / f"{name}.receipt.json").read_bytes())["sha256"] == name
    checked = fieldtui("collector", "check", "--store", pg_url)
    assert checked.stdout.strip() == "The 1 stored bundle verifies.", checked.stderr
    assert fieldtui("collector", "revoke", dev.device_id, "--store", pg_url).returncode == 0
    later = bundle(dev, study, seq=2)
    (stick / f"{hashlib.sha256(later).hexdigest()}.ftb").write_bytes(later)
    refused = fieldtui("collector", "ingest", str(stick), "--store", pg_url)
    assert "has been revoked" in refused.stderr and refused.returncode != 0
    again = fieldtui("collector", "allow", str(dev.write_card(tmp_path)), "--store", pg_url)
    assert "was revoked at " in one_error_line(again)


def test_an_unreachable_postgresql_is_one_line_without_the_password(fieldtui: Cli) -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql://fieldtui:s3cret-pw@127.0.0.1:{port}/survey"
    for call, args in ((fieldtui_process, ["serve", "--port", "0"]), (fieldtui, ["init"]),
                       (fieldtui, ["check"])):
        line = one_error_line(call("collector", *args, "--store", url))
        assert line == (f"fieldtui: error: cannot reach PostgreSQL at 127.0.0.1:{port}/survey "
                        "(connection refused) — start PostgreSQL, or correct the host and port "
                        "in the URL")


def test_a_database_without_a_collector_is_named_as_such(pg_url: str, fieldtui: Cli) -> None:
    line = one_error_line(fieldtui("collector", "serve", "--store", pg_url, "--port", "0"))
    assert "is not a collector store — run 'fieldtui collector init --store URL'" in line


def test_a_password_never_shows_in_a_hint(pg_cluster: object, fieldtui: Cli) -> None:
    from tests.support.pg_cluster import PgCluster

    assert isinstance(pg_cluster, PgCluster)
    url = pg_cluster.url("postgres", password="s3cret-pw")  # trust: the password is unused
    result = fieldtui("collector", "serve", "--store", url, "--port", "0")
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert "is not a collector store" in one_error_line(result)


def test_a_failing_statement_is_one_line(pg_url: str, tmp_path: Path, fieldtui: Cli) -> None:
    import psycopg

    assert fieldtui("collector", "init", "--store", pg_url).returncode == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE devices")  # a damaged store
    line = one_error_line(fieldtui("collector", "allow", str(Dev().write_card(tmp_path)),
                                   "--store", pg_url))
    assert line.startswith("fieldtui: error: PostgreSQL at ") and " failed (" in line
    assert line.endswith("— check it, then run the command again")

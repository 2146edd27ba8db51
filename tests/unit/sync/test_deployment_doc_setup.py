"""docs/deployment.md's setup, run as written against a throwaway cluster: its createuser,
createdb and psql lines (as PostgreSQL's admin), then the collector's store as its role,
a supervisor's merge from it as theirs, and the dashboard role. Before, the docs began
with `createdb -O fieldtui_collector …` for roles they never created (createdb fails:
role does not exist) and said nothing of what the supervisors' role needs to merge."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli_main import completed
from tests.support.command_world import world  # noqa: F401  (fixture)
from tests.support.paths import ROOT
from tests.support.pg_cluster import PgCluster

ADMIN_TOOLS = ("createuser", "createdb", "psql")
# the dashboard role as the docs name it, made unique here: roles are the whole cluster's
# and another test of the session makes a "dash" of its own
DASHBOARD = "dash_doc_setup"
ROLES = ("fieldtui_collector", "fieldtui_supervisors", DASHBOARD)
DATABASES = ("fieldtui_collector", "fieldtui_dataset")


def doc_admin_commands() -> list[list[str]]:
    """The admin lines of the doc's sh blocks (a trailing backslash continues a line)."""
    text = (ROOT / "docs" / "deployment.md").read_text("utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] in ADMIN_TOOLS:
                commands.append(words)
    return commands


@pytest.fixture
def cluster(pg_cluster: object) -> Iterator[PgCluster]:
    import psycopg

    assert isinstance(pg_cluster, PgCluster)
    yield pg_cluster
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        for name in DATABASES:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for role in ROLES:
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def _as_admin(cluster: PgCluster, words: list[str]) -> None:
    words = [w for w in words if w != "-P"]  # a password prompt: trust on the socket here
    tool = cluster.bindir / words[0]
    command = [str(tool), "-h", cluster.host, "-p", str(cluster.port), "-U", "fieldtui",
               *words[1:]]
    if words[0] == "psql":
        command.insert(1, "-v")
        command.insert(2, "ON_ERROR_STOP=1")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{shlex.join(words)}: {done.stderr}"


def test_the_documented_setup_runs_as_written(
        cluster: PgCluster, world: dict[str, Path],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    commands = doc_admin_commands()
    assert commands
    creating = [c for c in commands if c[0] != "psql"]  # the GRANTs need the store first
    for words in creating:
        _as_admin(cluster, words)

    def url(role: str, db: str) -> str:
        return f"postgresql://{role}@/{db}?host={cluster.host}&port={cluster.port}"

    store = url("fieldtui_collector", "fieldtui_collector")
    moved = completed(["collector", "migrate", "--from", str(world["store"]), "--to", store],
                      capsys)
    assert moved.returncode == 0, moved.stderr
    for words in commands:
        if words[0] == "psql":
            _as_admin(cluster, words)
    merged = completed(["merge", "--from", url("fieldtui_supervisors", "fieldtui_collector"),
                        "--into", url("fieldtui_supervisors", "fieldtui_dataset"),
                        "--study", str(world["study"])], capsys)
    assert merged.returncode == 0, merged.stderr
    granted = completed(["dataset", "grant-readonly",
                         url("fieldtui_supervisors", "fieldtui_dataset"), "--role", DASHBOARD],
                        capsys)
    assert granted.returncode == 0 and f"Role {DASHBOARD} created" in granted.stdout, granted.stderr
    # a supervisor publishes to the devices through the store (before: --devices and
    # --collector-store of review, followups and report feedback took folders only)
    published = completed(["report", "feedback", url("fieldtui_supervisors", "fieldtui_dataset"),
                           "--plan", "mini-interview", "--publish", str(world["study"]),
                           "--collector-store",
                           url("fieldtui_supervisors", "fieldtui_collector")], capsys)
    assert published.returncode == 0, published.stderr
    assert "Copied 1 update to PostgreSQL at" in published.stdout
    import psycopg

    with psycopg.connect(cluster.url("fieldtui_collector"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM updates").fetchone()[0] == 1

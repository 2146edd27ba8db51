"""A study on disk and the one-line-error checks for the study CLI tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fieldtui.store.study import (
    Study,
    create_study,
)
from tests.support.cli_run import fieldtui as run_fieldtui
from tests.support.paths import FIXTURES

PASS = b"correct horse battery"


PLAN = FIXTURES / "minimal_interview.toml"


def make_study(tmp_path: Path, name: str = "study") -> Study:
    """A study with the minimal plan, under PASS."""
    return create_study(tmp_path / name, name="Library study", passphrase=PASS, plans=[PLAN])


def run_cli(*args: str, passphrase: bytes | None = None, stdin: str | None = None,
            env: dict[str, str] | None = None, umask: int = -1) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess; `passphrase` is given through --passphrase-fd."""
    return run_fieldtui(*args, passphrase=passphrase, stdin=stdin or "", env=env, umask=umask)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """The run failed with exactly one `fieldtui: error:` line containing each fragment."""
    assert proc.returncode != 0, proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("fieldtui: error: "), lines[0]
    assert " — " in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]

"""`export --release NAME` is refused where it would be ignored.

Without --tables the export wrote the sessions' microdata and exit 0, saying nothing of the
release asked for; with --tables but no --plan it wrote the latest release of every poll.
A supervisor who asked for one release's tables got other files and no word of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import ok, run
from tests.support.released_poll import released_poll


@pytest.fixture
def released(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A poll of 30 respondents with one release, poll-bins-1."""
    return released_poll(tmp_path, capsys)


@pytest.mark.parametrize(("extra", "said"), [([], "--tables"), (["--tables"], "--plan")])
def test_a_release_named_where_it_would_be_ignored_is_refused(
        released: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        extra: list[str], said: str) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(["export", released, "--release", "poll-bins-1", "-o", str(out_dir),
                          "--plaintext", *extra], capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    assert said in err, err
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_a_release_with_tables_and_its_plan_is_written(
        released: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(["export", released, "--tables", "--plan", "poll-bins", "--release",
              "poll-bins-1", "-o", str(tmp_path / "out"), "--plaintext"], capsys)
    assert "tables.csv" in out and (tmp_path / "out" / "tables.csv").is_file()

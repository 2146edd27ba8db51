"""`report --by-language` on a release without tables by language said "make a release
that has them: fieldtui release create …", which refused while too few respondents had
come since the latest release (a dead end, as `--cross` was before a5cc72b8). Now the hint
says how many more respondents a new release needs (or names an earlier release that has
the split), and keeps the old words once one can be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok, run
from tests.support.dataset_factory import load_documents, record_plans
from tests.support.paths import PLANS
from tests.support.poll_world import poll_docs, poll_plan


def _add(db: Path, count: int, seed: int) -> None:
    conn = open_dataset(db, create=True)
    try:
        if seed == 7:
            record_plans(conn, PLANS / "poll-bins.toml")
        load_documents(conn, poll_docs(poll_plan(), count, seed))
    finally:
        conn.close()


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(argv, capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    return err


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_too_few_new_respondents_for_a_release_by_language_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    db = tmp_path / "d.sqlite"
    _add(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)  # no language split
    _add(db, 2, 8)
    err = _error(["report", str(db), "--plan", "poll-bins", "--by-language",
                  "--format", fmt], capsys)
    assert "has no tables by language" in err, err
    assert err.rstrip().endswith("a release with them can be made once 3 more respondents "
                                 f"are merged: fieldtui release create {db} --plan "
                                 "poll-bins"), err


def test_with_enough_new_respondents_the_hint_makes_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    _add(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)
    _add(db, 6, 8)
    err = _error(["report", str(db), "--plan", "poll-bins", "--by-language"], capsys)
    assert err.rstrip().endswith(
        f"make a release that has them: fieldtui release create {db} --plan poll-bins"), err

"""`report --by-language` on a release without tables by language said "make a release
that has them: fieldtui release create …", which refused while too few respondents had
come since the latest release (a dead end, as `--cross` was before a5cc72b8). Now the hint
says how many more respondents a new release needs (or names an earlier release that has
the split), and keeps the old words once one can be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import ok, refused
from tests.support.released_poll import add_respondents


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_too_few_new_respondents_for_a_release_by_language_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    db = tmp_path / "d.sqlite"
    add_respondents(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)  # no language split
    add_respondents(db, 2, 8)
    err = refused(["report", str(db), "--plan", "poll-bins", "--by-language",
                  "--format", fmt], capsys)
    assert "has no tables by language" in err, err
    assert err.rstrip().endswith("a release with them can be made once 3 more respondents "
                                 f"are merged: fieldtui release create {db} --plan "
                                 "poll-bins"), err


def test_with_enough_new_respondents_the_hint_makes_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    add_respondents(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)
    add_respondents(db, 6, 8)
    err = refused(["report", str(db), "--plan", "poll-bins", "--by-language"], capsys)
    assert err.rstrip().endswith(
        f"make a release that has them: fieldtui release create {db} --plan poll-bins"), err

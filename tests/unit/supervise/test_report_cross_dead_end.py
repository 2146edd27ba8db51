"""`report --cross ITEM` on a release made without that crossing points somewhere that works.

A supervisor who made the first release as `report` suggested (no --cross), then asked for
`report --cross age_band`, was told "make a release that does: fieldtui release create …
--cross age_band", which refused ("only 0 new respondents since release poll-bins-1; a
release must add at least 5"): a dead end with no word of waiting for more respondents.
And when an earlier release had the crossing, it was not named. Now the hint says how many
more respondents a crossed release needs, or names the release that has the tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import ok, refused
from tests.support.released_poll import add_respondents


def test_too_few_new_respondents_for_a_crossed_release_is_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    add_respondents(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)
    add_respondents(db, 2, 8)
    err = refused(["report", str(db), "--plan", "poll-bins", "--cross", "age_band"], capsys)
    assert "once 3 more respondents are merged" in err, err
    assert f"fieldtui release create {db} --plan poll-bins --cross age_band" in err, err


def test_an_earlier_release_with_the_crossing_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.sqlite"
    add_respondents(db, 30, 7)
    ok(["release", "create", str(db), "--plan", "poll-bins", "--cross", "age_band"], capsys)
    add_respondents(db, 8, 9)
    ok(["release", "create", str(db), "--plan", "poll-bins", "--cross", "years_here"], capsys)
    err = refused(["report", str(db), "--plan", "poll-bins", "--cross", "age_band"], capsys)
    assert "--release poll-bins-1" in err, err

"""`followups --plan` with an id the dataset does not hold says so.

`followups DATASET --plan poll-bin` (a typo for poll-bins) printed "No concerns raised
yet." and exit 0: the supervisor read that nobody had raised anything. It is now one error
naming the plans there are, as `report --plan` says it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_main import ok, run
from tests.support.review_world import followup_dataset


def test_an_unknown_plan_is_an_error_naming_the_plans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = followup_dataset(tmp_path)
    for extra in ([], ["--screen"]):
        code, out, err = run(["followups", str(path), "--plan", "mini-interviw", *extra],
                             capsys)
        assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
        assert "no plan 'mini-interviw' in this dataset" in err and "mini-interview" in err, err


def test_a_plan_with_sessions_lists_its_concerns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = followup_dataset(tmp_path)  # its plan's text is not recorded: sessions say it
    out = ok(["followups", str(path), "--plan", "mini-interview"], capsys)
    assert "pump" in out and "no teacher" in out, out

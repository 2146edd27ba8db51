"""Asking for the release of a plan that cannot have one says why, not "make one".

`export --tables --plan interview-library` said "no release of plan interview-library —
make one with: fieldtui release create … --plan interview-library", a command that then
fails with "plan interview-library is not a poll"; a mistyped plan id got the same advice.
The error now says the plan is not a poll (or not in the dataset) and suggests nothing
that fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import run
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import PLANS
from tests.support.poll_world import poll_docs, poll_plan


@pytest.fixture
def dataset(tmp_path: Path) -> str:
    """A poll of 30 respondents without a release, and one library interview."""
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    try:
        record_plans(conn, PLANS / "poll-bins.toml", PLANS / "interview-library.toml")
        load_documents(conn, [*poll_docs(poll_plan(), 30, 7),
                              document(plan_id="interview-library", answers={})])
    finally:
        conn.close()
    return str(path)


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(argv, capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    return err


def test_the_release_of_a_plan_that_is_not_a_poll_is_not_offered(
        dataset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["export", dataset, "--tables", "-o", str(tmp_path / "t"),
                  "--plan", "interview-library"], capsys)
    assert "interview-library is not a poll" in err and "release create" not in err, err


def test_the_release_of_an_unknown_plan_is_not_offered(
        dataset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["export", dataset, "--tables", "-o", str(tmp_path / "t"),
                  "--plan", "poll-bin"], capsys)
    assert "no plan 'poll-bin' in this dataset" in err and "release create" not in err, err


def test_a_poll_without_a_release_still_says_how_to_make_one(
        dataset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["export", dataset, "--tables", "-o", str(tmp_path / "t"),
                  "--plan", "poll-bins"], capsys)
    assert err.rstrip().endswith(f"make one with: fieldtui release create {dataset} "
                                 "--plan poll-bins"), err

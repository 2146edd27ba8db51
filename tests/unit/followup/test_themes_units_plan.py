"""`themes units --plan` with an id the dataset does not hold says so, and an empty list
says it is empty.

`themes units DATASET --plan poll-bin` (a typo) printed nothing at all and exit 0, as did a
plan with no open text: the supervisor could not tell a typo from "nothing to code"."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok, run
from tests.support.dataset_factory import document, load_documents


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    load_documents(conn, [document(answers={"travel": "bus is dear"}),
                          document(plan_id="poll-bins", method="poll", answers={})])
    conn.close()
    return db


def test_an_unknown_plan_is_an_error_naming_the_plans(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["themes", "units", str(_dataset(tmp_path)), "--plan", "poll-bin"],
                         capsys)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1, (out, err)
    assert "no plan 'poll-bin' in this dataset" in err and "poll-bins" in err, err


def test_a_plan_without_texts_says_there_is_nothing_to_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _dataset(tmp_path)
    assert ok(["themes", "units", str(db), "--plan", "poll-bins"], capsys).startswith(
        "No texts to code")
    assert "bus is dear" in ok(["themes", "units", str(db), "--plan", "mini-interview"], capsys)

"""`report --plan <an interview or a meeting> --release NAME` printed the plan's report and
exited 0, as if it had read the release named (--cross and --by-language likewise): a
release is a poll's. Now one error line says so and what to give instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from tests.support.cli_main import ok, run
from tests.support.dataset_factory import document, load_documents, record_plans
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import poll_docs, poll_plan


def _dataset(tmp_path: Path) -> Path:
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    try:
        record_plans(conn, PLANS / "poll-bins.toml", FIXTURES / "minimal_interview.toml")
        load_documents(conn, [*poll_docs(poll_plan(), 30, 7),
                              document(answers={"travel": "by bus"})])
    finally:
        conn.close()
    return db


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("extra", [["--release", "poll-bins-1"], ["--cross", "age_band"],
                                   ["--by-language"]])
def test_a_poll_option_on_an_interview_plan_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
        fmt: str) -> None:
    db = _dataset(tmp_path)
    ok(["release", "create", str(db), "--plan", "poll-bins"], capsys)
    code, out, err = run(["report", str(db), "--plan", "mini-interview", "--format", fmt,
                          *extra], capsys)
    assert code != 0 and out == "" and err.count("\n") == 1, (code, out, err)
    assert err.startswith(f"fieldtui: error: {extra[0]} reads a poll's release: plan "
                          "mini-interview is no poll"), err
    assert f"leave out {extra[0]}, or give a poll with --plan (poll-bins)" in err, err


def test_the_interview_report_itself_still_works(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _dataset(tmp_path)
    assert "mini-interview" in ok(["report", str(db), "--plan", "mini-interview"], capsys)

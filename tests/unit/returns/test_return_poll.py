"""A poll response cannot go back to the device for correction: the poll screen promises
the respondent their answers are never shown on the device again, and an anonymous
respondent cannot be found to ask, so a 'correction' would be the interviewer's guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise import returns as rt
from tests.support.cli_main import run
from tests.support.paths import PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan


def test_a_poll_session_is_not_returned_to_the_device(tmp_path: Path) -> None:
    docs = poll_docs(poll_plan(), 6, 3)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(FieldtuiError, match="poll"):
            rt.return_session(conn, docs[0]["session_id"], "check item 2", {}, "Sam")
        conn.execute("ROLLBACK")
        assert conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0] == 0
    finally:
        conn.close()


def test_review_return_of_a_poll_session_is_one_line_and_records_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = poll_docs(poll_plan(), 6, 3)
    path = tmp_path / "p.sqlite"
    poll_dataset(path, (PLANS / "poll-bins.toml").read_text(), docs).close()
    code, out, err = run(["review", str(path), "--return", docs[0]["session_id"][:8],
                          "--comment", "check item 2"], capsys)
    assert code != 0, out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldtui: error: ") and " — " in lines[0]
    assert "poll" in lines[0]

"""`review --session` says each time to the minute, as the review screen does."""

from __future__ import annotations

from pathlib import Path


def test_review_session_times_are_to_the_minute_and_fit_80_columns(tmp_path: Path) -> None:
    """`review --session` printed each time as stored, "2026-12-05T02:46:50.603+00:00":
    each change line ran past 80 columns (the review screen shows "2026-12-05 02:46").
    A time with an offset other than UTC keeps its offset."""
    from fieldtui.commands.review_returns import _when, session_lines
    from fieldtui.supervise import returns as rt
    from fieldtui.supervise import revisions
    from fieldtui.supervise.dataset import open_dataset
    from tests.support.dataset_factory import document, load_documents, record_plans
    from tests.support.sync_world import PLAN

    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        record_plans(conn, PLAN)
        original = document(answers={"travel": "by bsu"})
        load_documents(conn, [original])
        rt.return_session(conn, original["session_id"], "check the travel answer", {}, "root")
        revision = document(answers={"travel": "by bus"})
        revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                                "return_seq": 1}
        revision["changes"] = [{"item_id": "travel", "old": "by bsu", "new": "by bus",
                                "reason": "typo, asked by phone",
                                "at": "2026-12-05T02:24:52.507+00:00"}]
        load_documents(conn, [revision])
        revisions.record_revision(conn, revision, "d" * 64, "now")
        lines = session_lines(conn, str(revision["session_id"]))
    finally:
        conn.close()
    assert '  travel: "by bsu" -> "by bus"  (typo, asked by phone; 2026-12-05 02:24)' in lines
    assert lines[0].endswith("(corrected; returned by root at " + lines[0][-17:]), lines
    assert lines[0][-17:-1].startswith("20") and len(lines[0][-17:-1]) == 16, lines
    assert all(len(line) <= 80 for line in lines[1:]), lines
    assert _when("2026-12-05T10:24:52.507+08:00") == "2026-12-05 10:24 +08:00"
    assert _when("not a time") == "not a time"

"""`b` in review on a session whose correction the supervisor rejected: it is current
again and goes back to its device for a second correction (the whole loop:
tests/unit/returns/test_second_return.py). It said "corrected once and the correction
rejected: its device keeps that correction ... ask the interviewer by other means"."""

from __future__ import annotations

from pathlib import Path

from pyrage import x25519
from textual.widgets import DataTable, Input

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, return_in, study  # noqa: F401


def _rejected(tmp_path: Path, made: Study, identity: x25519.Identity) -> tuple[Path, str]:
    """A session returned, corrected, and the correction rejected."""
    db = tmp_path / "data.sqlite"
    ana = Device("Ana", study_id=made.study_id)
    original = ana.doc(answers={"travel": "by bus"})
    for n, doc in enumerate([original, None]):
        if doc is None:
            return_in(db, original["session_id"], "check the travel answer")
            doc = ana.doc(answers={"travel": "on foot"})
            doc["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                               "return_seq": 1}
        store = Store(tmp_path / f"collector{n}")
        store.enroll(ana)
        store.put(ana.bundle([doc], made.recipients))
        merge_bundles(made, identity, store, db)
    conn = open_dataset(db)
    conn.execute("BEGIN IMMEDIATE")
    rt.judge(conn, original["session_id"], "rejected", "Sam")
    conn.execute("COMMIT")
    conn.close()
    return db, str(original["session_id"])


async def test_b_sends_back_again_a_session_whose_correction_was_rejected(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    db, sid = _rejected(tmp_path, *study)
    app = ReviewApp(db, "Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 1)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        assert app.screen.query_one(Input).value == ""  # not waiting: a new comment
        await pilot.press(*"ask again: was it the bus?", "enter")
        await wait_until(pilot, lambda: bool(app._notifications), what="the notice")
        said = [str(n.message) for n in app._notifications]
        assert any(s.startswith(f"Session {sid[:8]} is sent back for correction;")
                   for s in said), said
    conn = open_dataset(db, read_only=True)
    try:
        ret = rt.get_return(conn, sid)
    finally:
        conn.close()
    assert (ret.status, ret.comment) == ("returned", "ask again: was it the bus?")

"""A correction that arrives after the supervisor judged the session it corrects (rejected,
or approved as an earlier fieldtui allowed, while still waiting for it): it was stored
beside the original as a second current session, so the respondent counted twice in
every table. Now it takes the original's place as any correction does, and the return is
`corrected` again, for a verdict on what the device sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, study  # noqa: F401  (fixture)


@pytest.mark.parametrize("verdict", ["approved", "rejected"])
def test_a_correction_after_a_verdict_replaces_its_original(
        tmp_path: Path, study: tuple[Study, x25519.Identity], verdict: str) -> None:  # noqa: F811
    made, identity = study
    db = tmp_path / "data.sqlite"
    ana = Device("Ana", study_id=made.study_id)
    original = ana.doc(answers={"travel": "by bsu"})
    first = Store(tmp_path / "collector1")
    first.enroll(ana)
    first.put(ana.bundle([original], made.recipients))
    assert merge_bundles(made, identity, first, db).sessions_added == 1
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rt.return_session(conn, original["session_id"], "check the travel answer", {}, "Sam")
        if verdict == "rejected":  # before the correction
            rt.set_verdict(conn, original["session_id"], verdict, "Sam")
        else:  # as an earlier fieldtui let `review --approve` do: refused now
            conn.execute("UPDATE returns SET status='approved'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    revision = ana.doc(answers={"travel": "by bus"})
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    second = Store(tmp_path / "collector2")
    second.enroll(ana)
    second.put(ana.bundle([revision], made.recipients))
    merge_bundles(made, identity, second, db)
    conn = open_dataset(db)
    try:
        current = [r[0] for r in conn.execute("SELECT session_id FROM sessions")]
        assert current == [revision["session_id"]]  # one respondent, counted once
        assert rt.get_return(conn, original["session_id"]).status == "corrected"
    finally:
        conn.close()

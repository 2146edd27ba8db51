"""A revision is its own device's word about its own session: another enrolled device that
names someone else's session in `revision.revises` must not mark that session revised
(which would stop the supervisor from returning it and show a false old -> new)."""

from __future__ import annotations

from pathlib import Path

from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import merge_bundles, study  # noqa: F401  (fixture)


def test_another_devices_revision_claim_changes_nothing(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    made, identity = study
    store, db = Store(tmp_path / "collector"), tmp_path / "data.sqlite"
    ana, mallory = Device("Ana", study_id=made.study_id), Device("Mal", study_id=made.study_id)
    store.enroll(ana)
    store.enroll(mallory)
    original = ana.doc(answers={"travel": "by bsu"})
    store.put(ana.bundle([original], made.recipients))
    claim = mallory.doc(answers={"travel": "on foot"})
    claim["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                         "return_seq": 1}
    store.put(mallory.bundle([claim], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 2
    conn = open_dataset(db)
    try:
        assert rt.revision_of(conn, original["session_id"]) is None
        conn.execute("BEGIN IMMEDIATE")
        ret = rt.return_session(conn, original["session_id"], "check the travel answer",
                                {}, "Sam")
        conn.execute("COMMIT")
        assert ret.status == "returned"
    finally:
        conn.close()


def test_a_claim_merged_before_the_session_it_names_changes_nothing(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    """The same claim, merged first: the original arrives later and is still not revised."""
    made, identity = study
    db = tmp_path / "data.sqlite"
    ana, mallory = Device("Ana", study_id=made.study_id), Device("Mal", study_id=made.study_id)
    original = ana.doc(answers={"travel": "by bsu"})
    claim = mallory.doc(answers={"travel": "on foot"})
    claim["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                         "return_seq": 1}
    for n, (device, doc) in enumerate(((mallory, claim), (ana, original))):
        store = Store(tmp_path / f"collector{n}")
        store.enroll(ana)
        store.enroll(mallory)
        store.put(device.bundle([doc], made.recipients))
        assert merge_bundles(made, identity, store, db).sessions_added == 1
    conn = open_dataset(db)
    try:
        assert rt.revision_of(conn, original["session_id"]) is None
    finally:
        conn.close()

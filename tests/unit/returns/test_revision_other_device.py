"""A revision is its own device's word about its own session: another enrolled device that
names someone else's session in `revision.revises` must not mark that session revised
(which would stop the supervisor from returning it and show a false old -> new)."""

from __future__ import annotations

from pathlib import Path

from pyrage import x25519

from fieldtui.store.study import Study
from fieldtui.supervise import returns as rt
from fieldtui.supervise import revisions
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.review_data import return_lines
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
        assert revisions.revision_of(conn, original["session_id"]) is None
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
        assert revisions.revision_of(conn, original["session_id"]) is None
    finally:
        conn.close()


def test_a_second_correction_of_a_corrected_session_is_no_correction_of_it(
        tmp_path: Path, study: tuple[Study, x25519.Identity]) -> None:  # noqa: F811
    """A device's first correction took the original's place and the supervisor approved
    it; the same device then sends another 'correction' of that original, unasked (a
    second return goes to the correction, never to the original). It replaced nothing,
    yet it was linked as the original's correction: its detail read 'The correction of
    session …: approved by Sam', `review --session` showed its changes as the correction
    judged, and a verdict on it rewrote the original's. It is a session of its own now."""
    made, identity = study
    db = tmp_path / "data.sqlite"
    ana = Device("Ana", study_id=made.study_id)

    def merge(n: int, doc: dict[str, object]) -> None:
        store = Store(tmp_path / f"collector{n}")
        store.enroll(ana)
        store.put(ana.bundle([doc], made.recipients))
        assert merge_bundles(made, identity, store, db).sessions_added == 1

    original = ana.doc(answers={"travel": "by bsu"})
    merge(1, original)
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rt.return_session(conn, original["session_id"], "check the travel answer", {}, "Sam")
        conn.execute("COMMIT")
    finally:
        conn.close()
    asked = ana.doc(answers={"travel": "by bus"})
    asked["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                         "return_seq": 1}
    merge(2, asked)
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rt.set_verdict(conn, asked["session_id"], "approved", "Sam")
        conn.execute("COMMIT")
    finally:
        conn.close()
    unasked = ana.doc(answers={"travel": "by car"})
    unasked["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                           "return_seq": 1}
    merge(3, unasked)
    conn = open_dataset(db)
    try:
        found = revisions.revision_of(conn, original["session_id"])
        assert found is not None and found[0] == asked["session_id"]
        assert revisions.revised_from(conn, unasked["session_id"]) is None
        assert return_lines(conn, unasked["session_id"]) == []  # not 'approved by Sam'
        assert rt.returned_original(conn, unasked["session_id"]) == unasked["session_id"]
        assert rt.get_return(conn, original["session_id"]).status == "approved"
    finally:
        conn.close()

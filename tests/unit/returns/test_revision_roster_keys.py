"""A revision a device sealed before roster answers were copied whole merges as the household
it corrects.

fieldtui up to d4b1c79 (Dec 2026) started a correction by copying each member's answer with
its key as its item ("age#m2" with member "m2", so keyed "age#m2#m2") and left out the
member lists and the option-order seed: merged as sent, the corrected household's ages
were answers to an item "age#m2" no plan has, and its members were gone from `rosters`.
`tests/vectors/revision/household-v1.json` is a household session and the revision that
code made of it; merged now, the revision's answers are the household's again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldtui.core.mend_revision import mended_members
from fieldtui.store.study import create_study
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import PASS, merge_bundles, return_in
from tests.support.paths import HOUSEHOLD_V1

VECTOR = Path(__file__).parents[2] / "vectors" / "revision" / "household-v1.json"


def _vector(device: Device, study_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    found = json.loads(VECTOR.read_text(encoding="utf-8"))
    for doc in found.values():  # sealed again by this test's device, in this test's study
        doc.update(device_id=device.device_id, study_id=study_id)
    return found["original"], found["revision"]


def test_an_old_revision_of_a_household_merges_with_its_members_answers(
        tmp_path: Path) -> None:
    made = create_study(tmp_path / "study", name="Households", passphrase=PASS,
                        plans=[HOUSEHOLD_V1])
    identity = made.unlock(PASS).identity
    store, device = Store(tmp_path / "collector"), Device("Ana", study_id=made.study_id)
    store.enroll(device)
    original, revision = _vector(device, made.study_id)
    assert revision["answers"]["age#m2#m2"]["item_id"] == "age#m2"  # as that code wrote it
    assert "rosters" not in revision and "seed" not in revision
    db = tmp_path / "d.sqlite"
    store.put(device.bundle([original], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 1
    return_in(db, original["session_id"], "check the ages")
    store.put(device.bundle([revision], made.recipients))
    report = merge_bundles(made, identity, store, db)
    assert (report.sessions_added, report.conflicts) == (1, []), report
    conn = open_dataset(db)
    try:
        rid = revision["session_id"]
        rows = conn.execute("SELECT item_id, member, value FROM answers WHERE session_id=? "
                            "ORDER BY item_id, member", (rid,)).fetchall()
        assert [tuple(r) for r in rows if r[0] == "age"] == [
            ("age", "m1", "30"), ("age", "m2", "34"), ("age", "m3", "8")]
        assert not [r for r in rows if "#" in r[0]], rows
        assert ("clinic", "m1/v1", '"St Mary"') in [tuple(r) for r in rows]
        members = conn.execute("SELECT roster, member FROM rosters WHERE session_id=? "
                               "ORDER BY roster, member", (rid,)).fetchall()
        assert [tuple(m) for m in members] == [("members", "m1"), ("members", "m2"),
                                               ("members", "m3"), ("visits", "m1/v1")]
        [stored] = conn.execute("SELECT document FROM sessions WHERE session_id=?",
                                (rid,)).fetchone()
        doc = json.loads(stored)
        assert (doc["rosters"], doc["seed"]) == (original["rosters"], original["seed"])
        assert doc["answers"]["age#m2"] == {**original["answers"]["age#m2"],
                                            "at": revision["answers"]["age#m2#m2"]["at"]}
    finally:
        conn.close()
    # the same revision again is a duplicate, not a conflict: its hash is as sealed
    store.put(device.bundle([revision], made.recipients))
    report = merge_bundles(made, identity, store, db)
    assert (report.sessions_added, report.duplicates, report.conflicts) == (0, 1, [])


def test_a_correction_made_since_wins_over_the_stale_copy() -> None:
    """An old revision reopened after the upgrade and corrected there holds "age#m2" (the
    correction) beside "age#m2#m2" (the stale copy): the correction stays."""
    found = json.loads(VECTOR.read_text(encoding="utf-8"))
    original, revision = found["original"], found["revision"]
    revision["answers"]["age#m2"] = {**original["answers"]["age#m2"], "value": 43}
    answers = mended_members(revision, original)["answers"]
    assert answers["age#m2"]["value"] == 43 and "age#m2#m2" not in answers
    assert answers["age#m1"]["item_id"] == "age" and answers["age#m1"]["value"] == 30


def test_a_revision_made_now_is_left_as_it_is() -> None:
    found = json.loads(VECTOR.read_text(encoding="utf-8"))
    original = found["original"]
    now = {**original, "session_id": "r" * 32, "seed": 99}
    assert mended_members(now, original) == now

"""A revision draft an older fieldtui started, still open when the device was updated, is
mended when `start_revision` reopens it (store/session_revise.mend_draft).

`tests/vectors/revision/old-draft` is a device home made by the code of f2bd70a8^: a
returned household session and the draft `start_revision` started of it, with one
correction (`water_source`). That code keyed each member's answer "age#m2#m2" (item
"age#m2") and left out `rosters` and `seed`, so the correction screen listed no member.
Reopened now, the draft holds the members' answers under their keys, the lists and the
seed, in one save; its `changes` stay; a member's answer can be corrected."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.home import DeviceHome, sidecar_path
from fieldtui.store.journal import Journal
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.returned import open_return
from tests.support.old_draft_home import OldDraft, install_old_draft
from tests.support.returned_household import SURVEY
from tests.support.revision_key_world import HOUSEHOLD
from tests.support.sync_world import make_world


@pytest.fixture
def old(isolated_home: Path) -> OldDraft:
    return install_old_draft(isolated_home)


def returned(old: OldDraft) -> tuple[dict[str, Any], int]:
    device = old.device
    ret = open_return(device.home, device.identity, device.study_id, device.device_id,
                      old.original)
    assert ret.document is not None
    return ret.document, ret.seq


def draft_path(old: OldDraft) -> Path:
    return Path(DeviceHome(old.device.home).store(old.revision))


def draft_as_stored(old: OldDraft) -> dict[str, Any]:
    store = SessionStore.open(draft_path(old), old.device.identity)
    try:
        return store.document()
    finally:
        store.close()


def records(old: OldDraft) -> int:
    journal, found = Journal.open(draft_path(old), old.device.identity)
    journal.close()
    return len(found)


def reopened(old: OldDraft) -> dict[str, Any]:
    document, seq = returned(old)
    store = start_revision(old.device, document, seq)
    try:
        assert store.session_id == old.revision  # the same draft, not a second one
        return store.document()
    finally:
        store.close()


def test_the_vector_is_the_old_codes_draft(old: OldDraft) -> None:
    before = draft_as_stored(old)
    assert before["status"] == "draft"
    assert before["answers"]["age#m2#m2"]["item_id"] == "age#m2"
    assert "age#m2" not in before["answers"]
    assert "rosters" not in before and "seed" not in before


def test_reopening_mends_the_draft_in_one_save(old: OldDraft) -> None:
    original, _seq = returned(old)
    before, count = draft_as_stored(old), records(old)
    doc = reopened(old)
    assert records(old) == count + 1  # one record: a kill leaves all of it or none
    answers = doc["answers"]
    assert set(answers) == set(original["answers"])
    for key, row in original["answers"].items():
        if key == "water_source":
            continue
        assert {**answers[key], "at": row["at"]} == row, key
    assert answers["water_source"]["value"] == "tap"  # the correction made in the old draft
    assert (answers["age#m2"]["item_id"], answers["age#m2"]["member"]) == ("age", "m2")
    assert (answers["clinic#m1/v1"]["item_id"], answers["clinic#m1/v1"]["value"]) == (
        "clinic", "St Mary")
    assert (doc["rosters"], doc["seed"]) == (original["rosters"], original["seed"])
    assert doc["changes"] == before["changes"]  # the records made there stay as they are
    assert doc["revision"] == before["revision"]


def test_a_member_is_corrected_after_reopening(old: OldDraft) -> None:
    document, seq = returned(old)
    store = start_revision(old.device, document, seq)
    try:
        assert not correct_answer(store, "age", 34, "same", member="m2")
        assert correct_answer(store, "age", 43, "digits swapped", member="m2")
        doc = store.document()
    finally:
        store.close()
    assert doc["answers"]["age#m2"]["value"] == 43
    assert not [key for key in doc["answers"] if key.count("#") > 1]
    old_change, member = doc["changes"]
    assert old_change["item_id"] == "water_source" and "member" not in old_change
    assert (member["item_id"], member["member"], member["old"], member["new"]) == (
        "age", "m2", 34, 43)


def test_a_mended_draft_is_reopened_without_a_write(old: OldDraft) -> None:
    reopened(old)
    path = draft_path(old)
    store_bytes, sidecar = path.read_bytes(), sidecar_path(path).read_bytes()
    reopened(old)
    assert (path.read_bytes(), sidecar_path(path).read_bytes()) == (store_bytes, sidecar)


def test_a_correction_made_under_the_right_key_wins(old: OldDraft) -> None:
    """Opened by a fieldtui that copied answers whole but did not mend, the draft could
    take a member's correction beside the stale copy: the correction stays."""
    store = SessionStore.open(draft_path(old), old.device.identity)
    try:
        store.save_answer("age", 43, member="m2")
    finally:
        store.close()
    answers = reopened(old)["answers"]
    assert answers["age#m2"]["value"] == 43 and "age#m2#m2" not in answers
    assert answers["age#m3"]["value"] == 8


def test_a_failed_mend_leaves_the_draft_as_it_was(old: OldDraft,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = draft_path(old)
    before = path.read_bytes()

    def full_disk(self: SessionStore, name: str, value: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SessionStore, "set_field", full_disk)
    document, seq = returned(old)
    with pytest.raises(FieldtuiError, match="could not save"):
        start_revision(old.device, document, seq)
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert draft_as_stored(old)["answers"]["age#m2#m2"]["item_id"] == "age#m2"


def test_a_returned_old_revision_is_mended_as_its_draft_starts(
        tmp_path: Path, isolated_home: Path) -> None:
    """A returned document that is itself an old device's revision (members' answers keyed
    "age#m2#m2": a dataset that stored it unmended sent it back) starts a draft with each
    member's answer under its key, as reopening would make it: so reopening writes
    nothing. The draft's `revision.content` is the hash of the document as received."""
    world = make_world(tmp_path, isolated_home, plans=[SURVEY])
    document = json.loads(HOUSEHOLD.read_text(encoding="utf-8"))["revision"]
    document["device_id"] = world.device.device_id
    store = start_revision(world.device, document, 1)
    try:
        started = store.document()
    finally:
        store.close()
    assert sorted(k for k in started["answers"] if k.startswith("age")) == [
        "age#m1", "age#m2", "age#m3"]
    assert (started["answers"]["age#m2"]["item_id"], started["answers"]["age#m2"]["value"]
            ) == ("age", 34)
    content = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    assert started["revision"]["content"] == hashlib.sha256(content).hexdigest()
    path = Path(DeviceHome(world.device.home).store(started["session_id"]))
    before = path.read_bytes()
    start_revision(world.device, document, 1).close()
    assert path.read_bytes() == before

"""A revision of a household session (store/session_revise.py) keeps its roster as the
returned session held it: each member's answer under its own item and member (not an
item named "age#m2"), the `rosters` field and the seed; `correct_answer(member=)` changes
that member's answer and its change record names the member (a record outside rosters
has no `member`, as before)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.store.home import DeviceHome
from fieldtui.store.session_revise import correct_answer, start_revision
from fieldtui.store.session_store import SessionStore
from tests.support.returned_household import SURVEY, household_session
from tests.support.sync_world import make_world


def test_a_revision_keeps_the_members_and_corrects_one(tmp_path: Path,
                                                         isolated_home: Path) -> None:
    world = make_world(tmp_path, isolated_home, plans=[SURVEY])
    sid = household_session(world)
    original = SessionStore.open(DeviceHome(world.home).store(sid), world.device.identity)
    try:
        document = original.document()
    finally:
        original.close()
    store = start_revision(world.device, document, 1)
    try:
        copied = store.document()
        assert copied["answers"] == document["answers"]
        assert copied["answers"]["age#m2"]["item_id"] == "age"
        assert (copied["rosters"], copied["seed"]) == (document["rosters"], document["seed"])
        assert not correct_answer(store, "age", 34, "same", member="m2")
        assert correct_answer(store, "age", 43, "digits swapped", member="m2")
        assert correct_answer(store, "water_source", "tap", "misheard")
        doc = store.document()
    finally:
        store.close()
    # reopened, a draft started by this version has nothing to mend: nothing is written
    written = store.path.read_bytes()
    start_revision(world.device, document, 1).close()
    assert store.path.read_bytes() == written
    assert doc["answers"]["age#m2"]["value"] == 43 and "age" not in doc["answers"]
    assert doc["answers"]["age#m1"]["value"] == 30
    member, outside = doc["changes"]
    assert (member["item_id"], member["member"], member["old"], member["new"]) == (
        "age", "m2", 34, 43)
    assert set(outside) == {"item_id", "old", "new", "at", "reason"}

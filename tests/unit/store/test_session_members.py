"""Roster answers in the session store: rows keyed by (item, member), rosters and seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, mini_plan


@pytest.fixture
def device() -> FakeDevice:
    return FakeDevice()


@pytest.fixture
def store(isolated_home: Path, device: FakeDevice):
    s = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    yield s
    s.close()


def test_a_member_has_its_own_row_beside_the_item_outside_rosters(store: SessionStore):
    store.save_answer("travel", "by bus")
    store.save_answer("travel", "Ana", member="m1")
    store.save_answer("travel", "Ben", member="m2")
    store.save_answer("travel", "Bea", member="m2")  # replaces m2's row only
    store.save_answer("travel", "walk", member="m2/v1")
    answers = store.document()["answers"]
    assert answers["travel"]["value"] == "by bus" and "member" not in answers["travel"]
    assert answers["travel#m1"]["value"] == "Ana"
    assert answers["travel#m2"] == {**answers["travel#m2"], "item_id": "travel",
                                    "member": "m2", "value": "Bea"}
    assert answers["travel#m2/v1"]["member"] == "m2/v1"
    assert len(answers) == 4


def test_rosters_and_seed_are_kept_and_absent_until_set(store: SessionStore,
                                                        device: FakeDevice):
    doc = store.document()
    assert "rosters" not in doc and "seed" not in doc  # older sessions read as before
    store.set_field("rosters", {"people": {"": ["m1", "m3"]}, "visits": {"m1": ["v1"]}})
    store.set_field("seed", 12345)
    store.save_answer("travel", "Ana", member="m1")
    path = store.path
    store.close()
    again = SessionStore.open(path, device.identity)
    try:
        doc = again.document()
        assert doc["rosters"] == {"people": {"": ["m1", "m3"]}, "visits": {"m1": ["v1"]}}
        assert doc["seed"] == 12345
        assert doc["answers"]["travel#m1"]["value"] == "Ana"
    finally:
        again.close()


def test_a_member_must_be_text(store: SessionStore):
    with pytest.raises(ValueError):
        store.save_answer("travel", "x", member=2)  # type: ignore[arg-type]
    assert store.document()["answers"] == {}

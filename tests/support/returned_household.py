"""A household survey session (plans/household-survey.toml: a `members` roster counted by
`household_size`, a nested `visits` roster) completed on the test world's device, then
returned to it by the supervisor with comments on roster items."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.paths import HOUSEHOLD_V1
from tests.support.sync_world import World

SURVEY = HOUSEHOLD_V1
# Member m1 (Ana) has one clinic visit (m1/v1), m2 (Bo) and m3 (Cy) none.
MEMBERS = {"m1": ("Ana", 30, 1), "m2": ("Bo", 34, 0), "m3": ("Cy", 8, 0)}


def household_session(world: World) -> str:
    """A complete household session of three members; its id."""
    store = SessionStore.create(world.home, plan=load_plan(SURVEY), device=world.device)
    try:
        store.save_answer("household_size", len(MEMBERS))
        for member, (name, age, visits) in MEMBERS.items():
            store.save_answer("name", name, member=member)
            store.save_answer("age", age, member=member)
            store.save_answer("clinic_visits", visits, member=member)
        store.save_answer("clinic", "St Mary", member="m1/v1")
        store.save_answer("water_source", "well")
        store.set_field("seed", 1234)  # water_source's options are shown in random order
        store.set_field("rosters", {"members": {"": list(MEMBERS)}, "visits": {"m1": ["v1"]}})
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


def returned_household(world: World, chain: Chain, items: dict[str, str]) -> str:
    """The household session, returned with item comments `items`; its id."""
    sid = household_session(world)
    store = SessionStore.open(DeviceHome(world.home).store(sid), world.device.identity)
    try:
        document: dict[str, Any] = store.document()
    finally:
        store.close()
    body = {"session_id": sid, "device_id": world.device.device_id, "status": "returned",
            "comment": "check the ages", "items": items, "document": document}
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])
    return sid

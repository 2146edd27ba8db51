"""A library interview (plans/interview-library.toml) completed on the test world's device
with a respondent code and a single-choice answer, then returned to it by the supervisor."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.paths import PLANS
from tests.support.sync_world import World

LIBRARY = PLANS / "interview-library.toml"
CODE = "R-BJMN-EG"


def returned_library(world: World, chain: Chain) -> str:
    """The library session, answered and returned with a comment on `visits`; its id.
    (The world's study must carry LIBRARY: make_world(..., plans=[LIBRARY]).)"""
    store = SessionStore.create(world.home, plan=load_plan(LIBRARY), device=world.device)
    try:
        store.set_field("respondent", CODE)
        store.save_answer("years_area", 12)
        store.save_answer("member", "Yes")
        store.save_answer("visits", "1 to 2 days")
        store.save_answer("purposes", ["Borrowing books", "Wi-Fi"])
        store.mark_complete()
        sid = str(store.session_id)
        document: dict[str, Any] = store.document()
    finally:
        store.close()
    body = {"session_id": sid, "device_id": world.device.device_id, "status": "returned",
            "comment": "please check", "items": {"visits": "really that few?"},
            "document": document}
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])
    return sid

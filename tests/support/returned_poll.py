"""A poll response completed on the test world's device, then sent back for correction
by the supervisor as a fieldtui older than 19a5959 still could (the device must neither
open it nor show its answers: the poll screen promised the respondent never again)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.store.home import DeviceHome
from fieldtui.store.session_revise import ROW_FIELDS
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.paths import FIXTURES
from tests.support.sync_world import World, make_world

POLL = FIXTURES / "poll_bins.toml"
# Answers no other text on the home or correction screens contains.
WEEKLY, DISTANCE = "3 to 5 days", 4


def poll_world(tmp: Path, home: Path) -> World:
    """The sync world whose study holds the small poll (and the minimal interview)."""
    return make_world(tmp, home, plans=[POLL, FIXTURES / "minimal_interview.toml"])


def complete_poll(world: World) -> str:
    """A complete poll response on the device; returns its session id."""
    store = SessionStore.create(world.home, plan=load_plan(POLL), device=world.device)
    try:
        store.save_answer("weekly", WEEKLY)
        store.save_answer("distance", DISTANCE)
        store.mark_complete()
        return str(store.session_id)
    finally:
        store.close()


def poll_return_body(world: World, sid: str) -> dict[str, Any]:
    """The body an older supervisor published to return the poll response `sid`."""
    store = SessionStore.open(DeviceHome(world.home).store(sid), world.device.identity)
    try:
        document: dict[str, Any] = store.document()
    finally:
        store.close()
    return {"session_id": sid, "device_id": world.device.device_id, "status": "returned",
            "comment": "Check the weekly answer", "items": {"weekly": "really?"},
            "document": document}


def returned_poll(world: World, chain: Chain) -> str:
    """A poll response completed, then returned to the device; returns its session id."""
    sid = complete_poll(world)
    apply_raws(world.device, [chain.next("return", poll_return_body(world, sid),
                                         to=world.device.device_id)])
    return sid


def older_revision(world: World, sid: str, return_seq: int = 1) -> None:
    """The correction draft a fieldtui before this fix started when the interviewer
    opened the returned poll (a copy of the respondent's answers, revising `sid`)."""
    document = poll_return_body(world, sid)["document"]
    content = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    row = {k: document.get(k) for k in ROW_FIELDS if k in document}
    row["respondent"], row["participants"] = None, []
    row["revision"] = {"revises": sid, "content": hashlib.sha256(content).hexdigest(),
                       "return_seq": return_seq}
    tables = {"answers": [{**answer, "item_id": str(item_id)}
                          for item_id, answer in document["answers"].items()]}
    SessionStore.create(world.home, plan=load_plan(POLL), device=world.device,
                        filled=(row, tables)).close()

"""A session completed on the test world's device, then returned to it by the supervisor
(markup in the comments, to show it is displayed as typed)."""

from __future__ import annotations

from typing import Any

from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.sync_world import World, complete_session


def returned_session(world: World, chain: Chain) -> str:
    sid = complete_session(world, "by bsu")
    store = SessionStore.open(DeviceHome(world.home).store(sid), world.device.identity)
    try:
        document: dict[str, Any] = store.document()
    finally:
        store.close()
    body = {"session_id": sid, "device_id": world.device.device_id, "status": "returned",
            "comment": "[bold]Check[/bold] the travel answer",
            "items": {"travel": "[red]typo?[/red]"}, "document": document}
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])
    return sid

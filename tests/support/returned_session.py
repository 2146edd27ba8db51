"""A session completed on the test world's device, then returned to it by the supervisor
(markup in the comments, to show it is displayed as typed)."""

from __future__ import annotations

from typing import Any

from fieldtui.store.home import DeviceHome
from fieldtui.store.session_store import SessionStore
from fieldtui.sync.update_fetch import apply_raws
from tests.support.chain_kit import Chain
from tests.support.sync_world import World, complete_session


def return_body(world: World, answer: str, *, comment: str = "",
                items: dict[str, str] | None = None, **changes: Any) -> dict[str, Any]:
    """The body of a return of a session completed now (its travel answer `answer`), its
    document's top-level fields replaced by `changes`."""
    sid = complete_session(world, answer)
    store = SessionStore.open(DeviceHome(world.home).store(sid), world.device.identity)
    try:
        document: dict[str, Any] = store.document()
    finally:
        store.close()
    document.update(changes)
    return {"session_id": sid, "device_id": world.device.device_id, "status": "returned",
            "comment": comment, "items": items or {}, "document": document}


def returned_session(world: World, chain: Chain) -> str:
    body = return_body(world, "by bsu", comment="[bold]Check[/bold] the travel answer",
                       items={"travel": "[red]typo?[/red]"})
    apply_raws(world.device, [chain.next("return", body, to=world.device.device_id)])
    return str(body["session_id"])

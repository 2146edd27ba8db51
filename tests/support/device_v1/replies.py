# FROZEN: fieldtui/sync/replies.py as of commit a13734f (December 2026), the device's update reader
# before the feedback summary. Do not edit (imports aside); see __init__.py.
"""Replies to concerns, as the device received them (`reply` updates, see
supervise/followups.py): kept encrypted in the update log, opened here when an interview
of the same respondent code is prepared.

A reply body is {"replies": [{"respondent", "concern", "category", "status", "reply",
"updated", "id"}]}. Everything in it is checked and bounded before it is returned (a
signed update is trusted to come from the supervisor, not to be well formed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.update_state import load_state, read_update_bytes
from tests.support.device_v1.update_format import UpdateError, open_body, read_update

MAX_TEXT = 1000


@dataclass(frozen=True)
class Reply:
    """What was done about one concern a respondent raised."""

    concern: str
    status: str
    reply: str
    updated: str


def replies_for(home: Path, identity: Any, study_id: str, code: str) -> list[Reply]:
    """The replies to the concerns raised by respondent `code`, newest last (a reply to
    the same concern published again replaces the older one)."""
    if not code:
        return []
    try:
        state = load_state(home, study_id)
    except FieldtuiError:
        return []
    found: dict[str, Reply] = {}
    for entry in state["applied"]:
        if entry.get("kind") != "reply" or not entry.get("mine"):
            continue
        try:
            body = open_body(read_update(read_update_bytes(home, entry)), identity)
        except (UpdateError, FieldtuiError, OSError):
            continue
        replies = body.get("replies")
        for item in replies if isinstance(replies, list) else []:
            reply = _reply(item, code)
            if reply is not None:
                found[str(item.get("id"))[:40]] = reply
    return list(found.values())


def _reply(item: Any, code: str) -> Reply | None:
    if not isinstance(item, dict) or item.get("respondent") != code:
        return None
    fields = [item.get(k) for k in ("concern", "status", "reply", "updated")]
    if not all(isinstance(f, str) for f in fields):
        return None
    return Reply(*(str(f)[:MAX_TEXT] for f in fields))

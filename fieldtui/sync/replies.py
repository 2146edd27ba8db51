"""What `reply` updates brought the device (see supervise/followups.py and
supervise/feedback_publish.py): kept encrypted in the update log, opened here when an
interview of the same respondent code (or a meeting of the same group code) is prepared,
or when the interviewer opens "What we heard".

A reply body is {"replies": [{"respondent", "concern", "category", "status", "reply",
"updated", "id"}]}, optionally with "summary": {"plan_id", "title", "text", "release"}
(the feedback summary, published to every device; a device of an earlier version reads
only "replies" and ignores it). Everything in it is checked and bounded before it is
returned (a signed update is trusted to come from the supervisor, not to be well formed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.bundle.update_format import UpdateError, open_body, read_update
from fieldtui.core.errors import FieldtuiError
from fieldtui.store.update_state import load_state, read_update_bytes

MAX_TEXT = 1000
MAX_SUMMARY = 20_000


@dataclass(frozen=True)
class Reply:
    """What was done about one concern a respondent raised."""

    concern: str
    status: str
    reply: str
    updated: str


@dataclass(frozen=True)
class Summary:
    """A published feedback summary ("What we heard, what we did") of one plan."""

    plan_id: str
    title: str
    text: str
    release: str | None
    published: str  # the update's `created`


def _bodies(home: Path, identity: Any, study_id: str) -> Iterator[tuple[dict[str, Any], str]]:
    """The bodies of the reply updates for this device (or all), oldest first, with the
    time each was published."""
    try:
        state = load_state(home, study_id)
    except FieldtuiError:
        return
    for entry in state["applied"]:
        if entry.get("kind") != "reply" or not entry.get("mine"):
            continue
        try:
            body = open_body(read_update(read_update_bytes(home, entry)), identity)
        except (UpdateError, FieldtuiError, OSError):
            continue
        yield body, str(entry.get("created", ""))[:40]


def all_replies(home: Path, identity: Any, study_id: str) -> list[tuple[str, Reply]]:
    """(respondent or group code, reply) of every reply received, newest last (a reply to
    the same concern published again replaces the older one)."""
    found: dict[str, tuple[str, Reply]] = {}
    for body, _created in _bodies(home, identity, study_id):
        replies = body.get("replies")
        for item in replies if isinstance(replies, list) else []:
            reply = _reply(item)
            if reply is not None:
                found.pop(str(item.get("id"))[:40], None)
                found[str(item.get("id"))[:40]] = (str(item["respondent"])[:40], reply)
    return list(found.values())


def replies_for(home: Path, identity: Any, study_id: str, code: str) -> list[Reply]:
    """The replies to the concerns raised by respondent (or group) `code`, newest last."""
    if not code:
        return []
    return [reply for who, reply in all_replies(home, identity, study_id) if who == code]


def summaries(home: Path, identity: Any, study_id: str) -> list[Summary]:
    """The latest published summary of each plan, newest first."""
    found: dict[str, Summary] = {}
    for body, created in _bodies(home, identity, study_id):
        item = body.get("summary")
        if not isinstance(item, dict):
            continue
        fields = [item.get(k) for k in ("plan_id", "title", "text")]
        release = item.get("release")
        if not all(isinstance(f, str) for f in fields) or not (
                release is None or isinstance(release, str)):
            continue
        plan_id = str(fields[0])[:100]
        found.pop(plan_id, None)
        found[plan_id] = Summary(plan_id, str(fields[1])[:MAX_TEXT],
                                 str(fields[2])[:MAX_SUMMARY],
                                 None if release is None else release[:100], created)
    return list(reversed(found.values()))


def _reply(item: Any) -> Reply | None:
    if not isinstance(item, dict) or not isinstance(item.get("respondent"), str):
        return None
    fields = [item.get(k) for k in ("concern", "status", "reply", "updated")]
    if not all(isinstance(f, str) for f in fields):
        return None
    return Reply(*(str(f)[:MAX_TEXT] for f in fields))

"""The body of a `return` update, checked before a device applies it.

    {"session_id", "device_id", "status", "comment", "items", ["document"]}

`status` is `returned` (then `document`, the session as merged, lets the device reopen
it: its own plaintext went after the collector's receipt), `approved` or `rejected`.
A return is addressed to the one device that recorded the session: the header's `to`,
the body's `device_id` and the document's `device_id` must all be this device, and the
document's study this study; anything else is refused in one line (nothing applied).
Sizes are bounded; the texts are kept as sent and escaped where they are shown.
"""

from __future__ import annotations

import re
from typing import Any

from fieldtui.bundle.update_format import UpdateError
from fieldtui.core.i18n import _

STATUSES = frozenset({"returned", "approved", "rejected"})
FIELDS = frozenset({"session_id", "device_id", "status", "comment", "items"})
MAX_TEXT = 1000
MAX_ITEMS = 200
_SID = re.compile(r"[0-9a-f]{32}")
_ITEM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
LISTS = ("consent", "notes", "participants", "checklist", "concerns")  # of a session


def check_return(seq: int, to: str, body: dict[str, Any], *, device_id: str,
                 study_id: str) -> None:
    """Raise UpdateError unless `body` is a well-formed return for this device and study."""
    def bad(why: str) -> UpdateError:
        return UpdateError("malformed-body", f"update {seq}'s return {why}")

    if set(body) - {"document"} != FIELDS:
        raise bad(_("lacks its fields"))
    sid = body["session_id"]
    if not isinstance(sid, str) or not _SID.fullmatch(sid):
        raise bad(_("names no valid session"))
    if to != device_id or body["device_id"] != device_id:
        raise UpdateError("other-device", _("update {seq} returns a session of another "
                                            "device ({device_id}), not this one").format(seq=seq, device_id=str(body['device_id'])[:16]))
    if body["status"] not in STATUSES:
        raise bad(_("has an unknown status"))
    comment, items = body["comment"], body["items"]
    if not isinstance(comment, str) or len(comment) > MAX_TEXT:
        raise bad(_("comment is not text of at most 1000 characters"))
    if not isinstance(items, dict) or len(items) > MAX_ITEMS or not all(
            isinstance(k, str) and _ITEM.fullmatch(k) and isinstance(v, str)
            and len(v) <= MAX_TEXT for k, v in items.items()):
        raise bad(_("item comments are not valid"))
    document = body.get("document")
    if body["status"] != "returned":
        if document is not None:
            raise bad(_("carries a session with a verdict"))
        return
    if not isinstance(document, dict):
        raise bad(_("does not carry the session"))
    if document.get("study_id") != study_id:
        raise UpdateError("other-study", _("update {seq} returns a session of study "
                                           "{other_study}, not {study_id}").format(seq=seq, other_study=repr(str(document.get('study_id'))[:64]), study_id=study_id))
    if document.get("session_id") != sid or document.get("device_id") != device_id:
        raise UpdateError("other-device", _("update {seq} carries a session of another "
                                            "device or another id than it returns").format(seq=seq))
    plan = document.get("plan")
    if not isinstance(plan, dict) or not isinstance(plan.get("id"), str) or type(
            plan.get("version")) is not int or not isinstance(document.get("answers"), dict):
        raise bad(_("carries a session without its plan or answers"))
    # what Home and the correction read of it before anything else: each answer and each
    # event an object, the position an object, the lists lists, the rosters' member lists
    # by parent (an answer given as text, consent as a number, ended the app)
    events, position = document.get("events") or [], document.get("position") or {}
    if not all(isinstance(a, dict) for a in document["answers"].values()) or not (
            isinstance(events, list) and all(isinstance(e, dict) for e in events)) or (
            not isinstance(position, dict)):
        raise bad(_("carries a session whose answers or events are not objects"))
    rosters = document.get("rosters") or {}
    if not all(isinstance(document.get(name) or [], list) for name in LISTS) or not (
            isinstance(rosters, dict) and all(
                isinstance(lists, dict) and all(isinstance(m, list) for m in lists.values())
                for lists in rosters.values())):
        raise bad(_("carries a session whose lists are not lists"))

"""How a session document is laid out in TinyDB tables, and put back together.

Tables: `session` (one row: identity, plan, status and the small fields), `touched`
(one row: `updated`, apart so a save need not rewrite the session row), `answers`
(a row per item), `notes`, `consent`, `concerns` (core.concern rows; in the document
only when there is one), and the events in chunks of `CHUNK` rows
(`events-00000`, `events-00001`, ...) so that appending an event touches a table of
bounded size whatever the length of the session.
"""

from __future__ import annotations

import json
from typing import Any

from fieldtui.core.answer_keys import answer_key

CHUNK = 64
EVENTS_PREFIX = "events-"
SESSION_DOC_ID = 1
TOUCH_TABLE = "touched"
SMALL_FIELDS = ("reflections", "summary", "respondent", "checklist", "position", "rosters",
                "seed")
# Fields a session row has only once set (older sessions never had them): the document
# shows them only then, so a session without rosters reads exactly as before.
LATER_FIELDS = ("rosters", "seed")


def events_table(n: int) -> tuple[str, int]:
    """The table and doc id that hold event number `n`."""
    return f"{EVENTS_PREFIX}{n // CHUNK:05d}", n % CHUNK + 1


def event_count(tables: dict[str, dict[str, Any]]) -> int:
    """How many events the state holds (events are only ever appended)."""
    chunks = [int(name[len(EVENTS_PREFIX):]) for name in tables
              if name.startswith(EVENTS_PREFIX) and name[len(EVENTS_PREFIX):].isdigit()]
    if not chunks:
        return 0
    last = max(chunks)
    return last * CHUNK + len(tables[f"{EVENTS_PREFIX}{last:05d}"])


def _ordered(table: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not table:
        return []
    return [table[key] for key in sorted(table, key=int)]


def build_document(tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The session document (docs/internals.md) from the tables, as a deep copy."""
    row = tables["session"][str(SESSION_DOC_ID)]
    touched = tables.get(TOUCH_TABLE, {}).get("1", {})
    answers = {}
    for answer in _ordered(tables.get("answers")):
        fields = dict(answer)
        member = fields.get("member") or ""
        if member:  # the row keeps item_id and member; the key only has to be unique
            answers[answer_key(fields["item_id"], member)] = fields
        else:
            fields.pop("member", None)
            answers[fields.pop("item_id")] = fields
    chunk_names = sorted(name for name in tables if name.startswith(EVENTS_PREFIX))
    events = [event for name in chunk_names for event in _ordered(tables[name])]
    document = {
        "session_id": row["session_id"], "study_id": row["study_id"],
        "device_id": row["device_id"], "interviewer": row["interviewer"],
        "plan": row["plan"], "method": row["method"], "status": row["status"],
        "respondent": row["respondent"], "created": row["created"],
        "updated": touched.get("updated", row["updated"]), "completed": row["completed"],
        "consent": _ordered(tables.get("consent")), "answers": answers,
        "notes": _ordered(tables.get("notes")), "participants": row["participants"],
        "events": events, "checklist": row["checklist"],
        "reflections": row["reflections"], "summary": row["summary"],
        "position": row["position"],
    }
    document.update({name: row[name] for name in LATER_FIELDS if name in row})
    if tables.get("concerns"):  # only when there are any: older documents stay as they were
        document["concerns"] = _ordered(tables["concerns"])
    if row.get("revision"):  # a correction of a returned session (store/session_revise.py)
        document["revision"] = row["revision"]
        document["changes"] = _ordered(tables.get("changes"))
    # A copy the caller may change freely; JSON's C codec is several times deepcopy's speed.
    copied: dict[str, Any] = json.loads(json.dumps(document, ensure_ascii=False))
    return copied


def first_row(*, session_id: str, study_id: str, device_id: str, interviewer: str,
              plan: dict[str, Any], method: str, created: str) -> dict[str, Any]:
    """The `session` row of a new draft."""
    return {
        "session_id": session_id, "study_id": study_id, "device_id": device_id,
        "interviewer": interviewer, "plan": plan, "method": method, "status": "draft",
        "respondent": None, "created": created, "updated": created, "completed": None,
        "participants": [], "checklist": [], "reflections": "", "summary": "",
        "position": None,
    }

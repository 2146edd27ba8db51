"""What an assignment's progress needs of each session, kept after the session's plaintext.

A device deletes a session's plaintext after the collector's receipt, but its assignments
go on counting it. So when a session of an assigned plan is sealed, the sealer writes a
tally, `assignments/<session id>.age` (encrypted to the device's own key, like the store):
the plan, when the session was completed, its respondent code, and the values of only the
attributes the device's assignments for that plan set quotas on (the item ids recorded in
the update state when an `assignment` update was applied: `wanted`). Nothing else of the
answers is kept. A session not sealed yet is read from its store (`facts`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyrage
from pyrage import x25519

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.store.durable import private_dir, read_private_file, write_atomic
from fieldtui.store.home import DeviceHome

TALLY_DIR = "assignments"
MAX_TALLY_BYTES = 64 * 1024


def tally_dir(home: Path) -> Path:
    """The folder of the tallies."""
    return DeviceHome(Path(home)).root / TALLY_DIR


def facts(document: dict[str, Any], attributes: set[str]) -> dict[str, Any]:
    """What progress counts of a session: plan, completion time, respondent code, and the
    values of `attributes` (outside rosters)."""
    found = document.get("answers")
    answers: dict[str, Any] = found if isinstance(found, dict) else {}
    values: dict[str, Any] = {}
    for attr in sorted(attributes):
        answer = answers.get(attr)
        if isinstance(answer, dict) and not answer.get("skipped"):
            values[attr] = answer.get("value")
    ref = document.get("plan")
    plan: dict[str, Any] = ref if isinstance(ref, dict) else {}
    return {"session_id": document.get("session_id"), "plan_id": plan.get("id"),
            "completed": document.get("completed"), "respondent": document.get("respondent"),
            "status": document.get("status"), "values": values,
            "revision": isinstance(document.get("revision"), dict)}


def record(home: Path, recipient: str, document: dict[str, Any], attrs: set[str]) -> None:
    """Write the tally of a session of an assigned plan about to be sealed (`attrs`: the
    attributes its quotas need)."""
    data = json.dumps(facts(document, attrs), sort_keys=True, ensure_ascii=False).encode()
    sealed = pyrage.encrypt(data, [x25519.Recipient.from_str(recipient)])
    write_atomic(private_dir(tally_dir(home)) / f"{document['session_id']}.age", sealed)


def read_tallies(home: Path, identity: Any) -> dict[str, dict[str, Any]]:
    """session id -> its tally (an unreadable one is left out: it counts as not done)."""
    folder = tally_dir(home)
    out: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.age")):
        try:
            found = json.loads(pyrage.decrypt(
                read_private_file(path, MAX_TALLY_BYTES, what=_("tally")), [identity]))
        except (pyrage.DecryptError, ValueError, OSError, FieldtuiError, RecursionError):
            continue  # RecursionError: `[[[…` past the recursion limit
        if isinstance(found, dict) and found.get("session_id") == path.stem:
            out[path.stem] = found
    return out

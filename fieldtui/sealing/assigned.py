"""The assignments this device holds: `assignment` updates addressed to it, kept encrypted
in the update log (store/update_state.py) and opened only when read, here.

`held_assignments` opens them (the newest update of each id; a count of 0 withdraws one)
and checks each body (bundle/assignment_body.py); one that does not check is left out,
never applied. The sealer asks which attributes the quotas of each assigned plan need
(`quota_attributes`), to tally them before a session's plaintext goes
(store/assignment_tally.py); home shows the progress (sync/assignments.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldtui.bundle.assignment_body import check_assignment
from fieldtui.bundle.update_format import UpdateError, open_body, read_update
from fieldtui.store.update_state import load_state, read_update_bytes


@dataclass(frozen=True)
class Quota:
    """At least `count` sessions whose `attribute` is `value`."""

    attribute: str
    value: str
    count: int


@dataclass(frozen=True)
class Assignment:
    """Work assigned to this device."""

    assignment_id: str
    plan_id: str
    count: int
    quotas: tuple[Quota, ...]
    codes: tuple[str, ...]
    created: str
    seq: int


def from_body(body: dict[str, Any], created: str, seq: int) -> Assignment:
    """An assignment from its (checked) body."""
    return Assignment(str(body["assignment_id"]), str(body["plan_id"]), int(body["count"]),
                      tuple(Quota(q["attribute"], q["value"], q["count"])
                            for q in body["quotas"]),
                      tuple(body["codes"]), created, seq)


def held_assignments(home: Path, identity: Any, study_id: str,
                     device_id: str) -> list[Assignment]:
    """This device's assignments, the newest update of each id (withdrawn ones, and any
    that does not open or check, left out)."""
    state = load_state(home, study_id)
    newest: dict[str, Assignment] = {}
    for entry in state["applied"]:
        if entry.get("kind") != "assignment" or entry.get("to") != device_id:
            continue
        try:
            update = read_update(read_update_bytes(home, entry))
            body = open_body(update, identity)
            check_assignment(update.seq, update.to, body, device_id=device_id)
        except UpdateError:
            continue  # signed, but not a valid assignment for this device: not applied
        newest[str(body["assignment_id"])] = from_body(body, update.created, update.seq)
    return [a for a in newest.values() if a.count > 0]


def quota_attributes(assignments: list[Assignment]) -> dict[str, set[str]]:
    """plan id -> the attributes (item ids) the quotas of its assignments count."""
    out: dict[str, set[str]] = {}
    for a in assignments:
        out.setdefault(a.plan_id, set()).update(q.attribute for q in a.quotas)
    return out

"""Assignments as the device received them (`assignment` updates, checked at apply by
bundle/assignment_body.py and kept encrypted in the update log), and their progress.

`held_assignments` opens the device's assignment updates (the newest of each id; a count
of 0 withdraws one). `progress` counts, per assignment, the sessions of its plan this
device completed since the assignment was published (complete, sealed or receipted; not
refused, not a correction): from each session's tally (store/assignment_tally.py) once
sealed, else from its store. With respondent codes, a session counts when its code is
one of them (each code once). Each quota counts the sessions whose attribute has its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldtui.bundle.assignment_body import check_assignment
from fieldtui.bundle.update_format import open_body, read_update
from fieldtui.core.errors import FieldtuiError
from fieldtui.store.assignment_tally import facts, read_tallies, wanted
from fieldtui.store.session_peek import read_document
from fieldtui.store.sessions import list_sessions
from fieldtui.store.update_state import load_state, read_update_bytes

DONE = frozenset({"complete", "sealed", "receipted"})


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


@dataclass(frozen=True)
class Progress:
    """How far an assignment is: sessions done, and per quota."""

    assignment: Assignment
    done: int
    quotas: tuple[int, ...]

    def line(self) -> str:
        """"poll-bins: 15 of 40 · North: 12 of 20 · 60+: 3 of 10" (escape before showing)."""
        a = self.assignment
        parts = [f"{a.plan_id}: {self.done} of {a.count}"]
        parts += [f"{q.value}: {n} of {q.count}" for q, n in zip(a.quotas, self.quotas,
                                                                 strict=True)]
        return " · ".join(parts)


def from_body(body: dict[str, Any], created: str, seq: int) -> Assignment:
    """An assignment from its (checked) body."""
    return Assignment(str(body["assignment_id"]), str(body["plan_id"]), int(body["count"]),
                      tuple(Quota(q["attribute"], q["value"], q["count"])
                            for q in body["quotas"]),
                      tuple(body["codes"]), created, seq)


def held_assignments(home: Path, identity: Any, study_id: str,
                     device_id: str) -> list[Assignment]:
    """This device's assignments, the newest update of each id (withdrawn ones left out)."""
    state = load_state(home, study_id)
    newest: dict[str, Assignment] = {}
    for entry in state["applied"]:
        if entry.get("kind") != "assignment" or not entry.get("mine"):
            continue
        update = read_update(read_update_bytes(home, entry))  # UpdateError: one line
        body = open_body(update, identity)
        check_assignment(update.seq, update.to, body, device_id=device_id)
        newest[str(body["assignment_id"])] = from_body(body, update.created, update.seq)
    return [a for a in newest.values() if a.count > 0]


def session_facts(home: Path, identity: Any, study_id: str) -> list[dict[str, Any]]:
    """The facts of every session done on this device (tally, else its store)."""
    tallies = read_tallies(home, identity)
    attrs = set().union(*wanted(load_state(home, study_id)).values())
    out = []
    for meta in list_sessions(home):
        if meta.status not in DONE:
            continue
        if meta.session_id in tallies:
            out.append(tallies[meta.session_id])
        elif meta.store_path.exists():
            try:
                out.append(facts(read_document(meta.store_path, identity), attrs))
            except (FieldtuiError, OSError, ValueError):
                continue  # unreadable: not counted (home says so for drafts)
    return out


def _at(text: Any) -> datetime | None:
    try:
        found = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def progress(assignments: list[Assignment], found: list[dict[str, Any]]) -> list[Progress]:
    """Each assignment's progress over the sessions' facts."""
    out = []
    for a in assignments:
        since = _at(a.created)
        mine = [f for f in found if f.get("plan_id") == a.plan_id and not f.get("revision")
                and (since is None or ((at := _at(f.get("completed"))) is not None
                                       and at >= since))]
        codes = set(a.codes)
        done = len({f.get("respondent") for f in mine} & codes) if codes else len(mine)
        counts = tuple(sum(1 for f in mine if (f.get("values") or {}).get(q.attribute)
                           == q.value) for q in a.quotas)
        out.append(Progress(a, done, counts))
    return out


def device_progress(home: Path, identity: Any, study_id: str,
                    device_id: str) -> list[Progress]:
    """This device's assignments and how far each is."""
    assignments = held_assignments(home, identity, study_id, device_id)
    if not assignments:
        return []
    return progress(assignments, session_facts(home, identity, study_id))

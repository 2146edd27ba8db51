"""Assignments as the device received them (`assignment` updates, checked at apply by
bundle/assignment_body.py and kept encrypted in the update log), and their progress.

`held_assignments` (sealing/assigned.py) opens the device's assignment updates. `progress`
counts, per assignment, the sessions of its plan this
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

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.sealing.assigned import Assignment, held_assignments, quota_attributes
from fieldtui.store.assignment_tally import facts, read_tallies
from fieldtui.store.session_peek import read_document
from fieldtui.store.sessions import list_sessions

DONE = frozenset({"complete", "sealed", "receipted"})


@dataclass(frozen=True)
class Progress:
    """How far an assignment is: sessions done, and per quota."""

    assignment: Assignment
    done: int
    quotas: tuple[int, ...]

    def line(self) -> str:
        """"poll-bins: 15 of 40 · North: 12 of 20 · 60+: 3 of 10" (escape before showing)."""
        a = self.assignment
        of = _("{name}: {done} of {count}")
        parts = [of.format(name=a.plan_id, done=self.done, count=a.count)]
        parts += [of.format(name=q.value, done=n, count=q.count)
                  for q, n in zip(a.quotas, self.quotas, strict=True)]
        return " · ".join(parts)


def session_facts(home: Path, identity: Any, attrs: set[str]) -> list[dict[str, Any]]:
    """The facts of every session done on this device (tally, else its store; `attrs`:
    the quota attributes to read from a store)."""
    tallies = read_tallies(home, identity)
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
    attrs = set().union(*quota_attributes(assignments).values())
    return progress(assignments, session_facts(home, identity, attrs))

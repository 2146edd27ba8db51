"""Sessions of plans/household-survey.toml, answered the way the app asks: the runtime
(`core.logic`) gives the next relevant step, each answer is applied as a saved row, the
roster lists are stored as the app stores them, calculations are saved as answer rows.

A household is a list of people (name, age, clinics visited) plus the answers outside the
roster; `walk` returns the session document a device would seal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldtui.core.logic import Questionnaire, Session
from fieldtui.core.plan.model import Plan
from tests.support.dataset_factory import T0, document
from tests.support.paths import PLANS

PLAN = PLANS / "household-survey.toml"
TODAY = date(2026, 11, 20)


@dataclass
class Person:
    """One household member and what they say."""

    name: str
    age: int
    clinics: list[str] = field(default_factory=list)


@dataclass
class Household:
    """What one household answers; `skips` maps an item to a skip reason."""

    people: list[Person]
    water: str = "piped"
    assets: list[str] = field(default_factory=lambda: ["phone", "radio"])
    skips: dict[str, str] = field(default_factory=dict)


def _value(item_id: str, member: str, home: Household, s: Any) -> Any:
    person = home.people[int(member.split("/")[0][1:]) - 1] if member else None
    if person is not None and "/" in member:
        visit = int(member.split("/")[1][1:]) - 1
        return {"clinic": person.clinics[visit], "visit_reason": "check-up"}[item_id]
    if person is not None:
        return {"name": person.name, "age": person.age, "clinic_visits": len(person.clinics),
                "school": "yes"}[item_id]
    if item_id == "district":  # the first district the region's filter leaves
        return s.options("district")[0]
    return {"visit_date": TODAY.isoformat(), "start_time": "09:30", "region": "north",
            "household_size": len(home.people),
            "water_source": home.water, "water_other": "rain tank",
            "assets": home.assets, "phone_count": 2, "interviewer_id": "demo"}[item_id]


def _row(value: Any, member: str, reason: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"value": None if reason else value, "at": T0,
                           "skipped": bool(reason), "skip_reason": reason,
                           "key_covered": False}
    if member:
        out["member"] = member
    return out


def walk(plan: Plan, home: Household, **kw: Any) -> dict[str, Any]:
    """The session document of one household asked from `plan` (kw: to `document`)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    rosters: dict[str, dict[str, list[str]]] = {}
    s = Session(Questionnaire(plan), [], rosters, seed=7, today=TODAY)
    notes = {i.id for i in plan.items if i.kind in ("note", "display")}
    while True:
        todo = [p for p in s.steps()
                if (p.item_id, p.member) not in rows and p.item_id not in notes]
        if not todo:
            break
        step = todo[0]
        reason = home.skips.get(step.item_id, "")
        value = None if reason else _value(step.item_id, step.member, home, s)
        row = _row(value, step.member, reason)
        rows[(step.item_id, step.member)] = row
        s.answer(step.item_id, step.member, {**row, "item_id": step.item_id})
        if step.item_id == "household_size":
            rosters["members"] = {"": s.members("members")}
            s.set_rosters(rosters)
        if step.item_id == "clinic_visits" and value:
            rosters.setdefault("visits", {})[step.member] = [
                f"v{n + 1}" for n in range(int(value))]
            s.set_rosters(rosters)
        for (item_id, member), calc in s.calculations_to_save().items():
            rows[(item_id, member)] = _row(calc, member)
            s.answer(item_id, member, {**rows[(item_id, member)], "item_id": item_id})
    doc = document(plan_id=plan.id, **kw)
    doc["answers"] = {(f"{i}#{m}" if m else i): ({**row, "item_id": i} if m else row)
                      for (i, m), row in rows.items()}
    doc["rosters"] = rosters
    doc["seed"] = 7
    return doc

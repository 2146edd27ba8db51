"""A walk of the shipped household plan as the app drives the runtime: ask the first
unanswered step, save it, store changed calculations, add clinic visits to the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.logic import Questionnaire, Session
from fieldtui.core.plan.load import load_plan
from tests.support.logic_plans import TODAY

PLAN = Path(__file__).parents[4] / "plans" / "household-survey.toml"
ANSWERS: dict[str, Any] = {
    "visit_date": "2026-11-30", "start_time": "09:15", "household_size": 3,
    "water_source": "other", "water_other": "rain tank", "assets": ["phone", "radio"],
    "phone_count": 2, "school": "yes",
}
PEOPLE = {"m1": ("Ana", 40, 2), "m2": ("Ben", 9, 0), "m3": ("Cy", 70, 1)}


def _value(s: Session, item: str, member: str) -> Any:
    if member:
        name, age, visits = PEOPLE[member.split("/")[0]]
        by_item = {"name": name, "age": age, "clinic_visits": visits}
        if item in by_item:
            return by_item[item]
    rule = s.q.items[item]
    if item in ANSWERS:
        return ANSWERS[item]
    if rule.kind in ("choice", "scale") and s.options(item, member):
        return s.options(item, member)[0]
    return 1 if rule.kind == "number" else f"{item} text"


def test_a_household_walks_from_first_to_last_step() -> None:
    q = Questionnaire(load_plan(PLAN))
    s = Session(q, [], {}, seed=4, today=TODAY)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    asked: list[tuple[str, str]] = []
    for _ in range(200):
        todo = [p for p in s.steps() if (p.item_id, p.member) not in rows
                and q.items[p.item_id].kind != "note"]
        if not todo:
            break
        step = todo[0]
        value = _value(s, step.item_id, step.member)
        assert s.constraint_error(step.item_id, value, step.member) is None, step
        row = {"item_id": step.item_id, "value": value, "member": step.member}
        rows[(step.item_id, step.member)] = row
        asked.append((step.item_id, step.member))
        s.answer(step.item_id, step.member, row)
        if step.item_id == "clinic_visits" and value:
            visits = {m: [f"v{k}" for k in range(1, PEOPLE[m][2] + 1)] for m in PEOPLE}
            s.set_rosters({"visits": {m: v for m, v in visits.items() if v}})
        for key, calc in s.calculations_to_save().items():
            rows[key] = {"item_id": key[0], "value": calc, "member": key[1]}
            s.answer(key[0], key[1], rows[key])
    assert s.members("members") == ["m1", "m2", "m3"]
    assert ("clinic", "m1/v2") in asked and ("clinic", "m3/v1") in asked
    assert ("school", "m2") in asked and ("school", "m1") not in asked
    assert s.calculations()[("dependents", "")] == 2.0
    assert s.member_caption("members", "m3") == "Member 3 of 3: Cy"
    assert not [p for p in s.steps() if q.items[p.item_id].required
                and (p.item_id, p.member) not in rows]
    assert s.calculations_to_save() == {}
    fresh = Session(q, list(rows.values()), s.state.rosters, seed=4, today=TODAY)
    assert fresh.calculations() == s.calculations() and fresh.steps() == s.steps()

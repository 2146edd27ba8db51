"""The shipped plans say their counts are whole numbers (`whole = true`): the demo poll's
household size took "2.5 people" (a field walk), and so did the library interview's years
in the area and the transit poll's minutes on foot.

A number item is count-like when it counts people, households, times, visits, things or
whole years or minutes: its unit is one of those, or its prompt asks "how many" (几, 多少).
"""

from __future__ import annotations

import re

import pytest

from fieldtui.core.plan.load import read_plan
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from tests.support.paths import PLANS

COUNTED_UNITS = {"people", "persons", "households", "members", "times", "visits", "phones",
                 "years", "minutes", "人", "户", "次", "年", "分钟", "部"}
ASKS_HOW_MANY = re.compile(r"\bhow many\b|几|多少", re.IGNORECASE)
NAMES = sorted(p.name for p in PLANS.glob("*.toml"))


def _plan(name: str) -> Plan:
    result = read_plan(PLANS / name)
    assert result.plan is not None, [f.format() for f in result.findings]
    return result.plan


def _counts(plan: Plan) -> list[Item]:
    versions = [plan.localized(lang) for lang in plan.languages] or [plan]
    found = []
    for item in plan.items:
        texts = [next(i for i in v.items if i.id == item.id) for v in versions]
        if item.kind == "number" and any(
                t.unit.strip().lower() in COUNTED_UNITS or ASKS_HOW_MANY.search(t.prompt)
                for t in texts):
            found.append(item)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_count_in_a_shipped_plan_is_whole(name: str) -> None:
    plan = _plan(name)
    fractional = [i.id for i in _counts(plan)
                  if not takes_whole_numbers(i, plan)]
    assert fractional == [], f"{name}: say whole = true on {fractional}"


def test_the_counts_found_are_those_a_reader_sees() -> None:
    found = {(name, i.id) for name in NAMES for i in _counts(_plan(name))}
    assert {("poll-bins.toml", "household_size"),
            ("household-survey.toml", "household_size"),
            ("household-survey.toml", "clinic_visits"),
            ("household-survey.toml", "phone_count"),
            ("interview-library.toml", "years_area"),
            ("poll-transit-zh.toml", "walk_minutes")} <= found, found

"""A display item collects nothing: no variable in an export or codebook, no "not asked" row
when its condition is false, and an answer a device stored for it is an invalid value."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.interop.columns import plan_columns
from fieldtui.supervise.answer_values import invalid_answers
from fieldtui.supervise.asked import plan_shape, session_data

PLAN = """[plan]
id = "shown"
version = 1
title = "Shown"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "s1"
title = "S"
minutes = 5

[[section.item]]
id = "age"
kind = "number"
prompt = "How old are you, in years?"

[[section.item]]
id = "adult"
kind = "display"
prompt = "The next items are for adults."
relevant = "${age} > 17"

[[section.item]]
id = "work"
kind = "open"
prompt = "What work do you do?"
relevant = "${age} > 17"
"""


def _plan() -> Plan:
    plan = parse_plan(PLAN).plan
    assert plan is not None
    return plan


def _doc(**answers: Any) -> dict[str, Any]:
    return {"session_id": "s", "answers": {k: {"value": v} for k, v in answers.items()}}


def test_no_variable_for_a_display_item() -> None:
    columns = plan_columns([_plan()])
    assert [c.item.id for c in columns] == ["age", "work"]


def test_no_not_asked_row_for_a_display_item() -> None:
    rows, _ = session_data(_doc(age=9), plan_shape(_plan()))
    assert [(item_id, asked) for item_id, _, _, asked in rows] == [
        ("age", True), ("work", False)]


def test_an_answer_stored_for_a_display_item_is_invalid() -> None:
    assert invalid_answers(_doc(age=30, adult="typed anyway"), _plan()) == (["adult"], 0)
    assert invalid_answers(_doc(age=30), _plan()) == ([], 0)

"""The wrap-up lists a saved answer that breaks its item's check, as ODK refuses to
finalise a form whose constraint is violated: an interviewer can leave an out-of-range
number with Ctrl+B (or a later answer can break an earlier one's check), and it was then
counted as answered, so the session was marked complete with it at the first Ctrl+G."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.wrapup import missing_text
from tests.support.paths import PLANS


def _row(item: str, value: Any, member: str = "") -> dict[str, Any]:
    return {"item_id": item, "member": member, "value": value, "skipped": False,
            "skip_reason": ""}


def test_an_answer_that_breaks_its_check_is_listed_and_counted() -> None:
    plan = load_plan(PLANS / "household-survey.toml")
    answers = {"household_size": _row("household_size", 45)}
    text, count = missing_text(plan, answers, {"answers": answers})
    assert "Enter between 1 and 30 people." in text.plain
    assert count >= 1
    fine = {"household_size": _row("household_size", 3)}
    text, _count = missing_text(plan, fine, {"answers": fine})
    assert "Enter between 1 and 30 people." not in text.plain


def test_a_member_not_named_yet_is_a_placeholder_in_the_list() -> None:
    """A roster member's required age, its name not given: "How old is [name]", not
    "How old is ," (the name piped empty)."""
    plan = load_plan(PLANS / "household-survey.toml")
    answers = {"household_size": _row("household_size", 1)}
    text, _count = missing_text(plan, answers, {"answers": answers,
                                                "rosters": {"members": {"": ["m1"]}}})
    assert "How old is [name], in completed years? (Member 1 of 1)" in text.plain, text.plain
    assert "How old is ," not in text.plain

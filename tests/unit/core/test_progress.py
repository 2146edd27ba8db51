"""Interview progress: counts, key points, wrap-up, navigation, section timer, meeting cues."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest

from fieldtui.core.clock import ManualClock, wall_iso
from fieldtui.core.plan.load import load_plan, parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.progress import (
    MeetingCues,
    SectionTimer,
    first_item,
    first_item_of,
    is_answered,
    is_done,
    key_covered,
    key_points,
    next_item,
    next_section,
    next_undone,
    previous_item,
    previous_section,
    required_unanswered,
    resume_item,
    section_progress,
    wrapup,
)
from tests.support.paths import FIXTURES, PLANS

PLAN_TEXT = """
[plan]
id = "p"
version = 1
title = "T"
method = "interview"
language = "en"
minutes = 10
research_questions = { rq1 = "Q1" }

[[section]]
id = "a"
title = "Part A"
minutes = 4
[[section.item]]
id = "a1"
kind = "open"
prompt = "First?"
required = true
key = "rq1"
[[section.item]]
id = "a2"
kind = "number"
prompt = "Second?"
required = true

[[section]]
id = "b"
title = "Part B"
minutes = 6
[[section.item]]
id = "b1"
kind = "open"
prompt = "Third?"
key = true
[[section.item]]
id = "b2"
kind = "multi"
prompt = "Fourth?"
options = ["x", "y"]
required = true
"""


@pytest.fixture
def plan() -> Plan:
    result = parse_plan(PLAN_TEXT, "t.toml")
    assert result.plan is not None, result.findings
    return result.plan


def ans(value: Any = None, **extra: Any) -> dict[str, Any]:
    return {"value": value, "at": "2026-01-01T00:00:00.000+00:00", "skipped": False,
            "skip_reason": "", "key_covered": False, **extra}


@pytest.mark.parametrize(
    ("answer", "answered"),
    [
        (None, False), ({}, False), (ans(None), False), (ans(""), False), (ans("  \n"), False),
        (ans([]), False), (ans("yes"), True), (ans(0), True), (ans(0.0), True),
        (ans(["x"]), True), (ans("yes", skipped=True), False),
    ],
)
def test_is_answered(answer: dict[str, Any] | None, answered: bool) -> None:
    assert is_answered(answer) is answered


def test_skipped_is_done_but_not_answered() -> None:
    skipped = ans(None, skipped=True, skip_reason="declined")
    assert is_done(skipped) and not is_answered(skipped)
    assert not is_done(ans(""))


def test_key_covered_by_answer_or_by_mark() -> None:
    assert key_covered(ans("told us"))
    assert key_covered(ans(None, key_covered=True))
    assert not key_covered(ans("   "))
    assert not key_covered(None)


def test_section_progress_counts(plan: Plan) -> None:
    answers = {"a1": ans("x"), "a2": ans(None, skipped=True), "b2": ans([])}
    counts = section_progress(plan, answers)
    assert [(c.section_id, c.title, c.answered, c.skipped, c.total) for c in counts] == [
        ("a", "Part A", 1, 1, 2), ("b", "Part B", 0, 0, 2)]
    assert counts[0].complete and counts[0].done == 2
    assert not counts[1].complete


def test_required_unanswered_ignores_decided_skips(plan: Plan) -> None:
    assert required_unanswered(plan, {}) == ["a1", "a2", "b2"]
    answers = {"a1": ans("x"), "a2": ans(None, skipped=True, skip_reason="refused"),
               "b2": ans([])}
    assert required_unanswered(plan, answers) == ["b2"]


def test_key_points_list_coverage_in_order(plan: Plan) -> None:
    points = key_points(plan, {"b1": ans(None, key_covered=True)})
    assert [(k.item_id, k.section_id, k.research_question, k.covered) for k in points] == [
        ("a1", "a", "rq1", False), ("b1", "b", None, True)]
    assert points[0].prompt == "First?"


def test_wrapup_lists_what_is_missing(plan: Plan) -> None:
    answers = {"a1": ans("x"), "b1": ans(None, skipped=True)}
    result = wrapup(plan, answers)
    assert [k.item_id for k in result.key_points_missing] == ["b1"]
    assert result.required_missing == ["a2", "b2"]
    assert result.skipped == ["b1"]
    assert not result.clear
    full = {"a1": ans("x"), "a2": ans(3), "b1": ans("y"), "b2": ans(["x"])}
    assert wrapup(plan, full).clear


def test_navigation(plan: Plan) -> None:
    assert first_item(plan) == "a1"
    assert next_item(plan, "a2") == "b1"
    assert next_item(plan, "b2") is None
    assert previous_item(plan, "b1") == "a2"
    assert previous_item(plan, "a1") is None
    assert first_item_of(plan, "b") == "b1"
    assert next_section(plan, "a") == "b" and next_section(plan, "b") is None
    assert previous_section(plan, "b") == "a" and previous_section(plan, "a") is None
    for call in (lambda: next_item(plan, "zz"), lambda: previous_item(plan, "zz"),
                 lambda: first_item_of(plan, "zz"), lambda: next_section(plan, "zz")):
        with pytest.raises(KeyError):
            call()


def test_next_undone(plan: Plan) -> None:
    answers = {"a1": ans("x"), "b1": ans(None, skipped=True)}
    assert next_undone(plan, answers) == "a2"
    assert next_undone(plan, answers, after="a2") == "b2"
    assert next_undone(plan, {**answers, "a2": ans(1), "b2": ans(["y"])}) is None


def test_resume_item(plan: Plan) -> None:
    assert resume_item(plan, {"item_id": "b2", "section_id": "b"}) == "b2"
    assert resume_item(plan, {"item_id": "gone", "section_id": "b"}) == "b1"
    assert resume_item(plan, {"item_id": 7}) == "a1"
    assert resume_item(plan, None) == "a1"


def test_shipped_interview_plan_starts_with_every_key_point_missing() -> None:
    plan = load_plan(PLANS / "interview-library.toml")
    result = wrapup(plan, {})
    assert len(result.key_points_missing) == len(plan.key_items)
    assert set(result.required_missing) == {i.id for i in plan.items if i.required}
    assert load_plan(FIXTURES / "minimal_interview.toml").items


def test_section_timer_counts_against_minutes() -> None:
    timer = SectionTimer(2, started=100.0)
    assert timer.budget == 120.0
    assert timer.elapsed(160.0) == 60.0
    assert timer.remaining(160.0) == 60.0
    assert timer.fraction(160.0) == 0.5
    assert not timer.over(220.0) and not timer.nudge(220.0)
    assert timer.over(221.0) and timer.nudge(221.0)
    assert timer.over_by(250.0) == 30.0
    assert timer.remaining(250.0) == 0.0
    assert timer.fraction(400.0) == 1.0


def test_section_timer_keeps_earlier_visits_and_pauses() -> None:
    timer = SectionTimer(1, started=0.0, already=50.0)
    assert timer.elapsed(5.0) == 55.0
    timer.pause(5.0)
    assert timer.paused
    assert timer.elapsed(500.0) == 55.0
    timer.pause(600.0)
    timer.resume(1000.0)
    timer.resume(2000.0)  # resuming twice keeps the first resume
    assert timer.elapsed(1006.0) == 61.0
    assert timer.over(1006.0)


def test_meeting_cues_fire_once_each_at_15_and_5_minutes_left() -> None:
    cues = MeetingCues(90)
    assert cues.left(0.0) == 5400.0
    assert cues.due(74 * 60) is None
    assert cues.due(75 * 60) == 15
    assert cues.due(76 * 60) is None
    assert cues.due(85 * 60) == 5
    assert cues.due(95 * 60) is None
    assert cues.left(95 * 60) == -300.0


def test_meeting_cues_after_a_jump_give_the_most_urgent_only() -> None:
    cues = MeetingCues(60)
    assert cues.due(58 * 60) == 5
    assert cues.due(59 * 60) is None
    assert cues.fired == {15, 5}


def test_short_plans_skip_cues_longer_than_themselves() -> None:
    cues = MeetingCues(10)
    assert cues.cues == (5,)
    assert cues.due(0.0) is None
    assert cues.due(5 * 60) == 5


def test_section_timer_driven_by_a_manual_clock() -> None:
    clock = ManualClock(1000.0)
    timer = SectionTimer(0.5, started=clock())
    clock.advance(29.0)
    assert not timer.nudge(clock())
    assert clock.advance(-5.0) == 1029.0  # a manual clock never runs backwards
    clock.advance(2.0)
    assert timer.nudge(clock()) and timer.over_by(clock()) == 1.0


def test_wall_iso_is_utc_with_milliseconds() -> None:
    stamp = wall_iso(datetime(2026, 11, 26, 6, 20, 57, 123456, tzinfo=UTC))
    assert stamp == "2026-11-26T06:20:57.123+00:00"
    assert wall_iso().endswith("+00:00")


def test_method_logic_imports_no_textual() -> None:
    code = ("import sys, fieldtui.core.progress, fieldtui.core.ledger, fieldtui.core.roster, "
            "fieldtui.core.respondent, fieldtui.core.clock\n"
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_roster_key_point_is_covered_by_a_members_answer() -> None:
    """A key item asked of each member ("How old is ${name}") is stored as "age#m1": an
    answer for a member covers it, so the wrap-up does not call it not asked."""
    from tests.support.paths import PLANS

    plan = load_plan(PLANS / "household-survey.toml")
    before = {p.item_id: p.covered for p in key_points(plan, {})}
    after = {p.item_id: p.covered for p in key_points(
        plan, {"age#m1": {"value": 30}, "age#m2": {"value": None, "skipped": True}})}
    assert before["age"] is False
    assert after["age"] is True
    assert after["clinic_visits"] is False

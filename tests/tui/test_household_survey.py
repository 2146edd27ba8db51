"""The shipped household survey, end to end in the app: a counted roster with a nested one,
a cascading list, a default, calculations, then wrap-up with nothing required missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from tests.support.app_support import (
    documents,
    flush,
    make_app,
    make_home,
    unlock,
    wait_screen,
    wait_until,
)

# What each item is answered with (by id; a roster item by id and member).
TYPED: dict[str, str] = {"visit_date": "2026-01-15", "start_time": "9:30",
                         "household_size": "2", "name": "Ana", "phone_count": "1"}
BY_MEMBER: dict[tuple[str, str], str] = {
    ("name", "m2"): "Ben", ("age", "m1"): "34", ("age", "m2"): "8",
    ("clinic_visits", "m1"): "1", ("clinic_visits", "m2"): "0",
    ("clinic", "m1/v1"): "Riverside", ("visit_reason", "m1/v1"): "Check-up"}


async def answer(pilot: Any, run: Any) -> None:
    """Answer the step on screen and move on."""
    step = run.step
    if step.is_roster:
        members = run.walk.members(step.section, step.member)
        if run.walk.is_open(step.section) and not members and step.member == "m1":
            await pilot.press("a")  # Ana's one clinic visit
        else:
            await pilot.press("enter")
        return
    item = run.plan.item(step.item_id)
    typed = BY_MEMBER.get((item.id, step.member), TYPED.get(item.id))
    if item.kind in ("choice", "multi", "scale"):
        await pilot.press("1")
        await pilot.press("ctrl+n")
        return
    if typed is None:
        typed = "x"
    if item.kind == "number":
        run.query_one(".answer-entry").value = ""  # a default stands there: type over it
    await pilot.press(*typed, "ctrl+n")


async def test_the_household_survey_runs_to_the_wrap_up(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")  # the second interview: the household survey
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("g")
        await wait_screen(pilot, "InterviewRunScreen")
        run: Any = app.screen
        assert run.plan.id == "household-survey"
        for _ in range(60):
            if type(app.screen).__name__ == "WrapUpScreen":
                break
            before = (run.step, len(run.walk.steps))
            await answer(pilot, run)
            await wait_until(pilot, lambda b=before: type(app.screen).__name__ == "WrapUpScreen"
                             or (run.step, len(run.walk.steps)) != b, what=f"past {before}")
        await wait_screen(pilot, "WrapUpScreen")
        missing = app.screen.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "Required items unanswered (0)" in str(missing.render()),
                         what="nothing required missing")
        await flush(app)
    [doc] = documents(home)
    answers = doc["answers"]
    assert doc["rosters"]["members"] == {"": ["m1", "m2"]}
    assert doc["rosters"]["visits"] == {"m1": ["v1"]}
    assert answers["household_size"]["value"] == 2
    assert answers["name#m2"]["value"] == "Ben" and answers["age#m2"]["value"] == 8
    assert answers["clinic#m1/v1"]["value"] == "Riverside"
    assert answers["dependent#m1"]["value"] == 0 and answers["dependent#m2"]["value"] == 1
    assert answers["member_no#m2"]["value"] == 2
    assert answers["dependents"]["value"] == 1
    assert answers["start_time"]["value"] == "09:30"
    assert "school#m1" not in answers  # 34: not asked

"""Answering plans/household-survey.toml in the app, one step at a time (the app tests)."""

from __future__ import annotations

from typing import Any

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


async def run_to_wrap_up(pilot: Any, plan_id: str = "household-survey") -> None:
    """From a prepare screen of the household survey: start, answer every step with
    `answer`, and wait on the wrap-up until it lists nothing required as missing."""
    from textual.widgets import Static

    from tests.support.app_support import wait_screen, wait_until

    app = pilot.app
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    run: Any = app.screen
    assert run.plan.id == plan_id
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

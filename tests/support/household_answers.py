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

"""Walking plans/household-survey.toml in the app to the nested roster: Ana's clinic visits
(three people live in the household; Ana, 34, visited a clinic once)."""

from __future__ import annotations

from typing import Any

from tests.support.app_support import unlock, wait_screen, wait_until


def at(run: Any, item_id: str | None, member: str = "") -> bool:
    """True when the run screen is on `item_id` (of roster member `member`)."""
    return bool(run.step.item_id == item_id and run.step.member == member)


async def to_members(pilot: Any) -> Any:
    """Unlock, start the household survey, answer the first section and a size of 3: the
    run screen on the household members' list."""
    await unlock(pilot)
    await pilot.press("down", "enter")  # the second interview: the household survey
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    run = pilot.app.screen
    for typed in ("2026-01-15", "09:30", "1", "1"):
        await pilot.press(*typed, "ctrl+n")
    await wait_until(pilot, lambda: at(run, "household_size"), what="the size")
    run.query_one(".answer-entry").value = ""  # a default stands there: type over it
    await pilot.press("3", "ctrl+n")
    await wait_until(pilot, lambda: run.step.is_roster, what="the members' list")
    return run


async def to_count(pilot: Any) -> Any:
    """The run screen on how many times Ana visited a clinic, the entry cleared."""
    run = await to_members(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: at(run, "name", "m1"), what="Ana's name")
    await pilot.press(*"Ana", "ctrl+n", *"34", "ctrl+n")
    await wait_until(pilot, lambda: at(run, "clinic_visits", "m1"), what="Ana's visits")
    run.query_one(".answer-entry").value = ""
    return run


async def to_visits(pilot: Any) -> Any:
    """The run screen on Ana's clinic visits list, empty."""
    run = await to_count(pilot)
    await pilot.press("1", "ctrl+n")
    await wait_until(pilot, lambda: run.step.is_roster and run.step.section == "visits",
                     what="Ana's visits list")
    return run

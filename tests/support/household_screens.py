"""The household survey's run screen, reached with the keys an interviewer presses."""

from __future__ import annotations

from typing import Any

from tests.support.app_support import unlock, wait_screen, wait_until


async def household_run(pilot: Any) -> Any:
    """The household survey's run screen, on its first item (the visit date)."""
    await unlock(pilot)
    await pilot.press("down", "enter")  # the second interview: the household survey
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    run = pilot.app.screen
    await wait_until(pilot, lambda: run.query(".answer-entry"), what="the first entry")
    return run


async def at_household_size(pilot: Any) -> Any:
    """The run screen on the household-size item, reached from a choice with Enter."""
    run = await household_run(pilot)
    await pilot.press(*"2026-01-15", "ctrl+n")
    await wait_until(pilot, lambda: run.step.item_id == "start_time", what="the time item")
    await pilot.press(*"09:05", "ctrl+n")
    await wait_until(pilot, lambda: run.step.item_id == "region", what="the region")
    await pilot.press("1", "enter")
    await wait_until(pilot, lambda: run.step.item_id == "district", what="the district")
    await pilot.press("1", "enter")
    await wait_until(pilot, lambda: run.step.item_id == "household_size", what="the size")
    return run

"""Back on a number item whose answer is saved, Enter on the empty field keeps that answer
and moves on, as the line under it says ("Saved: no answer given; Enter keeps it"). It
did not: a skipped count answered Enter with "Type a number, e.g. 3 or 2.5" and stayed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = load_plan(Path(__file__).parents[2] / "plans" / "poll-bins.toml")


def on(run: Any, item_id: str) -> bool:
    return run.step is not None and run.step.item_id == item_id


async def test_enter_keeps_a_skipped_count_and_moves_on(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1")
        await wait_until(pilot, lambda: on(run, "household_size"), what="the count")
        await pilot.press("s")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the next item")
        await pilot.press("b")
        await wait_until(pilot, lambda: on(run, "household_size"), what="back on the count")
        assert "Saved: no answer given; Enter keeps it" in str(run.query_one("#help").render())
        assert run.query_one("#number", Input).value == ""
        await pilot.press("enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="on again", timeout=3)
        assert run.saved[answer_key("household_size", "")] == (None, True)


async def test_enter_on_a_cleared_count_keeps_the_saved_one(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1")
        await wait_until(pilot, lambda: on(run, "household_size"), what="the count")
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the next item")
        await pilot.press("b")
        await wait_until(pilot, lambda: on(run, "household_size")
                         and run.query_one("#number", Input).value == "3", what="back")
        await pilot.press("backspace", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="on again", timeout=3)
        assert run.saved[answer_key("household_size", "")] == (3, False)


async def test_the_line_under_a_count_typed_over_says_enter_saves_it(isolated_home: Path) -> None:
    """It said "Saved: the answer shown; Enter keeps it" over a 25 typed (and refused) in
    place of the saved 3: the answer shown was not the one saved, nor kept by Enter."""
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen

        def said() -> str:
            return str(run.query_one("#help").render())

        await pilot.press("y", "1")
        await wait_until(pilot, lambda: on(run, "household_size"), what="the count")
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the next item")
        await pilot.press("b")
        await wait_until(pilot, lambda: on(run, "household_size")
                         and run.query_one("#number", Input).value == "3", what="back")
        assert said().startswith("Saved: 3; Enter keeps it · "), said()
        await pilot.press("backspace", "2", "5")
        await wait_until(pilot, lambda: "Saved" not in said(), what="the line without Saved")
        assert said() == "Type the number, Enter saves · s: no answer · b: back"
        await pilot.press("enter")  # 25 is over the plan's 20: refused, the 3 stays saved
        await pilot.pause()
        assert on(run, "household_size") and "Saved" not in said()
        await pilot.press("backspace", "backspace", "3")
        await wait_until(pilot, lambda: said().startswith("Saved: 3; Enter keeps it"),
                         what="the saved answer again")

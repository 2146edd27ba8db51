"""Snapshots of the interview screens at 80x24, with a fixed clock, code and in-memory store."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.support.app_support import ZH, wait_screen, wait_until
from tests.support.chinese_walk import app_on
from tests.support.paths import PLANS

SIZE = (80, 24)


LIBRARY = PLANS / "interview-library.toml"


async def settle(pilot: Pilot[Any]) -> None:
    """Finished scrolling, so two runs draw the same picture (the cursors never blink in a
    snapshot test: tests/tui/conftest.py)."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)


async def to_run(pilot: Pilot[Any]) -> None:
    """Home → prepare → consent given → the first item."""
    await wait_screen(pilot, "HomeScreen")
    await wait_until(pilot, lambda: isinstance(focused := pilot.app.focused, OptionList)
                     and focused.id == "plans" and focused.highlighted is not None,
                     what="the plans list ready for Enter")
    await pilot.press("enter")
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")


def then_settle(steps: Callable[[Pilot[Any]], Awaitable[None]],
                ) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Run the steps, then settle the picture."""
    async def run(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        await settle(pilot)
    return run


class TestInterviewScreens:
    """The screens an interviewer sees, in order."""

    def test_unlock(self, snap_compare: Any) -> None:
        """Study name, passphrase field, and a wrong passphrase said plainly."""
        async def wrong(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "UnlockScreen")
            await wait_until(pilot, lambda: pilot.app.screen.focused is not None)
            await pilot.press("x", "enter")
            message = pilot.app.screen.query_one("#unlock-message", Static)
            await wait_until(pilot, lambda: "✗" in str(message.render()))
        assert snap_compare(app_on(LIBRARY, locked=True), terminal_size=SIZE, run_before=then_settle(wrong))

    def test_home(self, snap_compare: Any) -> None:
        """Counts, drafts and plans by method."""
        async def ready(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            await pilot.pause(0.2)
        app = app_on(LIBRARY, PLANS / "group-park.toml", PLANS / "poll-bins.toml")
        assert snap_compare(app, terminal_size=SIZE, run_before=then_settle(ready))

    def test_prepare(self, snap_compare: Any) -> None:
        """Purpose and outline with key points."""
        async def prepare(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            await pilot.press("enter")
            await wait_screen(pilot, "InterviewPrepareScreen")
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE, run_before=then_settle(prepare))

    def test_run_open_item_with_probes(self, snap_compare: Any) -> None:
        """A key open item: prompt, probes, hint, text entry, outline, tone strip, timer."""
        async def open_item(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            await pilot.press(*"Porch", "ctrl+n", *"12", "enter", "1", "enter", *"By bus")
            await pilot.pause(0.2)
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE, run_before=then_settle(open_item))

    def test_run_choice_over_time(self, snap_compare: Any) -> None:
        """A choice picked with a number key, and the section timer's nudge when over."""
        async def choice(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            await pilot.press("ctrl+n", "ctrl+n")
            clock: Any = pilot.app.clock
            clock.advance(6 * 60)
            await pilot.press("2")
            await pilot.pause(1.2)
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE, run_before=then_settle(choice))

    def test_wrapup(self, snap_compare: Any) -> None:
        """Key points not covered and required items unanswered."""
        async def wrap(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            await pilot.press("ctrl+f")
            await wait_screen(pilot, "WrapUpScreen")
            missing = pilot.app.screen.query_one("#wrapup-missing", Static)
            await wait_until(pilot, lambda: "Key points" in str(missing.render()))
            await pilot.pause(0.1)
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE, run_before=then_settle(wrap))

    def test_chinese_plan_lines_up(self, snap_compare: Any) -> None:
        """Wide characters in the outline, prompt, probes and options."""
        async def zh(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            await pilot.press(*"abc", "ctrl+n", "3")
            await pilot.pause(0.2)
        assert snap_compare(app_on(ZH), terminal_size=SIZE, run_before=then_settle(zh))

    def test_too_small(self, snap_compare: Any) -> None:
        """60x20: the request to enlarge the terminal."""
        async def small(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "TooSmallScreen")
        assert snap_compare(app_on(LIBRARY), terminal_size=(60, 20), run_before=then_settle(small))


HOUSEHOLD = Path(__file__).parents[1] / "fixtures" / "household_logic.toml"


class TestRosterScreens:
    """A household roster at 80x24: the member list, and an item of one member."""

    def test_roster_member_list(self, snap_compare: Any) -> None:
        """Two members listed after the last one's items, the cursor on the second; the
        outline lists the section's members."""
        async def roster(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            run: Any = pilot.app.screen
            await run.go_to(run.walk.find_list("people"))
            await pilot.press("a", *"Ana", "ctrl+n", *"34", "enter")
            await wait_until(pilot, lambda: run.step.again)
            await pilot.press("a", *"Ben", "ctrl+n", *"12", "enter", "1", "enter")
            await wait_until(pilot, lambda: run.step.again and len(run.walk.members("people")) == 2)
            await pilot.press("down")
            await pilot.pause(0.2)
        assert snap_compare(app_on(HOUSEHOLD), terminal_size=SIZE, run_before=then_settle(roster))

    def test_roster_member_item(self, snap_compare: Any) -> None:
        """"Member 2 of 2: Ben" above the piped prompt; the outline dims the item not asked."""
        async def member(pilot: Pilot[Any]) -> None:
            await to_run(pilot)
            run: Any = pilot.app.screen
            await run.go_to(run.walk.find_list("people"))
            await pilot.press("a", *"Ana", "ctrl+n", *"34", "enter")
            await wait_until(pilot, lambda: run.step.again)
            await pilot.press("a", *"Ben", "ctrl+n", *"40")
            await wait_until(pilot, lambda: "– Does Ben" in str(run.query_one("#outline").render()))
            await pilot.pause(0.2)
        assert snap_compare(app_on(HOUSEHOLD), terminal_size=SIZE, run_before=then_settle(member))

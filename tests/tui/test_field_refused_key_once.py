"""In the field app, a key refused (or doing nothing here) and pressed again stacked one
identical notice per press: Tab on Home with no drafts, an answer its check refuses
Entered again, a number with no option, Ctrl+L on a plan in one language, a meeting's
speaker number beyond the roster, a letter in the poll's number field, Ctrl+C. The same
words now replace the notice showing them (say_once): three presses leave one notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import make_app, make_home, unlock, wait_until
from tests.support.group_poll_support import (
    DeviceStub,
    FakeClock,
    HostApp,
    MemoryStore,
    group_plan,
    people,
)
from tests.support.household_screens import household_run
from tests.support.paths import PLANS


def said(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settled(pilot: Any) -> None:
    """Let the Notify messages of every press (the old way) reach the app."""
    for _ in range(5):
        await pilot.pause()


async def pressed_three_times(pilot: Any, *keys: str) -> list[str]:
    """Press `keys` three times; what the notices on screen say then."""
    for _ in range(3):
        await pilot.press(*keys)
    await wait_until(pilot, lambda: bool(said(pilot.app)), what="a notice")
    await settled(pilot)
    return said(pilot.app)


async def test_tab_on_home_with_no_drafts(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await settled(pilot)
        app.clear_notifications()
        assert await pressed_three_times(pilot, "tab") == [
            "No drafts to resume: ↑↓ and Enter stay on the plans."]


async def test_ctrl_c_in_the_field_app(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await settled(pilot)
        app.clear_notifications()
        assert await pressed_three_times(pilot, "ctrl+c") == ["Press ^q to quit the app."]
        assert [str(n.title) for n in app._notifications] == ["Do you want to quit?"]


async def test_an_answer_its_check_refuses_entered_again(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press(*"2099-01-15")  # a real date, in the future: refused
        assert await pressed_three_times(pilot, "enter") == [
            "✗ The interview date cannot be in the future: fix the answer, or Ctrl+S to "
            "skip it with a reason."]
        assert run.step.item_id == "visit_date"


async def test_ctrl_l_on_a_plan_in_one_language(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await household_run(pilot)
        assert await pressed_three_times(pilot, "ctrl+l") == ["This plan has one language."]


async def test_a_number_with_no_option(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await run.go_to([step.item_id for step in run.walk.steps].index("region"))
        await wait_until(pilot, lambda: run.step.item_id == "region", what="the region")
        await settled(pilot)
        app.clear_notifications()
        [notice] = await pressed_three_times(pilot, "9")
        assert notice.startswith("No option 9: press 1–"), notice


async def test_a_speaker_number_beyond_the_roster(isolated_home: Path,
                                                  clock: FakeClock) -> None:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home),
                                 MemoryStore(people(3))))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert await pressed_three_times(pilot, "9") == [
            "No participant 9: the roster has 3."]


async def test_a_letter_in_the_polls_number_field(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(load_plan(PLANS / "poll-bins.toml"),
                                DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y")
        await wait_until(pilot, lambda: run.item is not None and run.item.id == "home_type",
                         what="the first item")
        await pilot.press("4")
        await wait_until(pilot, lambda: run.item.id == "household_size", what="the number")
        await settled(pilot)
        app.clear_notifications()
        assert await pressed_three_times(pilot, "k") == [
            "Only a number goes here; “k” was not typed."]

"""The poll's own keys (y, s, Enter…) typed in one burst with the digits after them act in
the order typed, as the same keys typed slowly do. They did not: with nothing focused (a
choice item, the consent question) a digit reached the screen at once, while the letter
before it acted only once it had bubbled up to the app. `s 2` on a choice item saved 2 as
its answer and then skipped the next item; `y 4` at consent lost the 4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = load_plan(Path(__file__).parents[2] / "plans" / "poll-bins.toml")


def on(run: Any, item_id: str) -> bool:
    return run.step is not None and run.step.item_id == item_id


def saved(run: Any, item_id: str) -> tuple[Any, bool]:
    return run.saved.get(answer_key(item_id, ""), (None, False))


def option(item_id: str, n: int) -> str:
    return PLAN.item(item_id).options[n - 1]


async def test_a_digit_typed_fast_after_consent_answers_the_first_item(
        isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        burst(app, "y", "4")
        await wait_until(pilot, lambda: on(run, "household_size"),
                         what=f"the second item ({run.step})", timeout=3)
        assert saved(run, "home_type") == (option("home_type", 4), False)


async def test_no_answer_then_a_digit_in_a_burst_skips_this_item_and_answers_the_next(
        isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1", "3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the third item")
        burst(app, "s", "2")
        await wait_until(pilot, lambda: on(run, "missed_count"),
                         what=f"two items on ({run.step}, {run.saved})", timeout=3)
        assert saved(run, "age_band") == (None, True)
        assert saved(run, "years_here") == (option("years_here", 2), False)


async def test_enter_on_a_saved_choice_then_a_digit_answers_the_next_item(
        isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1", "3", "enter", "2")
        await wait_until(pilot, lambda: on(run, "years_here"), what="the fourth item")
        await pilot.press("b")
        await wait_until(pilot, lambda: on(run, "age_band"), what="back")
        burst(app, "enter", "3")
        await wait_until(pilot, lambda: on(run, "missed_count"),
                         what=f"two items on ({run.step}, {run.saved})", timeout=3)
        assert saved(run, "age_band") == (option("age_band", 2), False)
        assert saved(run, "years_here") == (option("years_here", 3), False)


async def test_a_digit_typed_fast_after_leaving_a_choice_for_a_count_goes_in_its_field(
        isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y")
        await wait_until(pilot, lambda: on(run, "home_type"), what="the first item")
        burst(app, "s", "2", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"),
                         what=f"two items on ({run.step}, {run.saved})", timeout=3)
        assert saved(run, "home_type") == (None, True)
        assert saved(run, "household_size") == (2, False)
        assert run.query_one("#number", Input).disabled


async def test_a_whole_respondent_start_typed_in_one_burst_answers_each_item(
        isolated_home: Path) -> None:
    """Consent, a choice, a count and Enter, then the next choice, all in one burst: the
    keys after the choice reached the screen while the count's field had the focus."""
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        burst(app, "y", "1", "3", "enter", "2", "4")
        await wait_until(pilot, lambda: on(run, "missed_count"),
                         what="the fifth item", timeout=3)
        assert saved(run, "home_type") == (option("home_type", 1), False)
        assert saved(run, "household_size") == (3, False)
        assert saved(run, "age_band") == (option("age_band", 2), False)
        assert saved(run, "years_here") == (option("years_here", 4), False)


async def test_a_key_typed_fast_after_a_question_opens_acts_there_not_behind_it(
        isolated_home: Path) -> None:
    """x asks "Stop this respondent?": a b typed right after it does not go back an item
    behind the question (the screen's keys act in order only while it is on top)."""
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1", "3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the third item")
        burst(app, "x", "b")
        await wait_until(pilot, lambda: app.screen is not run, what="the question")
        await pilot.pause(0.2)
        assert on(run, "age_band"), run.step
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is run, what="back at the item")
        assert on(run, "age_band"), run.step


async def test_a_digit_typed_fast_after_a_question_opens_answers_nothing_behind_it(
        isolated_home: Path) -> None:
    """x then 2: the 2 answered the item behind "Stop this respondent?" and moved on."""
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1", "3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the third item")
        burst(app, "x", "2")
        await wait_until(pilot, lambda: app.screen is not run, what="the question")
        await pilot.pause(0.2)
        assert on(run, "age_band") and answer_key("age_band", "") not in run.saved, run.saved

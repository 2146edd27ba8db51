"""Keys sent to the poll's number field in one burst (a fast typist, a barcode reader, keys
pasted) give the answers typed, as the same keys typed slowly do. They did not: printable
keys reach the field at once while Backspace, Enter and the screen's letters (s, b) acted
only once they had bubbled up to the app. Backspace, 1, Enter over a saved 3 (selected when
the field takes the focus) saved nothing: the 1 replaced the 3, then Backspace took the 1.
Keys typed after Enter went into the old item's field (now hidden) and were lost, and
the field's focus, given with `focus()` (later), let keys slip past a number item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import burst, wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = load_plan(Path(__file__).parents[2] / "plans" / "poll-bins.toml")


def on(run: Any, item_id: str) -> bool:
    return run.step is not None and run.step.item_id == item_id


async def at_household_size(pilot: Any) -> Any:
    run: Any = pilot.app.screen
    await pilot.press("y")  # consent
    await wait_until(pilot, lambda: on(run, "home_type"), what="the first item")
    await pilot.press("1")
    await wait_until(pilot, lambda: on(run, "household_size"), what="the count")
    return run


@pytest.mark.parametrize("keys, saved", [
    (("backspace", "1", "enter"), 1),
    (("backspace", "backspace", "1", "2", "enter"), 12),
    (("backspace", "4", "backspace", "5", "enter"), 5),
])
async def test_a_burst_over_the_saved_count_saves_what_was_typed(
        isolated_home: Path, keys: tuple[str, ...], saved: int) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: on(run, "age_band"), what="the next item")
        await pilot.press("b")
        await wait_until(pilot, lambda: on(run, "household_size")
                         and run.query_one("#number", Input).value == "3", what="back")
        burst(app, *keys)
        await wait_until(pilot, lambda: on(run, "age_band"), what="the move on", timeout=3)
        assert run.saved[answer_key("household_size", "")] == (saved, False)


async def test_a_key_typed_fast_after_enter_answers_the_next_item(isolated_home: Path) -> None:
    app = HostApp(PollRunScreen(PLAN, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        burst(app, "4", "enter", "2", "3")
        await wait_until(pilot, lambda: on(run, "missed_count"), what=f"two items on ({run.step}, {run.saved})",
                         timeout=3)
        assert run.saved[answer_key("household_size", "")] == (4, False)
        age = PLAN.item("age_band")
        years = PLAN.item("years_here")
        assert run.saved[answer_key("age_band", "")][0] == age.options[1]
        assert run.saved[answer_key("years_here", "")][0] == years.options[2]

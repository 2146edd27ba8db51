"""Digits typed on the household-size item after the focus left its entry (Shift+Tab to the
item pane, Tab to the outline), then Enter: the digits are the answer saved and Enter moves
on. They were dropped: in the item pane Enter then saved the default shown (1, not 3); in
the outline Enter showed "why" and the screen stayed on the item, the default shown as
covering the key point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app_support import burst, documents, flush, make_app, make_home, wait_until
from tests.support.household_screens import at_household_size


@pytest.mark.parametrize("away", ["shift+tab", "tab"])
async def test_digits_typed_off_the_entry_are_the_answer_and_enter_moves_on(
        tmp_path: Path, away: str) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press(away)
        await wait_until(pilot, lambda: app.focused is not run.entries.shown,
                         what="the focus off the entry")
        burst(app, "3", "enter")
        await wait_until(pilot, lambda: run.step.item_id != "household_size",
                         what="the move on")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 3
    assert doc["rosters"]["members"][""] == ["m1", "m2", "m3"]

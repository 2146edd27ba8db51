"""The interview's number entry takes a burst as typed: over a saved count, Backspace, a
digit and Enter save that digit and move on, as in the poll (tests/tui/
test_poll_number_burst.py, where the digit was lost). Pinned: this one already held."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app_support import burst, documents, flush, make_app, make_home, wait_until
from tests.support.household_screens import at_household_size


@pytest.mark.parametrize("keys, saved", [
    (("backspace", "1", "enter"), 1),
    (("backspace", "4", "backspace", "5", "enter"), 5),
])
async def test_a_burst_over_the_saved_count_saves_what_was_typed(
        tmp_path: Path, keys: tuple[str, ...], saved: int) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: run.step.item_id != "household_size", what="on")
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: run.step.item_id == "household_size", what="back")
        burst(app, *keys)
        await wait_until(pilot, lambda: run.step.item_id != "household_size", what="on again",
                         timeout=5)
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == saved
    assert len(doc["rosters"]["members"][""]) == saved

"""The household survey's size sizes its roster: in the interview too it takes whole numbers
only. 2.5 was saved and made a roster of 2 members, without a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from tests.support.app_support import documents, flush, make_app, make_home, wait_until
from tests.support.household_screens import at_household_size


async def test_a_count_takes_whole_numbers_only(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        entry: Any = run.entries.shown
        assert isinstance(entry, Input)
        assert "whole number" in entry.placeholder, entry.placeholder
        entry.value = ""
        await pilot.press(*"2.5")
        await wait_until(pilot, lambda: "not saved" in str(entry.border_subtitle),
                         what="the refusal")
        assert "whole number from 1 to 30" in str(entry.border_subtitle)
        entry.value = ""
        await pilot.press("3")
        await wait_until(pilot, lambda: not entry.border_subtitle, what="3 taken")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id != "household_size",
                         what="the move on")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["household_size"]["value"] == 3

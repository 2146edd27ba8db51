"""A refused date or time, fixed in one quick burst of keys: the fix is saved and the
interview moves on (the burst must land in the entry on screen, not in one being redrawn)."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, documents, flush, make_app, make_home, wait_until
from tests.support.household_screens import household_run


async def test_a_refused_time_fixed_in_a_burst_is_saved_and_moves_on(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press(*"2026-01-15", "ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "start_time", what="the time item")
        await pilot.press(*"25:00", "enter")
        await wait_until(pilot, lambda: run.query_one(".answer-entry").border_subtitle != "",
                         what="the refusal")
        assert run.step.item_id == "start_time"
        burst(app, *["backspace"] * 5, *"09:05", "enter")
        await wait_until(pilot, lambda: run.step.item_id == "region", what="the next item")
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["start_time"]["value"] == "09:05"

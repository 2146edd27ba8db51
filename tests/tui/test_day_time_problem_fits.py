"""A date or time that cannot be saved: the line under the entry says why and what to type,
whole, at 80x24, in English and in Chinese (it was cut with … at 80 columns, and the cut
was the part that says what to do: "25:00 is not a time of day: hour…")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.app_support import make_app, make_home, wait_until
from tests.support.chinese_walk import chinese
from tests.support.household_screens import household_run
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]  # the fixture

TYPED = {"date": ("2026-3", "2026-02-30"), "time": ("930", "25:00")}


async def shows_whole(pilot: Any, run: Any, text: str) -> None:
    """Type `text` over the entry's text; its problem line is on screen, not cut."""
    await pilot.press(*["backspace"] * 10, *text)
    entry = run.query_one(".answer-entry")
    await wait_until(pilot, lambda: entry.value == text and entry.border_subtitle != "",
                     what=f"the problem with {text!r}")
    await pilot.pause()
    said = str(entry.border_subtitle)
    assert any(said in line for line in screen_lines(pilot.app)), \
        f"{said!r} is cut: {[line for line in screen_lines(pilot.app) if '✗' in line]}"


async def walk_date_and_time(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        for text in TYPED["date"]:
            await shows_whole(pilot, run, text)
        await pilot.press(*["backspace"] * 10, *"2026-01-15", "ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "start_time", what="the time item")
        for text in TYPED["time"]:
            await shows_whole(pilot, run, text)


async def test_a_date_or_time_problem_is_shown_whole(tmp_path: Path) -> None:
    await walk_date_and_time(tmp_path)


@pytest.mark.usefixtures("chinese")
async def test_a_date_or_time_problem_is_shown_whole_in_chinese(tmp_path: Path) -> None:
    await walk_date_and_time(tmp_path)

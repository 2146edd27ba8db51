"""Ctrl+W where Why is not offered (this section's outline dims no item): it says so, and
is never the entry's. It reached the entry, where Ctrl+W deletes the word left of the
cursor, and the cut answer was saved ("hello world" became "hello ", "12" empty): the key
is in the footer as Why on other steps, so an interviewer presses it here too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_support import make_app, make_home, start_interview, wait_until


def messages(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_ctrl_w_with_nothing_dimmed_keeps_text_and_number(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        assert not run.footer_why
        await pilot.press(*"hello world", "ctrl+w")
        await wait_until(pilot, lambda: "dims no item" in messages(app), what="why not")
        assert run.query_one(".answer-entry").text == "hello world"
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "years_area", what="the number")
        await pilot.press(*"12", "ctrl+w")
        await pilot.pause()
        assert run.query_one(".answer-entry").value == "12"

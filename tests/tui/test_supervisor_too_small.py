"""The supervisor's apps (review, follow-ups) below 80x24: the field app's too-small notice
covers them, keys typed meanwhile reach nothing (b sent back a session nobody could see),
and they come back as they were once the terminal fits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from tests.support.app_support import wait_screen
from tests.support.review_world import followup_dataset, review_dataset


def _notice(app: Any) -> str:
    return str(app.screen.query_one("#too-small", Static).render())


async def test_review_in_a_small_terminal_asks_for_80x24_and_sends_nothing_back(
        tmp_path: Path) -> None:
    db, _short = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_screen(pilot, "TooSmallScreen")
        assert "at least 80x24" in _notice(app) and "now 60x20" in _notice(app)
        await pilot.press("b", "f1")  # neither the send-back dialog nor help opens
        await pilot.pause()
        assert type(app.screen).__name__ == "TooSmallScreen"
        assert "1 key typed since it showed was not used" in _notice(app)
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, "ReviewScreen")
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM returns").fetchone()[0] == 0
    finally:
        conn.close()


async def test_review_shrunk_below_80x24_is_covered_until_it_fits(tmp_path: Path) -> None:
    db, _short = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "ReviewScreen")
        await pilot.resize_terminal(79, 24)
        await wait_screen(pilot, "TooSmallScreen")
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, "ReviewScreen")


async def test_followup_register_in_a_small_terminal_asks_for_80x24(tmp_path: Path) -> None:
    app = FollowupApp(followup_dataset(tmp_path), "sam")
    async with app.run_test(size=(70, 24)) as pilot:
        await wait_screen(pilot, "TooSmallScreen")
        assert "now 70x24" in _notice(app)
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, "FollowupRegisterScreen")

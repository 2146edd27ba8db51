"""Home and End move to the first and last row of the supervisor's lists.

In the review list (and the follow-up register, the conflicts, the texts to code) End did
nothing: Textual's table moves to the last *column* on End, and these tables have a row
cursor, so the key was dead; a supervisor with hundreds of sessions had to hold ↓ or know
Ctrl+End. End now goes to the last row and Home to the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.review_world import followup_dataset, review_dataset


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_end_and_home_in_the_review_list(tmp_path: Path, no_color: None) -> None:
    db, _short = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        table = app.screen.query_one("#sessions", DataTable)
        await pilot.press("end")
        await wait_ready(pilot, lambda: table.cursor_row == 2)
        await pilot.press("home")
        await wait_ready(pilot, lambda: table.cursor_row == 0)


async def test_end_in_the_followup_register(tmp_path: Path, no_color: None) -> None:
    app = FollowupApp(followup_dataset(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count == 2)
        table = app.screen.query_one("#followup-table", DataTable)
        await pilot.press("end")
        await wait_ready(pilot, lambda: table.cursor_row == 1)

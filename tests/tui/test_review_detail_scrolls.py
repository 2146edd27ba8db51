"""A review detail longer than its panel can be read to the end.

The detail panel is at most 12 rows; a session sent back with a long comment (up to 1000
characters) filled it and its quality flags were cut off the bottom, with nothing on the
screen saying there was more and no key to reach it. The panel now scrolls: Tab moves
into it and ↓ or End reaches the last line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.returns import return_session
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.review_world import review_dataset
from tests.support.screen_text import screen_lines

LONG = " ".join(["Ask again about how they travel to work and why."] * 18)  # ~900 chars


async def test_the_flags_under_a_long_comment_can_be_scrolled_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    db, short_id = review_dataset(tmp_path)
    conn = open_dataset(db)
    conn.execute("BEGIN IMMEDIATE")
    return_session(conn, short_id, LONG, {}, "Sam")
    conn.execute("COMMIT")
    conn.close()
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        await pilot.press("down", "down")
        detail = app.screen.query_one("#detail", Static)
        await wait_ready(pilot, lambda: short_id in str(detail.render())
                         and "⚑ short" in str(detail.render()))
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any(line.startswith("⚑ short")
                                            for line in screen_lines(app)))

"""A follow-up's detail longer than its panel can be read to the end.

The register's detail panel is at most 10 rows; a concern with a long reply filled it and
what came after the reply (how the reply reaches the person, with the command that sends
it) was cut off, out of reach. The panel now scrolls: Tab moves into it, End reaches the
last line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register, set_followup
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from tests.support.app_support import wait_ready
from tests.support.review_world import followup_dataset
from tests.support.screen_text import screen_lines

REPLY = " ".join(["We repaired the pump and checked the pipes along the street."] * 9)


async def test_the_end_of_a_long_reply_can_be_scrolled_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = followup_dataset(tmp_path)
    conn = open_dataset(path)
    try:
        ident = next(e.id for e in register(conn) if e.category == "services")
        conn.execute("BEGIN IMMEDIATE")
        set_followup(conn, ident, status=None, owner="Works", reply=REPLY, by="sam")
        conn.execute("COMMIT")
    finally:
        conn.close()
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count == 2)
        detail = app.screen.query_one("#followup-detail", Static)
        table = app.screen.query_one("#followup-table", DataTable)
        row = next(i for i in range(2) if "pump" in str(table.get_row_at(i)))
        table.move_cursor(row=row)
        await wait_ready(pilot, lambda: "We repaired" in str(detail.render()))
        last = str(detail.render()).splitlines()[-1].split()[-1]
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any(line.rstrip(" ▁▂▃▄▅▆▇█").endswith(last)
                                            for line in screen_lines(app)[-6:]))

"""The wrap-up's list of what is missing: one row an item, cut with … at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.wrapup import WrapUpScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, MemoryStore
from tests.support.paths import PLANS


async def test_each_missing_item_is_one_row(isolated_home: Path) -> None:
    """A meeting ended early listed 'Design A adds a playground by the north gate. What do
    you think of design' with ' A?' wrapped onto a row of its own: each item is one row,
    cut with … (the list says what is missing; the run screen has the full prompts)."""
    plan = load_plan(PLANS / "group-park.toml")
    store: Any = MemoryStore([])
    screen = WrapUpScreen(plan, DeviceStub(isolated_home), store)
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        missing = screen.query_one("#wrapup-missing", Static)
        await wait_until(pilot, lambda: "✗" in str(missing.render()))
        await pilot.pause()
        rows = [missing.render_line(y).text.rstrip() for y in range(missing.size.height)]
        listed = [row for row in rows if row.strip()]
        headings = re.compile(r"(Questions not yet discussed|Key points not covered) \(\d+\)")
        assert all(row.startswith((" ✗", " ✓", " ◇")) or headings.fullmatch(row)
                   for row in listed), rows
        assert any(row.startswith(" ✗ Design A adds a playground") and row.endswith("…")
                   for row in listed), rows

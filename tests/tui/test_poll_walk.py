"""Poll screen details found walking the demo at 80x24: the top line and Enter with no choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.conftest import PLANS
from tests.support.group_poll_support import DeviceStub, HostApp


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_item_top_line_fits_one_line_at_80_columns(isolated_home: Path) -> None:
    plan = load_plan(PLANS / "poll-bins.toml")
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")  # consent given: item 1
        await pilot.press("4", "s", "3", "1", "1", "2", "2", "2", "2", "1", "1")  # to item 12
        top = shown(app, "#top")
        assert "item 12 of 15" in top
        assert "\n" not in top.strip() and cell_len(top) <= 78, top


async def test_enter_on_an_unanswered_choice_says_what_to_do(isolated_home: Path) -> None:
    plan = load_plan(PLANS / "poll-bins.toml")
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "enter")
        await pilot.pause()
        assert "item 1 of 15" in shown(app, "#top")
        messages = [n.message for n in app._notifications]
        assert any("number" in m for m in messages), messages

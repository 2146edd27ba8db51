"""The prepare screen names coverage attributes by the plan's labels: the roster line's
hint, the roster's column headings, the form and the status after a refused line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

FIXTURE = Path(__file__).parents[1] / "fixtures" / "group_park.toml"


def labelled_plan() -> Plan:
    text = FIXTURE.read_text("utf-8").replace(
        "[[section]]", '[group.coverage_labels]\narea = "side of the park"\n\n[[section]]', 1)
    plan = parse_plan(text).plan
    assert plan is not None
    return plan


async def test_the_prepare_screen_uses_the_plans_labels(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(labelled_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        assert "label, age, side of the park, informed" in screen.query_one(
            "#quick", Input).placeholder
        headings = [str(c.label) for c in screen.query_one(DataTable).columns.values()]
        assert "Side of the park" in headings, headings
        await pilot.press("l", *"Ann, 18-34, east", "enter")
        await wait_until(pilot, lambda: "Not added" in screen.status_text, what="refused")
        assert "side of the park 'east' is not allowed" in screen.status_text
        await pilot.press("escape", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm), what="form")
        await pilot.pause()
        assert app.screen.query_one("#attr-1", Select).prompt == "side of the park: (not known)"

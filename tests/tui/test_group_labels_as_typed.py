"""A plan's coverage labels come from outside (a kit, a workbook): the prepare
screen shows them as written, never read as markup (a '[/]' ended the app)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan
from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.screen_text import screen_lines

FIXTURE = Path(__file__).parents[1] / "fixtures" / "group_park.toml"
LABEL = "side [/] of [bold]the[/bold] park"


def hostile_plan() -> Plan:
    text = FIXTURE.read_text("utf-8").replace(
        "[[section]]", f'[group.coverage_labels]\narea = "{LABEL}"\n\n[[section]]', 1)
    plan = parse_plan(text).plan
    assert plan is not None
    return plan


async def test_a_coverage_label_with_markup_is_a_heading_as_written(isolated_home: Path) -> None:
    """The roster's column heading read the label as markup: MarkupError, the app gone."""
    app = HostApp(GroupPrepareScreen(hostile_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(160, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        headings = [c.label.plain for c in screen.query_one(DataTable).columns.values()]
        assert "Side [/] of [bold]the[/bold] park" in headings, headings


async def test_the_form_shows_a_coverage_label_with_markup_as_written(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(hostile_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(160, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm), what="form")
        await pilot.pause()
        assert f"{LABEL}: (not known)" in "\n".join(screen_lines(app))
        await pilot.press("tab", "tab", "enter")  # open the area's choices
        await pilot.pause()
        assert f"{LABEL}: " in "\n".join(screen_lines(app))

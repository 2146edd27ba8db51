"""A plan's title comes from outside (a kit, a workbook): the meeting's and the poll's
preparation show it as written in their heading ('Park [/] talk' ended the app)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from tests.support.group_poll_support import DeviceStub, HostApp, poll_plan
from tests.support.screen_text import screen_lines

FIXTURE = Path(__file__).parents[1] / "fixtures" / "group_park.toml"


async def test_a_plan_title_with_markup_is_shown_as_written(isolated_home: Path) -> None:
    text = FIXTURE.read_text("utf-8")
    plan = parse_plan(text).plan
    assert plan is not None
    plan = dataclasses.replace(plan, title="Park [/] talk [red]now")
    app = HostApp(GroupPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert "Park [/] talk [red]now" in "\n".join(screen_lines(app))


async def test_a_poll_title_with_markup_is_shown_as_written(isolated_home: Path) -> None:
    plan = dataclasses.replace(poll_plan(), title="Bins [/] poll [red]now")
    app = HostApp(PollPrepareScreen(plan, DeviceStub(isolated_home), findings=[]))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        assert "Bins [/] poll [red]now" in "\n".join(screen_lines(app))

"""Poll prepare at 80x24: the plan check box is as wide as the checklist box under it.

The banner's side margins once narrowed the plan check (a 1fr-high box) by two columns, so
its right edge stood two columns left of the checklist's.
"""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines


def _edges(line: str) -> tuple[int, int]:
    """The columns of a box's top corners on its title line."""
    return line.index("╭"), line.rindex("╮")


async def test_plan_check_and_checklist_boxes_line_up(isolated_home: Path) -> None:
    plan = load_plan(PLANS / "poll-bins.toml")
    assert plan.checklist
    app = HostApp(PollPrepareScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
    (check,) = [line for line in lines if "Plan check" in line]
    (checklist,) = [line for line in lines if "Checklist" in line]
    assert _edges(check) == _edges(checklist) == (0, 79), "\n".join(lines)

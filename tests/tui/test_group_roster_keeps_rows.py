"""Group prepare at 80x24 with the demo plan: a status of several rows ("Not added (2): …"
after refused roster lines) took its rows from the roster table, which showed two
participants. The status now has two rows at most, cut with …, the newest refusal first
(the line kept in the entry to correct), and the roster keeps the rows it has under a
one-row status (the checks' boxes, which scroll, give up the second)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp
from tests.support.paths import PLANS
from tests.support.screen_text import screen_lines


async def test_a_long_status_leaves_the_roster_its_rows(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(load_plan(PLANS / "group-park.toml"),
                                     DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await wait_until(pilot, lambda: screen.roster.has_focus, what="the roster focused")
        await pilot.press("l", *"Ana, 18-34, Owner, North", "enter")
        await wait_until(pilot, lambda: len(screen.roster.entries) == 1, what="Ana added")
        await pilot.pause()
        one_row = screen.roster.region.height
        for line in ("Bo, 18-34, Owner, n, x, y", "Cy, 60+, Renter, South", "Dee, 99"):
            await pilot.press(*line, "enter")
            await pilot.pause()
        await wait_until(pilot, lambda: "Not added (2)" in screen.status_text, what="refused")
        await pilot.pause()
        lines = screen_lines(app)
        status = screen.query_one("#status").region
        roster = screen.roster.region
    shown = "\n".join(lines)
    assert one_row >= 6, shown  # a header and five participants' rows
    assert roster.height == one_row, shown
    assert status.height == 2, shown
    first, last = lines[status.y], lines[status.bottom - 1]
    assert first.startswith(" Not added (2): 'Dee, 99' — age band '99' is not allowed"), shown
    assert last.rstrip().endswith("…"), shown
    assert "Bo, 18-34, Owner, n, x, y" in screen.status_text  # all of it is still said

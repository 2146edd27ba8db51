"""Back from the wrap-up, an ended meeting's clocks stand still at its end: under "Meeting
ended. Press e for the wrap-up, or a speaker key to carry on." the meeting and agenda
clocks went on counting, as if the meeting were still timed (the end said "the running
turn and timers stop"). A speaker key carries the meeting on."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    group_plan,
    people,
)


def shown(app: HostApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_an_ended_meetings_clocks_stand_still_until_it_carries_on(
        isolated_home: Path, clock: FakeClock) -> None:
    plan, store = group_plan(), ClockedStore(people(3), clock)
    run = GroupRunScreen(plan, DeviceStub(isolated_home), store)
    app = HostApp(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        clock.advance(5)
        await pilot.press("e", "y")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WrapUpScreen",
                         what="the wrap-up")
        await pilot.press("escape")  # back to the meeting
        await wait_until(pilot, lambda: app.screen is run, what="the meeting")
        clock.advance(40)
        run.redraw()
        assert "Meeting ended" in shown(app, "#speaker")
        assert shown(app, "#clock").startswith("Meeting 0:05 of"), shown(app, "#clock")
        assert "0:05 of" in shown(app, "#agenda"), shown(app, "#agenda")
        await pilot.press("2")  # carried on: the clocks go again
        clock.advance(3)
        run.redraw()
        assert "Meeting ended" not in shown(app, "#speaker")
        assert shown(app, "#clock").startswith("Meeting 0:48 of"), shown(app, "#clock")
        await app.settle()

"""A meeting resumed from Home goes on counting its quotes: the clock line said "quotes 0"
after a pause, though the quotes taken before it were saved (the count started at 0 on
every opening, while the turns came back from the saved events)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import flush, wait_until
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    group_plan,
    people,
)


def clock_line(app: HostApp) -> str:
    return str(app.screen.query_one("#clock").render())


async def test_the_quotes_taken_before_a_pause_are_counted_after_it(
        isolated_home: Path, clock: FakeClock) -> None:
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        for words in ("the lights are too dim", "more benches"):
            await pilot.press("q")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "QuoteDialog",
                             what="the quote dialog")
            await pilot.press(*words, "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, GroupRunScreen),
                             what="back at the meeting")
        assert "quotes 2" in clock_line(app)
        clock.advance(5)
        await pilot.press("escape", "y")
        await flush(app)
        await app.settle()
    clock.advance(60)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "quotes" in clock_line(app), what="the clock line")
        assert "turns 1, quotes 2" in clock_line(app), clock_line(app)
        await app.settle()

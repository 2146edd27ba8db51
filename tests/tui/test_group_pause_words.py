"""What the pause question says of the clocks is what they do: the time a meeting is paused
on purpose is not meeting time (core/meeting_clock.py), so its clocks go on from where they
stopped. The question said "its clocks count the time away" (in Chinese too), the opposite."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.i18n import _, set_language
from fieldtui.tui.screens.group.confirm import ConfirmDialog
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


def shown(app: HostApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_pause_question_says_the_time_away_is_not_meeting_time(
        isolated_home: Path, clock: FakeClock) -> None:
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        clock.advance(65)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        detail = " ".join(shown(app, "#detail").split())
        assert "the time away is not meeting time" in detail, detail
        assert "count the time away" not in detail
        await pilot.press("y")
        await flush(app)
        await app.settle()
    clock.advance(600)  # ten minutes at Home
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Meeting" in shown(app, "#clock"), what="the clock")
        assert shown(app, "#clock").startswith("Meeting 1:05 of"), shown(app, "#clock")
        await app.settle()


def test_the_chinese_pause_question_says_so_too() -> None:
    from fieldtui.tui.screens.group.run import PAUSE_DETAIL

    set_language("zh")
    try:
        said = _(PAUSE_DETAIL)
    finally:
        set_language("en")
    assert "不计入" in said and "也计入" not in said, said

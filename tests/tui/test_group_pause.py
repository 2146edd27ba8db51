"""A meeting closed on purpose is paused, not cut off: its log says so when it resumes
(a kill still reads "cut off by a restart")."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.navigation import save_typing
from tests.support.app_support import flush
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    group_plan,
    people,
)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(group_run, "meeting_clock", fake)
    return fake


def log(app: HostApp) -> str:
    return str(app.screen.query_one("#log").render())


async def test_a_meeting_closed_with_ctrl_q_resumes_as_paused(isolated_home: Path,
                                                              clock: FakeClock) -> None:
    plan, store = group_plan(), ClockedStore(people(3), clock)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        clock.advance(8)
        save_typing(app, store)  # as the app's Ctrl+Q does, before it closes the store
        await flush(app)
        await app.settle()
    clock.advance(60)
    app = HostApp(GroupRunScreen(plan, DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        said = log(app)
        assert "paused — closed with Ctrl+Q" in said and "cut off" not in said
        await pilot.press("3")  # the meeting goes on: a later kill is not a pause
        await flush(app)
        await app.settle()
    assert "paused" not in store.doc["position"]
    turns = [e for e in store.doc["events"] if e["type"] == "turn"]
    assert [(t["participant"], t["duration"], t.get("paused"), t.get("interrupted"))
            for t in turns] == [("P2", 8.0, True, None)]

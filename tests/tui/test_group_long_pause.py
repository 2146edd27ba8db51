"""A meeting paused on purpose (Ctrl+Q, or Esc and yes) and resumed later: the time it was
paused is not meeting time, however long (a moderator closes the laptop on Friday and
goes on two weeks later), on the meeting clock, the agenda item's, a running tangent's and
the events' (a supervisor's meeting length). A long pause is not taken as tampering: the
tangent that ran when it was paused goes on, nothing is dropped. A kill (no pause mark)
still counts the time closed: the meeting went on in the room (test_group_restart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.meeting_clock import rebased_events
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.navigation import save_typing
from tests.support.app_support import flush
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan, people
from tests.support.meeting_restart import Machine, WallStore, line, machine

__all__ = ["machine"]  # the fixture, used by name

DAY = 24 * 3600.0
PAUSES = [(3600.0, False), (14 * DAY, False), (14 * DAY, True), (6 * DAY, True)]
IDS = ["an-hour", "two-weeks", "two-weeks-with-a-reboot", "six-days-with-a-reboot"]


async def run_then_pause(store: WallStore, machine: Machine, home: Path, *,
                         tangent: bool = False) -> None:
    """Bea speaks 0:40, n, Cal speaks 0:30 (a tangent from 0:20 on), paused with Ctrl+Q."""
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        machine.clock.advance(40)
        await pilot.press("n", "3")
        await flush(app)
        machine.clock.advance(20)
        if tangent:
            await pilot.press("o")
            await flush(app)
        machine.clock.advance(10)
        save_typing(app, store)  # as the app's Ctrl+Q does, before it closes the store
        await flush(app)
        await app.settle()
    assert store.doc["position"]["paused"] == "Ctrl+Q"


def closed(machine: Machine, pause: float, reboot: bool) -> None:
    if reboot:
        machine.clock.advance(60)
        machine.restart(25.0)  # the monotonic clock starts again
        machine.clock.advance(pause - 60)
    else:
        machine.clock.advance(pause)


def meeting_span(store: WallStore) -> float:
    """The meeting's length as a supervisor's tables read it from the events."""
    monos = [float(e["mono"]) for e in rebased_events(store.doc["events"])]
    return max(monos) - min(monos)


@pytest.mark.parametrize(("pause", "reboot"), PAUSES, ids=IDS)
async def test_a_paused_meeting_resumes_where_it_was_paused(
        isolated_home: Path, machine: Machine, pause: float, reboot: bool) -> None:
    store = WallStore(people(3), machine.clock, machine)
    await run_then_pause(store, machine, isolated_home)
    closed(machine, pause, reboot)
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await flush(app)
        assert "Evening hours   0:30 of" in line(pilot, "#agenda")
        assert "Meeting 1:10 of" in line(pilot, "#clock")
        assert "Cal's turn was paused — closed with Ctrl+Q: 0:30 kept" in line(pilot, "#log")
        machine.clock.advance(20)
        await pilot.press("1")  # Ann speaks 0:20 after the pause
        await flush(app)
        machine.clock.advance(20)
        await pilot.press("0")
        await flush(app)
        assert "Meeting 1:50 of" in line(pilot, "#clock")
        app.screen.checkpoint()  # type: ignore[attr-defined]
        await app.settle()
    turns = [(e["participant"], e["duration"]) for e in store.doc["events"]
             if e["type"] == "turn"]
    assert turns == [("P2", 40.0), ("P3", 30.0), ("P1", 20.0)]
    assert meeting_span(store) <= 110.0 + 1  # the pause is in no event's time
    # A second resume (a kill since: its gap counts, none here) agrees.
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await flush(app)
        assert "Evening hours   1:10 of" in line(pilot, "#agenda")
        assert "Meeting 1:50 of" in line(pilot, "#clock")
        await app.settle()


@pytest.mark.parametrize(("pause", "reboot"), PAUSES, ids=IDS)
async def test_a_tangent_running_when_paused_goes_on_without_the_pause(
        isolated_home: Path, machine: Machine, pause: float, reboot: bool) -> None:
    store = WallStore(people(3), machine.clock, machine)
    await run_then_pause(store, machine, isolated_home, tangent=True)
    closed(machine, pause, reboot)
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await flush(app)
        assert "OFF TOPIC for 0:10" in line(pilot, "#offtopic")
        machine.clock.advance(5)
        await pilot.press("o")  # back on topic
        await flush(app)
        await app.settle()
    [tangent] = [e for e in store.doc["events"] if e["type"] == "offtopic"]
    assert tangent["duration"] == 15.0

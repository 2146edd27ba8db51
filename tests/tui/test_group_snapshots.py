"""Snapshots of the group screens at 80x24, with a fixed clock and fixed consent times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.widgets.roster_editor import RosterEntry
from tests.support.group_poll_support import (
    DeviceStub,
    FakeClock,
    HostApp,
    MemoryStore,
    group_plan,
    people,
)

SIZE = (80, 24)


class TestGroupPrepare:
    """The roster, the coverage check and the notice."""

    def test_empty_roster(self, snap_compare: Any, isolated_home: Path) -> None:
        app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE)

    def test_roster_with_gaps_and_consent(self, snap_compare: Any, isolated_home: Path) -> None:
        async def fill(pilot: Pilot[None]) -> None:
            screen = pilot.app.screen
            assert isinstance(screen, GroupPrepareScreen)
            screen.roster.add(RosterEntry("P1", "Ann", {"age": "18-34", "area": "north"}, True,
                                          True, "2026-03-01T09:30:00.000+00:00"))
            screen.roster.add(RosterEntry("P2", "Bea", {"age": "35-64"}, False,
                                          False, "2026-03-01T09:31:00.000+00:00"))
            screen.roster.add(RosterEntry("P3", "Cal", {"age": "35-64", "area": "south"}))
            screen.refresh_check()
            await pilot.pause()

        app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE, run_before=fill)


class TestGroupRun:
    """The meeting: agenda, clocks, bars with flags, off-topic banner."""

    @pytest.fixture(autouse=True)
    def fixed_clock(self, monkeypatch: pytest.MonkeyPatch) -> FakeClock:
        clock = FakeClock()
        monkeypatch.setattr(group_run, "meeting_clock", clock)
        return clock

    def test_meeting_with_flags_and_tangent(self, snap_compare: Any, isolated_home: Path,
                                            fixed_clock: FakeClock) -> None:
        async def talk(pilot: Pilot[None]) -> None:
            # Ann talks a lot, Bea a little, the rest never: flags after the opening round.
            for key, seconds in (("1", 400), ("2", 60), ("1", 500), ("3", 30), ("1", 200)):
                await pilot.press(key)
                fixed_clock.advance(seconds)
            await pilot.press("o")
            fixed_clock.advance(42)
            screen = pilot.app.screen
            assert isinstance(screen, GroupRunScreen)
            screen.redraw()
            assert "CUE: 15 min left" in str(screen.query_one("#clock").render())
            pilot.app.clear_notifications()  # the cue's toast would hide the bars
            await pilot.pause()

        store = MemoryStore(people(5))
        app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
        assert snap_compare(app, terminal_size=SIZE, run_before=talk)

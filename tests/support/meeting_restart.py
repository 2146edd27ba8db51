"""A machine for meeting-restart tests: the wall clock and boot id the meeting screen reads,
a restart of it, a store that stamps events with its wall time, and a meeting run then closed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldtui.core.clock import wall_iso
from fieldtui.tui.screens.group import run as group_run
from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import flush
from tests.support.group_poll_support import (
    ClockedStore,
    DeviceStub,
    FakeClock,
    HostApp,
    group_plan,
)

WALL_START = 1_795_168_800.0  # 2026-11-20T10:00:00Z


class Machine:
    """The wall clock and boot id the meeting screen reads; `restart` reboots."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.wall = WALL_START - clock.now  # wall = mono + this, within one boot
        self.boot = "boot-1"
        self.set_back = 0.0

    def now(self) -> float:
        return self.clock.now + self.wall - self.set_back

    def restart(self, mono: float) -> None:
        """Reboot: the monotonic clock reads `mono` now, the wall clock goes on."""
        wall_now = self.now()
        self.clock.now = mono
        self.wall = wall_now + self.set_back - mono
        self.boot = "boot-2"


class WallStore(ClockedStore):
    """A ClockedStore that stamps `at` from the machine's wall clock, as the real one."""

    def __init__(self, participants: list[dict[str, Any]], clock: FakeClock,
                 machine: Machine) -> None:
        super().__init__(participants, clock)
        self.machine = machine

    def append_event(self, type: str, **data: Any) -> int:
        at = wall_iso(datetime.fromtimestamp(self.machine.now(), UTC))
        return super().append_event(type, at=at, **data)


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> Machine:
    fake = FakeClock()
    monkeypatch.setattr(group_run, "meeting_clock", fake)
    box = Machine(fake)
    monkeypatch.setattr(group_run, "machine_clocks", lambda: (box.now, lambda: box.boot))
    return box


def line(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def run_then_close(store: WallStore, machine: Machine, home: Path) -> None:
    """Bea speaks 0:40, n, Cal speaks 0:25 to the last checkpoint, 0:05 more, closed."""
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await flush(app)
        machine.clock.advance(40)
        await pilot.press("n", "3")
        await flush(app)
        machine.clock.advance(25)
        app.screen.checkpoint()  # type: ignore[attr-defined]
        machine.clock.advance(5)
        await app.settle()

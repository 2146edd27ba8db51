"""A meeting resumed after a restart of the machine: its clocks go on by the wall clock.

The monotonic clock starts again from about 0 at a boot; the meeting's stored times are on
the old run of it. These tests restart the machine by hand: a new boot id, the monotonic
clock behind (or far ahead of) the stored times, the wall clock moved on (or set back).
"""

from __future__ import annotations

import json
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
    people,
)

OLD_CHECKPOINT = Path(__file__).parent.parent / "fixtures" / "checkpoints" / \
    "meeting_before_clock.json"
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
        from datetime import UTC, datetime
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


async def reopened(store: WallStore, home: Path) -> tuple[str, str, str]:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        agenda, clock = line(pilot, "#agenda"), line(pilot, "#clock")
        bars = app.screen.query_one("#bars").text  # type: ignore[attr-defined]
        await app.settle()
    return agenda, clock, bars


@pytest.mark.parametrize("mono_after_boot", [30.0, 500_000.0],
                         ids=["monotonic-behind", "monotonic-far-ahead"])
async def test_a_meeting_resumed_after_a_reboot_counts_the_time_by_the_wall_clock(
        isolated_home: Path, machine: Machine, mono_after_boot: float) -> None:
    store = WallStore(people(3), machine.clock, machine)
    await run_then_close(store, machine, isolated_home)
    machine.clock.advance(100)
    machine.restart(mono_after_boot)  # five minutes closed in all, a reboot in them
    machine.clock.advance(200)
    agenda, clock, bars = await reopened(store, isolated_home)
    assert "Evening hours   5:30 of" in agenda  # 0:25 + 0:05 + 5:00
    assert "Meeting 6:10 of" in clock  # 0:40 + 0:30 + 5:00
    assert "0:25" in bars.splitlines()[2]  # Cal's cut-off turn
    # The resumed meeting goes on from there, and a second resume in the new boot agrees.
    machine.clock.advance(60)
    agenda, clock, _ = await reopened(store, isolated_home)
    assert "Evening hours   6:30 of" in agenda and "Meeting 7:10 of" in clock


async def test_a_wall_clock_set_back_across_a_reboot_shows_no_negative_time(
        isolated_home: Path, machine: Machine) -> None:
    store = WallStore(people(3), machine.clock, machine)
    await run_then_close(store, machine, isolated_home)
    machine.set_back = 3600.0  # the clock was an hour fast; set right while closed
    machine.restart(12.0)
    machine.clock.advance(60)
    agenda, clock, _ = await reopened(store, isolated_home)
    # The pause cannot be told: none counts, the time run so far stays.
    # (to the last checkpoint, 0:05 before the app closed)
    assert "Evening hours   0:25 of" in agenda and "Meeting 1:05 of" in clock


async def test_a_checkpoint_written_before_the_clock_field_still_resumes(
        isolated_home: Path, machine: Machine) -> None:
    """The position format in the field (no `clock`): same boot as before, and after a
    reboot (its last event's wall `at` and `mono` are the anchor)."""
    vector = json.loads(OLD_CHECKPOINT.read_text(encoding="utf-8"))
    for mono in (1040.0 + 330, 20.0):  # the same run 5:30 on; a new boot, 5:30 on
        store = WallStore(people(3), machine.clock, machine)
        store.doc["events"] = [dict(e) for e in vector["events"]]
        store.doc["position"] = json.loads(json.dumps(vector["position"]))
        machine.clock.now = 1040.0
        machine.wall = WALL_START + 40 - 1040.0  # the last event's `at`
        machine.clock.now = mono
        if mono < 1040:
            machine.wall += 1040.0 + 330 - mono
            machine.boot = "boot-2"
        agenda, clock, bars = await reopened(store, isolated_home)
        assert "Evening hours   5:30 of" in agenda, mono
        assert "Meeting 6:10 of" in clock, mono
        assert "0:40" in bars.splitlines()[1] and "0:25" in bars.splitlines()[2]
        assert "clock" in store.doc["position"]  # rewritten in the new format

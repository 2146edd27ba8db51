"""A meeting resumed after a restart of the machine: its clocks go on by the wall clock.

The monotonic clock starts again from about 0 at a boot; the meeting's stored times are on
the old run of it. These tests restart the machine by hand: a new boot id, the monotonic
clock behind (or far ahead of) the stored times, the wall clock moved on (or set back).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    group_plan,
    people,
)
from tests.support.meeting_restart import (
    WALL_START,
    Machine,
    WallStore,
    line,
    machine,
    run_then_close,
)

__all__ = ["machine"]  # the fixture, used by name

OLD_CHECKPOINT = Path(__file__).parent.parent / "fixtures" / "checkpoints" / \
    "meeting_before_clock.json"
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

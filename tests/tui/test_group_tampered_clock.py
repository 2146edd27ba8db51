"""A meeting's checkpoint is a file on the device: tampered with or corrupt, its `clock`
(core.meeting_clock) and times (core.checkpoint) must not crash the resume nor show a
negative or absurd time; the meeting resumes as without them, its events all kept."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import flush
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan, people
from tests.support.meeting_restart import Machine, WallStore, line, machine, run_then_close

__all__ = ["machine"]  # the fixture, used by name

INF = float("inf")
TAMPERED: list[tuple[str, dict[str, Any]]] = [
    ("at-inf", {"clock": {"at": INF}}),
    ("at-huge", {"clock": {"at": 1e300}}),
    ("at-negative", {"clock": {"at": -1e9}}),
    ("mono-negative-inf", {"clock": {"mono": -INF}}),
    ("mono-huge", {"clock": {"mono": 1e300}}),
    ("wall-negative-inf", {"clock": {"wall": -INF, "boot": "another"}}),
    ("wall-string", {"clock": {"wall": "tomorrow", "at": "NaN"}}),
    ("boot-10mb", {"clock": {"boot": "b" * 10_000_000}}),
    ("clock-a-list", {"clock": [1, 2, 3]}),
    ("since-inf", {"since": INF}),
    ("since-negative", {"since": -1e300}),
    ("elapsed-inf", {"elapsed": INF}),
    ("elapsed-huge", {"elapsed": 1e300}),
    ("offtopic-since-negative-inf", {"offtopic": {"since": -INF, "offtopics": 0}}),
    ("offtopic-since-negative", {"offtopic": {"since": -1e300, "offtopics": 0}}),
    ("offtopic-since-long-ago", {"offtopic": {"since": 10**400, "offtopics": 0}}),
]


async def shown(store: WallStore, home: Path) -> tuple[str, str]:
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await flush(app)
        agenda, clock = line(pilot, "#agenda"), line(pilot, "#clock")
        app.screen.checkpoint()  # type: ignore[attr-defined]
        await app.settle()
    return agenda, clock


def _times(text: str) -> list[int]:
    return [int(m) * 60 + int(s) for m, s in re.findall(r"(-?\d+):(\d\d)", text)]


@pytest.mark.parametrize(("what", "change"), TAMPERED, ids=[t[0] for t in TAMPERED])
async def test_a_tampered_checkpoint_resumes_with_sane_times(
        isolated_home: Path, machine: Machine, what: str, change: dict[str, Any]) -> None:
    store = WallStore(people(3), machine.clock, machine)
    await run_then_close(store, machine, isolated_home)
    machine.clock.advance(100)
    events = copy.deepcopy(store.doc["events"])
    position = store.doc["position"]
    for key, value in change.items():
        if key == "clock" and isinstance(value, dict):
            position["clock"] = {**position["clock"], **value}
        else:
            position[key] = value
    agenda, clock = await shown(store, isolated_home)
    assert "inf" not in agenda + clock and "nan" not in (agenda + clock).lower()
    times = _times(agenda) + _times(clock)
    assert times and all(0 <= t <= 24 * 3600 for t in times), (what, agenda, clock)
    assert "Meeting" in clock and _times(clock)[0] >= 40 + 25  # the time run is kept
    assert store.doc["events"][: len(events)] == events  # nothing saved was lost
    saved = store.doc["position"].get("clock", {})
    assert len(str(saved.get("boot", ""))) <= 64  # not carried on to every checkpoint

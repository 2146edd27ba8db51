"""A meeting's checkpoint tampered with inside the ranges a time may take (a clock at 1e8
seconds, a visit of six days, a wall time far back): the resume takes each time only as
far as the events and the checkpoint's own clocks allow (core.checkpoint_bounds), so it
shows no more time than the meeting ran, and every saved event is kept.

The meeting (tests.support.meeting_restart): Bea 0:40, the next item, Cal 0:25 to the
last checkpoint, 0:05 more, killed, resumed 1:40 later on the same machine (up a week): 2:50 in all,
2:10 of it in the second item. A kill's time closed counts (the meeting went on)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldtui.tui.screens.group.run import GroupRunScreen
from tests.support.app_support import flush
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan, people
from tests.support.meeting_restart import Machine, WallStore, line, machine, run_then_close

__all__ = ["machine"]  # the fixture, used by name

DAY = 24 * 3600.0
RAN, IN_ITEM = 170, 130  # seconds the meeting ran in all, and in its second item
Doc = dict[str, Any]


def clock(**change: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        saved = doc["position"]["clock"]
        saved.update({k: v(saved) if callable(v) else v for k, v in change.items()})
    return apply


def position(**change: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        saved = doc["position"]
        saved.update({k: v(saved) if callable(v) else v for k, v in change.items()})
    return apply


def last_event_at(seconds: float) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        event = doc["events"][-1]
        moved = datetime.fromisoformat(event["at"]) + timedelta(seconds=seconds)
        event["at"] = moved.astimezone(UTC).isoformat(timespec="milliseconds")
    return apply


def every_wall_back(seconds: float) -> Callable[[Doc], None]:
    """Every wall time moved back alike (consistent with itself), the machine another."""
    def apply(doc: Doc) -> None:
        for event in doc["events"]:
            moved = datetime.fromisoformat(event["at"]) - timedelta(seconds=seconds)
            event["at"] = moved.astimezone(UTC).isoformat(timespec="milliseconds")
        doc["position"]["clock"]["wall"] -= seconds
        doc["position"]["clock"]["boot"] = "another"
    return apply


TAMPERED: list[tuple[str, Callable[[Doc], None]]] = [
    ("at-1e8", clock(at=1e8)),
    ("at-six-days-on", clock(at=lambda c: c["at"] + 6 * DAY)),
    ("mono-0-same-boot", clock(mono=0.0)),
    ("wall-1e8-back-another-boot", clock(wall=lambda c: c["wall"] - 1e8, boot="another")),
    ("wall-six-days-back-another-boot",
     clock(wall=lambda c: c["wall"] - 6 * DAY, boot="another")),
    ("since-0", position(since=0.0)),
    ("since-six-days-back", position(since=lambda p: p["since"] - 6 * DAY)),
    ("elapsed-six-days", position(elapsed=6 * DAY)),
    ("elapsed-and-since-six-days", position(elapsed=6 * DAY,
                                            since=lambda p: p["clock"]["at"] - 6 * DAY)),
    ("turn-six-days", position(turn=lambda p: {**p["turn"], "duration": 6 * DAY})),
    ("offtopic-six-days", position(offtopic=lambda p: {"since": p["clock"]["at"] - 6 * DAY,
                                                       "offtopics": 0})),
    ("last-event-at-1e8-on", last_event_at(1e8)),
    ("every-wall-1e8-back-another-boot", every_wall_back(1e8)),
]


def _times(text: str) -> list[int]:
    return [int(m) * 60 + int(s) for m, s in re.findall(r"(-?\d+):(\d\d)", text)]


@pytest.mark.parametrize(("what", "tamper"), TAMPERED, ids=[t[0] for t in TAMPERED])
async def test_a_checkpoint_tampered_in_range_shows_no_more_than_the_meeting_ran(
        isolated_home: Path, machine: Machine, what: str,
        tamper: Callable[[Doc], None]) -> None:
    machine.clock.advance(7 * DAY)  # up a week: a time six days back is no negative one
    store = WallStore(people(3), machine.clock, machine)
    await run_then_close(store, machine, isolated_home)
    machine.clock.advance(100)
    tamper(store.doc)
    events = copy.deepcopy(store.doc["events"])
    app = HostApp(GroupRunScreen(group_plan(), DeviceStub(isolated_home), store))
    async with app.run_test(size=(80, 24)) as pilot:
        await flush(app)
        agenda, meeting = line(pilot, "#agenda"), line(pilot, "#clock")
        tangent = line(pilot, "#offtopic")
        app.screen.checkpoint()  # type: ignore[attr-defined]
        await app.settle()
    assert _times(agenda)[0] <= IN_ITEM and _times(meeting)[0] <= RAN, (agenda, meeting)
    assert _times(meeting)[0] >= 65  # the time run before the checkpoint is kept
    assert all(0 <= t <= RAN for t in _times(tangent)), tangent
    assert store.doc["events"][: len(events)] == events  # nothing saved was lost
    new = store.doc["events"][len(events):]
    assert all(0 <= e.get("duration", 0) <= RAN for e in new), new
    saved = store.doc["position"]
    assert saved["clock"]["at"] - saved["since"] <= IN_ITEM + 1

"""A meeting's checkpoint is believed at a resume only as far as its events and clocks
allow (core.checkpoint_bounds): a plausible one is kept as it is; a time beyond its
neighbour is taken at the neighbour; the clock beyond the events is no anchor."""

from __future__ import annotations

from typing import Any

from fieldtui.core.checkpoint_bounds import plausible_position
from fieldtui.core.meeting_clock import rebased_events

WALL = 1_795_168_800.0  # 2026-11-20T10:00:00Z, mono 1000
EVENTS: list[dict[str, Any]] = [
    {"type": "section", "section_id": "a", "elapsed": 40.0, "mono": 1040.0,
     "at": "2026-11-20T10:00:40.000+00:00"},
    {"type": "turn", "participant": "P2", "duration": 40.0, "mono": 1040.0,
     "at": "2026-11-20T10:00:40.000+00:00"},
]
SAVED: dict[str, Any] = {
    "section_id": "b", "elapsed": 25.0, "sections": 1, "since": 1040.0,
    "turn": {"participant": "P3", "section_id": "b", "duration": 25.0, "turns": 1},
    "clock": {"at": 1065.0, "mono": 1065.0, "wall": WALL + 65, "boot": "b1"},
}


def bounded(**change: Any) -> dict[str, Any]:
    return plausible_position({**SAVED, **change}, EVENTS, rebased_events(EVENTS),
                              WALL + 170)


def test_a_plausible_checkpoint_is_kept_as_it_is() -> None:
    assert bounded() == SAVED


def test_a_clock_beyond_the_wall_time_since_the_last_event_is_no_anchor() -> None:
    got = bounded(clock={**SAVED["clock"], "at": 1e8})
    assert "clock" not in got and got["elapsed"] == 25.0


def test_a_wall_time_from_the_future_or_before_the_events_is_guessed_from_them() -> None:
    for wall in (WALL + 1e6, WALL - 1e8):
        assert bounded(clock={**SAVED["clock"], "wall": wall})["clock"]["wall"] == WALL + 65


def test_running_times_are_taken_at_their_neighbour() -> None:
    assert bounded(since=0.0)["since"] == 1040.0  # the visit began as the last one ended
    assert bounded(elapsed=6 * 86400.0)["elapsed"] == 25.0
    turn = bounded(turn={**SAVED["turn"], "duration": 1e6})["turn"]
    assert turn["duration"] == 25.0  # since the last turn ended
    tangent = bounded(offtopic={"since": -5.0, "offtopics": 0})["offtopic"]
    assert tangent == {"since": 1000.0, "offtopics": 0}  # the meeting opened at 1000

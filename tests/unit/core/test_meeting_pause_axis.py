"""A meeting paused on purpose: the time it was paused is not meeting time, on the meeting
clock (`MeetingClock.resume(paused=True)`) nor on the events' axis (`rebased_events` from
the PAUSE event the resume records); a tampered PAUSE event moves no event before another
nor any forward (core.meeting_clock)."""

from __future__ import annotations

import pytest

from fieldtui.core.meeting_clock import PAUSE, Anchor, MeetingClock, rebased_events

DAY = 24 * 3600.0


def event(mono: float, at: str, kind: str = "turn", **data: object) -> dict[str, object]:
    return {"type": kind, "mono": mono, "at": at, **data}


def week_paused(since: object) -> list[dict[str, object]]:
    """Turns to 10:01:10, paused then; resumed (same boot) 14 days later."""
    return [event(1000.0, "2026-11-20T10:00:00.000+00:00"),
            event(1070.0, "2026-11-20T10:01:10.000+00:00"),
            event(1070.0 + 14 * DAY, "2026-12-04T10:01:10.000+00:00", PAUSE, since=since,
                  key="Ctrl+Q"),
            event(1090.0 + 14 * DAY, "2026-12-04T10:01:30.000+00:00")]


def test_the_pause_is_left_out_of_the_events_axis() -> None:
    assert [e["mono"] for e in rebased_events(week_paused(1070.0))] == [
        1000.0, 1070.0, 1070.0, 1090.0]


@pytest.mark.parametrize(("since", "moved"), [
    (-1e9, [1000.0, 1070.0, 1070.0, 1090.0]),  # before the event before it: to that one
    (1e300, [1000.0, 1070.0, 1070.0 + 14 * DAY, 1090.0 + 14 * DAY]),  # never forward
    ("soon", [1000.0, 1070.0, 1070.0 + 14 * DAY, 1090.0 + 14 * DAY]),  # not a number
    (float("nan"), [1000.0, 1070.0, 1070.0 + 14 * DAY, 1090.0 + 14 * DAY]),
])
def test_a_tampered_pause_moves_no_event_before_another_nor_forward(
        since: object, moved: list[float]) -> None:
    assert [e["mono"] for e in rebased_events(week_paused(since))] == moved


def test_a_paused_meeting_clock_goes_on_from_its_anchor_a_killed_one_by_the_time_closed(
        ) -> None:
    now = [1070.0 + 14 * DAY]
    anchor = Anchor(at=500.0, mono=1070.0, wall=1_000_000.0, boot="a")
    paused = MeetingClock(lambda: now[0], lambda: 1_000_000.0 + 14 * DAY, lambda: "a")
    paused.resume(anchor, paused=True)
    killed = MeetingClock(lambda: now[0], lambda: 1_000_000.0 + 14 * DAY, lambda: "a")
    killed.resume(anchor)
    assert (paused(), killed()) == (500.0, 500.0 + 14 * DAY)
    now[0] += 30
    assert paused() == 530.0

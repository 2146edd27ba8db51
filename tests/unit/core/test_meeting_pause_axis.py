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


def days_paused(since: object) -> list[dict[str, object]]:
    """Turns to 10:01:10, paused then; resumed (same boot) three days later."""
    return [event(1000.0, "2026-11-20T10:00:00.000+00:00"),
            event(1070.0, "2026-11-20T10:01:10.000+00:00"),
            event(1070.0 + 3 * DAY, "2026-11-23T10:01:10.000+00:00", PAUSE, since=since,
                  key="Ctrl+Q"),
            event(1090.0 + 3 * DAY, "2026-11-23T10:01:30.000+00:00")]


def test_the_pause_is_left_out_of_the_events_axis() -> None:
    assert [e["mono"] for e in rebased_events(days_paused(1070.0))] == [
        1000.0, 1070.0, 1070.0, 1090.0]


@pytest.mark.parametrize(("since", "moved"), [
    (-1e9, [1000.0, 1070.0, 1070.0, 1090.0]),  # before the event before it: to that one
    (1e300, [1000.0, 1070.0, 1070.0 + 3 * DAY, 1090.0 + 3 * DAY]),  # never forward
    ("soon", [1000.0, 1070.0, 1070.0 + 3 * DAY, 1090.0 + 3 * DAY]),  # not a number
    (float("nan"), [1000.0, 1070.0, 1070.0 + 3 * DAY, 1090.0 + 3 * DAY]),
])
def test_a_tampered_pause_moves_no_event_before_another_nor_forward(
        since: object, moved: list[float]) -> None:
    assert [e["mono"] for e in rebased_events(days_paused(since))] == moved


def test_a_paused_meeting_clock_goes_on_from_its_anchor_a_killed_one_by_the_time_closed(
        ) -> None:
    now = [1070.0 + 3 * DAY]
    anchor = Anchor(at=500.0, mono=1070.0, wall=1_000_000.0, boot="a")
    paused = MeetingClock(lambda: now[0], lambda: 1_000_000.0 + 3 * DAY, lambda: "a")
    paused.resume(anchor, paused=True)
    killed = MeetingClock(lambda: now[0], lambda: 1_000_000.0 + 3 * DAY, lambda: "a")
    killed.resume(anchor)
    assert (paused(), killed()) == (500.0, 500.0 + 3 * DAY)
    now[0] += 30
    assert paused() == 530.0


def test_a_gap_of_over_a_week_after_a_kill_counts_nothing() -> None:
    """The time closed after a kill counts (the meeting went on in the room), up to
    MAX_GAP: no meeting went on for longer (the app was left closed, or tampered with)."""
    anchor = Anchor(at=500.0, mono=1070.0, wall=1_000_000.0, boot="a")
    for boot, mono in (("a", 1070.0 + 8 * DAY), ("b", 30.0)):
        clock = MeetingClock(lambda m=mono: m, lambda: 1_000_000.0 + 8 * DAY,
                             lambda b=boot: b)
        clock.resume(anchor)
        assert clock() == 500.0, boot
    events = [event(1000.0, "2026-11-20T10:00:00.000+00:00"),
              event(1000.0 + 8 * DAY, "2026-11-28T10:00:00.000+00:00"),  # one run
              event(20.0, "2026-12-07T10:00:00.000+00:00")]  # rebooted
    assert [e["mono"] for e in rebased_events(events)] == [1000.0, 1000.0, 1000.0]

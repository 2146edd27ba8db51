"""The meeting clock's rule across runs of the monotonic clock (core.meeting_clock)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.meeting_clock import (
    Anchor,
    MeetingClock,
    boot_id,
    last_event_anchor,
    reading,
    rebased_events,
)


def event(mono: float, at: str) -> dict[str, object]:
    return {"type": "turn", "participant": "P1", "duration": 1.0, "mono": mono, "at": at}


def test_events_of_a_later_boot_go_on_by_the_wall_time_between_them() -> None:
    events = [event(1000.0, "2026-11-20T10:00:00.000+00:00"),
              event(1010.0, "2026-11-20T10:00:10.000+00:00"),
              event(15.0, "2026-11-20T10:05:10.000+00:00"),   # rebooted: behind
              event(25.0, "2026-11-20T10:05:20.000+00:00"),
              event(9e5, "2026-11-20T10:06:20.000+00:00")]     # rebooted: far ahead
    assert [e["mono"] for e in rebased_events(events)] == [1000.0, 1010.0, 1310.0, 1320.0,
                                                          1380.0]
    assert events[2]["mono"] == 15.0  # the stored events are not changed
    anchor = last_event_anchor(events)
    assert anchor is not None and (anchor.at, anchor.mono) == (1380.0, 9e5)


def test_one_run_keeps_the_monotonic_time_and_a_wall_clock_set_back_counts_nothing() -> None:
    same = [event(1000.0, "2026-11-20T10:00:00.000+00:00"),
            event(1030.0, "2026-11-20T09:00:30.000+00:00")]  # wall set back, one boot?
    # Without a boot id the disagreement reads as a restart: no negative gap, 0 counted.
    assert [e["mono"] for e in rebased_events(same)] == [1000.0, 1000.0]
    anchor = Anchor(at=500.0, mono=1000.0, wall=1_000_000.0, boot="a")
    assert reading(anchor, 1030.0, 1_000_000.0 - 3600, "a") == 530.0  # same boot: monotonic
    assert reading(anchor, 10.0, 1_000_000.0 - 3600, "b") == 500.0  # never back
    assert reading(anchor, 10.0, 1_000_000.0 + 90, "b") == 590.0


def test_events_without_a_wall_time_or_a_mono_are_kept() -> None:
    events = [{"type": "quote", "text": "x"}, {"type": "turn", "mono": 5.0},
              {"type": "turn", "mono": 7.0, "at": "not a time"}]
    assert rebased_events(events) == events
    assert last_event_anchor([{"type": "quote"}]) is None


def test_a_malformed_saved_clock_is_ignored_and_a_good_one_round_trips() -> None:
    for bad in (None, "x", {"at": "1"}, {"mono": 2.0}, {"at": True, "mono": 1.0}):
        assert Anchor.loaded(bad) is None
    anchor = Anchor(1.5, 2.25, 3.0, "boot")
    assert Anchor.loaded(anchor.saved()) == anchor
    assert Anchor.loaded({"at": 1, "mono": 2, "boot": 7}) == Anchor(1.0, 2.0, None, None)


def test_the_boot_id_is_read_bounded_and_missing_is_none(tmp_path: Path) -> None:
    assert boot_id(tmp_path / "none") is None
    path = tmp_path / "boot_id"
    path.write_text("3f9c-ab\n" + "x" * 1000)
    assert boot_id(path) is not None and len(boot_id(path) or "") <= 64


def test_the_clock_goes_on_from_its_anchor_after_a_restart() -> None:
    mono = [40.0]
    clock = MeetingClock(lambda: mono[0], wall=lambda: 2_000.0, boot=lambda: "new")
    clock.resume(Anchor(at=1070.0, mono=1070.0, wall=1_700.0, boot="old"))
    assert clock() == 1370.0
    mono[0] = 100.0
    assert clock() == 1430.0 and clock.anchor().at == 1430.0


def test_a_mono_that_is_no_number_is_kept_and_an_int_one_counts() -> None:
    events = [event(1000, "2026-11-20T10:00:00.000+00:00"),
              {"type": "turn", "mono": True}, {"type": "turn", "mono": float("nan")},
              {"type": "turn", "mono": "5"},
              event(20, "2026-11-20T10:01:00.000+00:00")]  # rebooted: behind
    rebased = rebased_events(events)
    assert rebased[1:4] == events[1:4] and rebased[0] is events[0]
    assert rebased[4]["mono"] == 1060.0 and events[4]["mono"] == 20


def test_a_resume_copies_no_event_of_one_run() -> None:
    events = [event(1000.0 + n, f"2026-11-20T10:00:{n:02d}.000+00:00") for n in range(5)]
    assert all(a is b for a, b in zip(rebased_events(events), events, strict=True))
    assert all(a is b for a, b in zip(rebased_events(iter(events)), events, strict=True))

"""The speaker ledger: talk totals, shares, flags, tangents, sections and replay."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.core.ledger import Ledger, LedgerSettings, OfftopicRecord, TurnRecord

IDS = ["P1", "P2", "P3", "P4"]


def test_turns_accumulate_per_participant() -> None:
    ledger = Ledger(IDS)
    assert ledger.start_turn("P1", 0.0) is None
    ended = ledger.start_turn("P2", 30.0)
    assert ended == TurnRecord("P1", None, 0.0, 30.0)
    assert ended.event() == {"participant": "P1", "section_id": None, "duration": 30.0}
    ledger.start_turn("P1", 40.0)
    ledger.stop(50.0)
    assert ledger.talk_seconds("P1") == 40.0
    assert ledger.talk_seconds("P2") == 10.0
    assert ledger.turns("P1") == 2 and ledger.turns("P2") == 1
    assert ledger.turn_count == 3
    assert ledger.total_talk() == 50.0
    assert ledger.speaker is None


def test_running_turn_counts_only_when_now_is_given() -> None:
    ledger = Ledger(IDS)
    ledger.start_turn("P3", 100.0)
    assert ledger.talk_seconds("P3") == 0.0
    assert ledger.talk_seconds("P3", now=112.5) == 12.5
    assert ledger.total_talk(now=112.5) == 12.5
    assert ledger.speaker == "P3"


def test_same_speaker_again_is_a_no_op_and_stop_twice_is_harmless() -> None:
    ledger = Ledger(IDS)
    ledger.start_turn("P1", 0.0)
    assert ledger.start_turn("P1", 5.0) is None
    assert ledger.stop(9.0) == TurnRecord("P1", None, 0.0, 9.0)
    assert ledger.stop(10.0) is None
    assert ledger.turns("P1") == 1


def test_clock_going_backwards_never_gives_negative_time() -> None:
    ledger = Ledger(IDS)
    ledger.start_turn("P1", 10.0)
    record = ledger.stop(5.0)
    assert record is not None and record.duration == 0.0
    assert ledger.talk_seconds("P1") == 0.0


def test_unknown_participant_is_refused() -> None:
    with pytest.raises(KeyError):
        Ledger(IDS).start_turn("P9", 0.0)


def test_shares_and_fair_share() -> None:
    ledger = Ledger(IDS)
    assert ledger.shares() == dict.fromkeys(IDS, 0.0)
    ledger.start_turn("P1", 0.0)
    ledger.start_turn("P2", 60.0)
    ledger.stop(80.0)
    assert ledger.fair_share == 0.25
    assert ledger.shares() == {"P1": 0.75, "P2": 0.25, "P3": 0.0, "P4": 0.0}
    assert Ledger().fair_share == 0.0


def test_dominant_needs_enough_talk_then_flags_over_twice_fair_share() -> None:
    ledger = Ledger(IDS, LedgerSettings(dominant_after=300.0))
    ledger.start_turn("P1", 0.0)
    ledger.start_turn("P2", 200.0)  # P1 has everything so far, but only 200 s were said
    assert ledger.dominant() == []
    assert ledger.dominant(now=250.0) == []
    ledger.stop(300.0)
    # P1: 200 of 300 s = 0.67 > 2 x 0.25
    assert ledger.dominant() == ["P1"]
    ledger.start_turn("P3", 300.0)
    ledger.start_turn("P4", 400.0)
    ledger.stop(500.0)
    # P1: 200 of 500 = 0.40, not over 0.50
    assert ledger.dominant() == []


def test_dominant_includes_the_running_turn() -> None:
    ledger = Ledger(IDS, LedgerSettings(dominant_after=60.0))
    ledger.start_turn("P2", 0.0)
    assert ledger.dominant(now=30.0) == []
    assert ledger.dominant(now=90.0) == ["P2"]


def test_two_people_cannot_dominate() -> None:
    ledger = Ledger(["A", "B"], LedgerSettings(dominant_after=1.0))
    ledger.start_turn("A", 0.0)
    ledger.stop(1000.0)
    assert ledger.dominant() == []


def test_opening_round_ends_when_everyone_has_spoken() -> None:
    ledger = Ledger(["A", "B", "C"], LedgerSettings(opening_seconds=600, silent_after=120))
    assert ledger.opening_end() is None
    ledger.start_turn("A", 0.0)
    ledger.start_turn("B", 30.0)
    assert ledger.opening_end() == 600.0
    assert not ledger.opening_over(100.0)
    ledger.start_turn("C", 60.0)
    assert ledger.opening_end() == 60.0
    assert ledger.opening_over(60.0)
    ledger.start_turn("B", 90.0)
    # C's turn ended at 90; B speaks; A ended at 30, but silence counts from the opening end.
    assert ledger.silent_since_opening(179.0) == []
    assert ledger.silent_since_opening(180.0) == ["A"]
    assert ledger.silent_since_opening(210.0) == ["A", "C"]


def test_opening_round_ends_after_its_time_limit() -> None:
    ledger = Ledger(["A", "B", "C"], LedgerSettings(opening_seconds=300, silent_after=60))
    ledger.start_turn("A", 0.0)
    ledger.start_turn("B", 100.0)
    assert ledger.silent_since_opening(299.0) == []
    # C never spoke: silent from the opening's end (300) plus 60 s.
    assert ledger.silent_since_opening(359.0) == []
    assert ledger.silent_since_opening(360.0) == ["A", "C"]
    ledger.start_turn("C", 361.0)  # B's turn ends at 361
    assert ledger.opening_end() == 300.0
    assert ledger.silent_since_opening(420.0) == ["A"]
    assert ledger.silent_since_opening(421.0) == ["A", "B"]


def test_late_arrival_counts_silence_from_joining() -> None:
    ledger = Ledger(["A", "B"], LedgerSettings(opening_seconds=100, silent_after=50))
    ledger.start_turn("A", 0.0)
    ledger.start_turn("B", 10.0)
    ledger.add_participant("C", now=500.0)
    ledger.add_participant("C", now=900.0)  # a second add changes nothing
    assert ledger.participants == ("A", "B", "C")
    assert ledger.silent_since_opening(520.0) == ["A"]
    assert ledger.silent_since_opening(550.0) == ["A", "C"]


def test_offtopic_runs_beside_turns() -> None:
    ledger = Ledger(IDS)
    ledger.set_section("designs", 0.0)
    ledger.start_turn("P1", 0.0)
    assert ledger.start_offtopic(20.0) is True
    assert ledger.start_offtopic(25.0) is False
    assert ledger.is_offtopic
    assert ledger.offtopic_seconds(now=30.0) == 10.0
    ended = ledger.end_offtopic(50.0)
    assert ended == OfftopicRecord("designs", 20.0, 50.0)
    assert ended.event() == {"section_id": "designs", "duration": 30.0}
    assert ledger.end_offtopic(60.0) is None
    ledger.stop(100.0)
    assert ledger.talk_seconds("P1") == 100.0
    assert ledger.offtopic_seconds() == 30.0
    assert ledger.offtopic_share(100.0) == 0.3
    assert ledger.section_offtopic("designs") == 30.0
    assert Ledger(IDS).offtopic_share(10.0) == 0.0


def test_time_per_agenda_section() -> None:
    ledger = Ledger(IDS)
    assert ledger.set_section("welcome", 0.0) is None
    ledger.start_turn("P1", 10.0)
    left = ledger.set_section("today", 300.0)
    assert left is not None and left.event() == {"section_id": "welcome", "elapsed": 300.0}
    assert ledger.set_section("today", 310.0) is None
    ledger.start_turn("P2", 400.0)  # P1's turn started in welcome and is filed there
    assert ledger.section_talk("welcome") == 390.0
    assert ledger.section_seconds("today", now=450.0) == 150.0
    records = ledger.close(500.0)
    assert [type(r).__name__ for r in records] == ["TurnRecord", "SectionRecord"]
    assert ledger.section_seconds("welcome") == 300.0
    assert ledger.section_seconds("today") == 200.0
    assert ledger.section_talk("today") == 100.0
    assert ledger.section_id is None


def _record_meeting(seed: int) -> tuple[Ledger, list[dict[str, Any]], float]:
    """Drive a ledger with random actions, storing events the way the app does."""
    rng = random.Random(seed)
    ledger = Ledger(IDS, LedgerSettings(opening_seconds=120, silent_after=90,
                                        dominant_after=60))
    events: list[dict[str, Any]] = []
    now = 0.0

    def store(kind: str, record: Any) -> None:
        if record is not None:
            events.append({"n": len(events), "type": kind, "mono": now, **record.event()})

    store("section", ledger.set_section("s0", now))
    for _ in range(400):
        now += rng.choice([0.5, 3.0, 7.25, 20.0])
        action = rng.random()
        if action < 0.7:
            store("turn", ledger.start_turn(rng.choice(IDS[:3]), now))
        elif action < 0.8:
            store("turn", ledger.stop(now))
        elif action < 0.87:
            ledger.start_offtopic(now)
        elif action < 0.94:
            store("offtopic", ledger.end_offtopic(now))
        else:
            store("section", ledger.set_section(f"s{rng.randrange(3)}", now))
            events.append({"n": len(events), "type": "note", "mono": now, "item_id": None})
    store("turn", ledger.stop(now))
    store("offtopic", ledger.end_offtopic(now))
    return ledger, events, now


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replay_from_events_rebuilds_the_same_state(seed: int) -> None:
    live, events, now = _record_meeting(seed)
    replayed = Ledger.from_events(events, IDS, live.settings)
    assert replayed.participants == live.participants
    assert replayed.started == live.started
    assert replayed.turn_count == live.turn_count
    for pid in IDS:
        assert replayed.talk_seconds(pid) == pytest.approx(live.talk_seconds(pid), abs=0.01)
        assert replayed.turns(pid) == live.turns(pid)
    assert replayed.offtopic_seconds() == pytest.approx(live.offtopic_seconds(), abs=0.01)
    assert replayed.opening_end() == pytest.approx(live.opening_end())
    for later in (now, now + 50, now + 200):
        assert replayed.silent_since_opening(later) == live.silent_since_opening(later)
        assert replayed.dominant() == live.dominant()
    for sid in ("s0", "s1", "s2"):
        assert replayed.section_talk(sid) == pytest.approx(live.section_talk(sid), abs=0.01)
        assert replayed.section_offtopic(sid) == pytest.approx(
            live.section_offtopic(sid), abs=0.01)
        assert replayed.section_seconds(sid) == pytest.approx(
            live.section_seconds(sid), abs=0.01)


def test_replay_learns_participants_from_turns_and_skips_bad_events() -> None:
    events: list[dict[str, Any]] = [
        {"type": "turn", "mono": 10.0, "participant": "P7", "duration": 10.0,
         "section_id": "a"},
        {"type": "turn", "mono": 11.0, "participant": None, "duration": 1.0},
        {"type": "turn", "mono": "x", "participant": "P7", "duration": 1.0},
        {"type": "offtopic", "mono": 12.0},
        {"type": "section", "mono": 20.0, "elapsed": True, "section_id": "a"},
        {"type": "quote", "mono": 21.0, "participant": "P7", "text": "Hello"},
    ]
    ledger = Ledger.from_events(events, ["P1"])
    assert ledger.participants == ("P1", "P7")
    assert ledger.talk_seconds("P7") == 10.0
    assert ledger.turn_count == 1
    assert ledger.offtopic_seconds() == 0.0
    assert ledger.section_seconds("a") == 0.0
    assert ledger.started == 0.0


def _containers(obj: object) -> Iterator[list[Any] | dict[Any, Any]]:
    """Every list and dict the ledger holds, in the objects it is made of too."""
    for value in vars(obj).values():
        if isinstance(value, list | dict):
            yield value
        elif type(value).__module__.startswith("fieldtui."):
            yield from _containers(value)


def test_updates_do_not_rescan_past_turns() -> None:
    # Turns are never stored in the ledger: its size stays the same after 5,000 turns.
    ledger = Ledger(IDS)
    for n in range(5000):
        ledger.start_turn(IDS[n % 4], float(n))
    ledger.stop(5000.0)
    sizes = [len(value) for value in _containers(ledger)]
    assert max(sizes) <= len(IDS)
    assert ledger.turn_count == 5000
    assert ledger.total_talk() == 5000.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.floats(0, 100)), max_size=60))
def test_totals_stay_consistent(actions: list[tuple[int, float]]) -> None:
    ledger = Ledger(IDS)
    now = 0.0
    for action, step in actions:
        now += step
        if action < 4:
            ledger.start_turn(IDS[action], now)
        elif action == 4:
            if not ledger.start_offtopic(now):
                ledger.end_offtopic(now)
        else:
            ledger.stop(now)
        total = ledger.total_talk(now)
        assert sum(ledger.talk_seconds(p, now) for p in IDS) == pytest.approx(total)
        assert total <= ledger.elapsed(now) + 1e-6
        assert ledger.offtopic_seconds(now) <= ledger.elapsed(now) + 1e-6
        if total > 0:
            assert sum(ledger.shares(now).values()) == pytest.approx(1.0)
        assert sum(ledger.turns(p) for p in IDS) == ledger.turn_count

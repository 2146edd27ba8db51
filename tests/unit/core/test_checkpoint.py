"""Checkpoints of running time: carried on after a kill, never counted twice."""

from __future__ import annotations

from fieldtui.core.checkpoint import (
    carried_seconds,
    count_events,
    interrupted_turn,
    paused_by,
    running_position,
    running_turn,
    visit_start,
)
from fieldtui.core.ledger import Ledger


def test_an_unfinished_visit_is_carried_on_only_if_it_was_not_closed_since() -> None:
    position = running_position("intro", 95.25, 2, item_id="q3")
    assert position == {"section_id": "intro", "elapsed": 95.25, "sections": 2,
                        "item_id": "q3"}
    assert carried_seconds(position, "intro", 2) == 95.25
    # A kill after the visit's `section` event but before the next checkpoint.
    assert carried_seconds(position, "intro", 3) == 0.0
    assert carried_seconds(position, "other", 2) == 0.0
    # Positions saved before checkpoints existed carry nothing.
    assert carried_seconds({"section_id": "intro", "item_id": "q3"}, "intro", 0) == 0.0
    assert carried_seconds(None, "intro", 0) == 0.0
    assert carried_seconds({"section_id": "intro", "sections": 0, "elapsed": True},
                           "intro", 0) == 0.0


def test_a_resumed_visit_starts_when_it_began_as_the_meeting_clock_counts() -> None:
    """A meeting's agenda visit carries on from `since` (wall time on the monotonic clock,
    the time closed included), else from the time it had run (`elapsed`)."""
    position = running_position("hours", 25, 1, since=1040.0)
    assert position["since"] == 1040.0
    assert visit_start(position, "hours", 1, 1370.0) == 1040.0  # closed for 300 s: counted
    # Saved as the visit began (elapsed 0): it does not start again at the resume.
    assert visit_start(running_position("hours", 0, 1, since=1040.0), "hours", 1,
                       1370.0) == 1040.0
    # A position of an earlier version: the time run only.
    assert visit_start(running_position("hours", 25, 1), "hours", 1, 1370.0) == 1345.0
    # The monotonic clock went back (the machine restarted): the time run only.
    assert visit_start(position, "hours", 1, 50.0) == 25.0
    # Another item, or the visit was closed after the checkpoint: nothing carried.
    assert visit_start(position, "opening", 1, 1370.0) == 1370.0
    assert visit_start(position, "hours", 2, 1370.0) == 1370.0
    assert visit_start(None, "hours", 1, 1370.0) == 1370.0


def test_a_cut_off_turn_is_recorded_once() -> None:
    turn = running_turn("P2", "hours", 31.4159, 4)
    position = running_position("hours", 12, 1, turn=turn)
    assert interrupted_turn(position, 4) == {"participant": "P2", "section_id": "hours",
                                             "duration": 31.416, "interrupted": True}
    assert interrupted_turn(position, 5) is None  # its `turn` event was saved after all
    assert interrupted_turn(running_position("hours", 12, 1), 4) is None
    bad = running_position("hours", 12, 1, turn={"participant": 7, "turns": 4})
    assert interrupted_turn(bad, 4) is None


def test_count_events_and_the_ledgers_running_turn() -> None:
    assert count_events([{"type": "turn"}, {"type": "nav"}, {"type": "turn"}], "turn") == 2
    ledger = Ledger(["P1", "P2"])
    assert ledger.running_turn(5.0) is None
    ledger.set_section("intro", 0.0)
    ledger.start_turn("P1", 10.0)
    running = ledger.running_turn(25.5)
    assert running is not None and running.event() == {
        "participant": "P1", "section_id": "intro", "duration": 15.5}
    assert ledger.turn_count == 0 and ledger.speaker == "P1"  # nothing changed


def test_a_turn_ended_by_a_deliberate_close_is_paused_not_cut_off() -> None:
    """A checkpoint written as the meeting was closed on purpose (Ctrl+Q) says so: its
    running turn is recorded as paused; one without the mark (a kill, or a position from
    before the mark existed) stays cut off."""
    turn = running_turn("P2", "hours", 8, 4)
    position = running_position("hours", 8, 1, turn=turn, paused="Ctrl+Q")
    assert paused_by(position) == "Ctrl+Q"
    assert interrupted_turn(position, 4) == {"participant": "P2", "section_id": "hours",
                                             "duration": 8.0, "paused": True}
    assert paused_by(running_position("hours", 8, 1, turn=turn)) is None
    assert paused_by(None) is None
    assert paused_by({"paused": 7}) is None  # malformed: not a pause
    assert paused_by({"paused": "x" * 500}) is None


def test_a_pause_key_from_a_tampered_checkpoint_is_not_taken() -> None:
    """The key is shown in the meeting's log: from a file on the device, only a key the app
    itself writes is taken, never terminal controls or markup."""
    assert paused_by({"paused": "Esc"}) == "Esc"
    for tampered in ("\x1b[2J", "[red]Q", "Ctrl+\u202eQ", "F13"):
        assert paused_by({"paused": tampered}) is None, tampered

"""A meeting's running time kept through a kill: the agenda item's visit and the turn.

Turns and agenda visits become events only when they end; `MeetingCheckpoints` writes the
ones in progress into the session's `position` (see `core.checkpoint`) at every change of
speaker or agenda item and every CHECKPOINT_SECONDS, through the writer thread, so no key
press waits for the disk; a running tangent too (`offtopic`: when it began on the meeting
clock and how many `offtopic` events there were). A resume records the cut-off turn
(`interrupted: true`), goes on with the tangent still running, and
carries the agenda item's timer on from when its visit began (`since`): like the meeting
clock, it counts the time the app was closed after a kill, not after a pause. The
position's `clock` (core.meeting_clock) lets the meeting clock go on after a restart of
the machine. The checkpoint of a meeting closed on purpose carries `paused` (the key): its
turn is recorded as paused, and the time it was paused is not meeting time.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fieldtui.core.checkpoint import (
    began_at,
    interrupted_turn,
    paused_by,
    running_position,
    running_turn,
    visit_start,
)
from fieldtui.core.ledger import Ledger, OfftopicRecord, SectionRecord, TurnRecord
from fieldtui.core.meeting_clock import Anchor
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike


class MeetingCheckpoints:
    """Counts of closed turns and visits, and the position checkpoints of one meeting."""

    def __init__(self, store: SessionLike, document: dict[str, Any],
                 position: dict[str, Any] | None = None) -> None:
        """`position`: the document's, bounded (core.checkpoint_bounds), if not as saved."""
        events = document.get("events", [])
        self.store = store
        # One pass for the three counts: a resume reads thousands of events.
        kinds = Counter(kind for event in events if isinstance(kind := event.get("type"), str))
        self.turns, self.sections, self.offtopics = (
            kinds["turn"], kinds["section"], kinds["offtopic"])
        self.resumed: dict[str, Any] = (
            document.get("position") if position is None else position) or {}
        self.queued = False

    def closed(self, record: object) -> None:
        """A turn or visit was queued as an event: later checkpoints count it."""
        if isinstance(record, TurnRecord):
            self.turns += 1
        elif isinstance(record, SectionRecord):
            self.sections += 1
        elif isinstance(record, OfftopicRecord):
            self.offtopics += 1

    @property
    def paused(self) -> str | None:
        """The key the meeting was closed with on purpose, None after a kill."""
        return paused_by(self.resumed)

    def recover_offtopic(self, ledger: Ledger, now: float) -> bool:
        """Go on with the tangent that ran at the last checkpoint (not ended since: no
        `offtopic` event after it); True if there was one."""
        tangent = self.resumed.get("offtopic")
        if not isinstance(tangent, dict) or tangent.get("offtopics") != self.offtopics:
            return False
        since = began_at(tangent.get("since"), now)  # a file on the device: checked
        if since is None:
            return False
        return ledger.start_offtopic(since)

    def recover_turn(self, saver: SessionSaver, ledger: Ledger, now: float) -> dict[str, Any] | None:
        """Record the turn a kill cut off (as its last checkpoint had it); its event data."""
        turn = interrupted_turn(self.resumed, self.turns)
        if turn is None:
            return None
        saver.call("append_event", "turn", **turn)
        ledger.apply_event({"type": "turn", "mono": now, **turn})
        self.turns += 1
        return turn

    def visit_start(self, section_id: str, now: float) -> float:
        """When the resumed agenda item's visit began (`now` for a visit not carried on):
        the time the app was closed counts as it does on the meeting clock (after a kill,
        not after a pause)."""
        return visit_start(self.resumed, section_id, self.sections, now)

    def save(self, saver: SessionSaver, ledger: Ledger, section_id: str, clock: Anchor, *,
             paused: str | None = None) -> None:
        """Queue the position with the time running now (`clock.at` on the meeting clock);
        `paused`: the key the meeting is being closed with on purpose."""
        now = clock.at
        running = ledger.running_turn(now)
        turn = None if running is None else running_turn(
            running.participant, running.section_id, running.duration, self.turns)
        visit = ledger.section_seconds(section_id, now) - ledger.section_seconds(section_id)
        position = running_position(section_id, visit, self.sections, turn=turn,
                                    since=now - visit, clock=clock.saved(), paused=paused)
        if ledger.offtopic_since is not None:
            position["offtopic"] = {"since": round(ledger.offtopic_since, 3),
                                    "offtopics": self.offtopics}
        self.queued = True

        def job(store: SessionLike) -> None:
            store.set_field("position", position)
            self.queued = False  # not on failure: the held job is the checkpoint

        saver.write(job)

"""The speaker ledger of a group meeting: who spoke, for how long, and who is left out.

Every update is O(1): the ledger keeps running totals and never rescans past turns, so a
meeting with thousands of turns costs the same per key press as one with ten. Times are
seconds on a monotonic clock, passed in as `now` (the caller owns the clock).

Definitions the flags rely on:
- The meeting starts at the first thing the ledger hears (a turn, a tangent, a section).
- The opening round ends when every participant has started a turn, or `opening_seconds`
  after the start, whichever comes first.
- After the opening round, a participant is silent when they are not speaking and have
  had no turn for `silent_after` seconds (counted from their last turn's end, else from the
  end of the opening round, else from when they joined late).
- A participant dominates when their share of all talk exceeds `dominant_factor` times the
  fair share (1 / number of participants), once total talk reaches `dominant_after`.

The ledger times what is running (the speaker, a tangent, the section); what has ended is
summed in `ledger_totals`, and stored events are folded back into it by `ledger_replay`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldtui.core.ledger_records import (
    LedgerSettings,
    OfftopicRecord,
    SectionRecord,
    TurnRecord,
)
from fieldtui.core.ledger_replay import fold_event
from fieldtui.core.ledger_totals import LedgerTotals

__all__ = ["Ledger", "LedgerSettings", "OfftopicRecord", "SectionRecord", "TurnRecord"]


class Ledger:
    """Running talk totals for one meeting, with fairness and silence flags."""

    def __init__(self, participant_ids: Iterable[str] = (),
                 settings: LedgerSettings | None = None) -> None:
        self.settings = settings or LedgerSettings()
        self._done = LedgerTotals()  # what has ended; below, what is running
        for pid in participant_ids:
            self.add_participant(pid)
        self._speaker: str | None = None
        self._turn_start = 0.0
        self._turn_section: str | None = None
        self._off_start: float | None = None
        self._off_section: str | None = None
        self._section: str | None = None
        self._section_start = 0.0

    # -- updates (each O(1)) -------------------------------------------------------------

    def add_participant(self, pid: str, now: float | None = None) -> None:
        """Add someone to the roster; `now` marks a late arrival (silence counts from then)."""
        self._done.add_participant(pid, now)

    def start_turn(self, pid: str, now: float) -> TurnRecord | None:
        """`pid` starts speaking; returns the turn this ends, if any (same speaker: no-op)."""
        if pid not in self._done.talk:
            raise KeyError(f"unknown participant {pid!r}")
        if self._speaker == pid:
            return None
        ended = self.stop(now)
        self._done.begin(now)
        self._speaker = pid
        self._turn_start = now
        self._turn_section = self._section
        self._done.first_turn(pid, now)
        return ended

    def running_turn(self, now: float) -> TurnRecord | None:
        """The turn in progress as if it ended `now` (nothing changes), or None."""
        if self._speaker is None:
            return None
        return TurnRecord(self._speaker, self._turn_section, self._turn_start,
                          max(now, self._turn_start))

    def stop(self, now: float) -> TurnRecord | None:
        """Nobody is speaking now; returns the turn this ends, if any."""
        if self._speaker is None:
            return None
        record = TurnRecord(self._speaker, self._turn_section, self._turn_start,
                            max(now, self._turn_start))
        self._speaker = None
        self._done.add_talk(record.participant, record.section_id, record.duration, record.end)
        return record

    def start_offtopic(self, now: float) -> bool:
        """Mark the talk as off topic from `now`; False if it already was."""
        if self._off_start is not None:
            return False
        self._done.begin(now)
        self._off_start = now
        self._off_section = self._section
        return True

    def end_offtopic(self, now: float) -> OfftopicRecord | None:
        """Back on topic; returns the tangent this ends, if any."""
        if self._off_start is None:
            return None
        record = OfftopicRecord(self._off_section, self._off_start, max(now, self._off_start))
        self._off_start = None
        self._done.add_offtopic(record.section_id, record.duration)
        return record

    def set_section(self, section_id: str, now: float) -> SectionRecord | None:
        """Move to an agenda section; returns the time spent in the one being left."""
        if section_id == self._section:
            return None
        self._done.begin(now)
        record = None
        if self._section is not None:
            record = SectionRecord(self._section, max(0.0, now - self._section_start))
            self._done.add_section(record.section_id, record.elapsed)
        self._section = section_id
        self._section_start = now
        return record

    def close(self, now: float) -> list[TurnRecord | OfftopicRecord | SectionRecord]:
        """End the running turn, tangent and section (at the end of the meeting)."""
        records: list[TurnRecord | OfftopicRecord | SectionRecord] = [
            r for r in (self.stop(now), self.end_offtopic(now)) if r is not None]
        if self._section is not None:
            section = SectionRecord(self._section, max(0.0, now - self._section_start))
            self._done.add_section(section.section_id, section.elapsed)
            self._section = None
            records.append(section)
        return records

    # -- replay --------------------------------------------------------------------------

    @classmethod
    def from_events(cls, events: Iterable[Mapping[str, Any]],
                    participant_ids: Iterable[str] = (),
                    settings: LedgerSettings | None = None) -> Ledger:
        """Rebuild a ledger from stored `turn`, `offtopic` and `section` events, in order.

        An event's `mono` is taken as the moment it ended (events are stored as they close).
        """
        ledger = cls(participant_ids, settings)
        for event in events:
            ledger.apply_event(event)
        return ledger

    def apply_event(self, event: Mapping[str, Any]) -> None:
        """Fold one stored event into the totals; other event types are ignored."""
        fold_event(self._done, event)

    # -- queries -------------------------------------------------------------------------

    @property
    def participants(self) -> tuple[str, ...]:
        """Participant ids in roster order."""
        return tuple(self._done.ids)

    @property
    def speaker(self) -> str | None:
        """Who is speaking now, if anyone."""
        return self._speaker

    @property
    def is_offtopic(self) -> bool:
        """True while a tangent is being timed."""
        return self._off_start is not None

    @property
    def offtopic_since(self) -> float | None:
        """When the running tangent began, None when the talk is on topic."""
        return self._off_start

    @property
    def section_id(self) -> str | None:
        """The agenda section in progress."""
        return self._section

    @property
    def turn_count(self) -> int:
        """Finished turns in the whole meeting."""
        return self._done.turn_count

    @property
    def started(self) -> float | None:
        """When the meeting started (monotonic seconds), or None before anything happened."""
        return self._done.started

    @property
    def fair_share(self) -> float:
        """Each participant's equal share of the talk (0 with no participants)."""
        ids = self._done.ids
        return 1.0 / len(ids) if ids else 0.0

    def turns(self, pid: str) -> int:
        """Finished turns of one participant."""
        return self._done.turns[pid]

    def talk_seconds(self, pid: str, now: float | None = None) -> float:
        """Talk time of one participant, including the running turn when `now` is given."""
        running = self._running(now) if self._speaker == pid else 0.0
        return self._done.talk[pid] + running

    def total_talk(self, now: float | None = None) -> float:
        """Talk time of everyone, including the running turn when `now` is given."""
        return self._done.total + self._running(now)

    def shares(self, now: float | None = None) -> dict[str, float]:
        """Each participant's fraction of all talk (all 0 before anyone spoke)."""
        total = self.total_talk(now)
        if total <= 0:
            return dict.fromkeys(self._done.ids, 0.0)
        return {pid: self.talk_seconds(pid, now) / total for pid in self._done.ids}

    def dominant(self, now: float | None = None) -> list[str]:
        """Participants over `dominant_factor` times their fair share, once enough was said."""
        total = self.total_talk(now)
        if len(self._done.ids) < 2 or total < self.settings.dominant_after:
            return []
        limit = self.settings.dominant_factor * self.fair_share
        return [pid for pid, share in self.shares(now).items() if share > limit]

    def opening_end(self) -> float | None:
        """When the opening round ends (or ended), None before the meeting starts."""
        started, all_spoke_at = self._done.started, self._done.all_spoke_at
        if started is None:
            return None
        deadline = started + self.settings.opening_seconds
        if all_spoke_at is not None:
            return min(all_spoke_at, deadline)
        return deadline

    def opening_over(self, now: float) -> bool:
        """True once the opening round has ended."""
        end = self.opening_end()
        return end is not None and now >= end

    def silent_since_opening(self, now: float) -> list[str]:
        """Participants with no turn for `silent_after` seconds since the opening round."""
        end = self.opening_end()
        if end is None or now < end:
            return []
        silent = []
        last_end, joined = self._done.last_end, self._done.joined
        for pid in self._done.ids:
            if pid == self._speaker:
                continue
            since = max(end, last_end.get(pid, end), joined.get(pid, end))
            if now - since >= self.settings.silent_after:
                silent.append(pid)
        return silent

    def elapsed(self, now: float) -> float:
        """Seconds since the meeting started (0 before it did)."""
        started = self._done.started
        return 0.0 if started is None else max(0.0, now - started)

    def offtopic_seconds(self, now: float | None = None) -> float:
        """Time marked off topic, including the running tangent when `now` is given."""
        running = 0.0
        if self._off_start is not None and now is not None:
            running = max(0.0, now - self._off_start)
        return self._done.offtopic + running

    def offtopic_share(self, now: float) -> float:
        """Fraction of the meeting so far spent off topic."""
        elapsed = self.elapsed(now)
        return min(1.0, self.offtopic_seconds(now) / elapsed) if elapsed > 0 else 0.0

    def section_seconds(self, section_id: str, now: float | None = None) -> float:
        """Wall time spent in an agenda section, including the running one."""
        running = 0.0
        if section_id == self._section and now is not None:
            running = max(0.0, now - self._section_start)
        return self._done.section_wall.get(section_id, 0.0) + running

    def section_talk(self, section_id: str) -> float:
        """Finished talk time in an agenda section."""
        return self._done.section_talk.get(section_id, 0.0)

    def section_offtopic(self, section_id: str) -> float:
        """Finished off-topic time in an agenda section."""
        return self._done.section_off.get(section_id, 0.0)

    # -- internals -----------------------------------------------------------------------

    def _running(self, now: float | None) -> float:
        if self._speaker is None or now is None:
            return 0.0
        return max(0.0, now - self._turn_start)

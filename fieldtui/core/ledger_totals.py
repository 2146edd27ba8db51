"""The finished part of a meeting's talk: the sums a speaker ledger keeps, each added in O(1).

Per participant: talk time, turns, the end of their last turn, when they joined late. Per
agenda section: wall time, talk and off-topic time. For the meeting: when it started and
when everyone had spoken (the opening round). What is running now (the speaker, a tangent,
the section in progress) is the ledger's; it adds here only what has ended.
"""

from __future__ import annotations


class LedgerTotals:
    """Running sums of finished turns, tangents and sections (no clock of its own)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.talk: dict[str, float] = {}
        self.turns: dict[str, int] = {}
        self.last_end: dict[str, float] = {}
        self.joined: dict[str, float] = {}
        self.started: float | None = None
        self.all_spoke_at: float | None = None
        self.spoken = 0
        self.total = 0.0
        self.turn_count = 0
        self.offtopic = 0.0
        self.section_wall: dict[str, float] = {}
        self.section_talk: dict[str, float] = {}
        self.section_off: dict[str, float] = {}

    def add_participant(self, pid: str, now: float | None = None) -> None:
        """Add someone to the roster; `now` marks a late arrival (silence counts from then)."""
        if pid in self.talk:
            return
        self.ids.append(pid)
        self.talk[pid] = 0.0
        self.turns[pid] = 0
        if now is not None:
            self.joined[pid] = now

    def begin(self, at: float) -> None:
        """The meeting started at `at` at the latest."""
        if self.started is None or at < self.started:
            self.started = at

    def first_turn(self, pid: str, at: float) -> None:
        """`pid` starts a turn at `at`: the first one counts towards the opening round."""
        if self.turns[pid] == 0 and pid not in self.last_end:
            self.last_end[pid] = at  # a turn under way counts as having spoken
            self.spoken += 1
            if self.spoken == len(self.ids) and self.all_spoke_at is None:
                self.all_spoke_at = at

    def add_talk(self, pid: str, section_id: str | None, seconds: float, end: float) -> None:
        """A finished turn of `seconds`, ended at `end`."""
        self.talk[pid] += seconds
        self.turns[pid] += 1
        self.total += seconds
        self.turn_count += 1
        self.last_end[pid] = max(end, self.last_end.get(pid, end))
        if section_id is not None:
            self.section_talk[section_id] = self.section_talk.get(section_id, 0.0) + seconds

    def add_offtopic(self, section_id: str | None, seconds: float) -> None:
        """A finished tangent of `seconds`."""
        self.offtopic += seconds
        if section_id is not None:
            self.section_off[section_id] = self.section_off.get(section_id, 0.0) + seconds

    def add_section(self, section_id: str, seconds: float) -> None:
        """`seconds` of wall time spent in an agenda section."""
        self.section_wall[section_id] = self.section_wall.get(section_id, 0.0) + seconds

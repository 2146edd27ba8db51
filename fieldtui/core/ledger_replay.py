"""Folding stored `turn`, `offtopic` and `section` events back into a ledger's totals.

A field that is not what it should be (see `_number`) makes its event count for nothing.
An event's `mono` is taken as the moment it ended (events are stored as they close).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldtui.core.ledger_totals import LedgerTotals
from fieldtui.core.meeting_clock import MAX_CLOCK

_NUMBER_TYPES = (int, float)
MAX_DURATION = 7 * 24 * 3600.0  # seconds one turn, tangent or section runs (as checkpoint.MAX_RUN)


def fold_event(totals: LedgerTotals, event: Mapping[str, Any]) -> None:
    """Fold one stored event into the totals; other event types are ignored."""
    kind = event.get("type")
    end = _number(event.get("mono"))
    if kind == "turn":
        pid = event.get("participant")
        duration = _number(event.get("duration"), MAX_DURATION)
        if not isinstance(pid, str) or end is None or duration is None:
            return
        if pid not in totals.talk:
            totals.add_participant(pid)
        duration = max(0.0, duration)
        start = end - duration
        totals.begin(start)
        if totals.turns[pid] == 0:
            totals.first_turn(pid, start)
        totals.add_talk(pid, _section(event), duration, end)
    elif kind == "offtopic":
        duration = _number(event.get("duration"), MAX_DURATION)
        if end is None or duration is None:
            return
        totals.begin(end - max(0.0, duration))
        totals.add_offtopic(_section(event), max(0.0, duration))
    elif kind == "section":
        elapsed = _number(event.get("elapsed"), MAX_DURATION)
        section_id = _section(event)
        if end is None or elapsed is None or section_id is None:
            return
        totals.begin(end - max(0.0, elapsed))
        totals.add_section(section_id, max(0.0, elapsed))


def _number(value: Any, limit: float = MAX_CLOCK) -> float | None:
    """A number from -`limit` to `limit` as a float, else None: the events come from the
    device's own file, which a damaged disk or a hand can leave with infinity, NaN or a
    whole number too large for a float (an OverflowError, infinite talk: NaN shares)."""
    kind = value.__class__
    if kind is not float and kind is not int and (
            isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES)):
        return None
    # the usual case costs two comparisons (a replay reads thousands); False for NaN, and an
    # int of any size compares exactly
    return float(value) if -limit <= value <= limit else None


def _section(event: Mapping[str, Any]) -> str | None:
    value = event.get("section_id")
    return value if isinstance(value, str) else None

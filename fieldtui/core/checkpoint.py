"""What a running session writes down about time still running, so a kill loses little.

A section's current visit and a group's turn in progress become events only when they
end. Until then the run screens checkpoint them into the session's `position` (at every
change and every CHECKPOINT_SECONDS): `elapsed`, the seconds of the current visit to
`section_id` not yet in a `section` event; `sections`, how many `section` events there were
during that visit; and for a meeting `turn`: `participant`, `section_id`, `duration` so
far and `turns`, how many `turn` events there were while it ran, and `since`: when the
visit began on the meeting clock (the monotonic clock of the events' `mono`, carried on
across a restart of the machine by core.meeting_clock). A resume compares the
counts with the events: a visit or turn that was closed after its checkpoint (a kill
between the closing event and the next checkpoint) is already in the events and must not
count twice.

Saves run in the app's writer thread, so a checkpoint never blocks typing; the interval
bounds what a kill can lose (and the journal's growth: one small record per interval).

A meeting's agenda clock follows the meeting clock's rule across a resume: wall time on the
meeting clock, the time the app was closed included after a kill (the meeting went on in
the room), none of it after a pause on purpose (`paused`, below: the meeting clock goes on
from the checkpoint as it was, however long the pause), so both clocks move on by the
same time (`visit_start`). After a restart of the machine
the meeting clock goes on by the wall clock from the position's `clock` (the moment of the
save on the meeting, monotonic and wall clocks and the boot id: core.meeting_clock).
Without `since` (a position of an earlier version), or when the clock went back, it
carries `elapsed` on: the time run until the last checkpoint.

A meeting closed on purpose (Ctrl+Q, or Esc and a confirmation) writes its last checkpoint
with `paused`: the key it was closed with. Its running turn is then recorded at the resume
as `paused: true`, not as cut off (`interrupted: true`, a kill: no such mark, as in every
position written before the mark existed), and the time it was paused is not meeting time
(core.meeting_clock): a long pause (closed on Friday, resumed two weeks later) is no
tampering, its visit, turn and tangent go on as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldtui.core.meeting_clock import finite_number

CHECKPOINT_SECONDS = 10.0
PAUSE_KEYS = frozenset({"Ctrl+Q", "Esc"})  # the keys the meeting screen closes with on purpose
# The position is a file on the device, tampered with or corrupt maybe: a time out of these
# bounds (or NaN, infinite) is taken as missing, never shown.
MAX_RUN = 7 * 24 * 3600.0  # seconds one visit or turn runs
MAX_CLOCK = 1e9  # a reading of the meeting clock (as core.meeting_clock.MAX_CLOCK)


def count_events(events: Iterable[Mapping[str, Any]], kind: str) -> int:
    """How many events of one type a session holds."""
    return sum(1 for event in events if event.get("type") == kind)


def running_position(section_id: str, elapsed: float, sections: int, *,
                     item_id: str | None = None, member: str = "", roster: bool = False,
                     turn: Mapping[str, Any] | None = None,
                     since: float | None = None,
                     clock: Mapping[str, Any] | None = None,
                     paused: str | None = None) -> dict[str, Any]:
    """The `position` to save: where the session is, and the time still running there.

    In a roster, `member` is the member asked about (its path, "m2/v1"); `roster` True
    means the roster's member list (of parent member `member`) rather than an item; `since`
    (a meeting's) is when the visit began on the meeting clock, and `clock` the moment
    of the save on every clock (core.meeting_clock.Anchor.saved); `paused`, the key the
    meeting was closed with on purpose, when this is its last checkpoint."""
    position: dict[str, Any] = {"section_id": section_id,
                                "elapsed": round(max(0.0, elapsed), 3), "sections": sections}
    if item_id is not None:
        position["item_id"] = item_id
    if member:
        position["member"] = member
    if roster:
        position["roster"] = True
    if turn is not None:
        position["turn"] = dict(turn)
    if since is not None:
        position["since"] = round(since, 3)
    if clock is not None:
        position["clock"] = dict(clock)
    if paused is not None:
        position["paused"] = paused
    return position


def paused_by(position: Mapping[str, Any] | None) -> str | None:
    """The key a meeting was closed with on purpose at this checkpoint, None after a kill
    (or a position without the mark: one written before it existed)."""
    paused = (position or {}).get("paused")
    # shown in the meeting's log: from a file on the device, only a key the app writes
    return paused if isinstance(paused, str) and paused in PAUSE_KEYS else None


def running_turn(participant: str, section_id: str | None, duration: float,
                 turns: int) -> dict[str, Any]:
    """A turn in progress, as `running_position` stores it."""
    return {"participant": participant, "section_id": section_id,
            "duration": round(max(0.0, duration), 3), "turns": turns}


def carried_seconds(position: Mapping[str, Any] | None, section_id: str,
                    sections: int) -> float:
    """Seconds of an unfinished visit to `section_id` that a resume carries on from."""
    if not _same_visit(position, section_id, sections):
        return 0.0  # another item, or the visit was closed (a `section` event) since
    elapsed = _seconds((position or {}).get("elapsed"))
    return elapsed if elapsed is not None else 0.0


def visit_start(position: Mapping[str, Any] | None, section_id: str, sections: int,
                now: float) -> float:
    """When the unfinished visit to `section_id` began, on the clock that reads `now`: its
    saved `since` (the time the app was closed counts as it does on the meeting clock:
    after a kill, not after a pause), else `now` less the carried `elapsed` (time run only: a position of an earlier
    version, or a clock that went back since, `since` later than `now - elapsed`, or a
    visit of more than MAX_RUN: a tampered `since`); `now`
    when there is no such visit to carry on."""
    carried = carried_seconds(position, section_id, sections)
    if _same_visit(position, section_id, sections):
        since = _seconds((position or {}).get("since"), MAX_CLOCK, negative=None)
        if since is not None and carried <= now - since <= MAX_RUN:
            return since
    return now - carried


def began_at(value: Any, now: float) -> float | None:
    """A saved moment (on the meeting clock) something still running began, read at `now`:
    at most `now`, None when it is not a number or lies more than MAX_RUN before `now`
    (tampered with or corrupt: NaN, infinite, negative, absurd)."""
    since = _seconds(value, MAX_CLOCK, negative=None)
    if since is None or now - since > MAX_RUN:
        return None
    return min(since, now)


def _same_visit(position: Mapping[str, Any] | None, section_id: str, sections: int) -> bool:
    """True when `position` checkpointed the visit to `section_id` still open (no `section`
    event was saved after it)."""
    return position is not None and (
        position.get("section_id") == section_id and position.get("sections") == sections)


def interrupted_turn(position: Mapping[str, Any] | None, turns: int
                     ) -> dict[str, Any] | None:
    """The `turn` event data of a turn a kill cut off (not in the events yet), or None;
    `paused: true` instead of `interrupted: true` when the meeting was closed on purpose."""
    turn = (position or {}).get("turn")
    if not isinstance(turn, Mapping) or turn.get("turns") != turns:
        return None
    participant, duration = turn.get("participant"), _seconds(turn.get("duration"))
    section_id = turn.get("section_id")
    if not isinstance(participant, str) or duration is None:
        return None
    return {"participant": participant,
            "section_id": section_id if isinstance(section_id, str) else None,
            "duration": round(duration, 3),
            "paused" if paused_by(position) else "interrupted": True}


def _seconds(value: Any, limit: float = MAX_RUN, *,
             negative: float | None = 0.0) -> float | None:
    """A number of seconds up to `limit`, else None; a negative one reads `negative`."""
    number = finite_number(value)
    if number is None or number > limit:
        return None
    return number if number >= 0 else negative

"""How far a meeting's checkpoint is believed at a resume: as far as its events and its
own clocks allow.

The checkpoint (core.checkpoint's `position`) is a file on the device, tampered with or
corrupt maybe: core.checkpoint and core.meeting_clock take a time out of range (NaN,
infinite, negative, absurd) as missing. A time inside those ranges can still be one no
meeting ran (the meeting clock at 1e8 seconds, a visit of six days), and the screen
would show it. The events are the meeting's record; on their one axis (`rebased_events`,
the meeting clock's) each thing the checkpoint keeps running began after the last event
of its kind, and the checkpoint was saved after the last event, by no more meeting time
than the wall time between them. So, TOLERANCE (a minute) allowed either way for the
writer's lag and clock drift, a time outside is taken at its neighbour:

- `clock.wall` (when it was saved): from the last event's wall time to now; else taken as
  the last event's plus the meeting time between them (as `rebased_events` guesses one);
- `clock.at` (the meeting clock then): no later than the last event's time on the axis
  plus the wall time between them; else the clock is no anchor, the last event's is (as
  for a clock out of range), and `at` below is the latest the meeting clock can read now;
- the visit's `since`: from the last `section` event (the visit began when the one before
  ended) to `clock.at`, and `elapsed` no more than `clock.at - since`;
- the turn's `duration`: no more than the time since the last `turn` event ended (else
  since the meeting opened: its first `section` event's start), at `clock.at`;
- the tangent's `since`: from the last `offtopic` event (else the meeting's opening) to
  `clock.at`.

Nothing is dropped: every saved event stays as it is, and the checkpoint's running turn is
still recorded at the resume, with its time bounded. A checkpoint with no event before it
(a meeting's first minutes) is bounded by the ranges only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fieldtui.core.meeting_clock import TOLERANCE, Anchor, finite_number, last_event_anchor


def plausible_position(position: Mapping[str, Any] | None,
                       events: Sequence[Mapping[str, Any]],
                       rebased: Sequence[Mapping[str, Any]],
                       wall_now: float | None) -> dict[str, Any]:
    """`position` with its times bounded by the events (`rebased`: `events` on one axis,
    core.meeting_clock.rebased_events) and the wall clock now; a copy, {} for none."""
    out: dict[str, Any] = dict(position or {})
    last = last_event_anchor(events, rebased)
    if last is None:
        return out
    anchor = Anchor.loaded(out.get("clock"))
    at = None if anchor is None else _bounded_clock(out, anchor, last, wall_now)
    if at is None:  # no clock (the last event's is the anchor): at most the wall since
        at = last.at + _walked(last, wall_now)
    ends = _last_ends(rebased)
    opened = ends.get("opened")
    _bound_visit(out, at, ends.get("section"))
    turn = out.get("turn")
    start = ends.get("turn", opened)
    duration = finite_number(turn.get("duration")) if isinstance(turn, Mapping) else None
    if isinstance(turn, Mapping) and duration is not None and start is not None \
            and duration > at - start + TOLERANCE:
        out["turn"] = {**turn, "duration": round(max(0.0, at - start), 3)}
    tangent = out.get("offtopic")
    since = finite_number(tangent.get("since")) if isinstance(tangent, Mapping) else None
    if isinstance(tangent, Mapping) and since is not None:
        out["offtopic"] = {**tangent, "since": round(_within(
            since, ends.get("offtopic", opened), at), 3)}
    return out


def _bounded_clock(out: dict[str, Any], anchor: Anchor, last: Anchor,
                   wall_now: float | None) -> float | None:
    """The checkpoint's `clock` in `out` checked against the `last` event's: its `at`,
    or None when it is no anchor (taken out: the last event's is)."""
    at, wall = anchor.at, anchor.wall
    if wall is not None and not (
            (last.wall is None or wall >= last.wall - TOLERANCE)
            and (wall_now is None or wall <= wall_now + TOLERANCE)):
        wall = None
    if at > last.at + _walked(last, wall) + TOLERANCE:
        del out["clock"]
        return None
    if wall is None and last.wall is not None:
        wall = last.wall + max(0.0, at - last.at)
    out["clock"] = Anchor(at, anchor.mono, wall, anchor.boot).saved()
    return at


def _walked(last: Anchor, wall: float | None) -> float:
    """Wall seconds from the `last` event to `wall`, 0 when unknown or negative."""
    return 0.0 if wall is None or last.wall is None else max(0.0, wall - last.wall)


def _bound_visit(out: dict[str, Any], at: float, begun: float | None) -> None:
    """The visit's `since` and `elapsed` in `out`, bounded: it began after `begun` (the
    last `section` event's end) and by `at`."""
    since = finite_number(out.get("since"))
    if since is not None:
        since = _within(since, begun, at)
        out["since"] = round(since, 3)
    start = since if since is not None else begun
    elapsed = finite_number(out.get("elapsed"))
    if elapsed is not None and start is not None and elapsed > at - start + TOLERANCE:
        out["elapsed"] = round(max(0.0, at - start), 3)


def _within(value: float, earliest: float | None, latest: float) -> float:
    """`value`, or the bound it lies beyond (TOLERANCE allowed)."""
    if earliest is not None and value < earliest - TOLERANCE:
        return min(earliest, latest)
    return latest if value > latest + TOLERANCE else value


def _last_ends(rebased: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """On the axis: the end of the last `section`, `turn` and `offtopic` events, and when
    the meeting opened (`opened`: the first `section` event's start)."""
    ends: dict[str, float] = {}
    for event in rebased:
        kind, end = event.get("type"), finite_number(event.get("mono"))
        if end is None or kind not in ("section", "turn", "offtopic"):
            continue
        ends[str(kind)] = end
        if kind == "section" and "opened" not in ends:
            elapsed = finite_number(event.get("elapsed"))
            if elapsed is not None and elapsed >= 0:
                ends["opened"] = end - elapsed
    return ends

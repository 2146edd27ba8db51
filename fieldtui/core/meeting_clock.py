"""A meeting's clock that goes on across a restart of the app or of the machine.

A meeting's times (the events' `mono`, the checkpoint's `since`) are seconds on the
monotonic clock, which is right while the machine runs but starts again from about 0 when
it restarts: a meeting resumed after a reboot would read its old times against the new
clock and show negative or huge times. The meeting clock is therefore the monotonic clock
plus an offset, chosen at a resume so that it goes on from an `Anchor`, a moment seen on
both clocks (the last checkpoint's `clock`, else the last event's `mono` and wall `at`):

- the same run of the monotonic clock (same boot id, or, where a boot id is unknown, a
  monotonic clock not behind the anchor that moved as the wall clock did, within
  TOLERANCE): the monotonic time since the anchor counts, as before;
- another run (another boot id, a monotonic clock behind the anchor, or one that
  disagrees with the wall clock): the wall time since the anchor counts (the meeting went
  on in the room while the app was closed), never less than 0, so a wall clock set back
  shows no negative time.

Of either, a gap over MAX_GAP (a week) counts nothing: no meeting went on in the room so
long (the app was left closed; or the checkpoint was tampered with).

A meeting paused on purpose (its last checkpoint says `paused`: core.checkpoint) is the
exception: the time it was paused is not meeting time, however long (the moderator closed
it; nothing went on in the room), so its clock goes on from the anchor as it was (`resume`
with `paused`), and the resume records a PAUSE event whose `since` is that reading.

Stored events keep the monotonic clock of their run; `rebased_events` puts them on one
axis by the same rules, from each event's wall `at` and the PAUSE events, so positions and
events written before this (without `clock`) still load.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
TOLERANCE = 60.0  # seconds the monotonic and wall clocks may drift apart in one run
# A checkpoint is a file on the device, tampered with or corrupt maybe: an anchor outside
# these is no anchor (the last event's is taken), so no time shown is negative or absurd.
MAX_CLOCK = 1e9  # seconds (31 years) no monotonic or meeting clock reaches
MAX_WALL = 1e11  # epoch seconds (year 5138)
MAX_GAP = 7 * 24 * 3600.0  # wall seconds between runs that can be meeting time (a week)
BOOT_CHARS = 64  # a boot id is 36
PAUSE = "pause"  # the event a resume of a meeting paused on purpose records


def boot_id(path: Path = BOOT_ID) -> str | None:
    """This boot's id (Linux), None where the system has none."""
    try:
        with path.open("rb") as handle:
            text = handle.read(64).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def wall_clock() -> float:
    """Wall seconds since the epoch (tests replace it)."""
    return time.time()


@dataclass(frozen=True)
class Anchor:
    """A moment on both clocks: the meeting clock (`at`), the monotonic clock (`mono`),
    the wall clock (`wall`, epoch seconds) and the boot it was in."""

    at: float
    mono: float
    wall: float | None = None
    boot: str | None = None

    def saved(self) -> dict[str, Any]:
        """As a checkpoint's `clock` keeps it."""
        clock: dict[str, Any] = {"at": round(self.at, 3), "mono": round(self.mono, 3)}
        if self.wall is not None:
            clock["wall"] = round(self.wall, 3)
        if self.boot is not None:
            clock["boot"] = self.boot
        return clock

    @classmethod
    def loaded(cls, clock: Any) -> Anchor | None:
        """From a checkpoint's `clock`, None when it is missing, malformed or out of range
        (a negative, infinite or absurd time); a wall time or boot id out of range is
        taken as unknown."""
        if not isinstance(clock, Mapping):
            return None
        at, mono, wall = (finite_number(clock.get(k)) for k in ("at", "mono", "wall"))
        boot = clock.get("boot")
        if at is None or mono is None or not (0 <= at <= MAX_CLOCK and 0 <= mono <= MAX_CLOCK):
            return None
        if wall is not None and not 0 < wall <= MAX_WALL:
            wall = None
        known = isinstance(boot, str) and 0 < len(boot) <= BOOT_CHARS
        return cls(at, mono, wall, boot if known else None)


def same_run(anchor: Anchor, mono: float, wall: float | None, boot: str | None) -> bool:
    """True when `mono` is on the same run of the monotonic clock as `anchor`."""
    if mono < anchor.mono:
        return False
    if anchor.boot is not None and boot is not None:
        return anchor.boot == boot
    if anchor.wall is None or wall is None:
        return True
    return abs((mono - anchor.mono) - (wall - anchor.wall)) <= TOLERANCE


def reading(anchor: Anchor, mono: float, wall: float | None, boot: str | None) -> float:
    """The meeting clock at monotonic `mono` and wall `wall`, going on from `anchor` (a
    gap of over MAX_GAP counts nothing: no meeting went on in the room so long)."""
    if same_run(anchor, mono, wall, boot):
        return anchor.at + gap_counted(mono - anchor.mono)
    return anchor.at + gap_counted(None if anchor.wall is None or wall is None
                                   else wall - anchor.wall)


def gap_counted(gap: float | None) -> float:
    """Of a gap of `gap` seconds while the app was closed, the meeting time counted."""
    return gap if gap is not None and 0 < gap <= MAX_GAP else 0.0


def rebased_events(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Events with `mono` on one axis: the first run's as stored, a later run's (after a
    restart of the machine) shifted on by the wall time between the runs (`reading`'s
    rule without boot ids, inlined: a resume replays thousands of events, so the loop
    does no more than it must per event: a wall time is read only where one is stored,
    and an event is copied only when it moves). A PAUSE event and those after it are
    shifted back to its `since` (the meeting clock the resume went on from: the pause
    not counted), kept between the event before it and where it would be without it (a
    tampered `since` moves no event back before another, nor any forward)."""
    out = list(events)
    last_at = last_mono = 0.0
    last_wall: float | None = None
    shift, first = 0.0, True
    for index, event in enumerate(out):
        mono = event.get("mono")
        if (mono.__class__ is not float and mono.__class__ is not int) or not (
                -MAX_CLOCK <= mono <= MAX_CLOCK):  # False for NaN; exact for an int of any size
            mono = finite_number(mono)  # a bool, None, NaN or a number's subclass: rarely here
            if mono is None or not -MAX_CLOCK <= mono <= MAX_CLOCK:
                continue  # nor infinity or a number no clock reaches (an int too large
                # for a float raised an OverflowError): left out of the axis
        at = event.get("at")
        wall = None if at is None else wall_seconds(at)
        if first:
            first = False
        else:
            step = mono - last_mono
            walked = None if wall is None or last_wall is None else wall - last_wall
            if step < 0 or (walked is not None and abs(step - walked) > TOLERANCE):
                shift = last_at + gap_counted(walked) - mono  # another run
            elif step > MAX_GAP:
                shift = last_at - mono  # one run, but closed too long to count
            if wall is None and last_wall is not None:
                wall = last_wall + (mono + shift - last_at)  # guessed from the one before
        if event.get("type") == PAUSE:
            since = finite_number(event.get("since"))
            if since is not None:
                shift = min(max(since, last_at), mono + shift) - mono
        last_at, last_mono, last_wall = mono + shift, mono, wall
        if shift:
            out[index] = {**event, "mono": round(last_at, 6)}
    return out


def last_event_anchor(events: Sequence[Mapping[str, Any]],
                      rebased: Sequence[Mapping[str, Any]] | None = None) -> Anchor | None:
    """The last event with a `mono` as an anchor: its `mono` on the one axis (`rebased`:
    `rebased_events(events)` if already made), as stored, and its wall `at`."""
    rebased = rebased_events(events) if rebased is None else rebased
    for event, moved in zip(reversed(events), reversed(rebased), strict=True):
        mono = finite_number(event.get("mono"))
        if mono is not None and -MAX_CLOCK <= mono <= MAX_CLOCK:  # none a clock reaches: left out
            return Anchor(float(moved["mono"]), mono, wall_seconds(event.get("at")))
    return None


class MeetingClock:
    """The monotonic clock plus the offset that makes it go on from an anchor."""

    def __init__(self, mono: Callable[[], float],
                 wall: Callable[[], float] = wall_clock,
                 boot: Callable[[], str | None] = boot_id) -> None:
        self.mono, self.wall, self.boot = mono, wall, boot()
        self.offset = 0.0

    def __call__(self) -> float:
        return self.mono() + self.offset

    def resume(self, anchor: Anchor | None, *, paused: bool = False) -> None:
        """Go on from `anchor` (None: a new meeting, the monotonic clock as it is);
        `paused`: the meeting was paused on purpose at `anchor`, it goes on from it as
        it was (the time since is not meeting time)."""
        if anchor is None:
            return
        mono = self.mono()
        at = anchor.at if paused else reading(anchor, mono, self.wall(), self.boot)
        self.offset = at - mono

    def anchor(self) -> Anchor:
        """This moment on every clock, for the checkpoint."""
        mono = self.mono()
        return Anchor(mono + self.offset, mono, self.wall(), self.boot)


def wall_seconds(value: Any) -> float | None:
    """Epoch seconds of a stored ISO 8601 time with an offset, None if it is not one."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.timestamp() if moment.tzinfo is not None else None


def finite_number(value: Any) -> float | None:
    """A finite number as a float, else None (NaN and infinity too)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None

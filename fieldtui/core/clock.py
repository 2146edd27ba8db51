"""Clocks passed into timers and ledgers, so tests can drive time by hand.

Durations come from a monotonic clock; wall times are UTC ISO 8601 (see docs/internals.md),
and `wall_iso()` is the one helper that writes them: every stored time goes through it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]

monotonic: Clock = time.monotonic


def wall_iso(moment: datetime | None = None, *, timespec: str = "milliseconds") -> str:
    """A UTC wall time in the shared format, e.g. 2026-11-26T06:20:57.123+00:00.

    `timespec="seconds"` where a format records whole seconds (the update channel).
    """
    return (moment or datetime.now(UTC)).isoformat(timespec=timespec)


def file_time(mtime: float) -> datetime | None:
    """A file's modification time (`st_mtime`) as a UTC date; None for one no calendar
    holds: a stick's file system (NTFS: to the year 30828) takes any a hostile writer
    sets, and Python's dates end with 9999 (the ValueError stopped a whole merge or
    migration)."""
    try:
        return datetime.fromtimestamp(mtime, UTC)
    except (ValueError, OverflowError, OSError):
        return None


class ManualClock:
    """A monotonic clock that moves only when told to (for tests and replays)."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        """Move forward by `seconds` (never backward) and return the new time."""
        self.now += max(0.0, seconds)
        return self.now

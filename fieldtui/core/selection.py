"""Random selection for polls: every k-th unit (door, stall, passer-by) from a random start.

The plan says how (`[poll] every = k`, `selection = "..."`); the app draws the start, a
whole number from 1 to k, shows it to the interviewer before the first respondent and
records it in each session of that walk (a `selection` event: start, every). Drawn with
the operating system's randomness, never from the clock: nobody can steer which units
are chosen.
"""

from __future__ import annotations

import secrets
from typing import Any

from fieldtui.core.i18n import _

SELECTION_EVENT = "selection"


def draw_start(every: int) -> int:
    """A random start from 1 to `every`."""
    if every < 1:
        raise ValueError("every must be at least 1")
    return secrets.randbelow(every) + 1


def selection_text(every: int, start: int, how: str) -> str:
    """What the interviewer reads before the first respondent."""
    units = ", ".join(str(start + every * n) for n in range(3))
    line = _("Random selection: start at number {start}, then every {every}th "
             "({units}, …).").format(start=start, every=every, units=units)
    return f"{line} {how}" if how else line


def recorded_start(document: dict[str, Any]) -> tuple[int, int] | None:
    """(start, every) a session recorded, if it did."""
    for event in document.get("events") or []:
        if isinstance(event, dict) and event.get("type") == SELECTION_EVENT:
            start, every = event.get("start"), event.get("every")
            if type(start) is int and type(every) is int:
                return start, every
    return None

"""How far a poll's walk had come when a respondent began: respondents done and refused.

Each respondent's session records the counts before them (a `so_far` event: done,
refused), as it records the walk's random start, so that a draft reopened after a kill or
a trip home goes on as "respondent 3", with the walk's refusals, instead of starting the
count again from what the reopened screen happens to hold.
"""

from __future__ import annotations

from typing import Any

COUNTS_EVENT = "so_far"


def recorded_counts(document: dict[str, Any]) -> tuple[int, int]:
    """(done, refused) before this session's respondent, as recorded; (0, 0) when the
    session recorded none (a draft saved before the counts were recorded)."""
    for event in document.get("events") or []:
        if isinstance(event, dict) and event.get("type") == COUNTS_EVENT:
            done, refused = event.get("done"), event.get("refused")
            if type(done) is int and type(refused) is int and done >= 0 and refused >= 0:
                return done, refused
    return 0, 0

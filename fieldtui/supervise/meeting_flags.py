"""Quality flags of a group discussion meeting: talk shared very unevenly among the
participants, and much of the time spent off topic (pure functions over the session
document; `flags.Flag`s for a supervisor to look at, never a verdict)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.supervise.flags import Flag
from fieldtui.supervise.number_bins import number_of

GINI_LIMIT = 0.5
OFFTOPIC_LIMIT = 0.2


def seconds(value: Any) -> float:
    """An event's `duration` as seconds: 0 when a device wrote no finite number there (the
    merge keeps what it wrote: text, an object, "1e400"), read as an answer's number is
    (`number_of`)."""
    return number_of(value) or 0.0


def talk_times(doc: dict[str, Any]) -> dict[str, float]:
    """Seconds of talk per participant (everyone on the roster, silent ones at zero)."""
    totals = {str(p.get("id")): 0.0 for p in doc.get("participants") or []}
    for event in doc.get("events") or []:
        if event.get("type") == "turn" and event.get("participant"):
            who = str(event["participant"])
            totals[who] = totals.get(who, 0.0) + seconds(event.get("duration"))
    return totals


def gini(values: Iterable[float]) -> float:
    """Gini coefficient: 0 when all equal, towards 1 when one holds everything."""
    ordered = sorted(v for v in values if v >= 0)
    n, total = len(ordered), sum(ordered)
    if n < 2 or total <= 0:
        return 0.0
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return weighted / (n * total)


def talk_imbalance(doc: dict[str, Any]) -> list[Flag]:
    """A discussion dominated by few voices (Gini of talk time above GINI_LIMIT)."""
    times = talk_times(doc)
    g = gini(times.values())
    if len(times) < 2 or g <= GINI_LIMIT:
        return []
    return [Flag(doc["session_id"], "talk-imbalance",
                 _("talk time very uneven across {n} participants (Gini {g:.2f})").format(
                     n=len(times), g=g))]


def offtopic_share(doc: dict[str, Any], duration: float | None) -> float:
    """Share of the session's length marked off topic."""
    off = sum(seconds(e.get("duration")) for e in doc.get("events") or []
              if e.get("type") == "offtopic")
    return off / duration if duration else 0.0


def off_topic(doc: dict[str, Any], duration: float | None) -> list[Flag]:
    """Meetings that spent more than OFFTOPIC_LIMIT of their time off topic."""
    share = offtopic_share(doc, duration)
    if share <= OFFTOPIC_LIMIT:
        return []
    return [Flag(doc["session_id"], "off-topic",
                 _("{share:.0%} of the time off topic").format(share=share))]

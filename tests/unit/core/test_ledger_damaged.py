"""A group meeting's events come back from the device's own file, which can be damaged
or tampered with: a duration, an elapsed time or a `mono` of infinity, NaN, 1e308 or a
whole number too large for a float. Replaying them crashed the meeting screen (an
OverflowError from a huge number, infinite talk making NaN shares); such an event is
now left out of the totals, and the events are not changed."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest

from fieldtui.core.ledger import Ledger
from fieldtui.core.meeting_clock import last_event_anchor, rebased_events
from fieldtui.core.roster import Participant
from fieldtui.tui.widgets.talk_bars import ledger_rows, render_columns, render_rows

BAD = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan, "1e308": 1e308,
       "10**400": 10**400, "-10**400": -(10**400)}
PEOPLE = [Participant("P1", "Ann"), Participant("P2", "Bo")]


def _events(bad: Any, where: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [
        {"type": "section", "mono": 5.0, "elapsed": 5.0, "section_id": "a"},
        {"type": "turn", "mono": 10.0, "participant": "P1", "duration": 5.0,
         "section_id": "a"}]
    for mono in (20.0, 30.0):  # twice: two 1e308 make infinity
        events += [
            {"type": "turn", "mono": mono, "participant": "P2", "duration": 1.0,
             "section_id": "a"},
            {"type": "offtopic", "mono": mono + 1, "duration": 1.0, "section_id": "a"},
            {"type": "section", "mono": mono + 2, "elapsed": 1.0, "section_id": "b"}]
    field = {"duration": ("turn", "offtopic"), "elapsed": ("section",), "mono": ("turn",)}
    for event in events[2:]:
        if event["type"] in field[where]:
            event[where] = bad
    return events


@pytest.mark.parametrize("where", ["duration", "elapsed", "mono"])
@pytest.mark.parametrize("bad", list(BAD))
def test_a_damaged_number_in_the_events_is_left_out(bad: str, where: str) -> None:
    events = _events(BAD[bad], where)
    kept = copy.deepcopy(events)
    now = 40.0
    try:  # as the meeting screen opens: replay, then draw the bars
        rebased = rebased_events(events)
        last_event_anchor(events, rebased)
        ledger = Ledger.from_events(rebased, ["P1", "P2"])
        rows = ledger_rows(ledger, PEOPLE, now)
        text = render_rows(rows) + "\n" + render_columns(rows, 1, 78)
        values = [ledger.total_talk(now), ledger.offtopic_seconds(now), ledger.elapsed(now),
                  ledger.offtopic_share(now), ledger.section_seconds("a", now),
                  ledger.section_seconds("b", now), *ledger.shares(now).values()]
    except (ValueError, OverflowError) as exc:
        pytest.fail(f"the meeting screen would crash: {exc!r}")
    assert all(math.isfinite(v) and abs(v) <= 1e9 for v in values), values
    assert all(math.isfinite(row.seconds) and math.isfinite(row.share) for row in rows)
    assert "Ann" in text and "Bo" in text
    if where == "duration":
        assert ledger.talk_seconds("P2") == 0.0 and ledger.offtopic_seconds() == 0.0
        assert rows[0].share == 1.0
    assert repr(events) == repr(kept)  # the file's events as they were

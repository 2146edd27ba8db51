"""An item a session has no answer for is "not reached (session ended before it)" only if
the session answered nothing after it. One before an item the session answered (in its
plan version's order) was passed over without an answer (Ctrl+N on a blank entry, or a
jump past it): skipped. The label "not reached" was false for those, in a finished
session too.

In a roster's file a row is a member: an item of the member before one the member
answered was passed over, and so was every item of a member left unanswered when a later
member of the same roster (and parent) has an answer (the interview went on to them).

`Reached` notes, per row of a wide file, the furthest item (in its version's order) with
an answer row asked (answered, skipped with a reason, or stored blank; never a
calculation, which the runtime stores wherever the interview stands), as the answers
are read; `mark` then moves each "not reached" before it to "skipped".
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.missing import Missing
from fieldtui.core.plan.model import Plan


class Reached:
    """How far each session of a wide file got (see the module docstring)."""

    def __init__(self, plans: list[Plan], versions: Any) -> None:
        # a calculation's row is the runtime's, made whether or not the interview got there
        self.order = {p.version: {item.id: n for n, item in enumerate(p.items)
                                  if item.kind != "calculate"} for p in plans}
        self.versions = [int(v) for v in versions.tolist()]
        self.last = [-1] * len(self.versions)

    def saw(self, i: int, item_id: str) -> None:
        """Row `i` has an answer row (asked) for `item_id`."""
        at = self.order.get(self.versions[i], {}).get(item_id)
        if at is not None and at > self.last[i]:
            self.last[i] = at

    def mark(self, items: list[Any], reasons: dict[str, Any]) -> None:
        """Each "not reached" of a row before its furthest answer becomes "skipped"."""
        import numpy as np

        versions = np.array(self.versions, dtype=np.int64)
        last = np.array(self.last, dtype=np.int64)
        unreached, skipped = Missing.NOT_REACHED.number, Missing.SKIPPED.number
        for version, order in self.order.items():
            rows = np.nonzero(versions == version)[0]
            if not rows.size:
                continue
            furthest = last[rows]
            for entry in items:
                at = order.get(entry.item.id)
                if at is None:
                    continue
                passed = rows[furthest > at]
                if not passed.size:
                    continue
                for var in entry.variables:
                    column = reasons[var.name]
                    held = column[passed]
                    held[held == unreached] = skipped
                    column[passed] = held

    def mark_rows(self, items: list[Any], reasons: dict[str, Any], rows: Any) -> None:
        """Every "not reached" of the `rows` (a boolean mask) becomes "skipped": the
        interview went past them."""
        if not rows.any():
            return
        unreached, skipped = Missing.NOT_REACHED.number, Missing.SKIPPED.number
        for entry in items:
            for var in entry.variables:
                column = reasons[var.name]
                column[rows & (column == unreached)] = skipped


def later_answered(groups: list[Any], last: list[int]) -> Any:
    """For rows in order within their group (a roster's members of one session and
    parent, consecutive), whether a later row of the same group has an answer (`last`
    at or above 0)."""
    import numpy as np

    out = np.zeros(len(groups), dtype=bool)
    seen_group, answered = None, False
    for i in range(len(groups) - 1, -1, -1):
        if groups[i] != seen_group:
            seen_group, answered = groups[i], False
        out[i] = answered
        answered = answered or last[i] >= 0
    return out

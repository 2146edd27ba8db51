"""Totals of published counts: the sum of the counts shown, or nothing when none is.

A release's totals are sums of its shown counts (a suppressed count is not in them), so a
total reveals nothing the shown counts do not. When every count of a row, column or item is
suppressed, that sum would be 0, which reads as "nobody": the total is then suppressed too.
"""

from __future__ import annotations

from collections.abc import Iterable


def shown_sum(counts: Iterable[int | None]) -> int | None:
    """The sum of the counts that are shown; None when there are counts and none is shown."""
    total, any_count, any_shown = 0, False, False
    for count in counts:
        any_count = True
        if count is not None:
            any_shown = True
            total += count
    return None if any_count and not any_shown else total


HIDDEN = "x"  # a suppressed count, as every report shows it


def shown_text(count: int | None) -> str:
    """A count as a report shows it: the number, or HIDDEN when it is suppressed."""
    return HIDDEN if count is None else str(count)

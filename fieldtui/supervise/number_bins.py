"""Ranges for a poll's number item, so its answers can be tallied like a choice.

Labels come only from the plan (its min and max) or from fixed edges, never from an
answer: a published label must not reveal what one respondent typed. A bin "a–b" holds
the answers from a up to, but not including, b + 1.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item

MAX_BINS = 5
OPEN_WIDTH = 10  # bin width from min when the plan gives no max
OPEN_BINS = 4  # closed bins before the open top bin, when there is no max
NOT_A_NUMBER = N_("(not a number)")
# Quantile-free edges for an item with neither min nor max.
FIXED_EDGES = (0, 1, 10, 100, 1000)


@dataclass(frozen=True)
class Bin:
    """One range: low <= value < high; None is an open end."""

    label: str
    low: int | None
    high: int | None

    def holds(self, value: float) -> bool:
        """True if `value` falls in this range."""
        return ((self.low is None or value >= self.low)
                and (self.high is None or value < self.high))


def _span(low: int, high: int) -> str:
    """Label of the whole numbers low .. high - 1."""
    if high - low == 1:
        return str(low)
    # "-5–-3" misreads; a negative range is spelled out.
    return f"{low} to {high - 1}" if low < 0 else f"{low}–{high - 1}"


def _from_edges(edges: list[int], open_top: bool) -> list[Bin]:
    bins = [Bin(_span(a, b), a, b) for a, b in itertools.pairwise(edges)]
    if open_top:
        bins.append(Bin(f"{edges[-1]} or more", edges[-1], None))
    return bins


def bins(item: Item) -> list[Bin]:
    """The plan's ranges for a number item, in order (without out-of-range extras)."""
    if item.min is None and item.max is None:
        return _from_edges(list(FIXED_EDGES), open_top=True)
    if item.max is None:
        low = math.floor(item.min or 0)
        return _from_edges([low + k * OPEN_WIDTH for k in range(OPEN_BINS + 1)], open_top=True)
    high = math.floor(item.max) + 1  # whole numbers up to max, inclusive
    low = math.floor(item.min) if item.min is not None else min(0, high - 1)
    width = max(1, math.ceil((high - low) / MAX_BINS))
    edges = [*range(low, high, width), high]
    if len(edges) > 2 and edges[-1] - edges[-2] < width:
        # Keep bins equal width: the last one reaches past max rather than being short.
        edges[-1] = edges[-2] + width
    return _from_edges(edges, open_top=False)


def number_of(value: Any) -> float | None:
    """The answer as a finite number, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # a whole number past a double: JSON sets no limit
            return None
        return number if math.isfinite(number) else None
    return None


def bin_label(ranges: list[Bin], value: Any) -> str:
    """The label of the range `value` falls in; outside every range, a label built from
    the plan's own edges (never from the value)."""
    number = number_of(value)
    if number is None:
        return NOT_A_NUMBER
    for b in ranges:
        if b.holds(number):
            return b.label
    first, last = ranges[0], ranges[-1]
    if first.low is not None and number < first.low:
        return f"below {first.low}"
    return f"above {(last.high or 0) - 1}"


_SHOWN = (  # a range's label (a code of the release) -> its words, in the catalog
    (re.compile(r"(-?\d+) or more"), N_("{low} or more")),
    (re.compile(r"below (-?\d+)"), N_("below {low}")),
    (re.compile(r"above (-?\d+)"), N_("above {low}")),
    (re.compile(r"(-?\d+) to (-?\d+)"), N_("{low} to {high}")),
)


def shown_label(label: str) -> str:
    """A range's label as a report shows it, in the interface language (the label itself
    is a code of the release and never changes)."""
    if label == NOT_A_NUMBER:
        return _(NOT_A_NUMBER)
    for pattern, words in _SHOWN:
        found = pattern.fullmatch(label)
        if found:
            return _(words).format(low=found.group(1),
                                   high=found.group(2) if pattern.groups > 1 else "")
    return label

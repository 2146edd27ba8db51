"""The perturbation table of the cell key method: how much noise a cell's count gets.

For a count n, the change d is drawn from a symmetric distribution on -D' .. D'
(D' = min(n, D), so a count never goes below zero and a zero stays zero): every non-zero
change has the same probability q, chosen so the variance is V (or as close as the
narrower range allows), and the rest of the mass is on "no change". The mean change is
exactly 0 and no change exceeds D. The cell key (a number in [0, 1)) picks the change
by the inverse of the distribution's cumulative sum, so the same cell key and count
always give the same change.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

DEFAULT_MAX_CHANGE = 2
DEFAULT_VARIANCE = 1.0


def largest_variance(max_change: int) -> float:
    """The largest variance a table with largest change D can have (q = 1 / 2D)."""
    return sum(d * d for d in range(1, max_change + 1)) / max_change


@dataclass(frozen=True)
class PTable:
    """Largest change D and variance V of the noise."""

    max_change: int = DEFAULT_MAX_CHANGE
    variance: float = DEFAULT_VARIANCE

    def __post_init__(self) -> None:
        if not 1 <= self.max_change <= 10:
            raise ValueError("the largest change must be between 1 and 10")
        if not 0 < self.variance <= largest_variance(self.max_change):
            raise ValueError(f"the variance must be above 0 and at most "
                             f"{largest_variance(self.max_change):g} for a largest change "
                             f"of {self.max_change}")

    def distribution(self, count: int) -> list[tuple[int, float]]:
        """(change, probability) for a true count, in increasing order of change."""
        return list(_distribution(self.max_change, self.variance, min(count, self.max_change)))

    def change(self, count: int, cell_key: float) -> int:
        """The change a cell with this count and cell key gets."""
        reach = min(max(count, 0), self.max_change)
        changes, cumulative = _cumulative(self.max_change, self.variance, reach)
        return changes[min(bisect.bisect_right(cumulative, cell_key), len(changes) - 1)]

    def perturb(self, count: int, cell_key: float) -> int:
        """The published (not yet suppressed) count."""
        return count + self.change(count, cell_key)


@cache
def _distribution(max_change: int, variance: float, reach: int
                  ) -> tuple[tuple[int, float], ...]:
    if reach <= 0:
        return ((0, 1.0),)
    squares = sum(d * d for d in range(1, reach + 1))
    q = variance / (2 * squares)  # at most 1 / 2D: checked with the parameters
    if reach < max_change:  # a small count: at most as likely as no change
        q = min(q, 1.0 / (2 * reach + 1))
    out = [(d, q) for d in range(-reach, 0)] + [(0, 1.0 - 2 * reach * q)]
    return tuple(out + [(d, q) for d in range(1, reach + 1)])


@cache
def _cumulative(max_change: int, variance: float, reach: int
                ) -> tuple[list[int], list[float]]:
    changes, cumulative, total = [], [], 0.0
    for d, p in _distribution(max_change, variance, reach):
        total += p
        changes.append(d)
        cumulative.append(total)
    return changes, cumulative

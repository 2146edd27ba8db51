"""Cohen's kappa for one code between two coders: agreement beyond chance.

Each unit both coders coded is a 2x2 cell: a = both gave the code, b = only the first,
c = only the second, d = neither. Observed agreement po = (a + d) / n; chance agreement
pe = ((a + b)(a + c) + (c + d)(b + d)) / n²; kappa = (po - pe) / (1 - pe). When pe is 1
(both coders gave one same answer to every unit) kappa is undefined: None.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    """The 2x2 table of one code and its kappa."""

    code: str
    a: int
    b: int
    c: int
    d: int

    @property
    def n(self) -> int:
        """Units both coders coded."""
        return self.a + self.b + self.c + self.d

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa, or None when it is undefined (no units, or pe = 1)."""
        return cohen_kappa(self.a, self.b, self.c, self.d)


def cohen_kappa(a: int, b: int, c: int, d: int) -> float | None:
    """Kappa of a 2x2 table (see the module's docstring)."""
    n = a + b + c + d
    if n == 0:
        return None
    po = (a + d) / n
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    if pe == 1:
        return None
    return (po - pe) / (1 - pe)

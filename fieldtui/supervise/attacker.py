"""The attacker: what can be worked out about true counts from everything published.

Each published respondent set (a release, or any report an attacker saw) is a `Snapshot`:
its respondent count, its categories, the tables it showed and, for every shown or hidden
cell, the interval the attacker knows the true count lies in (an exact count is an
interval of width 0; a perturbed count p with largest change D is [p - D, p + D]).
Tables add up (an item's categories sum to the respondents; a cross table's rows sum to
the row item's counts, its columns to the column item's), and when one snapshot's
respondents include another's, no count can shrink from the first to the second.

Over all of this, a cell's (or a difference of cells') smallest and largest possible
value is a linear program, solved by SciPy's HiGHS. Cell keys: ("1", item, category),
("x", row_item, row_category, item, category), ("m", item, option, "yes"|"no"), each
prefixed with the snapshot's tag.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

Key = tuple[str, ...]
Interval = tuple[float, float]


@dataclass
class Snapshot:
    """What was published of one respondent set."""

    tag: str
    respondents: int
    categories: dict[str, list[str]]  # tallied item -> its categories
    crosses: list[tuple[str, str]] = field(default_factory=list)  # (row item, item)
    multi: dict[str, list[str]] = field(default_factory=dict)  # multi item -> options
    known: dict[Key, Interval] = field(default_factory=dict)  # cell -> true count in
    total: Interval | None = None  # what is known of the respondent count (None: exact)
    inside: str | None = None  # tag of a snapshot whose respondents this one includes

    def cells(self) -> list[Key]:
        """Every cell of every table of this snapshot (without the tag)."""
        out: list[Key] = [("1", i, c) for i, cats in self.categories.items() for c in cats]
        for b, i in self.crosses:
            out += [("x", b, r, i, c) for r in self.categories[b] for c in self.categories[i]]
        for i, options in self.multi.items():
            out += [("m", i, o, yn) for o in options for yn in ("yes", "no")]
        return out


class Attacker:
    """Bounds on true counts given snapshots; build once, ask many questions."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.index: dict[Key, int] = {}
        lo: list[float] = []
        hi: list[float] = []
        eq: list[tuple[dict[int, float], float]] = []
        le: list[tuple[dict[int, float], float]] = []
        by_tag = {s.tag: s for s in snapshots}
        for snap in snapshots:
            self.index[(snap.tag, "n")] = len(lo)
            total = snap.total or (snap.respondents, snap.respondents)
            lo.append(max(0.0, total[0]))
            hi.append(float(total[1]))
            for cell in snap.cells():
                box = snap.known.get(cell, (0.0, float(snap.respondents)))
                self.index[(snap.tag, *cell)] = len(lo)
                lo.append(max(0.0, box[0]))
                hi.append(min(float(snap.respondents), box[1]))
            eq += _additivity(self.index, snap)
            outer = by_tag.get(snap.inside or "")
            if outer is not None:
                for cell in [("n",), *snap.cells()]:
                    if (outer.tag, *cell) in self.index:
                        le.append(({self.index[(outer.tag, *cell)]: 1.0,
                                    self.index[(snap.tag, *cell)]: -1.0}, 0.0))
        self._bounds = np.array([lo, hi]).T
        self._eq = _matrix(eq, len(lo))
        self._le = _matrix(le, len(lo))

    def has(self, key: Key) -> bool:
        """True if the cell is one of the attacker's unknowns."""
        return key in self.index

    def extreme(self, objective: Mapping[Key, float], *, largest: bool) -> float:
        """The smallest (or largest) value of sum(coef * cell) consistent with all that
        was published."""
        c = np.zeros(len(self.index))
        for key, coef in objective.items():
            c[self.index[key]] = -coef if largest else coef
        a_eq, b_eq = self._eq
        a_ub, b_ub = self._le
        result = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                         bounds=self._bounds, method="highs")
        if result.status != 0:
            raise ValueError(f"published tables are inconsistent: {result.message}")
        value = float(result.fun)
        return -value if largest else value

    def interval_low(self, objective: Mapping[Key, float]) -> float:
        """The smallest whole-number value of sum(coef * cell) (rounded inwards)."""
        return math.ceil(self.extreme(objective, largest=False) - 1e-6)

    def interval_high(self, objective: Mapping[Key, float]) -> float:
        """The largest whole-number value of sum(coef * cell) (rounded inwards)."""
        return math.floor(self.extreme(objective, largest=True) + 1e-6)

    def interval(self, objective: Mapping[Key, float]) -> Interval:
        """[smallest, largest] whole-number values of sum(coef * cell), rounded inwards."""
        return self.interval_low(objective), self.interval_high(objective)


def _additivity(index: dict[Key, int], snap: Snapshot) -> list[tuple[dict[int, float], float]]:
    t = snap.tag
    n = index[(t, "n")]
    rows: list[tuple[dict[int, float], float]] = []
    for i, cats in snap.categories.items():
        rows.append(({**{index[(t, "1", i, c)]: 1.0 for c in cats}, n: -1.0}, 0.0))
    for b, i in snap.crosses:
        for r in snap.categories[b]:
            row = {index[(t, "x", b, r, i, c)]: 1.0 for c in snap.categories[i]}
            rows.append(({**row, index[(t, "1", b, r)]: -1.0}, 0.0))
        for c in snap.categories[i]:
            col = {index[(t, "x", b, r, i, c)]: 1.0 for r in snap.categories[b]}
            rows.append(({**col, index[(t, "1", i, c)]: -1.0}, 0.0))
    for i, options in snap.multi.items():
        for o in options:
            rows.append(({index[(t, "m", i, o, "yes")]: 1.0,
                          index[(t, "m", i, o, "no")]: 1.0, n: -1.0}, 0.0))
    return rows


def _matrix(rows: list[tuple[dict[int, float], float]], width: int
            ) -> tuple[csr_matrix | None, np.ndarray | None]:
    if not rows:
        return None, None
    data, cols, ptr = [], [], [0]
    for terms, _ in rows:
        cols += list(terms)
        data += list(terms.values())
        ptr.append(len(cols))
    matrix = csr_matrix((data, cols, ptr), shape=(len(rows), width))
    return matrix, np.array([rhs for _, rhs in rows])


def answer_posterior(attacker: Attacker, before: str, after: str, item: str,
                     cats: list[str], added: int) -> tuple[float, str]:
    """How sure the attacker can be of an added respondent's answer to `item`, from the
    difference of two snapshots, and for which answer: the largest share of the added
    respondents who must have given one answer; with one added respondent, also
    1 / the number of answers still possible."""
    if added <= 0 or not cats:
        return 0.0, ""
    shares: list[tuple[float, str]] = []
    possible: list[str] = []
    for c in cats:
        diff: dict[Key, float] = {(after, "1", item, c): 1.0, (before, "1", item, c): -1.0}
        low, high = attacker.interval(diff)
        shares.append((max(0.0, low) / added, c))
        if high >= 1:
            possible.append(c)
    best = max(shares)
    if added == 1 and possible and 1.0 / len(possible) > best[0]:
        best = (1.0 / len(possible), possible[0])
    return best

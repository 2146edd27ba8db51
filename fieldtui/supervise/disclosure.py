"""Disclosure control for poll tables: primary and complementary cell suppression.

Every published table of a report goes into one linear system: each cell (including
margins and the grand total) is a variable, and each table adds its additivity
constraints (cells of a row sum to the row total, and so on). Cells shared by several
tables (an item's counts are the margin of every cross-table with it) are the same
variable, so suppression is consistent across the whole report.

Primary suppression hides every count from 1 to `min_cell - 1`. Complementary
suppression then adds cells until no hidden cell is uniquely determined by the
published ones: a hidden cell is determined exactly when every solution of the
constraints restricted to hidden cells has the same value there, i.e. when its column
in the reduced row-echelon form is a pivot with no free variable in its row. Zero
counts are never used as complements: a published zero bounds its neighbours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

Key = tuple[str, ...]


@dataclass
class System:
    """Cells with their true counts and the linear constraints (sum of coef * cell = 0)."""

    values: dict[Key, int] = field(default_factory=dict)
    constraints: list[dict[Key, int]] = field(default_factory=list)

    def cell(self, key: Key, value: int) -> None:
        """Add a cell, or check that a shared cell has the same count everywhere."""
        if key in self.values and self.values[key] != value:
            raise ValueError(f"cell {key} has two counts: {self.values[key]} and {value}")
        self.values[key] = value

    def one_way(self, total: Key, cells: dict[Key, int], total_value: int) -> None:
        """A list of counts that add up to a total."""
        self.cell(total, total_value)
        for key, value in cells.items():
            self.cell(key, value)
        self.constraints.append({**dict.fromkeys(cells, 1), total: -1})

    def two_way(self, total: Key, rows: Sequence[Key], cols: Sequence[Key],
                interior: Mapping[tuple[int, int], Key], counts: list[list[int]]) -> None:
        """A cross-table: interior cells, row and column totals and the grand total."""
        row_sums = [sum(r) for r in counts]
        col_sums = [sum(c) for c in zip(*counts, strict=True)] if counts else []
        self.cell(total, sum(row_sums))
        for i, key in enumerate(rows):
            self.cell(key, row_sums[i])
        for j, key in enumerate(cols):
            self.cell(key, col_sums[j])
        for (i, j), key in interior.items():
            self.cell(key, counts[i][j])
        for i, row_key in enumerate(rows):
            self.constraints.append(
                {**{interior[(i, j)]: 1 for j in range(len(cols))}, row_key: -1})
        for j, col_key in enumerate(cols):
            self.constraints.append(
                {**{interior[(i, j)]: 1 for i in range(len(rows))}, col_key: -1})
        self.constraints.append({**dict.fromkeys(rows, 1), total: -1})
        self.constraints.append({**dict.fromkeys(cols, 1), total: -1})


def determined(system: System, hidden: set[Key]) -> set[Key]:
    """The hidden cells whose value follows from the published cells and the constraints."""
    order = sorted(hidden)
    column = {key: j for j, key in enumerate(order)}
    rows: list[list[Fraction]] = []
    for constraint in system.constraints:
        row = [Fraction(0)] * len(order)
        touched = False
        for key, coef in constraint.items():
            if key in column:
                row[column[key]] += coef
                touched = True
        if touched:
            rows.append(row)
    pivots = _rref(rows, len(order))
    pivot_cols = {c for _, c in pivots}
    free = [j for j in range(len(order)) if j not in pivot_cols]
    found = set()
    for r, c in pivots:
        if all(rows[r][f] == 0 for f in free):
            found.add(order[c])
    return found


def _rref(rows: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    """Reduce `rows` in place; return (row, column) of each pivot."""
    pivots: list[tuple[int, int]] = []
    r = 0
    for c in range(width):
        pick = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pick is None:
            continue
        rows[r], rows[pick] = rows[pick], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, c))
        r += 1
        if r == len(rows):
            break
    return pivots


def primary(system: System, min_cell: int) -> set[Key]:
    """Cells with a count from 1 to min_cell - 1."""
    return {k for k, v in system.values.items() if 0 < v < min_cell}


def protect(system: System, min_cell: int) -> set[Key]:
    """Primary suppression, then complements until no hidden cell can be worked out.

    Returns the hidden cells. When no complement can be found, every cell is hidden.
    """
    hidden = primary(system, min_cell)
    while True:
        exposed = determined(system, hidden)
        if not exposed:
            return hidden
        target = min(exposed)
        choice = _complement(system, hidden, target)
        if choice is None:
            return set(system.values)
        hidden.add(choice)


def _complement(system: System, hidden: set[Key], target: Key) -> Key | None:
    """The smallest non-zero published neighbour of `target` that hides it, else the smallest."""
    neighbours = {k for c in system.constraints if target in c for k in c}
    candidates = sorted((k for k in neighbours
                         if k not in hidden and system.values[k] > 0),
                        key=lambda k: (system.values[k], k))
    if not candidates:
        # A neighbour of a neighbour: widen the search before giving up.
        wider = {k for c in system.constraints if c.keys() & neighbours for k in c}
        candidates = sorted((k for k in wider if k not in hidden and system.values[k] > 0),
                            key=lambda k: (system.values[k], k))
    for key in candidates:
        if target not in determined(system, hidden | {key}):
            return key
    return candidates[0] if candidates else None

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
    """The hidden cells whose value follows from the published cells and the constraints.

    Hidden cells only interact through constraints they share, so the work is done one
    connected group of hidden cells at a time: a report of many tables stays fast.
    """
    by_cell = _constraints_by_cell(system)
    found: set[Key] = set()
    seen: set[Key] = set()
    for key in sorted(hidden):
        if key not in seen:
            group = _group_of(system, by_cell, hidden, key)
            seen |= group
            found |= _determined_in(system, by_cell, group)
    return found


def _constraints_by_cell(system: System) -> dict[Key, list[int]]:
    index: dict[Key, list[int]] = {}
    for i, constraint in enumerate(system.constraints):
        for key in constraint:
            index.setdefault(key, []).append(i)
    return index


def _group_of(system: System, by_cell: dict[Key, list[int]], hidden: set[Key],
              start: Key) -> set[Key]:
    """The hidden cells linked to `start` through constraints that hold hidden cells."""
    group, todo = {start}, [start]
    while todo:
        key = todo.pop()
        for i in by_cell.get(key, ()):
            for other in system.constraints[i]:
                if other in hidden and other not in group:
                    group.add(other)
                    todo.append(other)
    return group


def _determined_in(system: System, by_cell: dict[Key, list[int]],
                   group: set[Key]) -> set[Key]:
    order = sorted(group)
    column = {key: j for j, key in enumerate(order)}
    touching = sorted({i for key in order for i in by_cell.get(key, ())})
    rows: list[list[Fraction]] = []
    for i in touching:
        row = [Fraction(0)] * len(order)
        for key, coef in system.constraints[i].items():
            if key in column:
                row[column[key]] += coef
        rows.append(row)
    pivots = _rref(rows, len(order))
    pivot_cols = {c for _, c in pivots}
    free = [j for j in range(len(order)) if j not in pivot_cols]
    return {order[c] for r, c in pivots if all(rows[r][f] == 0 for f in free)}


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

    Complements are added for one exposed cell at a time until it is safe (in a cross
    table that takes three: a rectangle of hidden cells). Returns the hidden cells; when no
    complement can be found, every cell is hidden.
    """
    by_cell = _constraints_by_cell(system)
    hidden = primary(system, min_cell)
    while True:
        exposed = determined(system, hidden)
        if not exposed:
            return hidden
        target = min(exposed)
        while _exposed(system, by_cell, hidden, target):
            choice = _complement(system, by_cell, hidden, target)
            if choice is None:
                return set(system.values)
            hidden.add(choice)


def _exposed(system: System, by_cell: dict[Key, list[int]], hidden: set[Key],
             target: Key) -> bool:
    return target in _determined_in(system, by_cell, _group_of(system, by_cell, hidden, target))


def _complement(system: System, by_cell: dict[Key, list[int]], hidden: set[Key],
                target: Key) -> Key | None:
    """A published non-zero cell next to the target's hidden group that hides the target;
    else the smallest such cell (a step towards a hiding pattern); None if there is none."""
    group = _group_of(system, by_cell, hidden, target)
    near = {k for g in group for i in by_cell.get(g, ()) for k in system.constraints[i]}
    candidates = sorted((k for k in near if k not in hidden and system.values[k] > 0),
                        key=lambda k: (system.values[k], k))
    for key in candidates:
        if not _exposed(system, by_cell, hidden | {key}, target):
            return key
    return candidates[0] if candidates else None

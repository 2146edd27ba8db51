"""The suppression check: an attacker tries to recover every hidden cell and must fail."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.supervise.disclosure import Key, System, primary, protect


def _rank(rows: list[list[Fraction]]) -> int:
    """Rank by plain forward elimination (a different route from the library's RREF)."""
    m = [r[:] for r in rows]
    rank = 0
    width = len(m[0]) if m else 0
    for c in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(rank + 1, len(m)):
            f = m[i][c] / m[rank][c]
            m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def attack(system: System, hidden: set[Key]) -> set[Key]:
    """Every hidden cell an attacker can compute from the published cells and the totals."""
    recovered: set[Key] = set()
    # 1. Peeling: a row, column or total with a single unknown gives it away.
    unknown = set(hidden)
    progress = True
    while progress:
        progress = False
        for c in system.constraints:
            missing = [k for k in c if k in unknown]
            if len(missing) == 1:
                unknown.discard(missing[0])
                recovered.add(missing[0])
                progress = True
    # 2. Linear equations from all margins: cell k is fixed iff e_k lies in their row space.
    order = sorted(hidden)
    rows = [[Fraction(c.get(k, 0)) for k in order] for c in system.constraints
            if any(k in c for k in order)]
    base = _rank(rows)
    for j, key in enumerate(order):
        unit = [Fraction(int(i == j)) for i in range(len(order))]
        if _rank([*rows, unit]) == base:
            recovered.add(key)
    return recovered


def _null_basis(rows: list[list[int]], width: int) -> list[list[int]]:
    """Integer basis of the null space of `rows` (Gauss-Jordan over the rationals)."""
    m = [[Fraction(v) for v in row] for row in rows]
    pivots: list[int] = []
    r = 0
    for c in range(width):
        pick = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if pick is None:
            continue
        m[r], m[pick] = m[pick], m[r]
        m[r] = [v / m[r][c] for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                m[i] = [a - m[i][c] * b for a, b in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vec = [Fraction(0)] * width
        vec[free] = Fraction(1)
        for i, c in enumerate(pivots):
            vec[c] = -m[i][free]
        scale = math.lcm(*(v.denominator for v in vec))
        basis.append([int(v * scale) for v in vec])
    return basis


def integer_alternative(system: System, hidden: set[Key], target: Key) -> bool:
    """True if another non-negative integer table with the same published cells exists
    in which `target` has a different count (searched along small integer combinations
    of the null space, so a True is a real witness)."""
    order = sorted(hidden)
    truth = [system.values[k] for k in order]
    rows = [[c.get(k, 0) for k in order] for c in system.constraints]
    basis = _null_basis(rows, len(order))
    t = order.index(target)
    for coefs in itertools.product((-1, 0, 1), repeat=min(len(basis), 8)):
        delta = [sum(a * v[i] for a, v in zip(coefs, basis, strict=False))
                 for i in range(len(order))]
        if delta[t] != 0 and all(x + d >= 0 for x, d in zip(truth, delta, strict=True)):
            return True
    return False


def _one_way(counts: list[int]) -> System:
    s = System()
    s.one_way(("total",), {("q", str(i)): v for i, v in enumerate(counts)}, sum(counts))
    return s


def _two_way(counts: list[list[int]]) -> System:
    s = System()
    rows = [("r", str(i)) for i in range(len(counts))]
    cols = [("c", str(j)) for j in range(len(counts[0]))]
    interior = {(i, j): ("x", str(i), str(j))
                for i in range(len(rows)) for j in range(len(cols))}
    s.two_way(("total",), rows, cols, interior, counts)
    return s


def _check(system: System, min_cell: int) -> set[Key]:
    hidden = protect(system, min_cell)
    assert primary(system, min_cell) <= hidden
    assert attack(system, hidden) == set()
    return hidden


def test_a_single_small_count_takes_the_next_smallest_with_it() -> None:
    system = _one_way([2, 30, 9, 14])
    hidden = _check(system, 5)
    assert hidden == {("q", "0"), ("q", "2")}
    # Without the complement the attacker wins: total minus the rest.
    assert attack(system, {("q", "0")}) == {("q", "0")}


def test_cross_table_cells_cannot_be_recovered_from_row_column_or_grand_totals() -> None:
    system = _two_way([[1, 8, 12], [9, 10, 7], [6, 11, 3]])
    hidden = _check(system, 5)
    assert {("x", "0", "0"), ("x", "2", "2")} <= hidden
    for key in hidden:
        assert integer_alternative(system, hidden, key), key


def test_the_attacker_catches_a_bridge_that_row_and_column_pairs_miss() -> None:
    # Two hidden cells in every row and column, yet the cell joining the two blocks is
    # pinned (no cycle of hidden cells passes through it): the attacker must find it.
    system = _two_way([[2, 9, 3, 0], [9, 9, 0, 0], [0, 0, 9, 9], [0, 0, 9, 9]])
    blocks = {("x", str(i), str(j)) for i in (0, 1) for j in (0, 1)} | \
        {("x", str(i), str(j)) for i in (2, 3) for j in (2, 3)}
    bridge = ("x", "0", "2")
    assert attack(system, blocks | {bridge}) == {bridge}
    _check(system, 5)


def test_shared_margins_are_one_cell_across_tables() -> None:
    system = _two_way([[1, 8], [9, 10]])
    # The same item's one-way tally uses the column totals as its cells.
    system.one_way(("total",), {("c", "0"): 10, ("c", "1"): 18}, 28)
    _check(system, 5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 25), min_size=2, max_size=6), st.integers(2, 10))
def test_random_one_way_tables_leak_nothing(counts: list[int], min_cell: int) -> None:
    _check(_one_way(counts), min_cell)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.data(), st.integers(3, 6))
def test_random_cross_tables_leak_nothing(rows: int, cols: int, data: st.DataObject,
                                           min_cell: int) -> None:
    counts = [[data.draw(st.integers(0, 14)) for _ in range(cols)] for _ in range(rows)]
    _check(_two_way(counts), min_cell)

"""Points of the attacker's model that move the held unknowns too (audit_blocks.py).

A block's points keep the held unknowns (each release's respondent count and the margins
of the crossing variables) where they are, so a cell that only moves with them (a zero in
a row of a crossing nobody is in; a zero whose row is pinned by its published cells in
some later release, which may never hold less) is left by them to a sum over the whole
program. Here such a point is put together from small programs instead:

1. the cells' blocks with the held unknowns free, the rows of every other block left out:
   the cells as high as they go (each no higher than it needs), the held unknowns as near
   where they were as that allows;
2. every other block a moved unknown is in, solved again with the held unknowns at their
   new values (any point of its rows will do).

The point is then checked against every bound and row of the whole model (`Blocks.fits`)
before the audit counts it; when a block cannot follow the move, there is no point.
"""

from __future__ import annotations

from collections.abc import Mapping

import highspy
import numpy as np
import scipy.sparse as sp

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.audit_blocks import Blocks, highs_of

NEAR = 1e-3  # the cost of moving a held unknown by one, beside 1 for a cell moved by one
TRIES = 4  # programs solved for one point at most (a block that cannot follow joins them)


class Held:
    """Programs of some blocks with the held unknowns free (built when first asked)."""

    def __init__(self, blocks: Blocks) -> None:
        self.blocks = blocks
        self.held = np.flatnonzero(blocks.block == -1)
        self._models: dict[frozenset[int], tuple[highspy.Highs, np.ndarray]] = {}
        self.solves = 0

    def point(self, inner: frozenset[int], base: np.ndarray, objective: Mapping[Key, float],
              caps: Mapping[Key, float]) -> np.ndarray | None:
        """A point of the whole model where sum(coef * cell) is large: the blocks `inner`
        and the held unknowns from their own program (each cell of `caps` at most its
        cap), every other block a moved held unknown is in solved again around them, the
        rest as in `base` (a point of the whole model). A block that cannot follow joins
        `inner` and the program is solved again (at most TRIES times). None unless every
        part solved and the point passed the check."""
        for _ in range(TRIES):
            point = self._try(inner, base, objective, caps)
            if not isinstance(point, int):
                return point if point is not None and self.blocks.fits(point) else None
            inner = inner | {point}
        return None

    def _try(self, inner: frozenset[int], base: np.ndarray, objective: Mapping[Key, float],
             caps: Mapping[Key, float]) -> np.ndarray | int | None:
        """The point put together (not checked), None if the first program has none, or
        the first block that could not follow."""
        blocks, index = self.blocks, self.blocks.attacker.index
        highs, cols = self._model(inner)
        where = {int(c): n for n, c in enumerate(cols)}
        cost = np.zeros(len(cols))
        for key, coef in objective.items():
            cost[where[index[key]]] -= coef
        upper = blocks.hi[cols].copy()
        for key, cap in caps.items():
            upper[where[index[key]]] = min(upper[where[index[key]]], cap)
        if np.any(upper < blocks.lo[cols]):
            return None
        held = len(self.held)
        everything = np.arange(len(cols) + 2 * held, dtype=np.int32)
        highs.changeColsCost(len(everything), everything,
                             np.concatenate([cost, np.full(2 * held, NEAR)]))
        highs.changeColsBounds(  # type: ignore[attr-defined]  # not in highspy's stubs
            len(cols), everything[:len(cols)], blocks.lo[cols], upper)
        rows = highs.getNumRow() - held + np.arange(held, dtype=np.int32)
        highs.changeRowsBounds(  # type: ignore[attr-defined]
            held, rows, base[self.held], base[self.held])
        highs.run()
        self.solves += 1
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        point = base.copy()
        point[cols] = np.asarray(highs.getSolution().col_value)[:len(cols)]
        moved = self.held[np.abs(point[self.held] - base[self.held]) > 1e-9]
        rows_moved = np.unique(sp.coo_matrix(blocks.matrix[:, moved]).row)
        follow = {int(b) for b in np.unique(blocks.block[blocks.matrix[rows_moved].indices])}
        for block in sorted(follow - inner - {-1}):
            followed = blocks.solved(block, point, np.zeros(len(point)))
            if followed is None:
                return block
            point = followed
        return point

    def _model(self, inner: frozenset[int]) -> tuple[highspy.Highs, np.ndarray]:
        """The program of the blocks `inner` and the held unknowns: their bounds, the rows
        of no other block, and for each held unknown u, two more unknowns up, down >= 0
        with u - up + down = where u was (row bounds set per point), costing NEAR."""
        if inner not in self._models:
            blocks = self.blocks
            cols = np.flatnonzero(np.isin(blocks.block, [*inner, -1]))
            outside = np.ones(len(blocks.block), dtype=bool)
            outside[cols] = False
            rows = np.flatnonzero(abs(blocks.matrix[:, outside]).sum(axis=1).A1 == 0)
            held = len(self.held)
            where = np.searchsorted(cols, self.held)
            moves = sp.csr_matrix((
                np.tile([1.0, -1.0, 1.0], held),
                np.column_stack([where, len(cols) + np.arange(held),
                                 len(cols) + held + np.arange(held)]).ravel(),
                np.arange(0, 3 * held + 1, 3)), shape=(held, len(cols) + 2 * held))
            own = sp.hstack([blocks.matrix[rows][:, cols], sp.csr_matrix((len(rows), 2 * held))])
            matrix = sp.csr_matrix(sp.vstack([own, moves]))
            highs = highs_of(
                matrix, np.concatenate([blocks.lo[cols], np.zeros(2 * held)]),
                np.concatenate([blocks.hi[cols], np.full(2 * held, highspy.kHighsInf)]),
                np.concatenate([blocks.row_lo[rows], np.zeros(held)]),
                np.concatenate([blocks.row_hi[rows], np.zeros(held)]))
            self._models[inner] = (highs, cols)
        return self._models[inner]

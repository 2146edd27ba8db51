"""Small linear programs that move one block of the attacker's model, the rest held.

The attacker's model (attacker.py) is one program over every cell of every release, and a
solve of all of it is the audit's largest cost. Most of its unknowns are tied to the rest
only through a few: each release's respondent count and the margins of the crossing
variables (every cross table's rows add up to them). With those held at the values of a
point that fits the whole model (the true tables, or a solution of the whole program),
the rest falls apart into blocks, one per item across every release (its own table, its
cross tables and its language tables), each a program a few hundred times smaller. A
block's solution put into that point, the rest unchanged, is again a point of the whole
model, and so tables the attacker cannot tell from the truth: every such point is checked
here against every bound and row of the whole model before the audit counts it
(audit_settle.py for the hard cells, audit_posteriors.py for the groups of a crossing).
"""

from __future__ import annotations

from collections.abc import Mapping

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from fieldtui.supervise.attacker import PRIMAL, Attacker, Key, Snapshot
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.published import Published

SLACK = 1e-6  # how far outside a bound or row a point may be and still count as in it


class Blocks:
    """The attacker's model cut into blocks, each solved alone when first asked."""

    def __init__(self, attacker: Attacker, snapshots: list[Snapshot],
                 releases: list[Published]) -> None:
        self.attacker = attacker
        lp = attacker.lp()
        a = lp.a_matrix_
        shape = (lp.num_row_, lp.num_col_)
        parts = (np.asarray(a.value_), np.asarray(a.index_), np.asarray(a.start_))
        matrix = (sp.csc_matrix(parts, shape=shape) if a.format_ == highspy.MatrixFormat.kColwise
                  else sp.csr_matrix(parts, shape=shape))
        self.matrix = sp.csr_matrix(matrix)
        self.lo, self.hi = np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)
        self.row_lo, self.row_hi = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
        self.truth = _truth(attacker.index, releases, lp.num_col_)
        held = np.zeros(lp.num_col_, dtype=bool)
        held[_hubs(attacker.index, snapshots)] = True
        free = np.flatnonzero(~held)
        linked = abs(self.matrix[:, free])
        _, labels = connected_components(sp.csr_matrix(linked.T @ linked), directed=False)
        self.block = np.full(lp.num_col_, -1)
        self.block[free] = labels
        self._models: dict[int, tuple[highspy.Highs, np.ndarray, np.ndarray, sp.csr_matrix,
                                      sp.csr_matrix]] = {}
        self.solves = 0

    def fits(self, point: np.ndarray) -> bool:
        """True if the point keeps every bound and row of the whole model (within SLACK)."""
        if len(point) != len(self.lo) or not np.all(np.isfinite(point)):
            return False
        if np.any(point < self.lo - SLACK) or np.any(point > self.hi + SLACK):
            return False
        rows = self.matrix @ point
        return bool(np.all(rows >= self.row_lo - SLACK) and np.all(rows <= self.row_hi + SLACK))

    def of(self, objective: Mapping[Key, float]) -> int | None:
        """The block every cell of the objective is in (None: a held cell, or two blocks)."""
        found = {int(self.block[self.attacker.index[key]]) for key in objective}
        return found.pop() if len(found) == 1 and -1 not in found else None

    def best(self, block: int, base: np.ndarray, objective: Mapping[Key, float], *,
             largest: bool) -> np.ndarray | None:
        """The point of the whole model that is `base` outside the block and, inside
        it, the block's extreme of sum(coef * cell); None unless HiGHS solved it and the
        point passed the check. `base` must fit the whole model."""
        cost = np.zeros(len(self.block))
        for key, coef in objective.items():
            cost[self.attacker.index[key]] += -coef if largest else coef
        point = self.solved(block, base, cost)
        return point if point is not None and self.fits(point) else None

    def solved(self, block: int, base: np.ndarray, cost: np.ndarray) -> np.ndarray | None:
        """`base` outside the block and, inside it, a least cost (`cost`: one per unknown
        of the whole model) point of the block's rows with their terms outside it held at
        `base`; None unless HiGHS solved it. Not checked: `fits` is the caller's."""
        highs, cols, rows, part, inner = self._model(block)
        outside = part @ base - inner @ base[cols]  # the rows' terms outside the block, held
        highs.changeRowsBounds(  # type: ignore[attr-defined]  # not in highspy's stubs
            len(rows), np.arange(len(rows), dtype=np.int32), self.row_lo[rows] - outside,
            self.row_hi[rows] - outside)
        highs.changeColsCost(len(cols), np.arange(len(cols), dtype=np.int32), cost[cols])
        highs.run()
        self.solves += 1
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        point = base.copy()
        point[cols] = np.asarray(highs.getSolution().col_value)
        return point

    def _model(self, block: int) -> tuple[highspy.Highs, np.ndarray, np.ndarray, sp.csr_matrix,
                                          sp.csr_matrix]:
        if block not in self._models:
            cols = np.flatnonzero(self.block == block)
            rows = np.unique(sp.coo_matrix(self.matrix[:, cols]).row)
            part = sp.csr_matrix(self.matrix[rows])
            inner = sp.csr_matrix(part[:, cols])
            highs = highs_of(inner, self.lo[cols], self.hi[cols], self.row_lo[rows],
                             self.row_hi[rows])
            # Mostly the objective changes between solves: primal simplex from the last
            # basis (a third fewer seconds than HiGHS's default, dual simplex, here).
            highs.setOptionValue("simplex_strategy", PRIMAL)
            self._models[block] = (highs, cols, rows, part, inner)
        return self._models[block]


def _truth(index: dict[Key, int], releases: list[Published], size: int) -> np.ndarray:
    """The true tables as a point of the model."""
    point = np.zeros(size)
    by_tag = {rel.tag: rel for rel in releases}
    for key, col in index.items():
        rel = by_tag[key[0]]
        point[col] = (rel.truth.respondents if key[1:] == ("n",)
                      else rel.truth.counts.get(key[1:], 0))
    return point


def _hubs(index: dict[Key, int], snapshots: list[Snapshot]) -> list[int]:
    """The unknowns held: each snapshot's respondent count and the margins of its
    crossing variables (a language split is not one: it crosses its own item only)."""
    crossing = {b for snap in snapshots for b, _ in snap.crosses if split_item(b) is None}
    return sorted(col for key, col in index.items()
                  if key[1:] == ("n",) or (key[1] == "1" and key[2] in crossing))


def highs_of(matrix: sp.csr_matrix, lo: np.ndarray, hi: np.ndarray, row_lo: np.ndarray,
             row_hi: np.ndarray) -> highspy.Highs:
    """A HiGHS model, quiet, of the rows of `matrix` and the bounds given (no cost yet)."""
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
    lp.col_cost_ = np.zeros(lp.num_col_)
    lp.col_lower_, lp.col_upper_ = lo, hi
    lp.row_lower_, lp.row_upper_ = row_lo, row_hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data.astype(np.float64)
    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    highs.passModel(lp)
    return highs

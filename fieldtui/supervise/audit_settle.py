"""Showing the audit's hard cells wide enough with as few solves of the whole program.

A hard cell (audit.py) is a protected cell, or difference of releases, that no cheap
witness showed able to take values `protection` apart. Each point of the attacker's model
(tables consistent with everything published) is a value the attacker cannot rule out for
every cell at once, so a cell is settled as soon as the highest and lowest values seen
(the truth moved by the witness counting as two of them) are `protection` apart.

Points come first from blocks (audit_blocks.py): with the respondent counts and the
crossing variables' margins held at the truth, each item's block is moved alone, its hard
cells all as high as they can go together, then all as low, again for those left while a
solve settles any. What needs a held margin to move (a zero in a row nobody is in) is
left to the whole program: the largest sum of every cell left (dual simplex from
scratch; a later round, of the few left, primal simplex from the last solution), then the
blocks again around that solution, then points that move the held unknowns too
(audit_held.py: a sum of the whole program from its last solution, of a few cells, costs
as much as one from scratch), while a round settles at least a quarter. The cells left after that get their exact range, one by one (audit.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, Protocol, TypeVar

import numpy as np

from fieldtui.supervise.attacker import Attacker, Key, Snapshot
from fieldtui.supervise.audit_blocks import Blocks
from fieldtui.supervise.audit_held import Held
from fieldtui.supervise.published import Published


class HardCell(Protocol):
    """What settling needs of a hard cell."""

    objective: dict[Key, float]
    true: int
    down: int  # how far a witness moved it down
    up: int  # and up
    protection: int


H = TypeVar("H", bound=HardCell)


class Program(Protocol):
    """The attacker's model, built when first asked."""

    snapshots: list[Snapshot]

    def get(self) -> Attacker: ...


class Settle(Generic[H]):
    """The hard cells not yet shown wide enough (`pending`), and the points that do."""

    def __init__(self, program: Program, releases: list[Published], hard: list[H],
                 narrowest: Callable[[float], None]) -> None:
        self.program, self.releases = program, releases
        self.pending: dict[int, H] = {n: h for n, h in enumerate(hard)}
        self.high = {n: float(h.true + h.up) for n, h in enumerate(hard)}
        self.low = {n: float(h.true - h.down) for n, h in enumerate(hard)}
        self.narrowest = narrowest
        self.solves = 0  # solves of the whole program
        self._blocks: Blocks | None = None
        self._held: Held | None = None

    def blocks(self) -> Blocks:
        """The model's blocks (built when first asked)."""
        if self._blocks is None:
            self._blocks = Blocks(self.program.get(), self.program.snapshots, self.releases)
        return self._blocks

    def take(self, point: np.ndarray, cells: Iterable[int] | None = None) -> None:
        """Settle every pending cell (or those of `cells`) this point, with those seen
        before, shows wide enough."""
        index = self.program.get().index
        for n in list(self.pending if cells is None else cells):
            h = self.pending[n]
            value = float(sum(coef * point[index[key]] for key, coef in h.objective.items()))
            self.high[n], self.low[n] = max(self.high[n], value), min(self.low[n], value)
            # Counts are whole and points may be fractional: a count seen at 0.5 and
            # at 3.5 is 1 to 3, as the exact check rounds its range inwards.
            width = math.floor(self.high[n] + 1e-6) - math.ceil(self.low[n] - 1e-6)
            if width >= h.protection:
                del self.pending[n]
                self.narrowest(float(width))

    def rounds(self) -> int:
        """Blocks around the truth, then rounds of the whole program; the linear programs
        solved."""
        if not self.pending:
            return 0
        blocks = self.blocks()
        if blocks.fits(blocks.truth):
            self._around(blocks.truth)
        while len(self.pending) > 1:
            before = len(self.pending)
            self.solves += 1
            attacker = self.program.get()
            # the first sum, of many cells, by dual simplex from scratch; a later one, of
            # the few left, from its solution (from scratch it costs as much as the first)
            attacker.extreme(_sum(h.objective for h in self.pending.values()), largest=True,
                             far=self.solves == 1)
            point = attacker.last_point().copy()
            if not blocks.fits(point):
                break
            self.take(point)
            self._around(point)
            self._moving(point)
            if len(self.pending) > before * 3 // 4:  # few settled: the rest one by one
                break
        return self.solves + blocks.solves + (self._held.solves if self._held else 0)

    def _around(self, base: np.ndarray) -> None:
        """Each block's pending cells as high as they go together, then as low, with the
        rest of the model at `base` (a point of the whole model)."""
        blocks = self.blocks()
        by_block: dict[int, list[int]] = {}
        for n, h in self.pending.items():
            block = blocks.of(h.objective)
            if block is not None:
                by_block.setdefault(block, []).append(n)
        for block, cells in by_block.items():
            for largest in (True, False):
                while live := [n for n in cells if n in self.pending
                               and (largest or self._can_fall(n))]:
                    point = blocks.best(block, base, _sum(self.pending[n].objective
                                                          for n in live), largest=largest)
                    if point is None:
                        break
                    self.take(point, live)
                    if len([n for n in live if n in self.pending]) == len(live):
                        break

    def _moving(self, base: np.ndarray) -> np.ndarray:
        """Points that move the held unknowns too (audit_held.py), one for the pending
        cells of each set of blocks, each cell no higher than it needs to be settled,
        while a round settles any; the last point found."""
        blocks = self.blocks()
        if self._held is None:
            self._held = Held(blocks)
        index = self.program.get().index
        while self.pending:
            before = len(self.pending)
            groups: dict[frozenset[int], list[int]] = {}
            for n, h in self.pending.items():
                inner = frozenset(int(blocks.block[index[key]]) for key in h.objective)
                groups.setdefault(inner - {-1}, []).append(n)
            for inner, cells in groups.items():
                live = [n for n in cells if n in self.pending]
                if not live:
                    continue
                caps = {key: math.ceil(self.low[n] - 1e-6) + self.pending[n].protection
                        for n in live for key, coef in self.pending[n].objective.items()
                        if len(self.pending[n].objective) == 1 and coef > 0}
                point = self._held.point(inner, base, _sum(self.pending[n].objective
                                                           for n in live), caps)
                if point is not None:
                    self.take(point)
                    base = point
            if len(self.pending) == before:
                break
        return base

    def _can_fall(self, n: int) -> bool:
        """False for a count already seen at its least (a count is never below 0)."""
        objective = self.pending[n].objective
        return len(objective) > 1 or self.low[n] > 0


def _sum(objectives: Iterable[Mapping[Key, float]]) -> dict[Key, float]:
    total: dict[Key, float] = {}
    for objective in objectives:
        for key, coef in objective.items():
            total[key] = total.get(key, 0.0) + coef
    return total

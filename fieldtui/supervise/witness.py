"""Cheap proof that a protected cell is safe: other true tables that fit what was published.

The audit must show that each protected cell can take values at least `protection`
apart. The truth is one consistent set of tables; moving counts inside one cross table
along a rectangle (up in one cell, down in the next cell of its row, up in that column,
down in the fourth) keeps every row and column total, so every other table is untouched.
Respondents can also move between two answers of an item in its own table and in every
cross table of it at once, each keeping their answer to the other item (rows and
columns are nodes of a flow network, raising cell (r, c) an edge r -> c with capacity
high - count, lowering it an edge c -> r with capacity count - low; these are its paths
of two edges, counted with numpy). If each moved cell stays in the range the attacker
knows for it, the result is another set of tables the attacker cannot tell from the
truth. Each question carries `need`, how far a move must reach to prove the cell safe,
and stops there. When no such move is wide enough the audit falls back to the linear
program over everything published (attacker.py), which is exact.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.release_tables import Tabulation

Box = Mapping[Key, tuple[int, int]]  # cell -> the attacker's (low, high) for its true count


class Witness:
    """Moves within one release's true tables, each table's flows computed once."""

    def __init__(self, tab: Tabulation, box: Box) -> None:
        self.tab, self.box = tab, box
        self._rooms: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._pairs: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._rectangles: dict[tuple[str, str, bool], np.ndarray] = {}

    def rooms(self, b: str, i: str) -> tuple[np.ndarray, np.ndarray]:
        """Cross table b × i: how far each cell can go up, and down (rows × columns)."""
        if (b, i) not in self._rooms:
            rows, cols = self.tab.categories[b], self.tab.categories[i]
            up = np.zeros((len(rows), len(cols)), dtype=np.int64)
            down = np.zeros_like(up)
            for r, row in enumerate(rows):
                for c, col in enumerate(cols):
                    cell = ("x", b, row, i, col)
                    low, high = self.box[cell]
                    count = self.tab.counts[cell]
                    up[r, c], down[r, c] = max(0, high - count), max(0, count - low)
            self._rooms[(b, i)] = (up, down)
        return self._rooms[(b, i)]

    def flow(self, b: str, i: str, source: int, sink: int) -> int:
        """Respondents movable between two rows (or two columns) of cross table b × i,
        each keeping their answer to the other item: paths of two edges of the table's
        flow network (a lower bound of its maximum flow), every pair counted at once."""
        if (b, i) not in self._pairs:
            up, down = self.rooms(b, i)
            by_rows = np.minimum(up[:, None, :], down[None, :, :]).sum(axis=2)
            by_cols = np.minimum(down.T[:, None, :], up.T[None, :, :]).sum(axis=2)
            self._pairs[(b, i)] = (by_rows, by_cols)
        by_rows, by_cols = self._pairs[(b, i)]
        rows = by_rows.shape[0]
        if source < rows and sink < rows:  # to row `source` from row `sink`, per column
            return int(by_rows[source, sink])
        if source >= rows and sink >= rows:  # from column `source` to column `sink`
            return int(by_cols[source - rows, sink - rows])
        return 0

    def cycle(self, b: str, i: str, r: int, c: int, rising: bool) -> int:
        """How far cell (r, c) of cross table b × i can go up (or down) along one
        rectangle inside the table (up here, down in its row and column, up opposite),
        every cell's best rectangle found at once."""
        key = (b, i, rising)
        if key not in self._rectangles:
            up, down = self.rooms(b, i)
            grow, shrink = (up, down) if rising else (down, up)
            n_rows, n_cols = grow.shape
            # corners[r, c, r2, c2]: down at (r2, c), up at (r2, c2), down at (r, c2)
            corners = np.minimum(np.minimum(shrink.T[None, :, :, None], grow[None, None]),
                                 shrink[:, None, None, :])
            same_row = np.arange(n_rows)[:, None] == np.arange(n_rows)[None, :]
            same_col = np.arange(n_cols)[:, None] == np.arange(n_cols)[None, :]
            corners[same_row[:, None, :, None] | same_col[None, :, None, :]] = 0
            best = corners.reshape(n_rows, n_cols, -1).max(axis=2, initial=0)
            self._rectangles[key] = np.minimum(best, grow)
        return int(self._rectangles[key][r, c])

    def shift(self, item: str, frm: str, to: str, need: int,
              skip: tuple[str, str] | None = None) -> int:
        """How many respondents (up to `need`) can move from answer `frm` to `to` of
        `item` in the item's own table and every cross table of it (but `skip`) at once."""
        tab, box = self.tab, self.box
        best = min(need, box[("1", item, to)][1] - tab.counts[("1", item, to)],
                   tab.counts[("1", item, frm)] - box[("1", item, frm)][0])
        for b, i in tab.crosses:
            if best <= 0:
                return 0
            if (b, i) == skip:
                continue
            if i == item:
                offset = len(tab.categories[b])
                best = min(best, self.flow(b, i, offset + tab.categories[i].index(frm),
                                           offset + tab.categories[i].index(to)))
            elif b == item:
                best = min(best, self.flow(b, i, tab.categories[b].index(to),
                                           tab.categories[b].index(frm)))
        return max(0, best)

    def cross_reach(self, cell: Key, need: int) -> tuple[int, int]:
        """How far a cross-table cell can go (down, up), as far as `need` in all: by
        cycles inside its table, or by moving respondents of its row (or column) between
        answers everywhere."""
        tab, box = self.tab, self.box
        _, b, row, i, col = cell
        rows, cols = tab.categories[b], tab.categories[i]
        r, c = rows.index(row), cols.index(col)
        low, high = box[cell]
        count = tab.counts[cell]
        top, bottom = high - count, count - low
        up = self.cycle(b, i, r, c, True)
        down = self.cycle(b, i, r, c, False)

        def room(other: Key, rising: bool) -> int:
            o_low, o_high = box[other]
            return o_high - tab.counts[other] if rising else tab.counts[other] - o_low

        lanes = [(("x", b, row, i, o), i, o, col) for o in cols if o != col]
        lanes += [(("x", b, o, i, col), b, o, row) for o in rows if o != row]
        for lane, item, other, mine in lanes:
            if min(up, top) + min(down, bottom) >= need:
                break
            if up < top:
                wanted = min(top, need - min(down, bottom))
                up = max(up, min(room(lane, False),
                                 self.shift(item, other, mine, wanted, (b, i))))
            if down < bottom:
                wanted = min(bottom, need - min(up, top))
                down = max(down, min(room(lane, True),
                                     self.shift(item, mine, other, wanted, (b, i))))
        return max(0, min(down, bottom)), max(0, min(up, top))

    def one_way_reach(self, cell: Key, need: int) -> tuple[int, int]:
        """How far an item's count can go (down, up), moving respondents between answers."""
        _, item, cat = cell
        others = [c for c in self.tab.categories[item] if c != cat]
        up = 0
        for o in others:
            if up >= need:
                break
            up = max(up, self.shift(item, o, cat, need))
        down = 0
        for o in others if self.tab.counts[cell] > 0 else []:
            if up + down >= need:
                break
            down = max(down, self.shift(item, cat, o, need - up))
        return down, up

    def multi_reach(self, cell: Key) -> tuple[int, int]:
        """How far a multi item's chosen/not-chosen count can go (down, up)."""
        tab, box = self.tab, self.box
        _, item, option, side = cell
        other = ("m", item, option, "no" if side == "yes" else "yes")
        up = min(box[cell][1] - tab.counts[cell], tab.counts[other] - box[other][0])
        down = min(tab.counts[cell] - box[cell][0], box[other][1] - tab.counts[other])
        return max(0, down), max(0, up)

    def reach(self, cell: Key, need: int) -> tuple[int, int]:
        """How far a cell's true count can go (down, up) with all else as published
        allows; the search stops once down + up reaches `need`."""
        if cell[0] == "x":
            return self.cross_reach(cell, need)
        if cell[0] == "m":
            return self.multi_reach(cell)
        return self.one_way_reach(cell, need)


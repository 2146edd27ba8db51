"""Cheap proof that a protected cell is safe: other true tables that fit what was published.

The audit must show that each protected cell can take values at least `protection`
apart. The truth is one consistent set of tables; moving counts inside one cross table
along a cycle (up in one cell, down in the next cell of its row, up in that column, ...)
keeps every row and column total, so every other table is untouched. If each moved cell
stays in the range the attacker knows for it, the result is another set of tables the
attacker cannot tell from the truth. How far a cell can move that way is a maximum flow
(SciPy's csgraph): rows and columns are nodes, raising cell (r, c) is an edge r -> c
with capacity high - count, lowering it an edge c -> r with capacity count - low.

An item's own count moves by moving the same respondents in every cross table of the
item at once. When no such move is wide enough the audit falls back to the linear
program over everything published (attacker.py), which is exact.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.release_tables import Tabulation

Box = dict[Key, tuple[int, int]]  # cell -> the attacker's (low, high) for its true count


class Witness:
    """Moves within one release's true tables, each table's flows computed once."""

    def __init__(self, tab: Tabulation, box: Box) -> None:
        self.tab, self.box = tab, box
        self._graphs: dict[tuple[str, str], csr_matrix] = {}
        self._flows: dict[tuple[str, str, int, int], int] = {}

    def graph(self, b: str, i: str) -> csr_matrix:
        """Cross table b × i as a flow network (rows, then columns)."""
        if (b, i) in self._graphs:
            return self._graphs[(b, i)]
        rows, cols = self.tab.categories[b], self.tab.categories[i]
        size = len(rows) + len(cols)
        cap = np.zeros((size, size), dtype=np.int32)
        for r, row in enumerate(rows):
            for c, col in enumerate(cols):
                cell = ("x", b, row, i, col)
                low, high = self.box[cell]
                count = self.tab.counts[cell]
                cap[r, len(rows) + c] = max(0, high - count)
                cap[len(rows) + c, r] = max(0, count - low)
        graph = self._graphs[(b, i)] = csr_matrix(cap)
        return graph

    def flow(self, b: str, i: str, source: int, sink: int) -> int:
        """Maximum flow through cross table b × i (cached)."""
        key = (b, i, source, sink)
        if key not in self._flows:
            self._flows[key] = int(maximum_flow(self.graph(b, i), source, sink).flow_value)
        return self._flows[key]

    def shift(self, item: str, frm: str, to: str, skip: tuple[str, str] | None = None) -> int:
        """How many respondents can move from answer `frm` to `to` of `item` in the
        item's own table and every cross table of it (but `skip`) at once."""
        tab, box = self.tab, self.box
        best = min(box[("1", item, to)][1] - tab.counts[("1", item, to)],
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

    def cross_reach(self, cell: Key) -> tuple[int, int]:
        """How far a cross-table cell can go (down, up): by cycles inside its table, or
        by moving respondents of its row (or column) between answers everywhere."""
        tab, box = self.tab, self.box
        _, b, row, i, col = cell
        rows, cols = tab.categories[b], tab.categories[i]
        r, c = rows.index(row), len(rows) + cols.index(col)
        low, high = box[cell]
        count = tab.counts[cell]
        # The cell's own edges join source and sink directly, adding exactly their
        # capacity to the flow: the rest of the table's flow is the total less that.
        up = self.flow(b, i, c, r) - max(0, count - low)
        down = self.flow(b, i, r, c) - max(0, high - count)

        def room(other: Key, rising: bool) -> int:
            o_low, o_high = box[other]
            return o_high - tab.counts[other] if rising else tab.counts[other] - o_low

        for other in cols:
            if other != col and up < high - count:
                lane = ("x", b, row, i, other)
                up = max(up, min(room(lane, False), self.shift(i, other, col, (b, i))))
            if other != col and down < count - low:
                lane = ("x", b, row, i, other)
                down = max(down, min(room(lane, True), self.shift(i, col, other, (b, i))))
        for other in rows:
            if other != row and up < high - count:
                lane = ("x", b, other, i, col)
                up = max(up, min(room(lane, False), self.shift(b, other, row, (b, i))))
            if other != row and down < count - low:
                lane = ("x", b, other, i, col)
                down = max(down, min(room(lane, True), self.shift(b, row, other, (b, i))))
        return max(0, min(down, count - low)), max(0, min(up, high - count))

    def one_way_reach(self, cell: Key) -> tuple[int, int]:
        """How far an item's count can go (down, up), moving respondents between answers."""
        _, item, cat = cell
        others = [c for c in self.tab.categories[item] if c != cat]
        up = max((self.shift(item, o, cat) for o in others), default=0)
        down = 0
        if self.tab.counts[cell] > 0:
            down = max((self.shift(item, cat, o) for o in others), default=0)
        return down, up

    def multi_reach(self, cell: Key) -> tuple[int, int]:
        """How far a multi item's chosen/not-chosen count can go (down, up)."""
        tab, box = self.tab, self.box
        _, item, option, side = cell
        other = ("m", item, option, "no" if side == "yes" else "yes")
        up = min(box[cell][1] - tab.counts[cell], tab.counts[other] - box[other][0])
        down = min(tab.counts[cell] - box[cell][0], box[other][1] - tab.counts[other])
        return max(0, down), max(0, up)

    def reach(self, cell: Key) -> tuple[int, int]:
        """How far a cell's true count can go (down, up) with all else as published
        allows."""
        if cell[0] == "x":
            return self.cross_reach(cell)
        if cell[0] == "m":
            return self.multi_reach(cell)
        return self.one_way_reach(cell)

"""Cheap proofs across releases: moving a run of releases together.

A witness (witness.py) moves one release's tables with every other release held at its
true counts (`alone`), keeping each inclusion link the attacker knows (the releases it
includes and those that include it, `published.inclusion_links`: after a revocation
these are not only its neighbours). When nothing was added to a cell between two
releases, the link pins it, and only the linear program would see that the cell can
still move: every release of a run moving the same way keeps every "no count shrinks"
rule inside the run. So a cell can also move with the run from its release to the end
(up: no release after it limits that) or from the start to its release (down), each move
staying in every moved release's published ranges and every link from the run to a
release held still. A run is releases each including the one before, with the same
tables.

A cell's range is at least as wide as its largest move down plus its largest move up
(each move is a set of tables the attacker cannot tell from the truth). The difference
of releases a < b rises when b's cell rises or a's falls, and falls when b's falls or
a's rises; both at once when no link joins the releases moved with a to those moved
with b (the releases between them, held at their true counts, keep the two moves apart).
"""

from __future__ import annotations

from fieldtui.supervise.attacker import Key
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.published import Published
from fieldtui.supervise.witness import Witness


class Moves:
    """The witnesses of every release, alone and in runs, built when first asked."""

    def __init__(self, releases: list[Published], links: list[tuple[int, ...]]) -> None:
        self.releases = releases
        self._inner = links  # the attacker's inclusion links (`inclusion_links`)
        self._outer: list[list[int]] = [[] for _ in releases]
        for n, inner in enumerate(links):
            for k in inner:
                self._outer[k].append(n)
        self._linked = [n - 1 in links[n] and releases[n - 1].same_tables(releases[n])
                        for n in range(len(releases))]
        self._blocks: dict[tuple[int, int, int], Witness] = {}

    def _start(self, n: int) -> int:
        while self._linked[n]:
            n -= 1
        return n

    def _end(self, n: int) -> int:
        while n + 1 < len(self.releases) and self._linked[n + 1]:
            n += 1
        return n

    def _shifts(self, n: int) -> dict[Key, tuple[int, int]]:
        rel = self.releases[n]
        out = {}
        for cell, count in rel.truth.counts.items():
            low, high = rel.known(cell)
            out[cell] = (min(0, low - count), max(0, high - count))
        return out

    def _witness(self, first: int, last: int, n: int) -> Witness:
        """Releases first..last moving alike, seen from release n among them."""
        key = (first, last, n)
        if key in self._blocks:
            return self._blocks[key]
        shifts = self._shifts(n)
        for other in range(first, last + 1):
            if other != n:
                more = self._shifts(other)
                shifts = {c: (max(lo, more[c][0]), min(hi, more[c][1]))
                          for c, (lo, hi) in shifts.items()}
        run = range(first, last + 1)
        # Every link between a moved release and one held still: those it includes bound
        # the move down, those that include it the move up.
        held = [(self.releases[k], self.releases[j]) for j in run for k in self._inner[j]
                if k not in run]
        holding = [(self.releases[j], self.releases[k]) for j in run for k in self._outer[j]
                   if k not in run]
        base = self.releases[n].truth.counts
        box: dict[Key, tuple[int, int]] = {}
        for cell, (lo, hi) in shifts.items():
            for inner, moved in held:
                lo = 0 if _regrouped(inner, moved, cell) else max(
                    lo, min(0, inner.truth.counts.get(cell, 0) - moved.truth.counts[cell]))
            for moved, outer in holding:
                hi = 0 if _regrouped(moved, outer, cell) else min(
                    hi, max(0, outer.truth.counts.get(cell, 10 ** 9)
                            - moved.truth.counts[cell]))
            box[cell] = (base[cell] + lo, base[cell] + hi)
        witness = self._blocks[key] = Witness(self.releases[n].truth, box)
        return witness

    def _options(self, n: int) -> list[tuple[int, int]]:
        runs = [(n, n), (n, self._end(n)), (self._start(n), n)]
        return list(dict.fromkeys(runs))

    def cell(self, n: int, cell: Key, need: int) -> tuple[int, int]:
        """How far (down, up) a cell of release n can be shown to move."""
        down = up = 0
        for first, last in self._options(n):
            d, u = self._witness(first, last, n).reach(cell, need)
            down, up = max(down, d), max(up, u)
            if down + up >= need:
                break
        return down, up

    def difference(self, a: int, b: int, cell: Key, need: int) -> tuple[int, int]:
        """How far (down, up) the difference of releases a < b in a cell can be shown
        to move: runs that move b but not a, or a but not b."""
        # Moved together only when no link joins a release moved with b to one moved
        # with a (after a revocation, a may be linked to b itself).
        moved_a = range(self._start(a), a + 1)
        apart = not any(k in moved_a for j in range(b, self._end(b) + 1)
                        for k in self._inner[j])
        b_down = b_up = a_down = a_up = 0
        runs_b = [(b, b), (b, self._end(b))]
        runs_a = [(a, a), (self._start(a), a)]
        for (b1, b2), (a1, a2) in zip(runs_b, runs_a, strict=True):
            d, u = self._witness(b1, b2, b).reach(cell, need)
            b_down, b_up = max(b_down, d), max(b_up, u)
            if _total(b_down, b_up, a_down, a_up, apart) >= need:
                break
            d, u = self._witness(a1, a2, a).reach(cell, need)
            a_down, a_up = max(a_down, d), max(a_up, u)
            if _total(b_down, b_up, a_down, a_up, apart) >= need:
                break
        if apart:
            return b_down + a_up, b_up + a_down
        return max(b_down, a_up), max(b_up, a_down)


def _total(b_down: int, b_up: int, a_down: int, a_up: int, apart: bool) -> int:
    if apart:
        return b_down + a_up + b_up + a_down
    return max(b_down, a_up) + max(b_up, a_down)


def _regrouped(before: Published, after: Published, cell: Key) -> bool:
    """True for a language cell whose row has other languages in the next release (a
    plan version added or dropped one): its answers may move between that row's
    categories, which only the linear program follows, so the witness holds it still."""
    return cell[0] in ("1", "x") and split_item(cell[1]) is not None and \
        before.truth.categories.get(cell[1]) != after.truth.categories.get(cell[1])

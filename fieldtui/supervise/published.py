"""One release as the audit sees it: what was shown and the true tables behind it."""

from __future__ import annotations

from dataclasses import dataclass

from fieldtui.supervise.attacker import Key, Snapshot
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.release_tables import Tabulation


@dataclass
class Published:
    """One release as the audit sees it: what was shown and the truth behind it."""

    tag: str
    members: frozenset[str]
    truth: Tabulation
    cells: dict[Key, int | None]
    total: int  # the published (perturbed) respondent count
    min_cell: int
    max_change: int
    protection: int
    sensitive: frozenset[str] | None  # None: every item

    def known(self, cell: Key) -> tuple[int, int]:
        """The range the attacker knows a cell's true count is in, from this release."""
        d, m, shown = self.max_change, self.min_cell, self.cells.get(cell)
        if cell not in self.cells:
            return 0, self.truth.respondents
        return (0, m - 1 + d) if shown is None else (max(m, shown - d), shown + d)

    def snapshot(self, inside: str | None) -> Snapshot:
        """What an attacker knows of this release."""
        snap = self.truth.snapshot(self.tag)
        snap.inside = inside
        snap.known = {cell: self.known(cell) for cell in self.cells}
        snap.total = (self.total - self.max_change, self.total + self.max_change)
        return snap

    def is_sensitive(self, cell: Key) -> bool:
        """True if a zero in this cell would disclose a sensitive answer. A language's
        total for an item (how many were asked it in that language) holds no answer, nor
        does a language nobody was asked the item in; the item's answers by the language
        they were asked in are answers like any other."""
        if cell[0] in ("1", "x") and split_item(cell[1]) is not None and (
                cell[0] == "1" or not self.truth.counts.get(("1", cell[1], cell[2]))):
            return False
        if self.sensitive is None:
            return True
        items = {cell[1], cell[3]} if cell[0] == "x" else {cell[1]}
        return bool(items & self.sensitive)

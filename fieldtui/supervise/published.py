"""One release as the audit sees it: what was shown and the true tables behind it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from fieldtui.supervise.attacker import Key, Snapshot
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.release_tables import Tabulation

Table: TypeAlias = str | tuple[str, str]  # an item, or a crossing (b, i)


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

    def snapshot(self, inside: tuple[str, ...]) -> Snapshot:
        """What an attacker knows of this release (`inside`: the tags of the earlier
        releases it includes that the attacker links it to, `inclusion_links`)."""
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

    def shown(self) -> frozenset[Table]:
        """The items and crossings this release published (a release made before a plan
        version brought an item back is re-counted with it, but showed none of it)."""
        return frozenset(cell[1] if cell[0] == "1" else (cell[1], cell[3])
                         for cell in self.cells if cell[0] in ("1", "x"))

    def same_tables(self, other: Published) -> bool:
        """True if both releases hold the same tables (categories, crosses, options)."""
        return (self.truth.categories == other.truth.categories
                and self.truth.crosses == other.truth.crosses
                and self.truth.multi == other.truth.multi)


def inclusions(releases: Sequence[Published]) -> list[list[int]]:
    """For each release, every earlier one whose respondents it includes (all of them:
    a revoked respondent leaves a release out while one before it stays inside)."""
    return [[k for k in range(n) if releases[k].members <= rel.members]
            for n, rel in enumerate(releases)]


def inclusion_links(releases: Sequence[Published],
                    inside: list[list[int]] | None = None) -> list[tuple[int, ...]]:
    """For each release, the earlier releases it includes that the attacker's "no count
    shrinks" rules (attacker.py) and the witnesses (release_moves.py) link it to: all it
    includes but those a link through another implies. k ⊆ m ⊆ n implies k ⊆ n when m
    holds k's tables or n's (every cell of the one is a cell of the other, so the rows
    from k to m and from m to n give every row from k to n); when m holds other tables
    (a plan version between that drops an item, or a language, k and n both have) the
    rows through m say less, and the link k ⊆ n is kept. In a chain of releases of one
    plan version each links to the one before only, as without revocations."""
    inside = inclusions(releases) if inside is None else inside
    links: list[tuple[int, ...]] = []
    for n, rel in enumerate(releases):
        links.append(tuple(k for k in inside[n] if not any(
            k in inside[m] and (releases[m].same_tables(releases[k])
                                or releases[m].same_tables(rel))
            for m in inside[n] if m > k)))
    return links


def neighbour_tables(releases: Sequence[Published], inside: list[list[int]]
                     ) -> dict[tuple[int, int], frozenset[Table]]:
    """For each release n and each release k inside it, the items and crossings for which
    k is n's neighbour: the latest release inside n that showed them. A plan version that
    drops an item a later one brings back (or a release made without a crossing) leaves
    the last release that showed it the neighbour of the next that shows it again."""
    shown = [rel.shown() for rel in releases]
    out: dict[tuple[int, int], frozenset[Table]] = {}
    for n in range(len(releases)):
        later: frozenset[Table] = frozenset()  # shown by a release inside n after k
        for k in reversed(inside[n]):
            out[(k, n)] = shown[k] - later
            later |= shown[k]
    return out

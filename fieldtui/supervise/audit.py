"""The built-in attacker, played against every release of a poll.

The attacker knows every published cell of every release (a published count p with
largest change D means the true count is in [max(min_cell, p - D), p + D]; a suppressed
cell is below min_cell + D), each release's respondent count within D (it is published
perturbed), that tables add up, and which releases include which (every pair, not only
neighbours: after a revocation a release includes one before it but not the one just
before it). Protected are:

- every cell whose true count is from 1 to min_cell - 1 (a small count);
- every zero cell of a sensitive item (nobody in the group gave that answer; a row in
  which everyone gave one answer is the same thing: its other cells are zeros);
- every cell of the difference of two releases (one inside the other) whose true count
  is from 1 to min_cell - 1.

Each protected cell's range of possible values must be at least the plan's protection
level: cheap witnesses (witness.py, release_moves.py) show most are; the rest are found
by linear programming (attacker.py), first by points of small programs over blocks of
the model and sums of many cells (audit_settle.py), then one by one, exactly; a
range narrower than the protection level is a violation, with how many respondents to
add at least before it can pass.

Then the posteriors, for every two releases one inside the other (the first and the
third too: one respondent added at each step may be 1 in 2 each time, yet both pinned
between them). Among the added respondents as a whole, for each item, and among those of
each group of a crossing (a row or a column of the cross table's difference, e.g. those
added in the North or asked in Chinese), the attacker's certain share of one answer must
stay at most the larger of the answer's share of everyone (of the whole group) and a
limit (`_limit`): 0.5 between neighbours (a release and the latest release inside it:
the one before, or after a revocation an earlier one; for an item or a crossing also the
latest release inside it that showed that table, when a plan version or `--cross` left
it out of those between: `published.neighbour_tables`), and between far-apart releases
when fewer than 2 × min_cell were added (a majority of so few singles them out); a group
of more added between far-apart releases must only not be all alike (group disclosure in
the difference table; a finding with `alike` set, which one more respondent with another
answer ends).
What is not promised: between far-apart releases the added group is large and the noise
small beside it, so its majority answer (56% of those added since the first release, say,
where 45% of everyone) can be read, as any published row of a group that large says it.
The language each item was asked in is not an answer: its cells and their differences
are protected as above, not by a posterior.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from fieldtui.supervise.attacker import Key, Snapshot
from fieldtui.supervise.audit_posteriors import item_posteriors, row_posteriors
from fieldtui.supervise.audit_result import AuditResult, Finding, LazyAttacker
from fieldtui.supervise.audit_settle import Settle
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.published import (
    Published,
    inclusion_links,
    inclusions,
    neighbour_tables,
)
from fieldtui.supervise.release_moves import Moves


def describe(where: str, cell: Key) -> str:
    """A protected cell in words."""
    split = split_item(cell[1]) if cell[0] in ("1", "x") else None
    if split is not None:
        answer = f", answer {cell[4]!r}" if cell[0] == "x" else ""
        return f"{where}: {split} asked in {cell[2]!r}{answer}"
    if cell[0] == "x":
        return f"{where}: {cell[1]} = {cell[2]!r} × {cell[3]} = {cell[4]!r}"
    if cell[0] == "m":
        return f"{where}: {cell[1]} option {cell[2]!r} {cell[3]}"
    return f"{where}: {cell[1]} = {cell[2]!r}"


def audit(releases: list[Published]) -> AuditResult:
    """Attack every release in the list (one plan's, oldest first)."""
    inside = inclusions(releases)
    links = inclusion_links(releases, inside)
    snapshots: list[Snapshot] = []
    nested: list[tuple[Published, Published]] = []
    for n, rel in enumerate(releases):
        snapshots.append(rel.snapshot(tuple(releases[k].tag for k in links[n])))
        nested += [(releases[k], rel) for k in inside[n]]
    attacker = LazyAttacker(snapshots)
    result = AuditResult()
    moves = Moves(releases, links)
    hard: list[_Hard] = []
    place = {rel.tag: n for n, rel in enumerate(releases)}
    for n, rel in enumerate(releases):
        for cell, count in rel.truth.counts.items():
            small = 0 < count < rel.min_cell
            if small or (count == 0 and rel.is_sensitive(cell)):
                _check(hard, result, rel.protection, rel.min_cell,
                       partial(moves.cell, n, cell),
                       {(rel.tag, *cell): 1.0}, count, describe(f"release {rel.tag}", cell))
    for old, new in nested:
        result.pairs += 1
        a, b = place[old.tag], place[new.tag]
        for cell, count in new.truth.counts.items():
            diff = count - old.truth.counts.get(cell, 0)
            if 0 < diff < new.min_cell and cell in old.truth.counts:
                _check(hard, result, new.protection, new.min_cell,
                       partial(moves.difference, a, b, cell),
                       {(new.tag, *cell): 1.0, (old.tag, *cell): -1.0}, diff,
                       describe(f"difference {old.tag} → {new.tag}", cell))
    _settle(attacker, result, hard, releases)
    # Every pair, the first and the third too; a release's neighbour is the latest
    # release inside it (the one before, or after a revocation an earlier one), and for
    # an item or a crossing also the latest release inside it that showed that table.
    latest = {new.tag: old.tag for old, new in nested}  # inside[n] is oldest first
    tables = neighbour_tables(releases, inside)
    for old, new in nested:
        a, b = place[old.tag], place[new.tag]
        near = latest[new.tag] == old.tag
        item_posteriors(attacker, result, old, new, neighbours=near, near=tables[(a, b)])
        row_posteriors(attacker, result, old, new, partial(moves.difference, a, b),
                        neighbours=near, near=tables[(a, b)])
    result.programs = attacker.programs
    return result


@dataclass
class _Hard:
    """A protected cell no cheap witness proved safe: the linear programs decide."""

    objective: dict[Key, float]
    true: int
    down: int  # how far a witness moved it down
    protection: int
    min_cell: int
    what: str
    up: int = 0  # how far a witness moved it up


def _check(hard: list[_Hard], result: AuditResult, protection: int, min_cell: int,
           moves: Callable[[int], tuple[int, int]], objective: dict[Key, float], true: int,
           what: str) -> None:
    result.checked += 1
    down, up = moves(protection)
    if down + up < protection:
        hard.append(_Hard(objective, true, down, protection, min_cell, what, up))
    elif result.narrowest is None or down + up < result.narrowest:
        result.narrowest = down + up


def _settle(lazy: LazyAttacker, result: AuditResult, hard: list[_Hard],
            releases: list[Published]) -> None:
    """The exact range of each hard cell, with fewer programs: first points of the model
    (audit_settle.py: small programs over blocks of it, sums of many cells) that show
    most wide enough, then each left alone; every solution found also settles the cells
    it shows wide enough."""

    def narrow(width: float) -> None:
        if result.narrowest is None or width < result.narrowest:
            result.narrowest = width

    settle = Settle(lazy, releases, list(hard), narrow)
    lazy.programs += settle.rounds()
    while settle.pending:
        _, h = settle.pending.popitem()
        _exactly(lazy, result, h)
        point = lazy.get().last_point()
        if settle.blocks().fits(point):
            settle.take(point)


def _exactly(lazy: LazyAttacker, result: AuditResult, h: _Hard) -> None:
    lazy.programs += 1
    attacker = lazy.get()
    high = attacker.interval_high(h.objective)
    low: float = h.true - h.down
    one_cell = len(h.objective) == 1
    if high - low < h.protection and not (one_cell and low <= 0):  # counts are >= 0
        low = attacker.interval_low(h.objective)
    width = high - low
    if result.narrowest is None or width < result.narrowest:
        result.narrowest = width
    if width < h.protection:
        # A small count stops being protected at min_cell; until then only new
        # respondents in its cell (a new cell key, so new noise) can change it.
        result.findings.append(Finding(h.what, low, high, more=max(1, h.min_cell - h.true)))

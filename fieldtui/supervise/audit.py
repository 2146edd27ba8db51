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
by linear programming (attacker.py), first all at once, then one by one, exactly; a
range narrower than the protection level is a violation, with how many respondents to
add at least before it can pass.

Then the posteriors, for every two releases one inside the other (the first and the
third too: one respondent added at each step may be 1 in 2 each time, yet both pinned
between them). Among the added respondents as a whole, for each item, and among those of
each group of a crossing (a row or a column of the cross table's difference, e.g. those
added in the North or asked in Chinese), the attacker's certain share of one answer must
stay at most the larger of the answer's share of everyone (of the whole group) and a
limit (`_limit`): 0.5 between neighbours (a release and the latest release inside it:
the one before, or after a revocation an earlier one), and between far-apart releases
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

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from fieldtui.supervise.attacker import Attacker, Key, Snapshot, answer_posterior
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.published import Published, inclusion_links, inclusions
from fieldtui.supervise.release_moves import Moves
from fieldtui.supervise.release_tables import Tabulation

MAX_POSTERIOR = 0.5


@dataclass
class Finding:
    """A protected cell (or answer) the attacker narrows too much."""

    what: str
    low: float
    high: float
    posterior: float = 0.0
    more: int = 1  # respondents to add, at least, before this can pass
    alike: int = 0  # group disclosure: this many added respondents all gave one answer


@dataclass
class AuditResult:
    """What the attacker achieved."""

    checked: int = 0
    pairs: int = 0
    narrowest: float | None = None  # the narrowest protected range found
    top_posterior: float = 0.0
    programs: int = 0  # linear programs solved (cells no cheap witness covered)
    findings: list[Finding] = field(default_factory=list)


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
    attacker = _Lazy(snapshots)
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
    _settle(attacker, result, hard)
    # Every pair, the first and the third too; a release's neighbour is the latest
    # release inside it (the one before, or after a revocation an earlier one).
    latest = {new.tag: old.tag for old, new in nested}  # inside[n] is oldest first
    for old, new in nested:
        a, b = place[old.tag], place[new.tag]
        near = latest[new.tag] == old.tag
        _posteriors(attacker, result, old, new, neighbours=near)
        _row_posteriors(attacker, result, old, new, partial(moves.difference, a, b),
                        neighbours=near)
    result.programs = attacker.programs
    return result


class _Lazy:
    """The linear programs, built only when a cheap witness is not enough."""

    def __init__(self, snapshots: list[Snapshot]) -> None:
        self.snapshots = snapshots
        self._attacker: Attacker | None = None
        self.programs = 0

    def get(self) -> Attacker:
        """The attacker over every snapshot."""
        if self._attacker is None:
            self._attacker = Attacker(self.snapshots)
        return self._attacker


@dataclass
class _Hard:
    """A protected cell no cheap witness proved safe: the linear programs decide."""

    objective: dict[Key, float]
    true: int
    down: int  # how far a witness moved it down
    protection: int
    min_cell: int
    what: str


def _check(hard: list[_Hard], result: AuditResult, protection: int, min_cell: int,
           moves: Callable[[int], tuple[int, int]], objective: dict[Key, float], true: int,
           what: str) -> None:
    result.checked += 1
    down, up = moves(protection)
    if down + up < protection:
        hard.append(_Hard(objective, true, down, protection, min_cell, what))
    elif result.narrowest is None or down + up < result.narrowest:
        result.narrowest = down + up


def _settle(lazy: _Lazy, result: AuditResult, hard: list[_Hard]) -> None:
    """The exact range of each hard cell, with fewer programs: first the largest sum of
    all of them (one solution often shows many can go high enough), then each alone;
    every solution found also settles the cells it shows high enough."""
    pending = {id(h): h for h in hard}

    def settle_by_last_point() -> None:
        attacker = lazy.get()
        for key, h in list(pending.items()):
            width = attacker.at_last_point(h.objective) - h.true + h.down
            if width >= h.protection - 1e-6:
                del pending[key]
                if result.narrowest is None or width < result.narrowest:
                    result.narrowest = float(math.floor(width + 1e-6))

    while len(pending) > 1:
        before = len(pending)
        total: dict[Key, float] = {}
        for h in pending.values():
            for key, coef in h.objective.items():
                total[key] = total.get(key, 0.0) + coef
        lazy.programs += 1
        lazy.get().extreme(total, largest=True, far=True)
        settle_by_last_point()
        if len(pending) == before:
            break
    while pending:
        _, h = pending.popitem()
        _exactly(lazy, result, h)
        settle_by_last_point()


def _exactly(lazy: _Lazy, result: AuditResult, h: _Hard) -> None:
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


def _limit(added: int, min_cell: int, neighbours: bool) -> float:
    """The largest certain share of one answer the attacker may reach among `added`
    respondents of a group (all those added, or those of one row of a crossing), unless
    the answer's share of everyone is higher: 0.5 between releases one after the other,
    and between far-apart ones for a group of fewer than 2 × min_cell (a majority of so
    few singles them out); for a larger group between far-apart releases anything short
    of all alike: its majority is a statistic of a large group, as any published row is."""
    if neighbours or added < 2 * min_cell:
        return MAX_POSTERIOR
    return (added - 1) / added


def _finding(what: str, certain: float, added: int, min_cell: int,
             neighbours: bool) -> Finding:
    """A group the attacker is too sure of, with how many respondents to add at least.
    Adding keeps the certain count: it takes enough to dilute it to half or, between
    far-apart releases, to make the group 2 × min_cell, where only all alike is refused.
    A large group all alike takes one more, who ends it only by answering otherwise."""
    if _limit(added, min_cell, neighbours) > MAX_POSTERIOR:
        return Finding(what, 0, 0, certain / added, more=1, alike=added)
    more = math.ceil(2 * certain - added)
    if not neighbours:
        more = min(more, 2 * min_cell - added)
    return Finding(what, 0, 0, certain / added, more=max(1, more))


def _posteriors(lazy: _Lazy, result: AuditResult, old: Published, new: Published, *,
                neighbours: bool = True) -> None:
    added = len(new.members - old.members)
    limit = _limit(added, new.min_cell, neighbours)
    for item, cats in new.truth.categories.items():
        if split_item(item) is not None:
            # The language an item was asked in is how it was asked, not an answer: the
            # added respondents' answers are checked item by item, and a small difference
            # of a language's cells (one added respondent asked in Chinese) is protected
            # like every other difference above.
            continue
        diffs = {c: new.truth.counts[("1", item, c)] - old.truth.counts.get(("1", item, c), 0)
                 for c in cats}
        # What the release says of everyone (the share of each answer) is no
        # differencing: only a certain share of the added respondents above both the
        # limit and the answer's share among all respondents is. The truth is possible,
        # so no answer's certain share exceeds its true share among the added: only an
        # item where one answer has more than that (between far-apart releases and a
        # large group: all the added gave it), or one added respondent, needs the
        # linear programs.
        everyone = {c: new.truth.counts[("1", item, c)] / max(1, new.truth.respondents)
                    for c in cats}
        if added > 1 and all(diffs[c] <= added * max(limit, everyone[c]) for c in cats):
            continue
        # A category the earlier release lacks (an invalid answer first seen among the
        # added) held none of its respondents: answer_posterior counts it from zero.
        asked = cats if item in old.truth.categories else []
        posterior, answer = answer_posterior(lazy.get(), old.tag, new.tag, item, asked,
                                             added)
        if limit == MAX_POSTERIOR:
            result.top_posterior = max(result.top_posterior, posterior)
        if posterior > max(limit, everyone.get(answer, 0.0)):
            result.top_posterior = max(result.top_posterior, posterior)
            result.findings.append(_finding(
                f"difference {old.tag} → {new.tag}: the added respondents' answer to "
                f"{item}", posterior * added, added, new.min_cell, neighbours))


def _row_posteriors(lazy: _Lazy, result: AuditResult, old: Published, new: Published,
                    moves: Callable[[Key, int], tuple[int, int]], *,
                    neighbours: bool = True) -> None:
    """The posterior rule within each group of a crossing: the added respondents of one
    row (or column) of a cross table's difference, e.g. those added in the North or asked
    in Chinese, must not give one answer with a certain share above max(limit, that
    answer's share of the whole group) (`_limit`); a row whose other cells are zeros is
    the group disclosure of issue 10 (item 4) in the difference table (item 3). A
    language is how an item was asked, not an answer: its columns are not groups."""
    now, was = new.truth, old.truth
    pending: list[tuple[dict[Key, float], float, int, str]] = []
    for b, i in now.crosses:
        sides = [(b, i, False)] + ([] if split_item(b) is not None else [(i, b, True)])
        for group, item, flipped in sides:
            for r in now.categories[group]:
                size = now.counts[("1", group, r)]
                added = size - was.counts.get(("1", group, r), 0)
                limit = _limit(added, new.min_cell, neighbours)
                for c in now.categories[item] if added > 0 else []:
                    cell = ("x", b, c, i, r) if flipped else ("x", b, r, i, c)
                    allowed = added * max(limit, now.counts[cell] / size)
                    # The truth is possible: a difference no larger than allowed is
                    # safe; so is one a witness moves down far enough.
                    over = now.counts[cell] - was.counts.get(cell, 0) - allowed
                    if over <= 0:
                        continue
                    if cell in was.counts:
                        if moves(cell, math.ceil(over))[0] >= over:
                            continue
                        objective: dict[Key, float] = {(new.tag, *cell): 1.0,
                                                       (old.tag, *cell): -1.0}
                    elif _from_zero(was, cell):
                        objective = {(new.tag, *cell): 1.0}
                    else:
                        continue
                    pending.append((objective, allowed, added,
                                    _group(old, new, group, r, item)))
    if not pending:
        return
    attacker = lazy.get()
    if len(pending) > 1:  # one solution, all as low as they can go together, settles most
        lazy.programs += 1
        attacker.extreme({k: v for p in pending for k, v in p[0].items()}, largest=False)
        # Counts are whole: a difference that can go as low as 3.2 is at least 4, so a
        # group is settled only when the whole number above its value is allowed.
        pending = [p for p in pending
                   if math.ceil(attacker.at_last_point(p[0]) - 1e-6) > p[1] + 1e-6]
    for objective, allowed, added, what in pending:
        lazy.programs += 1
        certain = max(0.0, attacker.interval_low(objective))
        if _limit(added, new.min_cell, neighbours) == MAX_POSTERIOR:
            result.top_posterior = max(result.top_posterior, certain / added)
        if certain > allowed + 1e-6:
            result.top_posterior = max(result.top_posterior, certain / added)
            result.findings.append(_finding(what, certain, added, new.min_cell,
                                            neighbours))


def _from_zero(was: Tabulation, cell: Key) -> bool:
    """True if a cross cell the earlier release lacks held none of its respondents: its
    table was there and the cell's category is new (an invalid answer, a region first
    seen). A language new in a later plan version is not: the earlier respondents whose
    language was not recorded may be in it (attacker.py, `_no_count_shrinks`)."""
    _, b, row, i, _ = cell
    return (b, i) in was.crosses and (split_item(b) is None or row in was.categories[b])


def _group(old: Published, new: Published, group: str, row: str, item: str) -> str:
    split = split_item(group)
    who = f"asked {split} in {row!r}" if split is not None else f"with {group} = {row!r}"
    return (f"difference {old.tag} → {new.tag}: the answer to {item} of the added "
            f"respondents {who}")

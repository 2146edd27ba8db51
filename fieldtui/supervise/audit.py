"""The built-in attacker, played against every release of a poll.

The attacker knows every published cell of every release (a published count p with
largest change D means the true count is in [max(min_cell, p - D), p + D]; a suppressed
cell is below min_cell + D), each release's respondent count within D (it is published
perturbed), that tables add up, and which releases include which. Protected are:

- every cell whose true count is from 1 to min_cell - 1 (a small count);
- every zero cell of a sensitive item (nobody in the group gave that answer; a row in
  which everyone gave one answer is the same thing: its other cells are zeros);
- every cell of the difference of two releases (one inside the other) whose true count
  is from 1 to min_cell - 1.

Each protected cell's range of possible values is found by linear programming
(attacker.py); a range narrower than the plan's protection level is a violation. For two
releases one after the other, the attacker's posterior for the added respondents' answer
to each item must stay at most 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldtui.supervise.attacker import Attacker, Key, Snapshot, answer_posterior
from fieldtui.supervise.release_tables import Tabulation
from fieldtui.supervise.witness import Box, Witness

MAX_POSTERIOR = 0.5


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

    def box(self, before: Published | None, after: Published | None) -> Box:
        """Each cell's range with the releases just before and after (nested in this
        one, and this one in it) held at their true counts."""
        out: Box = {}
        for cell, count in self.truth.counts.items():
            low, high = self.known(cell)
            if before is not None:
                low = max(low, before.truth.counts.get(cell, 0))
            if after is not None:
                high = min(high, after.truth.counts.get(cell, high))
            out[cell] = (min(low, count), max(high, count))
        return out

    def is_sensitive(self, cell: Key) -> bool:
        """True if a zero in this cell would disclose a sensitive answer."""
        if self.sensitive is None:
            return True
        items = {cell[1], cell[3]} if cell[0] == "x" else {cell[1]}
        return bool(items & self.sensitive)


@dataclass
class Finding:
    """A protected cell (or answer) the attacker narrows too much."""

    what: str
    low: float
    high: float
    posterior: float = 0.0


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
    if cell[0] == "x":
        return f"{where}: {cell[1]} = {cell[2]!r} × {cell[3]} = {cell[4]!r}"
    if cell[0] == "m":
        return f"{where}: {cell[1]} option {cell[2]!r} {cell[3]}"
    return f"{where}: {cell[1]} = {cell[2]!r}"


def audit(releases: list[Published]) -> AuditResult:
    """Attack every release in the list (one plan's, oldest first)."""
    snapshots: list[Snapshot] = []
    nested: list[tuple[Published, Published]] = []
    for n, rel in enumerate(releases):
        inner = releases[n - 1] if n else None
        inside = inner.tag if inner is not None and inner.members <= rel.members else None
        snapshots.append(rel.snapshot(inside))
        nested += [(old, rel) for old in releases[:n] if old.members <= rel.members]
    attacker = _Lazy(snapshots)
    result = AuditResult()
    boxes: dict[str, Box] = {}
    witnesses: dict[str, Witness] = {}
    for n, rel in enumerate(releases):
        before = releases[n - 1] if n and releases[n - 1].members <= rel.members else None
        after = (releases[n + 1] if n + 1 < len(releases)
                 and rel.members <= releases[n + 1].members else None)
        box = boxes[rel.tag] = rel.box(before, after)
        witnesses[rel.tag] = Witness(rel.truth, box)
        for cell, count in rel.truth.counts.items():
            small = 0 < count < rel.min_cell
            if small or (count == 0 and rel.is_sensitive(cell)):
                _check(attacker, result, rel, witnesses[rel.tag], cell, {(rel.tag, *cell): 1.0}, count,
                       describe(f"release {rel.tag}", cell))
    for old, new in nested:
        result.pairs += 1
        for cell, count in new.truth.counts.items():
            diff = count - old.truth.counts.get(cell, 0)
            if 0 < diff < new.min_cell and cell in old.truth.counts:
                _check(attacker, result, new, witnesses[new.tag], cell,
                       {(new.tag, *cell): 1.0, (old.tag, *cell): -1.0}, diff,
                       describe(f"difference {old.tag} → {new.tag}", cell))
    for n in range(1, len(releases)):
        old, new = releases[n - 1], releases[n]
        if old.members <= new.members:
            _posteriors(attacker, result, old, new)
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


def _check(lazy: _Lazy, result: AuditResult, rel: Published, witness: Witness, cell: Key,
           objective: dict[Key, float], true: int, what: str) -> None:
    result.checked += 1
    protection = rel.protection
    down, up = witness.reach(cell)
    low, high = float(true - down), float(true + up)
    if high - low < protection:  # no cheap witness: the exact range
        lazy.programs += 1
        attacker = lazy.get()
        high = attacker.interval_high(objective)
        if high - true < protection:
            low = attacker.interval_low(objective)
    width = high - low
    if result.narrowest is None or width < result.narrowest:
        result.narrowest = width
    if width < protection:
        result.findings.append(Finding(what, low, high))


def _posteriors(lazy: _Lazy, result: AuditResult, old: Published,
                new: Published) -> None:
    added = len(new.members - old.members)
    for item, cats in new.truth.categories.items():
        diffs = {c: new.truth.counts[("1", item, c)] - old.truth.counts.get(("1", item, c), 0)
                 for c in cats}
        # What the release says of everyone (the share of each answer) is no
        # differencing: only a certain share of the added respondents above both 0.5 and
        # the answer's share among all respondents is. The truth is possible, so no
        # answer's certain share exceeds its true share among the added: only an item
        # where one answer has more than that, or one added respondent, needs the
        # linear programs.
        everyone = {c: new.truth.counts[("1", item, c)] / max(1, new.truth.respondents)
                    for c in cats}
        if added > 1 and all(diffs[c] <= added * max(MAX_POSTERIOR, everyone[c])
                             for c in cats):
            continue
        attacker = lazy.get()
        known_before = [c for c in cats if attacker.has((old.tag, "1", item, c))]
        posterior, answer = answer_posterior(attacker, old.tag, new.tag, item, known_before,
                                             added)
        result.top_posterior = max(result.top_posterior, posterior)
        if posterior > max(MAX_POSTERIOR, everyone.get(answer, 0.0)):
            result.findings.append(Finding(
                f"difference {old.tag} → {new.tag}: the added respondents' answer to "
                f"{item}", 0, 0, posterior))

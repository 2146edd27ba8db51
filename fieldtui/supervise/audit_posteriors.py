"""The posterior rules of the release audit (audit.py's docstring says what they
promise): between two releases one inside the other, the attacker's certain share of one
answer among the added respondents, for each item and within each group of a crossing."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection

from fieldtui.supervise.attacker import Key, answer_posterior
from fieldtui.supervise.audit_result import MAX_POSTERIOR, AuditResult, Finding, LazyAttacker
from fieldtui.supervise.poll_tables import split_item
from fieldtui.supervise.published import Published, Table
from fieldtui.supervise.release_tables import Tabulation


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


def item_posteriors(lazy: LazyAttacker, result: AuditResult, old: Published, new: Published, *,
                neighbours: bool = True, near: Collection[Table] = ()) -> None:
    """The posterior rule for the added respondents as a whole, item by item: `old` is
    `new`'s neighbour for every item when `neighbours`, else for the items in `near`
    (those no release between them showed)."""
    added = len(new.members - old.members)
    for item, cats in new.truth.categories.items():
        if split_item(item) is not None:
            # The language an item was asked in is how it was asked, not an answer: the
            # added respondents' answers are checked item by item, and a small difference
            # of a language's cells (one added respondent asked in Chinese) is protected
            # like every other difference above.
            continue
        next_to = neighbours or item in near
        limit = _limit(added, new.min_cell, next_to)
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
        # added) held none of its respondents: answer_posterior counts it from zero. An
        # item it lacks (a plan version dropped it) it showed nothing of, so nothing is
        # certain here; the last release that showed it is the neighbour for that item
        # (`near`), and its difference is at least as sure of one answer's share: those
        # added in between can at most all have given it.
        asked = cats if item in old.truth.categories else []
        posterior, answer = answer_posterior(lazy.get(), old.tag, new.tag, item, asked,
                                             added)
        if limit == MAX_POSTERIOR:
            result.top_posterior = max(result.top_posterior, posterior)
        if posterior > max(limit, everyone.get(answer, 0.0)):
            result.top_posterior = max(result.top_posterior, posterior)
            result.findings.append(_finding(
                f"difference {old.tag} → {new.tag}: the added respondents' answer to "
                f"{item}", posterior * added, added, new.min_cell, next_to))


def row_posteriors(lazy: LazyAttacker, result: AuditResult, old: Published, new: Published,
                    moves: Callable[[Key, int], tuple[int, int]], *,
                    neighbours: bool = True, near: Collection[Table] = ()) -> None:
    """The posterior rule within each group of a crossing: the added respondents of one
    row (or column) of a cross table's difference, e.g. those added in the North or asked
    in Chinese, must not give one answer with a certain share above max(limit, that
    answer's share of the whole group) (`_limit`); a row whose other cells are zeros is
    the group disclosure of issue 10 (item 4) in the difference table (item 3). A
    language is how an item was asked, not an answer: its columns are not groups. `old`
    is `new`'s neighbour for a crossing when `neighbours`, or when it is in `near`."""
    now, was = new.truth, old.truth
    pending: list[tuple[dict[Key, float], float, int, str, bool]] = []
    for b, i in now.crosses:
        next_to = neighbours or (b, i) in near
        sides = [(b, i, False)] + ([] if split_item(b) is not None else [(i, b, True)])
        for group, item, flipped in sides:
            for r in now.categories[group]:
                size = now.counts[("1", group, r)]
                added = size - was.counts.get(("1", group, r), 0)
                limit = _limit(added, new.min_cell, next_to)
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
                                    _group(old, new, group, r, item), next_to))
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
    for objective, allowed, added, what, next_to in pending:
        lazy.programs += 1
        certain = max(0.0, attacker.interval_low(objective))
        if _limit(added, new.min_cell, next_to) == MAX_POSTERIOR:
            result.top_posterior = max(result.top_posterior, certain / added)
        if certain > allowed + 1e-6:
            result.top_posterior = max(result.top_posterior, certain / added)
            result.findings.append(_finding(what, certain, added, new.min_cell,
                                            next_to))


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

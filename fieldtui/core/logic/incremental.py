"""Re-evaluating after one change, guided by `DependencyIndex.affected` (the fast path).

A round takes the ids whose values changed (with the member paths they changed for) and
re-evaluates each affected expression only for the members that can read one of those
changes: the same member (or its nested members) when the expression reads the id
directly inside the id's own roster, every member when it reads it through an aggregate or
from elsewhere. Calculations come first in dependency order, so their changes reach their
readers within the round; relevance changes (which change what an answer reads as) and
roster changes start the next round. `State.full()` is the reference this must equal.
"""

from __future__ import annotations

from fieldtui.core.logic.rules import SECTION
from fieldtui.core.logic.state import LIMIT, Changes, Key, State, _mark
from fieldtui.core.plan.expr.values import to_bool

FIELDS = ("relevant", "required", "calculate", "choice_filter")


def scope(state: State, key: Key, changes: Changes) -> list[str]:
    """The member paths of `key`'s node that can see one of `changes`."""
    q = state.q
    reads = q.reads.get(key, frozenset())
    roster = q.roster_of_node(key[0])
    every = [""] if roster is None else state.paths.get(roster, [])
    picked: set[str] = set()
    for name in reads:
        if name not in changes:
            continue
        found = changes[name]
        if roster is None or found is None or name not in q.plain[key]:
            return every
        where = q.roster_of.get(name)
        if where is None or where not in q.chain(roster):
            return every
        picked |= found
    if not picked:
        return []
    return [p for p in every if p in picked or p.split("/", 1)[0] in picked]


def _roster_changes(state: State, old: dict[str, list[str]], seeds: Changes,
                    forced: set[Key], out: set[Key]) -> None:
    """After members changed: drop those who left, evaluate those who came, and re-run every
    expression of the changed rosters (position(..), indexed-repeat) next round."""
    q = state.q
    order = list(q.sections)
    for section in sorted(q.rosters, key=lambda s: (s in q.within, order.index(s))):
        before, after = old.get(section, []), state.paths.get(section, [])
        if before == after:
            continue
        items = q.sections[section].items
        out.update((item, p) for item in items for p in set(before) ^ set(after))
        for path in [p for p in after if p not in set(before)]:
            state.evaluate_member(section, path, out)
        seeds[section] = None
        for item in items:
            seeds[item] = None
            forced.update((item, f) for f in FIELDS if (item, f) in q.exprs)
        for f in ("relevant", "repeat_count"):
            if (SECTION + section, f) in q.exprs:
                forced.add((SECTION + section, f))


def refresh_section(state: State, section: str, path: str, seeds: Changes,
                    out: set[Key]) -> None:
    """A section's condition changed for one member: its items (and nested rosters) follow."""
    state.set_sec_rel(section, path)
    for item in state.q.sections[section].items:
        if state.set_rel(item, path, out):
            _mark(seeds, item, path)
    for child in state.q.nested.get(section, []):
        for member in state.lists.get((child, path), []):
            refresh_section(state, child, f"{path}/{member}", seeds, out)


def _apply(state: State, key: Key, paths: list[str], changes: Changes, seeds: Changes,
           forced: set[Key], out: set[Key], again: bool) -> None:
    node, field = key
    if field == "calculate":
        for p in paths:
            if state.put(state.calc, (node, p), state.compute_calc(node, p)) and \
                    state.set_rel(node, p, out):
                _mark(changes, node, p)
                if again:
                    _mark(seeds, node, p)
    elif field == "relevant" and node.startswith(SECTION):
        section = node[len(SECTION):]
        for p in paths:
            if state.put(state.sec_own, (section, p), to_bool(state.run(key, p, True))):
                refresh_section(state, section, p, seeds, out)
    elif field == "relevant":
        for p in paths:
            if state.put(state.own, (node, p), to_bool(state.run(key, p, True))) and \
                    state.set_rel(node, p, out):
                _mark(seeds, node, p)
    elif field == "required":
        for p in paths:
            if state.put(state.req, (node, p), state.compute_req(node, p)):
                out.add((node, p))
    elif field == "choice_filter":
        for p in paths:
            if state.put(state.opts, (node, p), state.compute_opts(node, p)):
                out.add((node, p))
    elif field == "repeat_count":
        old = {s: list(p) for s, p in state.paths.items()}
        if state.restructure():
            _roster_changes(state, old, seeds, forced, out)


def propagate(state: State, seeds: Changes, forced: set[Key] | None = None) -> set[Key]:
    """Re-evaluate what `seeds` (ids -> changed member paths) reach; the changed keys."""
    out: set[Key] = set()
    forced = forced or set()
    q = state.q
    for _ in range(LIMIT):
        if not seeds and not forced:
            return out
        keys = sorted(set(q.index.affected(seeds)) | forced, key=q.sort_key)
        changes: Changes = {k: (None if v is None else set(v)) for k, v in seeds.items()}
        next_seeds: Changes = {}
        next_forced: set[Key] = set()
        for key in keys:
            again = key in forced
            if key[1] == "repeat_count":  # evaluated in the parent: any change counts
                paths = [""] if again or any(
                    n in changes for n in q.reads.get(key, ())) else []
            else:
                paths = state.node_paths(key[0]) if again else scope(state, key, changes)
            if paths:
                _apply(state, key, paths, changes, next_seeds, next_forced, out, again)
        seeds, forced = next_seeds, next_forced
    state.full()  # a plan with a cycle of conditions: settle it the slow way
    out.update(state.eff)
    return out


def answer_changed(state: State, item: str, path: str) -> set[Key]:
    """The stored answer of (item, path) changed: its value, then whatever reads it."""
    out: set[Key] = {(item, path)}
    if item in state.calcs:
        state.put(state.calc, (item, path), state.compute_calc(item, path))
    state.set_rel(item, path, out)
    return out | propagate(state, {item: {path}})


def rosters_changed(state: State) -> set[Key]:
    """The roster field changed: members who left or came, and whatever reads them."""
    out: set[Key] = set()
    old = {s: list(p) for s, p in state.paths.items()}
    if not state.restructure():
        return out
    seeds: Changes = {}
    forced: set[Key] = set()
    _roster_changes(state, old, seeds, forced, out)
    return out | propagate(state, seeds, forced)

"""Which ids an expression reads, what to re-evaluate after an answer, and calculation cycles."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping

from fieldtui.core.plan.expr.check import ExprFinding
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.parse import parse, parse_filter
from fieldtui.core.plan.expr.tree import Call, Current, Expr, Ref, walk
from fieldtui.core.plan.findings import en_zh

VOLATILE = frozenset({"today", "random"})
Key = tuple[str, str]  # (item id, field), e.g. ("q5", "relevant"); field "calculate" sets q5


def references(expr: str | Expr) -> frozenset[str]:
    """The ids an expression names with ${id} (raises ExprError when `expr` does not parse)."""
    tree = parse(expr) if isinstance(expr, str) else expr
    return frozenset(node.name for node in walk(tree) if isinstance(node, Ref))


def _reads(item: str, tree: Expr) -> set[str]:
    out = {node.name for node in walk(tree) if isinstance(node, Ref)}
    if any(isinstance(node, Current) for node in walk(tree)):
        out.add(item)
    return out


def _volatile(tree: Expr) -> bool:
    return any(isinstance(node, Call) and node.name in VOLATILE for node in walk(tree))


class DependencyIndex:
    """The expressions of a plan, indexed by the ids they read.

    Keys are (item id, field). A ("c", "calculate") key gives item c its value, so a change
    to an id it reads changes c too, and whatever reads c. Expressions that do not parse are
    left out (the plan check reports them). A ("x", "choice_filter") key is parsed as a
    choice_filter (bare names are option columns, not ids).
    """

    def __init__(self, expressions: Mapping[Key, str]) -> None:
        self.readers: dict[str, set[Key]] = defaultdict(set)
        self.volatile: frozenset[Key] = frozenset()
        volatile: set[Key] = set()
        trees: dict[Key, Expr] = {}
        for key, text in expressions.items():
            try:
                trees[key] = parse_filter(text) if key[1] == "choice_filter" else parse(text)
            except ExprError:
                continue
            for name in _reads(key[0], trees[key]):
                self.readers[name].add(key)
            if _volatile(trees[key]):
                volatile.add(key)
        self.volatile = frozenset(volatile)
        self.rank = _calculation_order(
            {k[0]: references(t) for k, t in trees.items() if k[1] == "calculate"})

    def affected(self, changed: Iterable[str]) -> list[Key]:
        """Every expression to re-evaluate after the answers to `changed` ids changed.

        Calculations come first, each after those it reads; then the rest in key order.
        """
        seen: set[Key] = set()
        queue = deque(changed)
        visited_ids = set(queue)
        while queue:
            name = queue.popleft()
            for key in self.readers.get(name, ()):
                if key in seen:
                    continue
                seen.add(key)
                if key[1] == "calculate" and key[0] not in visited_ids:
                    visited_ids.add(key[0])
                    queue.append(key[0])
        calcs = sorted((k for k in seen if k[1] == "calculate"),
                       key=lambda k: (self.rank.get(k[0], len(self.rank)), k))
        return calcs + sorted(k for k in seen if k[1] != "calculate")


def _calculation_order(reads: Mapping[str, frozenset[str]]) -> dict[str, int]:
    """A rank for each calculate item such that it comes after those it reads (cycles last)."""
    pending = {item: {r for r in refs if r in reads and r != item} for item, refs in reads.items()}
    rank: dict[str, int] = {}
    ready = sorted(item for item, needs in pending.items() if not needs)
    users: dict[str, set[str]] = defaultdict(set)
    for item, needs in pending.items():
        for need in needs:
            users[need].add(item)
    while ready:
        item = ready.pop(0)
        rank[item] = len(rank)
        for user in sorted(users[item]):
            pending[user].discard(item)
            if not pending[user] and user not in rank:
                ready.append(user)
    return rank


def calculation_cycles(calculations: Mapping[str, str]) -> dict[str, ExprFinding]:
    """For each calculate item on a cycle, a finding at its reference that closes the loop.

    `calculations` maps calculate item ids to their expressions; `.` (as in once()) is not a
    cycle. Expressions that do not parse are skipped.
    """
    trees: dict[str, Expr] = {}
    for item, text in calculations.items():
        try:
            trees[item] = parse(text)
        except ExprError:
            continue
    edges = {item: sorted(references(tree) & trees.keys()) for item, tree in trees.items()}
    out: dict[str, ExprFinding] = {}
    for item in sorted(trees):
        path = _loop_from(item, edges)
        if path is None:
            continue
        first = path[1]
        pos = next(n.pos for n in walk(trees[item]) if isinstance(n, Ref) and n.name == first)
        loop = " → ".join(path)
        out[item] = ExprFinding(pos + 1, "error", "expr-cycle", *en_zh(
            "calculation cycle: {loop} (each needs the next to be computed) — compute one of "
            "them without the others", loop=loop))
    return out


def _loop_from(start: str, edges: Mapping[str, list[str]]) -> list[str] | None:
    """The shortest path start → ... → start, or None."""
    back: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(back[path[-1]])
                return [*reversed(path), start]
            if nxt not in back:
                back[nxt] = node
                queue.append(nxt)
    return None

"""A plan compiled for the runtime: every expression parsed once, indexed by what it reads.

Expressions are keyed (node, field) as in `DependencyIndex`: node is an item id, or
`SECTION + section id` for a section's `relevant` and `repeat_count`. Fields: relevant,
required, calculate, choice_filter, constraint (not indexed: checked on demand), repeat_count.
An expression that does not compile is left out (the plan check reports it) and named in
`problems`; the runtime then behaves as if the field were absent.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from fieldtui.core.logic.rules import SECTION, ItemRule, SectionRule, describe
from fieldtui.core.plan.expr import DependencyIndex, ExprError, compiled, compiled_filter
from fieldtui.core.plan.expr.functions import Compiled
from fieldtui.core.plan.expr.parse import parse, parse_filter
from fieldtui.core.plan.expr.tree import Call, Current, Expr, Ref, walk
from fieldtui.core.plan.model import Plan

Key = tuple[str, str]
AGGREGATES = frozenset({"count", "sum", "min", "max", "indexed-repeat"})
FROZEN_CALLS = frozenset({"once", "today", "random"})
_UNKNOWN: Any = object()
_COMPILED: dict[tuple[str, int, str], Questionnaire] = {}


def _plain_refs(tree: Expr) -> frozenset[str]:
    """Ids read as the current member's (or the only) answer, not through an aggregate."""
    inside = {id(arg) for node in walk(tree) if isinstance(node, Call)
              and node.name in AGGREGATES for arg in node.args}
    return frozenset(n.name for n in walk(tree) if isinstance(n, Ref) and id(n) not in inside)


class Questionnaire:
    """Compile once per plan; `session(...)` evaluates it against one session's answers."""

    def __init__(self, plan: Plan | None = None, *,
                 rules: tuple[Sequence[SectionRule], Sequence[ItemRule]] | None = None) -> None:
        if rules is None:
            if plan is None:
                raise ValueError("Questionnaire needs a plan or rules")
            rules = describe(plan)
        sections, items = rules
        self.sections: dict[str, SectionRule] = {s.id: s for s in sections}
        self.items: dict[str, ItemRule] = {i.id: i for i in items}
        self.roster_of: dict[str, str] = {i.id: i.section for i in items
                                          if self.sections[i.section].repeat}
        self.rosters = frozenset(s.id for s in sections if s.repeat)
        self.within: dict[str, str] = {s.id: s.within for s in sections
                                        if s.repeat and s.within in self.rosters}
        self.nested: dict[str, list[str]] = {}
        for child, parent in self.within.items():
            self.nested.setdefault(parent, []).append(child)
        texts: dict[Key, str] = {}
        for s in sections:
            for field, text in (("relevant", s.relevant), ("repeat_count", s.repeat_count)):
                if text and (field == "relevant" or s.repeat):
                    texts[(SECTION + s.id, field)] = text
        for i in items:
            for field, text in (("relevant", i.relevant), ("required", i.required_if),
                                ("calculate", i.calculation), ("constraint", i.constraint),
                                ("choice_filter", i.choice_filter)):
                if text:
                    texts[(i.id, field)] = text
        self.problems: list[str] = []
        self.exprs: dict[Key, Compiled] = {}
        self.trees: dict[Key, Expr] = {}
        self.plain: dict[Key, frozenset[str]] = {}
        self.reads: dict[Key, frozenset[str]] = {}
        for key, text in texts.items():
            is_filter = key[1] == "choice_filter"
            try:
                tree = parse_filter(text) if is_filter else parse(text)
                self.exprs[key] = compiled_filter(text) if is_filter else compiled(text)
            except ExprError as exc:
                self.problems.append(f"{key[0]}.{key[1]}: {exc.what}")
                continue
            self.trees[key] = tree
            self.plain[key] = _plain_refs(tree)
            here = {key[0]} if any(isinstance(n, Current) for n in walk(tree)) else set()
            self.reads[key] = frozenset({n.name for n in walk(tree) if isinstance(n, Ref)}
                                        | here)
        self.texts = {k: t for k, t in texts.items() if k in self.exprs}
        self.index = DependencyIndex({k: t for k, t in self.texts.items()
                                      if k[1] != "constraint"})
        self.frozen = frozenset(
            key[0] for key, tree in self.trees.items() if key[1] == "calculate"
            and any(isinstance(n, Call) and n.name in FROZEN_CALLS for n in walk(tree)))
        self.order = {k: n for n, k in enumerate(self.items)}
        self.node_roster: dict[str, str | None] = {}
        for node in {k[0] for k in self.exprs}:
            self.node_roster[node] = self._roster_of_node(node)
        self.sort_keys = {k: self._sort_key(k) for k in self.exprs}

    @classmethod
    def of(cls, plan: Plan) -> Questionnaire:
        """The compiled plan, shared by every caller with a plan of the same content (the
        data side evaluates one session after another)."""
        key = (plan.id, plan.version, plan.content_hash)
        found = _COMPILED.get(key)
        if found is None:
            if len(_COMPILED) >= 16:
                _COMPILED.pop(next(iter(_COMPILED)))
            found = _COMPILED[key] = cls(plan)
        return found

    def in_texts(self, plan: Plan) -> Questionnaire:
        """This questionnaire with the texts of `plan`, the same plan in another language
        (`Plan.localized`): option labels, constraint messages, section titles and member
        labels change; every compiled expression is shared, so the logic cannot differ."""
        sections, items = describe(plan)
        other = copy.copy(self)
        other.sections = {s.id: s for s in sections}
        other.items = {i.id: i for i in items}
        return other

    def roster_of_node(self, node: str) -> str | None:
        """The roster an item (or SECTION + id) is asked in, or None."""
        found = self.node_roster.get(node, _UNKNOWN)
        return found if found is not _UNKNOWN else self._roster_of_node(node)

    def _roster_of_node(self, node: str) -> str | None:
        if node.startswith(SECTION):
            sid = node[len(SECTION):]
            return sid if sid in self.rosters else None
        return self.roster_of.get(node)

    def chain(self, roster: str | None) -> tuple[str, ...]:
        """The roster and the roster it is nested in, innermost first."""
        if roster is None:
            return ()
        parent = self.within.get(roster)
        return (roster,) if parent is None else (roster, parent)

    def sort_key(self, key: Key) -> tuple[int, int, str, str]:
        """Calculations first, each after what it reads; then the rest in plan order."""
        found = self.sort_keys.get(key)
        return found if found is not None else self._sort_key(key)

    def _sort_key(self, key: Key) -> tuple[int, int, str, str]:
        if key[1] == "calculate":
            return (0, self.index.rank.get(key[0], len(self.index.rank)), *key)
        return (1, self.order.get(key[0], -1), *key)

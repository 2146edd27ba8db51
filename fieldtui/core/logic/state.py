"""The evaluated state of one session: relevance, calculations, requirements, option lists.

`full()` evaluates everything from scratch, sweeping the plan until nothing changes (the
reference). `propagate()` re-evaluates only what `DependencyIndex.affected` names for the
ids whose values changed, and only for the members those changes can reach; a relevance
change alters an answer's value (a kept-aside answer reads as ''), so it starts another
round, until nothing changes. Keys are (item id, member path).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from fieldtui.core.logic.members import Lists, all_lists, paths_of
from fieldtui.core.logic.rules import SECTION, option_order
from fieldtui.core.logic.scope import Scope
from fieldtui.core.plan.expr import ExprError, Value, to_string
from fieldtui.core.plan.expr.values import from_answer, to_bool, to_number

if TYPE_CHECKING:
    from fieldtui.core.logic.questionnaire import Questionnaire

Key = tuple[str, str]
Changes = dict[str, set[str] | None]  # id -> member paths whose value changed (None: all)
LIMIT = 64
_MISSING: Any = object()
FAULTS = (ExprError, ArithmeticError, ValueError, TypeError, RecursionError)


def same(a: Value, b: Value) -> bool:
    """Equal values of one type (NaN equals NaN here, so a sweep can settle)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def row_value(row: Mapping[str, Any] | None) -> Value:
    """An answer row's value in expressions: '' when skipped or unanswered."""
    if row is None or row.get("skipped"):
        return ""
    value = row.get("value")
    if isinstance(value, dict):
        return ""
    try:
        return from_answer(value)
    except (TypeError, ValueError):
        return ""


def _mark(changes: Changes, node: str, path: str) -> None:
    found = changes.get(node, _MISSING)
    if found is _MISSING:
        changes[node] = {path}
    elif found is not None:
        found.add(path)


class State:
    """Everything derived from the plan and one session's answers and rosters."""

    def __init__(self, q: Questionnaire, rosters: Any, seed: int | None, today: date) -> None:
        self.q, self.seed, self.today, self.rosters = q, seed, today, rosters
        self.rows: dict[Key, Mapping[str, Any]] = {}
        self.raw: dict[Key, Value] = {}
        self.lists: Lists = {}
        self.paths: dict[str, list[str]] = {}
        self.sec_own: dict[Key, bool] = {}
        self.sec_rel: dict[Key, bool] = {}
        self.own: dict[Key, bool] = {}
        self.rel: dict[Key, bool] = {}
        self.calc: dict[Key, Value] = {}
        self.eff: dict[Key, Value] = {}
        self.req: dict[Key, bool] = {}
        self.opts: dict[Key, tuple[str, ...]] = {}
        self.calcs = frozenset(k[0] for k in q.exprs if k[1] == "calculate")
        # display items: text shown, no value (a row a device stored for one is not read)
        self.shown_only = frozenset(i for i, rule in q.items.items() if rule.kind == "display")
        self.top = [s for s in q.sections if s in q.rosters and s not in q.within]
        self.dirty = False
        self.structured = False  # members computed once at least
        # Items whose answer is being typed: a count read from one keeps its stored members.
        self.held: frozenset[str] = frozenset()
        self.scope = Scope(self, None, "", None)  # reused by run(): evaluation never nests

    # -- evaluating one expression ------------------------------------------------------

    def run(self, key: Key, path: str, default: Value, override: Value | None = None,
            option: dict[str, str] | None = None) -> Value:
        """The value of one expression for one member; `default` if absent or it fails."""
        fn = self.q.exprs.get(key)
        if fn is None:
            return default
        node = key[0]
        scope = self.scope
        scope.here = None if node[0] == SECTION else node
        scope.path, scope.roster = path, self.q.roster_of_node(node)
        scope.override, scope.option = override, option
        try:
            return fn(scope)
        except FAULTS:
            return default

    def count_of(self, section: str, parent: str) -> float | None:
        """The roster's count (None: open-ended, or a count read from an answer that breaks
        its item's check or is still being typed (`held`): such an answer never sizes the
        roster, its stored members stay)."""
        key = (SECTION + section, "repeat_count")
        fn = self.q.exprs.get(key)
        if fn is None:
            return None
        if any(ref in self.held or self.refused(ref, parent)
               for ref in self.q.reads.get(key, ())):
            return None
        try:
            return to_number(fn(Scope(self, None, parent, self.q.within.get(section))))
        except FAULTS:
            return 0.0

    def refused(self, item: str, parent: str) -> bool:
        """True when the answer to `item` (read from `parent`'s place) breaks its constraint."""
        if (item, "constraint") not in self.q.exprs:
            return False
        path = parent if item in self.q.roster_of else ""
        if to_string(self.raw.get((item, path), "")).strip() == "":
            return False
        return not to_bool(self.run((item, "constraint"), path, True))

    def compute_calc(self, item: str, path: str) -> Value:
        if item in self.q.frozen:
            stored = self.raw.get((item, path), "")
            if to_string(stored) != "":
                return stored
        return self.run((item, "calculate"), path, "")

    def compute_req(self, item: str, path: str) -> bool:
        if (item, "required") in self.q.exprs:
            return to_bool(self.run((item, "required"), path, False))
        return self.q.items[item].required

    def compute_opts(self, item: str, path: str) -> tuple[str, ...]:
        rule = self.q.items[item]
        order = option_order(rule, self.seed)
        if (item, "choice_filter") not in self.q.exprs:
            return order  # a filter is `name = ...` (XLSForm) or `${option.value} = ...`
        keep = []
        for value in order:
            at = rule.options.index(value)
            option = dict(rule.option_fields[at]) if at < len(rule.option_fields) else {}
            option.update(name=value, value=value, label=rule.label_of(value))
            if to_bool(self.run((item, "choice_filter"), path, True, option=option)):
                keep.append(value)
        return tuple(keep)

    # -- writing state --------------------------------------------------------------------

    def put(self, table: dict[Key, Any], key: Key, value: Any) -> bool:
        old = table.get(key, _MISSING)
        if old is not _MISSING and same(old, value):
            return False
        table[key] = value
        self.dirty = True
        return True

    def section_path(self, item: str, path: str) -> str:
        return path if self.q.items[item].section in self.q.rosters else ""

    def set_rel(self, item: str, path: str, out: set[Key]) -> bool:
        """Recompute an item's relevance and value; True when its value changed."""
        key = (item, path)
        section = self.q.items[item].section
        rel = self.own.get(key, True) and self.sec_rel.get(
            (section, self.section_path(item, path)), True)
        if self.put(self.rel, key, rel):
            out.add(key)
        if not rel or item in self.shown_only:
            value: Value = ""
        elif item in self.calcs:
            value = self.calc.get(key, "")
        else:
            value = self.raw.get(key, "")
        if self.put(self.eff, key, value):
            out.add(key)
            return True
        return False

    def set_sec_rel(self, section: str, path: str) -> bool:
        rel = self.sec_own.get((section, path), True)
        parent = self.q.within.get(section)
        if parent is not None:
            rel = rel and self.sec_rel.get((parent, path.split("/", 1)[0]), True)
        return self.put(self.sec_rel, (section, path), rel)

    def section_paths(self, section: str) -> list[str]:
        return self.paths.get(section, []) if section in self.q.rosters else [""]

    def node_paths(self, node: str) -> list[str]:
        roster = self.q.roster_of_node(node)
        return [""] if roster is None else self.paths.get(roster, [])

    def evaluate_member(self, section: str, path: str, out: set[Key]) -> None:
        """Evaluate a section's condition and every item of it for one member."""
        q = self.q
        self.put(self.sec_own, (section, path),
                 to_bool(self.run((SECTION + section, "relevant"), path, True)))
        self.set_sec_rel(section, path)
        for item in q.sections[section].items:
            key = (item, path)
            self.put(self.own, key, to_bool(self.run((item, "relevant"), path, True)))
            if item in self.calcs:
                self.put(self.calc, key, self.compute_calc(item, path))
            self.set_rel(item, path, out)
            if self.put(self.req, key, self.compute_req(item, path)):
                out.add(key)
            if (item, "choice_filter") in q.exprs and self.put(
                    self.opts, key, self.compute_opts(item, path)):
                out.add(key)

    # -- from scratch ---------------------------------------------------------------------

    def restructure(self) -> bool:
        """Recompute every roster's members; drop the state of members that left."""
        lists = all_lists(self.rosters, self.top, self.q.within, self.count_of)
        if self.structured and lists == self.lists:
            return False
        self.structured = True
        self.lists = lists
        self.paths = paths_of(lists, self.top, self.q.within)
        present = {s: set(self.section_paths(s)) for s in self.q.sections}
        sections: list[dict[Key, Any]] = [self.sec_own, self.sec_rel]
        for table in sections:
            for key in [k for k in table if k[1] not in present[k[0]]]:
                del table[key]
        items: list[dict[Key, Any]] = [self.own, self.rel, self.calc, self.eff, self.req,
                                       self.opts]
        for table in items:
            for key in [k for k in table
                        if k[1] not in present[self.q.items[k[0]].section]]:
                del table[key]
        return True

    def full(self) -> None:
        """Evaluate everything, sweeping in plan order until a sweep changes nothing."""
        for _ in range(LIMIT):
            self.dirty = self.restructure()
            for section in self.q.sections:
                for path in self.section_paths(section):
                    self.evaluate_member(section, path, set())
            if not self.dirty:
                return

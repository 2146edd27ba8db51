"""Check one expression where it stands: findings with the 1-based column of each fault.

The caller knows the file and line and turns an `ExprFinding` into a plan `Finding`.
Rules: expr-syntax, expr-function, expr-arity, expr-type, expr-reference, expr-roster,
expr-current, expr-option, expr-regex (and expr-cycle from deps.calculation_cycles).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from fieldtui.core.plan.expr.errors import ExprError, caret_lines
from fieldtui.core.plan.expr.evaluate import compiled, compiled_filter
from fieldtui.core.plan.expr.functions import FUNCTIONS, arg_kind, arity_text, compile_regex
from fieldtui.core.plan.expr.parse import parse, parse_filter
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Num, Parent, Ref, Str, walk
from fieldtui.core.plan.expr.values import to_number, to_string
from fieldtui.core.plan.findings import Finding, Level

AGGREGATES = frozenset({"count", "sum", "min", "max", "indexed-repeat"})
CHOICE_KINDS = frozenset({"choice", "scale"})
ARITH = frozenset({"+", "-", "*", "div", "mod"})


@dataclass(frozen=True)
class ItemInfo:
    """What the checker knows of an id: its kind (a plan item kind, "calculate" or "roster"),
    its option values (choice, multi, scale points) and the roster it belongs to, if any
    (for a roster: the roster it is nested in, whose current member it can read)."""

    kind: str
    options: tuple[str, ...] = ()
    roster: str | None = None


@dataclass(frozen=True)
class ExprFinding:
    """One fault in an expression, at `column` (1-based)."""

    column: int
    level: Level
    rule: str
    message: str

    def caret(self, text: str) -> str:
        """The expression and a caret under the fault (two lines)."""
        return caret_lines(text, self.column)

    def finding(self, file: str, line: int) -> Finding:
        """The plan check's Finding for this fault, the column in the message."""
        return Finding(file, line, self.level, self.rule, f"column {self.column}: {self.message}")


def check_expression(text: str, items: Mapping[str, ItemInfo] | None = None, *,
                     here: str | None = None, roster: str | None = None,
                     choice_filter: bool = False) -> list[ExprFinding]:
    """Every fault found in `text`, in column order.

    `items` (id -> ItemInfo) enables the reference, roster and option checks; `here` is the
    item the expression belongs to (what `.` means), None where `.` has no meaning. `roster`
    is the roster whose member the expression is evaluated for when `here` is None (e.g. a
    nested roster's repeat_count); otherwise it is `here`'s roster. A roster's own items and
    those of the roster it is nested in may be read without an aggregate. `choice_filter`
    parses it as one: bare names (`name`, `region`) are the option's columns.
    """
    try:
        tree = parse_filter(text) if choice_filter else parse(text)
    except ExprError as exc:
        return [ExprFinding(exc.column, "error", exc.rule, exc.what)]
    out = _Checker(items, here, roster).run(tree)
    try:
        compiled_filter(text) if choice_filter else compiled(text)
    except ExprError as exc:  # the evaluator refuses something the walk above did not name
        if not any(f.column == exc.column and f.rule == exc.rule for f in out):
            out.append(ExprFinding(exc.column, "error", exc.rule, exc.what))
    return sorted(set(out), key=lambda f: (f.column, f.rule, f.message))


class _Checker:
    def __init__(self, items: Mapping[str, ItemInfo] | None, here: str | None,
                 roster: str | None = None) -> None:
        self.items = items
        self.here = here
        info = items.get(here) if items is not None and here is not None else None
        self.roster = info.roster if info is not None else roster
        outer = items.get(self.roster) if items is not None and self.roster else None
        self.enclosing = {self.roster, outer.roster if outer is not None else None} - {None}
        self.out: list[ExprFinding] = []

    def add(self, pos: int, rule: str, message: str, level: Level = "error") -> None:
        self.out.append(ExprFinding(pos + 1, level, rule, message))

    def run(self, tree: Expr) -> list[ExprFinding]:
        aggregated: set[int] = set()
        for node in walk(tree):
            if isinstance(node, Call):
                self.call(node)
                if node.name in AGGREGATES:
                    aggregated.update(id(arg) for arg in node.args if isinstance(arg, Ref))
            elif isinstance(node, BinOp):
                self.binop(node)
            elif isinstance(node, Ref):
                self.ref(node, id(node) in aggregated)
            elif isinstance(node, Current) and self.here is None:
                self.add(node.pos, "expr-current", "`.` means the item's own answer, "
                         "and this expression belongs to no item: use ${id}")
        return self.out

    def info(self, node: Expr) -> ItemInfo | None:
        if self.items is None or not isinstance(node, Ref):
            return None
        return self.items.get(node.name)

    def ref(self, node: Ref, aggregated: bool) -> None:
        if self.items is None:
            return
        info = self.items.get(node.name)
        if info is None:
            near = difflib.get_close_matches(node.name, list(self.items), n=1)
            hint = f" (did you mean ${{{near[0]}}}?)" if near else ""
            self.add(node.pos, "expr-reference", f"${{{node.name}}} is not an id in this "
                     f"plan{hint}")
        elif aggregated:
            return
        elif info.kind == "roster":
            self.add(node.pos, "expr-roster", f"${{{node.name}}} is a roster, not an answer: "
                     f"use count(${{{node.name}}})")
        elif info.roster is not None and info.roster not in self.enclosing:
            self.add(node.pos, "expr-roster", f"${{{node.name}}} is asked once per member of "
                     f"roster {info.roster}: use indexed-repeat, sum, min, max or count")

    def call(self, node: Call) -> None:
        spec = FUNCTIONS.get(node.name)
        if spec is None:
            near = difflib.get_close_matches(node.name, list(FUNCTIONS), n=1)
            hint = f" (did you mean {near[0]}()?)" if near else ""
            self.add(node.pos, "expr-function", f"unknown function {node.name}(){hint}")
            return
        count = len(node.args)
        if count < spec.least or (spec.most is not None and count > spec.most):
            self.add(node.pos, "expr-arity", f"{node.name}() takes {arity_text(spec)}, "
                     f"not {count}")
        for i, arg in enumerate(node.args):
            self.argument(node, arg, arg_kind(spec, i))
        if self.here is None and (node.name == "once" or (
                node.name == "string-length" and count == 0)):
            self.add(node.pos, "expr-current", f"{node.name}() reads the item's own answer, "
                     "and this expression belongs to no item")
        if node.name == "position" and self.items is not None and self.roster is None:
            self.add(node.pos, "expr-roster", "position(..) is used outside a roster")
        if node.name == "indexed-repeat" and count == 3:
            self.indexed(node)
        if node.name == "selected" and count == 2:
            self.option(node.args[0], node.args[1])

    def argument(self, call: Call, arg: Expr, kind: str) -> None:
        name = f"{call.name}()"
        if isinstance(arg, Parent) and kind != "parent":
            self.add(arg.pos, "expr-type", "`..` is only allowed as position(..)")
        elif kind == "parent" and not isinstance(arg, Parent):
            self.add(arg.pos, "expr-type", f"{name} takes `..`: write {call.name}(..)")
        elif kind == "ref" and not isinstance(arg, Ref):
            self.add(arg.pos, "expr-type", f"{name} needs a ${{reference}} here")
        elif kind == "multi":
            self.multi(name, arg)
        elif kind == "num" and isinstance(arg, Str) and to_number(arg.value) != to_number(
                arg.value):
            self.add(arg.pos, "expr-type", f"'{arg.value}' is not a number, as {name} needs")
        elif kind == "regex" and isinstance(arg, Str):
            try:
                compile_regex(arg.value, arg.pos)
            except ExprError as exc:
                self.add(arg.pos, "expr-regex", exc.what)

    def multi(self, name: str, arg: Expr) -> None:
        if isinstance(arg, Num | Call) and not (isinstance(arg, Call) and arg.name in (
                "if", "coalesce", "concat", "once", "indexed-repeat")):
            self.add(arg.pos, "expr-type", f"{name} needs a multi answer such as ${{id}}, "
                     "not a number or a computed value")
        info = self.info(arg)
        if isinstance(arg, Ref) and info is not None and info.kind not in (
                "multi", "choice", "calculate", "open"):
            self.add(arg.pos, "expr-type", f"{name} needs a choice item, and "
                     f"${{{arg.name}}} is a {info.kind} item", "warning")

    def indexed(self, node: Call) -> None:
        item, roster = self.info(node.args[0]), self.info(node.args[1])
        if roster is not None and roster.kind != "roster":
            self.add(node.args[1].pos, "expr-roster", "the second argument of "
                     "indexed-repeat() must be a roster")
        elif item is not None and roster is not None and isinstance(node.args[1], Ref) \
                and item.roster != node.args[1].name:
            self.add(node.args[0].pos, "expr-roster", "the first argument of indexed-repeat() "
                     f"must be an item of roster {node.args[1].name}")

    def binop(self, node: BinOp) -> None:
        if node.op in ARITH:
            for side in (node.left, node.right):
                if isinstance(side, Str) and to_number(side.value) != to_number(side.value):
                    self.add(side.pos, "expr-type", f"'{side.value}' is not a number: "
                             f"`{node.op}` gives NaN", "warning")
        elif node.op in ("=", "!="):
            for ref, other in ((node.left, node.right), (node.right, node.left)):
                info = self.info(ref)
                if info is not None and info.kind == "multi":
                    self.add(node.pos, "expr-type", "a multi answer compared with `"
                             f"{node.op}` matches only one exact set: use selected()",
                             "warning")
                elif info is not None and info.kind in CHOICE_KINDS:
                    self.option(ref, other)

    def option(self, ref: Expr, value: Expr) -> None:
        info = self.info(ref)
        if not isinstance(ref, Ref) or info is None or not info.options or not isinstance(
                value, Str | Num):
            return
        wanted = to_string(value.value).strip()
        if wanted == "":
            return  # `${x} != ''`: whether it was answered, not an option
        if info.kind == "multi" and len(wanted.split()) > 1 and wanted in info.options:
            self.add(value.pos, "expr-option", f"'{wanted}' has a space, and a multi answer "
                     "separates its values with spaces: selected() never finds it; give "
                     "the options codes (options = [{ value, label }])", "warning")
        elif wanted not in info.options:
            shown = ", ".join(info.options[:8]) + (", ..." if len(info.options) > 8 else "")
            self.add(value.pos, "expr-option", f"'{wanted}' is not an option of "
                     f"${{{ref.name}}} (options: {shown})")

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
from fieldtui.core.plan.expr.parse import parse, parse_filter, shape_of
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Num, Parent, Ref, Str, walk
from fieldtui.core.plan.expr.values import to_number, to_string
from fieldtui.core.plan.findings import Finding, Level, en_zh

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
    """One fault in an expression, at `column` (1-based); `message_zh` is its Chinese."""

    column: int
    level: Level
    rule: str
    message: str
    message_zh: str = ""

    def caret(self, text: str) -> str:
        """The expression and a caret under the fault (two lines)."""
        return caret_lines(text, self.column)

    def finding(self, file: str, line: int) -> Finding:
        """The plan check's Finding for this fault, the column in the message."""
        en, zh = en_zh("column {column}: {message}", column=str(self.column),
                       message=(self.message, self.message_zh or self.message))
        return Finding(file, line, self.level, self.rule, en, zh)


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
        return [ExprFinding(exc.column, "error", exc.rule, *exc.said())]
    out = _Checker(items, here, roster).run(tree)
    try:
        compiled_filter(text) if choice_filter else _compiles(text)
    except ExprError as exc:  # the evaluator refuses something the walk above did not name
        if not any(f.column == exc.column and f.rule == exc.rule for f in out):
            out.append(ExprFinding(exc.column, "error", exc.rule, *exc.said()))
    return sorted(set(out), key=lambda f: (f.column, f.rule, f.message))


def _compiles(text: str) -> None:
    """Raise the evaluator's ExprError for `text` (which parsed), if it has one: compiled
    once per shape (`${q4} = 'yes'` and `${q8} = 'yes'` are one compilation), the text
    itself only when its shape does not compile (for the error's column in the text).

    Exact: a text that parsed has the tree of its shape (`parse.shape_of`) with other names
    and positions (`parse._by_shape`), and compiling a tree reads neither (a reference
    compiles alike whatever its name; a position is only put in the error raised), so the
    shape compiles exactly when the text does."""
    if "${" in text:
        try:
            compiled(shape_of(text))
            return
        except ExprError:
            pass  # the text's own compilation says where
    compiled(text)


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

    def add(self, pos: int, rule: str, message: tuple[str, str],
            level: Level = "error") -> None:
        self.out.append(ExprFinding(pos + 1, level, rule, *message))

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
                self.add(node.pos, "expr-current", en_zh(
                    "`.` means the item's own answer, and this expression belongs to no item — "
                    "name the answer you mean as ${{id}}"))
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
            self.add(node.pos, "expr-reference", en_zh(
                "${{{name}}} is not an id in this plan — write the id of one of its items "
                "(did you mean ${{{near}}}?)", name=node.name, near=near[0]) if near else en_zh(
                "${{{name}}} is not an id in this plan — write the id of one of its items, or "
                "add an item with this id", name=node.name))
        elif aggregated:
            return
        elif info.kind == "roster":
            self.add(node.pos, "expr-roster", en_zh(
                "${{{name}}} is a roster, not an answer — count its members with "
                "count(${{{name}}}), or name one of its items",
                name=node.name))
        elif info.kind == "display":  # XLSForm tools take it: a warning
            self.add(node.pos, "expr-reference", en_zh(
                "${{{name}}} is a display item, text shown: it has no value (always empty) — "
                "name an item that is answered, or remove the reference",
                name=node.name), "warning")
        elif info.roster is not None and info.roster not in self.enclosing:
            self.add(node.pos, "expr-roster", en_zh(
                "${{{name}}} is asked once per member of roster {roster} — read it with "
                "indexed-repeat(), sum(), min(), max() or count()", name=node.name,
                roster=info.roster))

    def call(self, node: Call) -> None:
        spec = FUNCTIONS.get(node.name)
        if spec is None:
            near = difflib.get_close_matches(node.name, list(FUNCTIONS), n=1)
            self.add(node.pos, "expr-function", en_zh(
                "unknown function {name}() — use one of the functions in docs/expressions.md "
                "(did you mean {near}()?)", name=node.name, near=near[0]) if near else en_zh(
                "unknown function {name}() — use one of the functions in "
                "docs/expressions.md", name=node.name))
            return
        count = len(node.args)
        if count < spec.least or (spec.most is not None and count > spec.most):
            self.add(node.pos, "expr-arity", en_zh(
                "{name}() takes {arity}, not {count} — add or remove arguments to match",
                name=node.name, arity=arity_text(spec), count=str(count)))
        for i, arg in enumerate(node.args):
            self.argument(node, arg, arg_kind(spec, i))
        if self.here is None and node.name == "once":
            self.add(node.pos, "expr-current", en_zh(
                "once() keeps the item's own answer, and this expression belongs to no item — "
                "use it in a calculate item's calculation"))
        elif self.here is None and node.name == "string-length" and count == 0:
            self.add(node.pos, "expr-current", en_zh(
                "string-length() reads the item's own answer, and this expression belongs to "
                "no item — name the answer you mean: string-length(${{id}})"))
        if node.name == "position" and self.items is not None and self.roster is None:
            self.add(node.pos, "expr-roster", en_zh(
                "position(..) is used outside a roster — use it only in a roster section's "
                "items"))
        if node.name == "indexed-repeat" and count == 3:
            self.indexed(node)
        if node.name == "selected" and count == 2:
            self.option(node.args[0], node.args[1])

    def argument(self, call: Call, arg: Expr, kind: str) -> None:
        if isinstance(arg, Parent) and kind != "parent":
            self.add(arg.pos, "expr-type", en_zh(
                "`..` is only allowed as position(..) — write position(..), or ${{id}} for an "
                "answer"))
        elif kind == "parent" and not isinstance(arg, Parent):
            self.add(arg.pos, "expr-type", en_zh("{name}() takes `..` — write {name}(..)",
                                                 name=call.name))
        elif kind == "ref" and not isinstance(arg, Ref):
            self.add(arg.pos, "expr-type", en_zh(
                "{name}() needs a ${{reference}} here — name an item or roster as ${{id}}",
                name=call.name))
        elif kind == "multi":
            self.multi(call.name, arg)
        elif kind == "num" and isinstance(arg, Str) and to_number(arg.value) != to_number(
                arg.value):
            self.add(arg.pos, "expr-type", en_zh(
                "'{value}' is not a number, as {name}() needs — write a number there, without "
                "quotes", value=arg.value, name=call.name))
        elif kind == "regex" and isinstance(arg, Str):
            try:
                compile_regex(arg.value, arg.pos)
            except ExprError as exc:
                self.add(arg.pos, "expr-regex", exc.said())

    def multi(self, name: str, arg: Expr) -> None:
        if isinstance(arg, Num | Call) and not (isinstance(arg, Call) and arg.name in (
                "if", "coalesce", "concat", "once", "indexed-repeat")):
            self.add(arg.pos, "expr-type", en_zh(
                "{name}() needs a multi answer, not a number or a computed value — name a "
                "multi item as ${{id}}", name=name))
        info = self.info(arg)
        if isinstance(arg, Ref) and info is not None and info.kind not in (
                "multi", "choice", "calculate", "open"):
            self.add(arg.pos, "expr-type", en_zh(
                "{name}() needs a choice item, and ${{{id}}} is a {kind} item — name a choice or "
                "multi item", name=name,
                id=arg.name, kind=info.kind), "warning")

    def indexed(self, node: Call) -> None:
        item, roster = self.info(node.args[0]), self.info(node.args[1])
        if roster is not None and roster.kind != "roster":
            self.add(node.args[1].pos, "expr-roster", en_zh(
                "the second argument of indexed-repeat() must be a roster — name the roster the "
                "item is asked in, as ${{roster}}"))
        elif item is not None and roster is not None and isinstance(node.args[1], Ref) \
                and item.roster != node.args[1].name:
            self.add(node.args[0].pos, "expr-roster", en_zh(
                "the first argument of indexed-repeat() must be an item of roster {roster} — "
                "name one of its items, or give the item's own roster second",
                roster=node.args[1].name))

    def binop(self, node: BinOp) -> None:
        if node.op in ARITH:
            for side in (node.left, node.right):
                if isinstance(side, Str) and to_number(side.value) != to_number(side.value):
                    self.add(side.pos, "expr-type", en_zh(
                        "'{value}' is not a number, so `{op}` gives NaN — write a number there, "
                        "without quotes", value=side.value, op=node.op), "warning")
        elif node.op in ("=", "!="):
            for ref, other in ((node.left, node.right), (node.right, node.left)):
                info = self.info(ref)
                if info is not None and info.kind == "multi":
                    self.add(node.pos, "expr-type", en_zh(
                        "a multi answer compared with `{op}` matches only one exact set — use "
                        "selected(${{id}}, 'value') to ask for one option", op=node.op),
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
            self.add(value.pos, "expr-option", en_zh(
                "'{value}' has a space, and a multi answer separates its values with spaces: "
                "selected() never finds it — give the options codes without spaces "
                "(options = [{{ value, label }}])", value=wanted), "warning")
        elif wanted not in info.options:
            shown = ", ".join(info.options[:8]) + (", ..." if len(info.options) > 8 else "")
            self.add(value.pos, "expr-option", en_zh(
                "'{value}' is not an option of ${{{id}}} — compare with one of its options: "
                "{options}", value=wanted, id=ref.name, options=shown))

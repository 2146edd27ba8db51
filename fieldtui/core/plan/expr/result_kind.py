"""What a calculation gives, read from its text alone: always a number, never one, or either.

A calculation's value is stored as the evaluator returns it (core/logic/session.storable):
a number as a JSON number (NaN and the infinities as '', nothing), text as text, a yes/no as
true/false, a date as ISO text. So `1 + ${x}`, `round(...)`, `count(...)` store numbers or
nothing; `'5'`, `concat(...)`, `${a} > 1`, `today()` never store a number. `if` and
`coalesce` give one of their branches (`''` is nothing, so `if(c, 1, '')` is a number);
`${calc}` and `indexed-repeat(${calc}, ...)` give what that calculation gives. An answer
of another item (`${age}`) or `.` holds what a device stored: either.

Used where the kind must not depend on the answers (the codebook: one respondent's value
must not change what it says).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from fieldtui.core.plan.expr.check import ARITH
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.functions import FUNCTIONS
from fieldtui.core.plan.expr.parse import parse
from fieldtui.core.plan.expr.tree import BinOp, Call, Expr, Neg, Num, Ref, Str

Kind = Literal["num", "text", "any"]
_EMPTY = "empty"  # the literal '': stores nothing, a branch of either kind
_NOT_NUMBER_RETURNS = frozenset({"bool", "text", "date"})


def calculation_kinds(calculations: Mapping[str, str]) -> dict[str, Kind]:
    """Each calculate item's kind, by id, from the plan's {id: calculation}: "num" (stores
    only numbers, or nothing), "text" (never a number) or "any" (either, or only ever
    nothing). A calculation that does not parse, or is part of a cycle, is "any"."""
    found: dict[str, str] = {}

    def of_item(item: str, seen: frozenset[str]) -> str:
        if item in found:
            return found[item]
        if item in seen:
            return "any"  # a cycle (logic_check refuses it): no kind to read
        try:
            tree = parse(calculations[item])
        except ExprError:
            return "any"
        kind = _kind(tree, calculations, lambda name: of_item(name, seen | {item}))
        found[item] = kind
        return kind

    out: dict[str, Kind] = {}
    for item in calculations:
        kind = of_item(item, frozenset())
        out[item] = "num" if kind == "num" else "text" if kind == "text" else "any"
    return out


def _kind(node: Expr, calculations: Mapping[str, str], of_item: Callable[[str], str]) -> str:
    if isinstance(node, Num | Neg):
        return "num"
    if isinstance(node, Str):
        return _EMPTY if node.value == "" else "text"
    if isinstance(node, BinOp):
        return "num" if node.op in ARITH else "text"  # comparisons, and/or: true or false
    if isinstance(node, Ref):
        return of_item(node.name) if node.name in calculations else "any"
    if not isinstance(node, Call):
        return "any"  # `.`: what the device stored
    if node.name in ("if", "coalesce"):
        branches = node.args[1:] if node.name == "if" else node.args
        return _either(_kind(b, calculations, of_item) for b in branches)
    if node.name == "once" and node.args:
        return _kind(node.args[0], calculations, of_item)
    if node.name == "indexed-repeat" and node.args:
        return _kind(node.args[0], calculations, of_item)
    spec = FUNCTIONS.get(node.name)
    if spec is None:
        return "any"
    if spec.returns == "num":
        return "num"
    return "text" if spec.returns in _NOT_NUMBER_RETURNS else "any"


def _either(kinds: Iterable[str]) -> str:
    """The kind of a value that is one of several: '' goes with either."""
    found = {k for k in kinds if k != _EMPTY}
    if not found:
        return _EMPTY
    return found.pop() if len(found) == 1 else "any"

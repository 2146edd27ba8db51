"""What the plan check can tell about an expression without answers: its constant value
(folding), and the kind of value it gives (for repeat_count).

Folding knows that a choice answer is one of its options (so `${x} = 'maybe'` is false when
'maybe' is not an option) and that one answer cannot equal two different values at once
(`${x} = 'a' and ${x} = 'b'`). Anything that depends on an answer, the clock or the dice is
UNKNOWN.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from fieldtui.core.plan.expr import ExprError, ItemInfo, Value
from fieldtui.core.plan.expr.evaluate import build
from fieldtui.core.plan.expr.functions import FUNCTIONS
from fieldtui.core.plan.expr.tree import (
    BinOp,
    Call,
    Current,
    Expr,
    Neg,
    Num,
    Parent,
    Ref,
    Str,
    walk,
)
from fieldtui.core.plan.expr.values import to_bool, to_number, to_string


class Unknown:
    """The type of UNKNOWN: a value folding cannot know."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()
Folded = Value | Unknown
IMPURE = frozenset({"today", "random", "once", "position", "count", "sum", "indexed-repeat"})
CHOICE = frozenset({"choice", "scale"})
ARITH = frozenset({"+", "-", "*", "div", "mod"})
LOGIC = frozenset({"=", "!=", "<", "<=", ">", ">=", "and", "or"})


class _NoAnswers:
    """A context for constant subtrees: asking it for anything means the tree was not one."""

    def _refuse(self, *args: object) -> Value:
        raise ExprError("not a constant")

    value = here_value = member_value = position = random = _refuse

    def roster_values(self, name: str) -> list[Value] | None:
        raise ExprError("not a constant")

    def members(self, roster: str) -> int | None:
        raise ExprError("not a constant")

    def today(self) -> date:
        raise ExprError("not a constant")


def _constant(node: Expr) -> bool:
    return not any(isinstance(n, Ref | Current | Parent) or (
        isinstance(n, Call) and (n.name in IMPURE or n.name not in FUNCTIONS))
        for n in walk(node))


def fold(node: Expr, items: Mapping[str, ItemInfo]) -> Folded:
    """The value `node` always has, or UNKNOWN."""
    try:
        return _fold(node, items)
    except RecursionError:
        return UNKNOWN


def _fold(node: Expr, items: Mapping[str, ItemInfo]) -> Folded:
    if _constant(node):
        try:
            return build(node)(_NoAnswers())  # type: ignore[arg-type]
        except (ExprError, ArithmeticError, ValueError):
            return UNKNOWN
    if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
        inner = _fold(node.args[0], items)
        return UNKNOWN if isinstance(inner, Unknown) else not to_bool(inner)
    if isinstance(node, BinOp):
        if node.op in ("and", "or"):
            return _logic(node, items)
        if node.op in ("=", "!="):
            never = _impossible_option(node, items)
            if never is not None:
                return never if node.op == "=" else not never
    return UNKNOWN


def _logic(node: BinOp, items: Mapping[str, ItemInfo]) -> Folded:
    left, right = _fold(node.left, items), _fold(node.right, items)
    stop = node.op == "or"  # the value that decides: true for `or`, false for `and`
    for side in (left, right):
        if not isinstance(side, Unknown) and to_bool(side) == stop:
            return stop
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        if node.op == "and" and _contradiction(node):
            return False
        return UNKNOWN
    return not stop


def _impossible_option(node: BinOp, items: Mapping[str, ItemInfo]) -> bool | None:
    """False when a choice is compared with a value that is not one of its options."""
    for ref, other in ((node.left, node.right), (node.right, node.left)):
        info = items.get(ref.name) if isinstance(ref, Ref) else None
        if info is not None and info.kind in CHOICE and info.options and isinstance(
                other, Str | Num) and to_string(other.value).strip() not in info.options:
            return False
    return None


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _contradiction(node: BinOp) -> bool:
    """`${x} = 'a' and ... and ${x} = 'b'`: one answer cannot be two values; nor can it be
    above 5 and below 3 (`${x} > 5 and ${x} < 3`), or equal 2 and above 5."""
    wanted: dict[str, set[str]] = {}
    bounds: dict[str, list[tuple[str, float]]] = {}
    stack: list[Expr] = [node]
    while stack:
        part = stack.pop()
        if not isinstance(part, BinOp):
            continue
        if part.op == "and":
            stack.extend((part.left, part.right))
            continue
        for ref, other, op in ((part.left, part.right, part.op),
                               (part.right, part.left, _FLIP.get(part.op, part.op))):
            if not isinstance(ref, Ref) or not isinstance(other, Str | Num):
                continue
            if op == "=":
                wanted.setdefault(ref.name, set()).add(_canonical(other.value))
                if isinstance(other, Num):
                    bounds.setdefault(ref.name, []).extend(
                        ((">=", other.value), ("<=", other.value)))
            elif op in _FLIP and isinstance(other, Num):
                bounds.setdefault(ref.name, []).append((op, other.value))
    return any(len(values) > 1 for values in wanted.values()) or any(
        _empty_range(limits) for limits in bounds.values())


def _empty_range(limits: list[tuple[str, float]]) -> bool:
    """No number meets every limit (`>` 5 and `<` 3; `>=` 2 and `<` 2)."""
    lows = [(x, op == ">") for op, x in limits if op in (">", ">=")]
    highs = [(x, op == "<") for op, x in limits if op in ("<", "<=")]
    if not lows or not highs:
        return False
    low = max(lows, key=lambda b: (b[0], b[1]))
    high = min(highs, key=lambda b: (b[0], not b[1]))
    return low[0] > high[0] or (low[0] == high[0] and (low[1] or high[1]))


def _canonical(value: Value) -> str:
    number = to_number(value)
    return to_string(number) if number == number else to_string(value).strip()


def value_kind(node: Expr, items: Mapping[str, ItemInfo]) -> str:
    """"num", "bool", "text", "date" or "any": what kind of value `node` gives."""
    if isinstance(node, Num | Neg):
        return "num"
    if isinstance(node, Str):
        number = to_number(node.value)
        return "num" if number == number else "text"
    if isinstance(node, BinOp):
        return "num" if node.op in ARITH else "bool" if node.op in LOGIC else "any"
    if isinstance(node, Call):
        spec = FUNCTIONS.get(node.name)
        return spec.returns if spec is not None else "any"
    info = items.get(node.name) if isinstance(node, Ref) else None
    if info is None or info.kind in ("calculate", "roster"):
        return "any"
    if info.kind in ("number", "scale") or (info.options and all(
            to_number(o) == to_number(o) for o in info.options)):
        return "num"
    return "date" if info.kind in ("date", "time") else "text"

"""Which number items take whole numbers only, from what the plan already says.

A scale item always does (its points are whole numbers: supervise/answer_values.py
counts any other value invalid). A number item takes whole numbers only when

- it sizes a roster: a `repeat_count` is `${id}`, or adds or subtracts it
  (`${adults} + ${children}`): a roster has a whole number of members, and a fraction
  would be cut silently (core/logic/members.py keeps `int(count)` members); or
- its `constraint` asks for one, in one of the XLSForm idioms `int(.) = .`, `. = int(.)`,
  `. mod 1 = 0` (alone or joined to other conditions with `and`); or
- it says so: `whole = true` (what an XLSForm `integer` row becomes).

Any other number item takes decimals too. The entry's hint says which (tui/screens/poll).
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.parse import parse
from fieldtui.core.plan.expr.tree import BinOp, Call, Current, Expr, Neg, Num, Ref
from fieldtui.core.plan.model import Item, Plan


def takes_whole_numbers(item: Item, plan: Plan) -> bool:
    """True when `item` (a number or scale item of `plan`) takes whole numbers only."""
    if item.kind == "scale":
        return True
    if item.kind != "number":
        return False
    return item.whole or item.id in _counts(plan) or _asks_whole(item.constraint)


def whole_by_plan(item: dict[str, Any], counted: set[str]) -> bool:
    """An item table (as written) takes whole numbers without saying `whole`: it sizes a
    roster (`counted`: `counted_by` of the plan's repeat counts) or its constraint asks for
    one."""
    constraint = item.get("constraint")
    return item.get("id") in counted or (isinstance(constraint, str)
                                         and _asks_whole(constraint))


def counted_by(repeat_counts: list[str]) -> set[str]:
    """The items the rosters count their members with, read off their repeat counts (once
    for a plan, not once per item asked about)."""
    found: set[str] = set()
    for text in repeat_counts:
        tree = _parsed(text)
        if tree is not None:
            _summed_refs(tree, found)
    return found


def _counts(plan: Plan) -> set[str]:
    """The items the plan's rosters count their members with."""
    found: set[str] = set()
    for section in plan.sections:
        if section.repeat_count is not None:
            tree = _parsed(section.repeat_count)
            if tree is not None:
                _summed_refs(tree, found)
    return found


def _summed_refs(tree: Expr, found: set[str]) -> None:
    if isinstance(tree, Ref):
        found.add(tree.name)
    elif isinstance(tree, Neg):
        _summed_refs(tree.operand, found)
    elif isinstance(tree, BinOp) and tree.op in ("+", "-"):
        _summed_refs(tree.left, found)
        _summed_refs(tree.right, found)


def _asks_whole(constraint: str | None) -> bool:
    tree = _parsed(constraint) if constraint else None
    return tree is not None and any(_whole_test(part) for part in _conjuncts(tree))


def _conjuncts(tree: Expr) -> list[Expr]:
    if isinstance(tree, BinOp) and tree.op == "and":
        return _conjuncts(tree.left) + _conjuncts(tree.right)
    return [tree]


def _whole_test(tree: Expr) -> bool:
    """`int(.) = .` either way round, or `. mod 1 = 0` either way round."""
    if not (isinstance(tree, BinOp) and tree.op == "="):
        return False
    for one, other in ((tree.left, tree.right), (tree.right, tree.left)):
        if (isinstance(one, Call) and one.name == "int" and len(one.args) == 1
                and isinstance(one.args[0], Current) and isinstance(other, Current)):
            return True
        if (isinstance(one, BinOp) and one.op == "mod" and isinstance(one.left, Current)
                and isinstance(one.right, Num) and one.right.value == 1
                and isinstance(other, Num) and other.value == 0):
            return True
    return False


def _parsed(text: str) -> Expr | None:
    try:
        return parse(text)
    except ExprError:  # the plan check reports it; here it asks nothing
        return None

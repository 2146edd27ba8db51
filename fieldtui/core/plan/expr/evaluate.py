"""Compile a tree once into nested closures, then evaluate it against a context, fast.

No Python `eval`: each node becomes a small closure. `evaluate(text, ctx)` parses and
compiles on first use and caches both, so re-evaluating a condition costs only the closures.
"""

from __future__ import annotations

import difflib
import math
from functools import lru_cache

from fieldtui.core.plan.expr.context import ContextLike
from fieldtui.core.plan.expr.errors import ExprError
from fieldtui.core.plan.expr.functions import FUNCTIONS, Compiled, arity_text
from fieldtui.core.plan.expr.parse import parse, parse_filter
from fieldtui.core.plan.expr.tree import (
    BinOp,
    Call,
    Current,
    Expr,
    Name,
    Neg,
    Num,
    Parent,
    Ref,
    Str,
    walk,
)
from fieldtui.core.plan.expr.values import NAN, ORDER, Value, equal, to_bool, to_number
from fieldtui.core.plan.findings import en_zh


def _div(x: float, y: float) -> float:
    if y == 0:
        if x == 0 or math.isnan(x):
            return NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _mod(x: float, y: float) -> float:
    try:
        return math.fmod(x, y)
    except ValueError:
        return NAN


_ARITH = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "div": _div, "mod": _mod,
}


def _equal_text(left: Compiled, text: str) -> Compiled:
    """`x = 'text'`: a plain string comparison whenever x is a string (the usual case)."""
    def run(c: ContextLike) -> bool:
        value = left(c)
        return value == text if type(value) is str else equal(value, text)
    return run


def _binop(node: BinOp) -> Compiled:
    left, right, op = build(node.left), build(node.right), node.op
    if op == "and":
        return lambda c: to_bool(left(c)) and to_bool(right(c))
    if op == "or":
        return lambda c: to_bool(left(c)) or to_bool(right(c))
    if op in ("=", "!="):
        same = _equal_text(left, node.right.value) if isinstance(node.right, Str) else (
            lambda c: equal(left(c), right(c)))
        return same if op == "=" else lambda c: not same(c)
    if op in ORDER:
        order = ORDER[op]
        if isinstance(node.right, Num):  # the common `${age} >= 18`: convert 18 once
            limit = node.right.value
            return lambda c: order(to_number(left(c)), limit)
        return lambda c: order(to_number(left(c)), to_number(right(c)))
    arith = _ARITH[op]
    return lambda c: arith(to_number(left(c)), to_number(right(c)))


def _call(node: Call) -> Compiled:
    spec = FUNCTIONS.get(node.name)
    if spec is None:
        near = difflib.get_close_matches(node.name, FUNCTIONS, n=1)
        hint = (en_zh("use one of the functions in docs/expressions.md (did you mean "
                      "{near}()?)", near=near[0]) if near else
                en_zh("use one of the functions in docs/expressions.md"))
        raise ExprError(en_zh("unknown function {name}()", name=node.name), hint,
                        column=node.pos + 1, rule="expr-function")
    count = len(node.args)
    if count < spec.least or (spec.most is not None and count > spec.most):
        raise ExprError(en_zh("{name}() takes {arity}, not {count}", name=node.name,
                              arity=arity_text(spec), count=str(count)),
                        en_zh("add or remove arguments to match"),
                        column=node.pos + 1, rule="expr-arity")
    takes_parent = spec.kinds == ("parent",)
    if takes_parent and not isinstance(node.args[0], Parent):
        raise ExprError(en_zh("{name}() takes `..` (the current roster member)",
                              name=node.name),
                        en_zh("write {name}(..)", name=node.name), column=node.args[0].pos + 1,
                        rule="expr-type")
    args = [_noop if takes_parent else build(arg) for arg in node.args]
    return spec.build(node, args)


def _noop(c: ContextLike) -> Value:
    return ""


def _option_column(node: Name) -> Compiled:
    """A bare name in a choice_filter: the column of the option being filtered."""
    name, pos = node.name, node.pos

    def run(c: ContextLike) -> Value:
        column = getattr(c, "option_column", None)
        if column is None:
            raise ExprError(en_zh("`{name}` names an option column, which only a choice_filter "
                                  "has", name=name),
                            en_zh("write ${{{name}}} for an item's answer", name=name),
                            column=pos + 1,
                            rule="expr-syntax")
        value: Value = column(name)
        return value
    return run


def build(node: Expr) -> Compiled:
    """The closure that evaluates `node` (raises ExprError for unknown functions, arity...)."""
    if isinstance(node, Num | Str):
        constant: Value = node.value
        return lambda c: constant
    if isinstance(node, Ref):
        name = node.name
        return lambda c: c.value(name)
    if isinstance(node, Current):
        return lambda c: c.here_value()
    if isinstance(node, Neg):
        operand = build(node.operand)
        return lambda c: -to_number(operand(c))
    if isinstance(node, BinOp):
        return _binop(node)
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Name):
        return _option_column(node)
    raise ExprError(en_zh("`..` is only allowed as position(..)"),
                    en_zh("write position(..), or ${{id}} for an answer"),
                    column=node.pos + 1, rule="expr-type")


@lru_cache(maxsize=8192)
def compiled(text: str) -> Compiled:
    """Parse and compile `text` once (cached); ExprError with the column of the first fault."""
    try:
        return build(parse(text))
    except ExprError as exc:
        exc.text = text
        raise
    except RecursionError:
        raise ExprError(en_zh("the expression is nested too deeply"),
                        en_zh("use fewer parentheses: compute parts in calculate items"),
                        column=1, text=text) from None


@lru_cache(maxsize=4096)
def compiled_filter(text: str) -> Compiled:
    """Parse (bare names allowed: option columns) and compile a choice_filter once."""
    try:
        return build(parse_filter(text))
    except ExprError as exc:
        exc.text = text
        raise
    except RecursionError:
        raise ExprError(en_zh("the expression is nested too deeply"),
                        en_zh("use fewer parentheses: compute parts in calculate items"),
                        column=1, text=text) from None


def evaluate(text: str, ctx: ContextLike) -> Value:
    """The value of expression `text` in `ctx`: a str, float, bool or date."""
    run = compiled(text)
    try:
        return run(ctx)
    except ExprError as exc:
        exc.text = text
        exc.column = exc.column or _where(parse(text), exc.what)
        raise
    except RecursionError:
        raise ExprError(en_zh("the expression is nested too deeply"),
                        en_zh("use fewer parentheses: compute parts in calculate items"),
                        column=1, text=text) from None


def _where(tree: Expr, what: str) -> int:
    """The column of the node an evaluation fault names (the first `${id}` or `.`), else 0."""
    for node in walk(tree):
        if isinstance(node, Ref) and f"${{{node.name}}}" in what:
            return node.pos + 1
        if isinstance(node, Current | Call) and what.startswith(
                "`.`" if isinstance(node, Current) else f"{node.name}("):
            return node.pos + 1
    return 0


def evaluate_bool(text: str, ctx: ContextLike) -> bool:
    """The expression as a condition (relevant, constraint, required): XPath boolean()."""
    return to_bool(evaluate(text, ctx))

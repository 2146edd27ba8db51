"""An expression written back as text, with only the parentheses it needs."""

from __future__ import annotations

from collections.abc import Callable

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
)
from fieldtui.core.plan.expr.values import number_text

PRECEDENCE = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
              "+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}


def as_written(name: str) -> str:
    """A reference as the plan writes it: `${name}`."""
    return f"${{{name}}}"


def rendered(node: Expr, outer: int = 0, words: Callable[[str], str] = as_written,
             options: Callable[[Expr, str], str] | None = None) -> str:
    """The expression written back as text, with only the parentheses it needs. `words`
    names a referenced item (as written by default); `options`, when given, shows an option
    value compared with an item (or `selected` in it) as a person reads it."""
    def again(child: Expr, rank: int = 0) -> str:
        return rendered(child, rank, words, options)

    if isinstance(node, BinOp):
        rank = PRECEDENCE[node.op]
        left, right = again(node.left, rank), again(node.right, rank + 1)
        if options is not None and isinstance(node.right, Str):
            right = options(node.left, node.right.value)
        text = f"{left} {node.op} {right}"
        return f"({text})" if rank < outer else text
    if isinstance(node, Num):
        return number_text(node.value)
    if isinstance(node, Str):
        return quoted(node.value)
    if isinstance(node, Ref):
        return words(node.name)
    if isinstance(node, Call):
        if options is not None and node.name == "selected" and len(node.args) == 2 \
                and isinstance(node.args[1], Str):
            return (f"{options(node.args[0], node.args[1].value)} is chosen in "
                    f"{again(node.args[0])}")
        return f"{node.name}({', '.join(again(a) for a in node.args)})"
    if isinstance(node, Neg):
        return f"-{again(node.operand, 7)}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Parent):
        return ".."
    assert isinstance(node, Name)
    return node.name


def quoted(value: str) -> str:
    """A text literal as written: in single quotes, or double when it holds one."""
    return f'"{value}"' if "'" in value else f"'{value}'"

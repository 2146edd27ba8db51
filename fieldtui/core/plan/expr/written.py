"""An expression written back as text, with only the parentheses it needs."""

from __future__ import annotations

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


def rendered(node: Expr, outer: int = 0) -> str:
    """The expression written back as text, with only the parentheses it needs."""
    if isinstance(node, BinOp):
        rank = PRECEDENCE[node.op]
        text = f"{rendered(node.left, rank)} {node.op} {rendered(node.right, rank + 1)}"
        return f"({text})" if rank < outer else text
    if isinstance(node, Num):
        return number_text(node.value)
    if isinstance(node, Str):
        return f'"{node.value}"' if "'" in node.value else f"'{node.value}'"
    if isinstance(node, Ref):
        return f"${{{node.name}}}"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(rendered(a) for a in node.args)})"
    if isinstance(node, Neg):
        return f"-{rendered(node.operand, 7)}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Parent):
        return ".."
    assert isinstance(node, Name)
    return node.name

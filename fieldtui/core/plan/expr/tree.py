"""The typed tree of an expression: frozen dataclasses, each with its 0-based offset `pos`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Num:
    """A number literal, e.g. `3`, `2.5`, `.5`."""

    value: float
    pos: int


@dataclass(frozen=True, slots=True)
class Str:
    """A string literal in single or double quotes (no escapes, as in XPath 1.0)."""

    value: str
    pos: int


@dataclass(frozen=True, slots=True)
class Ref:
    """`${name}`: the answer of another item (or a roster)."""

    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Current:
    """`.`: the answer of the item the expression belongs to."""

    pos: int


@dataclass(frozen=True, slots=True)
class Parent:
    """`..`: the current roster member; only meaningful inside `position(..)`."""

    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    """A bare name, only in a choice_filter: a column of the option (`name` is its value)."""

    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus: `-x`."""

    operand: Expr
    pos: int


@dataclass(frozen=True, slots=True)
class BinOp:
    """`left op right`; op is one of + - * div mod = != < <= > >= and or; pos is the operator's."""

    op: str
    left: Expr
    right: Expr
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    """`name(args...)`; pos is where the name starts."""

    name: str
    args: tuple[Expr, ...]
    pos: int


Expr = Num | Str | Ref | Current | Parent | Name | Neg | BinOp | Call


def walk(node: Expr) -> list[Expr]:
    """Every node of the tree, parents before children (iterative: no recursion limit)."""
    out: list[Expr] = []
    stack: list[Expr] = [node]
    while stack:
        item = stack.pop()
        out.append(item)
        if isinstance(item, Neg):
            stack.append(item.operand)
        elif isinstance(item, BinOp):
            stack.extend((item.right, item.left))
        elif isinstance(item, Call):
            stack.extend(reversed(item.args))
    return out

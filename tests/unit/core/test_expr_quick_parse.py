"""`quick_parse` builds lark's tree or declines: never another tree, never an error of its own."""

from __future__ import annotations

import random

import pytest

from fieldtui.core.plan.expr import ExprError
from fieldtui.core.plan.expr.parse import _parse_with, _parser
from fieldtui.core.plan.expr.quick_parse import quick_parse
from fieldtui.core.plan.expr.tree import Expr

PIECES = ("${a}", "${b_1}", "${x y}", "${}", "'s'", '"t t"', "''", "'it''s'", "1", "2.5", ".5",
          "5.", "007", ".", "..", "=", "!=", "<", "<=", ">", ">=", "==", "and", "or", "div",
          "mod", "+", "-", "*", "(", ")", ",", "selected(", "count-selected(", "f(", "order(",
          "or(", "and(", "name", "x.y(", "andy", "!", "\u00a0", "$", "{", "}")
SEPARATORS = ("", "", " ", "  ", "\t", "\n")
SHAPES = ("${q0} = 'yes'", ". >= 0 and . <= 120", "selected(${q5}, 'bus') or ${q6} != ''",
          "(${a} = 1 or ${b} < 2) and count-selected(.) >= 1", "today()", "${a}and ${b}",
          "1 < 2 = 3 or 4 and 5", "regex(., '^[0-9]+$')", "${a} != \"\"")


def _lark(text: str) -> Expr | str:
    try:
        return _parse_with(_parser(), text)
    except ExprError as exc:
        return f"error: {exc}"


def _valid(rng: random.Random, depth: int = 0) -> str:
    leaf = rng.choice(("${a}", "${b_1}", "'yes'", '""', "3", "0.5", ".", "f()", "selected(., 'x')"))
    if depth > 3 or rng.random() < 0.3:
        return leaf
    op = rng.choice(("=", "!=", "<", "<=", ">", ">=", "and", "or"))
    left, right = _valid(rng, depth + 1), _valid(rng, depth + 1)
    if rng.random() < 0.2:
        return f"({left} {op} {right})"
    if rng.random() < 0.1:
        return f"g({left}, {right})"
    return f"{left} {op} {right}"


@pytest.mark.parametrize("text", SHAPES)
def test_the_common_shapes_are_read_as_lark_reads_them(text: str) -> None:
    assert quick_parse(text) is not None
    assert quick_parse(text) == _lark(text)


def test_valid_expressions_of_the_subset_give_larks_tree() -> None:
    rng = random.Random(14)
    for _ in range(1500):
        text = _valid(rng)
        assert quick_parse(text) == _lark(text), text


def test_any_text_gives_larks_tree_or_none() -> None:
    rng = random.Random(41)
    read = 0
    for _ in range(6000):
        text = "".join(rng.choice(PIECES) + rng.choice(SEPARATORS)
                       for _ in range(rng.randint(1, 7)))
        quick = quick_parse(text)
        if quick is not None:
            read += 1
            assert quick == _lark(text), text
    assert read > 100  # the subset is exercised, not only declined

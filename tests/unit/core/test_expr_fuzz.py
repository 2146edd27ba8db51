"""Random text and random valid expressions never break the engine: it answers with a value
or with its own ExprError, and the checker always answers with findings."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.expr import (
    Context,
    ExprError,
    ItemInfo,
    check_expression,
    compiled,
    evaluate,
    parse,
)
from fieldtui.core.plan.expr.functions import FUNCTIONS

ITEMS = {"age": ItemInfo("number"), "name": ItemInfo("open"), "empty": ItemInfo("open"),
         "langs": ItemInfo("multi", ("a", "b")), "hh": ItemInfo("roster"),
         "m_age": ItemInfo("number", roster="hh"), "a-b": ItemInfo("number")}
CONTEXT = Context(answers={"age": 41, "name": "Ana", "empty": None, "langs": ["a"], "a-b": 2},
                  rosters={"hh": [{"m_age": 3}, {"m_age": None}]}, roster_of={"m_age": "hh"},
                  clock=lambda: date(2026, 12, 1))
VALUE_TYPES = (str, float, bool, date)
FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

ALPHABET = st.sampled_from([*"${}()'\".,-+*=!<>ab 0129_", "div", "mod", "and", "or", "${age}",
                            "concat(", "..", "\n", "\x1b", "日"])


def _run(text: str, ctx: Context) -> None:
    try:
        compiled(text)
        value = evaluate(text, ctx)
    except ExprError as exc:
        assert exc.text == text
        assert "\n" not in exc.line()
        return
    assert isinstance(value, VALUE_TYPES)


@FUZZ
@given(st.text(max_size=60))
def test_random_text_gives_a_value_or_an_expr_error(text: str) -> None:
    _run(text, CONTEXT.at("name"))
    assert isinstance(check_expression(text, ITEMS, here="name"), list)


@FUZZ
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_random_token_soup_gives_a_value_or_an_expr_error(text: str) -> None:
    _run(text, CONTEXT.at("name"))
    for finding in check_expression(text, ITEMS, here="name"):
        assert 1 <= finding.column <= len(text) + 1


ATOMS = st.sampled_from([
    "0", "1", "2.5", ".5", "-3", "'yes'", "''", "'12'", "'2026-01-01'", "${age}", "${name}",
    "${empty}", "${langs}", "${a-b}", ".", "true()", "false()", "today()", "random()",
    "count(${hh})", "sum(${m_age})", "1 div 0", "0 div 0",
])
OPS = ["+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=", "and", "or"]
SAFE = [name for name, spec in FUNCTIONS.items()
        if name not in ("count", "sum", "position", "indexed-repeat")]


def _calls(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def call(name: str) -> st.SearchStrategy[str]:
        spec = FUNCTIONS[name]
        most = spec.most if spec.most is not None else spec.least + 3
        return st.lists(children, min_size=spec.least, max_size=most).map(
            lambda args: f"{name}({', '.join(args)})")
    binary = st.tuples(children, st.sampled_from(OPS), children).map(" ".join)
    return st.one_of(
        binary,
        children.map(lambda c: f"({c})"),
        children.map(lambda c: f"-{c}"),
        st.sampled_from(SAFE).flatmap(call),
    )


EXPRESSIONS = st.recursive(ATOMS, _calls, max_leaves=25)


@FUZZ
@given(EXPRESSIONS, st.integers(0, 2**32))
def test_random_valid_expressions_parse_and_evaluate(text: str, seed: int) -> None:
    parse(text)  # generated from the grammar: it must parse
    _run(text, _seeded(seed))
    first, second = _value(text, _seeded(seed)), _value(text, _seeded(seed))
    assert repr(first) == repr(second)  # reproducible, random() included


def _seeded(seed: int) -> Context:
    return Context(answers=CONTEXT.answers, rosters=CONTEXT.rosters, roster_of=CONTEXT.roster_of,
                   clock=CONTEXT.clock, dice=random.Random(seed).random).at("name")


def _value(text: str, ctx: Context) -> object:
    try:
        return evaluate(text, ctx)
    except ExprError as exc:
        return exc.rule


def test_deep_nesting_is_an_expr_error_not_a_crash() -> None:
    for depth in (50, 2000):
        text = "(" * depth + "1" + ")" * depth
        _run(text, CONTEXT)
        _run("-" * depth + "1", CONTEXT)
        _run("not(" * depth + "1" + ")" * depth, CONTEXT)
    _run("1" + " + 1" * 1500, CONTEXT)

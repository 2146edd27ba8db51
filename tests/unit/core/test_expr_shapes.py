"""A text that refers to items is parsed once per shape (its references written `${_}`), and
the tree made from the shape's is the one lark builds from the text itself; the plan check
compiles it once per shape too, with the same findings."""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.expr import ExprError, ItemInfo, check_expression, parse
from fieldtui.core.plan.expr.evaluate import compiled
from fieldtui.core.plan.expr.parse import _parse_with, _parser, shaped
from fieldtui.core.plan.expr.tree import BinOp, Neg, Ref, Str

PIECES = st.sampled_from([*"${}()'\".,-+*=!<>ab 0129_", "div", "mod", "and", "or", "${age}",
                          "${a-b}", "${m.x}", "${}", "${1a}", "${ a}", "${é}", "concat(",
                          "selected(", "..", "\n", "'${age}'", '"${q}"', "日"])
REFS = st.sampled_from(["${age}", "${q12}", "${a_b-c.d}", "${x}", "${hh}"])
VALID = st.lists(st.sampled_from([" = ", " + ", " and ", " != ", " div "]), min_size=1,
                 max_size=4).flatmap(lambda ops: st.lists(
                     st.one_of(REFS, st.sampled_from(["'yes'", "3", ".", "count(${r})",
                                                      "-${n}", "(${a} or ${b})"])),
                     min_size=len(ops) + 1, max_size=len(ops) + 1).map(
                     lambda terms: "".join(t + o for t, o in zip(terms, [*ops, ""], strict=True))))


def _direct(text: str) -> object:
    try:
        return _parse_with(_parser(), text)
    except ExprError as exc:
        return ("error", exc.what, exc.column, exc.rule)


def _by_parse(text: str) -> object:
    parse.cache_clear()
    try:
        return parse(text)
    except ExprError as exc:
        return ("error", exc.what, exc.column, exc.rule)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=14).map("".join))
def test_any_text_parses_as_lark_parses_it(text: str) -> None:
    assert _by_parse(text) == _direct(text), repr(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALID)
def test_an_expression_made_from_its_shape_is_its_own_tree(text: str) -> None:
    assert _by_parse(text) == _direct(text), repr(text)


def test_two_texts_of_one_shape_are_parsed_once() -> None:
    parse.cache_clear()
    shaped.cache_clear()
    first, second = parse("${q4} = 'yes'"), parse("${q100} = 'yes'")
    assert shaped.cache_info().misses == 1 and shaped.cache_info().hits == 1
    assert first == BinOp("=", Ref("q4", 0), Str("yes", 8), 6)
    assert second == BinOp("=", Ref("q100", 0), Str("yes", 10), 8)
    parse("'${q4}' = 'yes'")  # a reference in a string is text: no shape to parse
    assert shaped.cache_info().misses == 1


def test_a_text_too_deep_to_walk_is_parsed_as_before() -> None:
    parse.cache_clear()
    node = parse("-" * 1500 + "${a}")  # lark builds it; a walk of it would be too deep
    depth = 0
    while isinstance(node, Neg):
        node, depth = node.operand, depth + 1
    assert depth == 1500 and node == Ref("a", 1500)


ITEMS = {name: ItemInfo(kind, options) for name, kind, options in (
    ("age", "number", ()), ("q12", "choice", ("yes", "no")), ("x", "multi", ("a", "b")),
    ("hh", "open", ()), ("a", "number", ()), ("b", "number", ()), ("n", "number", ()))}


def _checked(text: str, *, each_text: bool) -> object:
    """The check's findings, each text compiled as itself (`each_text`, as before shapes)
    or by its shape."""
    parse.cache_clear()
    compiled.cache_clear()
    if not each_text:
        return check_expression(text, ITEMS, here="age")
    with mock.patch("fieldtui.core.plan.expr.check._compiles", compiled):
        return check_expression(text, ITEMS, here="age")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(VALID, st.lists(PIECES, max_size=14).map("".join)))
def test_a_text_compiled_by_its_shape_has_its_own_findings(text: str) -> None:
    assert _checked(text, each_text=False) == _checked(text, each_text=True), repr(text)


def test_an_error_only_compiling_finds_is_at_its_column_in_the_text() -> None:
    # `..` outside position(): the evaluator's error, after a reference longer than `${_}`
    for text in ("${age} + ..", "${a} + ..", "(${q12} = 'yes') + .."):
        found = _checked(text, each_text=False)
        assert [(f.column, f.rule) for f in found] == [(len(text) - 1, "expr-type")]
    compiled.cache_clear()
    check_expression("${q4} = 'yes'", ITEMS)
    check_expression("${q100} = 'yes'", ITEMS)
    assert compiled.cache_info().misses == 1  # one shape, compiled once

"""Calculations in dependency order with frozen once()/today()/random(), choice filters with
bare option columns (grammar included), and randomised option order from the seed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.core.logic import ItemRule, SectionRule, option_order
from fieldtui.core.plan.expr import (
    Context,
    DependencyIndex,
    ExprError,
    check_expression,
    compiled_filter,
    parse,
    parse_filter,
)
from fieldtui.core.plan.expr.tree import BinOp, Call, Name, Ref
from tests.support.logic_plans import TODAY, make, row, session


def test_calculations_run_in_dependency_order_not_plan_order() -> None:
    q = make([SectionRule("s", items=("a", "c1", "c2", "c3"))],
             [ItemRule("a", "s", "number"),
              ItemRule("c1", "s", "calculate", calculation="${c2} * 10"),
              ItemRule("c2", "s", "calculate", calculation="${c3} + 1"),
              ItemRule("c3", "s", "calculate", calculation="${a} + 1")])
    s = session(q, [row("a", 1)])
    assert s.calculations() == {("c1", ""): 30.0, ("c2", ""): 3.0, ("c3", ""): 2.0}
    assert s.answer("a", "", row("a", 2)) == {("a", ""), ("c1", ""), ("c2", ""), ("c3", "")}
    assert s.calculations()[("c1", "")] == 40.0


def test_once_today_and_random_keep_what_was_stored() -> None:
    q = make([SectionRule("s", items=("a", "started", "day", "draw", "live"))],
             [ItemRule("a", "s"),
              ItemRule("started", "s", "calculate", calculation="once(${a})"),
              ItemRule("day", "s", "calculate", calculation="today()"),
              ItemRule("draw", "s", "calculate", calculation="random()"),
              ItemRule("live", "s", "calculate", calculation="concat(${a}, '!')")])
    fresh = session(q, [row("a", "first")])
    calcs = fresh.calculations()
    assert calcs[("started", "")] == "first" and calcs[("day", "")] == TODAY.isoformat()
    assert 0 <= calcs[("draw", "")] < 1  # type: ignore[operator]
    assert session(q, [row("a", "first")]).calculations() == calcs  # stable for a seed
    stored = [row("a", "second"), row("started", "first"), row("day", "2026-01-05"),
              row("draw", 0.25), row("live", "old")]
    s = session(q, stored)
    kept = s.calculations()
    assert kept[("started", "")] == "first" and kept[("day", "")] == "2026-01-05"
    assert kept[("draw", "")] == 0.25 and kept[("live", "")] == "second!"
    assert s.answer("a", "", row("a", "third")) == {("a", ""), ("live", "")}


def test_calculations_are_given_as_an_answer_row_stores_them() -> None:
    q = make([SectionRule("s", items=("a", "sum", "day"))],
             [ItemRule("a", "s"), ItemRule("sum", "s", "calculate", calculation="${a} + 1"),
              ItemRule("day", "s", "calculate", calculation="today()")])
    s = session(q)
    assert s.calculations() == {("sum", ""): "", ("day", ""): "2026-12-01"}  # NaN: nothing
    s.answer("sum", "", row("sum", ""))
    s.answer("day", "", row("day", "2026-12-01"))
    assert s.calculations_to_save() == {}
    s.answer("a", "", row("a", "4"))
    assert s.calculations_to_save() == {("sum", ""): 5.0}


def test_a_filter_may_name_option_columns_bare_or_as_option_refs() -> None:
    options = ({"region": "north"}, {"region": "north"}, {"region": "south"})
    q = make([SectionRule("s", items=("region", "d1", "d2"))],
             [ItemRule("region", "s", "choice", options=("north", "south")),
              ItemRule("d1", "s", "choice", options=("n1", "n2", "s1"), option_fields=options,
                       choice_filter="region = ${region} and name != 'n2'"),
              ItemRule("d2", "s", "choice", options=("n1", "n2", "s1"), option_fields=options,
                       choice_filter="${option.region} = ${region}")])
    s = session(q, [row("region", "north")])
    assert s.options("d1") == ("n1",) and s.options("d2") == ("n1", "n2")
    changed = s.answer("region", "", row("region", "south"))
    assert {("d1", ""), ("d2", "")} <= changed
    assert s.options("d1") == ("s1",) == s.options("d2")


def test_randomised_order_is_stable_for_a_seed_and_differs_across_seeds() -> None:
    rule = ItemRule("q", "s", "choice", options=tuple("abcdefgh"), randomize=True)
    q = make([SectionRule("s", items=("q",))], [rule])
    orders = {session(q, seed=seed).options("q") for seed in range(6)}
    assert len(orders) > 1 and all(sorted(o) == list("abcdefgh") for o in orders)
    assert session(q, seed=3).options("q") == session(q, seed=3).options("q")
    assert session(q, seed=3).options("q") == option_order(rule, 3)
    assert session(q, seed=None).options("q") == tuple("abcdefgh")  # no seed: plan order
    fixed = ItemRule("p", "s", "choice", options=tuple("abc"))
    assert option_order(fixed, 3) == ("a", "b", "c")


def test_exclusive_options_and_other_keep_their_place_when_shuffled() -> None:
    rule = ItemRule("m", "s", "multi", options=(*"abcdef", "other", "none"),
                    exclusive=("none",), randomize=True)
    orders = {option_order(rule, seed) for seed in range(8)}
    assert len(orders) > 1
    for order in orders:
        assert order[-2:] == ("other", "none")
        assert sorted(order[:-2]) == list("abcdef")


# -- the grammar: bare names only in a choice_filter ------------------------------------------

def test_bare_names_parse_only_as_a_filter() -> None:
    tree = parse_filter("name = 'x' and region != ${r}")
    assert isinstance(tree, BinOp) and isinstance(tree.left, BinOp)
    assert tree.left.left == Name("name", 0)
    with pytest.raises(ExprError) as caught:
        parse("name = 'x'")
    assert "is not a value" in caught.value.what
    assert check_expression("name = 'x'", choice_filter=True) == []
    assert check_expression("name = 'x'")[0].rule == "expr-syntax"


@pytest.mark.parametrize(("text", "kind"), [
    ("count-selected(${a})", Call),   # a function name is not a bare name
    ("count (${a})", Call),
    ("name-1", BinOp),                 # a bare name has no '-': a subtraction
    ("${a}", Ref),
])
def test_filter_grammar_keeps_calls_and_subtraction(text: str, kind: type) -> None:
    assert isinstance(parse_filter(text), kind)


def test_keywords_are_not_names_and_a_filter_outside_an_option_fails() -> None:
    with pytest.raises(ExprError):
        parse_filter("name = or")
    ctx = Context(answers={"r": "north"}, option={"name": "a", "region": "north"},
                  clock=lambda: date(2026, 1, 1))
    assert compiled_filter("region = ${r} and name = 'a'")(ctx) is True
    with pytest.raises(ExprError) as caught:
        compiled_filter("name = 'a'")(Context())
    assert "only a choice_filter" in caught.value.what


def test_the_dependency_index_reads_filters_as_filters() -> None:
    index = DependencyIndex({("d", "choice_filter"): "region = ${region}"})
    assert index.affected(["region"]) == [("d", "choice_filter")]


TOKENS = st.sampled_from(["name", "region", " ", "=", "!=", "'a'", "${r}", "and", "or", "(",
                          ")", "count(", ",", "-", "1", "not(", "selected(", "x_y", ".", "div"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(TOKENS, max_size=14).map("".join)))
def test_random_filters_give_a_value_or_an_expr_error(text: str) -> None:
    ctx = Context(answers={"r": "a"}, option={"name": "a", "region": "b"},
                  clock=lambda: date(2026, 1, 1))
    for finding in check_expression(text, choice_filter=True):
        assert 1 <= finding.column <= len(text) + 1
    try:
        value = compiled_filter(text)(ctx)
    except ExprError as exc:
        assert "\n" not in exc.line()
        return
    assert isinstance(value, str | float | bool | date)


def test_a_calculation_with_no_number_yet_is_piped_as_nothing_not_nan() -> None:
    """`${spend} div ${size}` before the spending is known is NaN: a note piping it read
    "That is about NaN per person" in the outline. It is shown as no value yet."""
    q = make([SectionRule("s", items=("size", "spend", "each"))],
             [ItemRule("size", "s", "number"), ItemRule("spend", "s", "number"),
              ItemRule("each", "s", "calculate", calculation="${spend} div ${size}")])
    s = session(q, [row("size", 3)])
    assert s.text("About ${each} each") == "About  each"
    assert s.text("About ${each} each", marked=True) == "About [each] each"
    s.answer("spend", "", row("spend", 4500))
    assert s.text("About ${each} each") == "About 1500 each"

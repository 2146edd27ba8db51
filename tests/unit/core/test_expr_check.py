"""The expression checker: one finding per fault, at the right column; references, options,
rosters, cycles, dependencies."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fieldtui.core.plan.expr import (
    DependencyIndex,
    ExprError,
    ItemInfo,
    calculation_cycles,
    check_expression,
    parse,
    references,
)

# (expression, 1-based column of the fault, rule): each has exactly one finding.
MALFORMED: list[tuple[str, int, str]] = [
    ("1 +", 4, "expr-syntax"),
    ("(1", 3, "expr-syntax"),
    ("1 2", 3, "expr-syntax"),
    (")", 1, "expr-syntax"),
    ("1 + * 2", 5, "expr-syntax"),
    ("1 == 2", 4, "expr-syntax"),
    ("${x} = = 1", 8, "expr-syntax"),
    ("concat(1,,2)", 10, "expr-syntax"),
    ("concat(1,)", 10, "expr-syntax"),
    ("((1 + 2)", 9, "expr-syntax"),
    ("(1 + 2))", 8, "expr-syntax"),
    ("${a b}", 3, "expr-syntax"),
    ("${}", 3, "expr-syntax"),
    ("$x", 1, "expr-syntax"),
    ("1 = 'abc", 5, "expr-syntax"),
    ("age > 3", 1, "expr-syntax"),
    ("1 # 2", 3, "expr-syntax"),
    ("  ", 1, "expr-syntax"),
    ("${x} and or ${y}", 10, "expr-syntax"),
    ("${x} AND ${y}", 6, "expr-syntax"),
    ("foo(1)", 1, "expr-function"),
    ("1 + coalese(${x}, 0)", 5, "expr-function"),
    ("string-length(1, 2)", 1, "expr-arity"),
    ("not()", 1, "expr-arity"),
    ("if(1, 2)", 1, "expr-arity"),
    ("1 + selected(${x})", 5, "expr-arity"),
    ("today(1)", 1, "expr-arity"),
    ("regex(., '[a-')", 10, "expr-regex"),
    ("regex(., '(')", 10, "expr-regex"),
    ("int('abc')", 5, "expr-type"),
    ("substr(., 'one')", 11, "expr-type"),
    ("count(3)", 7, "expr-type"),
    ("sum(1 + 2)", 7, "expr-type"),
    ("position(.)", 10, "expr-type"),
    ("concat(..)", 8, "expr-type"),
    ("selected(3, 'a')", 10, "expr-type"),
    ("count-selected(2)", 16, "expr-type"),
]


@pytest.mark.parametrize(("text", "column", "rule"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_expression_gives_one_finding_at_its_column(
        text: str, column: int, rule: str) -> None:
    findings = check_expression(text, here="q")
    assert [(f.column, f.rule) for f in findings] == [(column, rule)], findings
    assert findings[0].level == "error"


def test_a_syntax_error_has_a_caret_under_the_fault() -> None:
    finding = check_expression("${age} >= 18 and and ${x}")[0]
    assert finding.caret("${age} >= 18 and and ${x}") == (
        "${age} >= 18 and and ${x}\n                 ^")
    with pytest.raises(ExprError) as caught:
        parse("(1 + 2")
    assert caught.value.caret() == "(1 + 2\n      ^"
    assert "\n" not in caught.value.line()


def test_a_slash_for_division_says_to_divide_with_div() -> None:
    """XLSForm divides with `div`; `/` is a path there. A form writer's `${a} / ${b}` was
    told only "unexpected `/`"."""
    [finding] = check_expression("${food} / ${size}", here="q")
    assert (finding.column, finding.rule) == (9, "expr-syntax")
    assert finding.message == "`/` does not divide here — write ${a} div ${b}"


def test_a_finding_becomes_a_plan_finding_with_file_line_and_column() -> None:
    finding = check_expression("foo(1)")[0].finding("plans/x.toml", 12)
    assert finding.format() == ("plans/x.toml:12: error: expr-function: column 1: "
                                "unknown function foo() — use one of the functions in "
                                "docs/expressions.md")


ITEMS = {
    "age": ItemInfo("number"),
    "sex": ItemInfo("choice", ("f", "m", "x")),
    "langs": ItemInfo("multi", ("en", "zh", "fr")),
    "rating": ItemInfo("scale", ("1", "2", "3", "4", "5")),
    "comment": ItemInfo("open"),
    "hh": ItemInfo("roster"),
    "member_age": ItemInfo("number", roster="hh"),
    "member_name": ItemInfo("open", roster="hh"),
    "total": ItemInfo("calculate"),
}

# (expression, here, [(column, level, rule)])
WITH_ITEMS: list[tuple[str, str | None, list[tuple[int, str, str]]]] = [
    ("${age} >= 18 and ${sex} = 'f'", "comment", []),
    ("${agee} >= 18", "comment", [(1, "error", "expr-reference")]),
    ("${sex} = 'w'", "comment", [(10, "error", "expr-option")]),
    ("'w' != ${sex}", "comment", [(1, "error", "expr-option")]),
    ("${rating} = 7", "comment", [(13, "error", "expr-option")]),
    ("${rating} >= 4", "comment", []),
    ("selected(${langs}, 'de')", "comment", [(20, "error", "expr-option")]),
    ("selected(${langs}, 'zh') and count-selected(${langs}) > 1", "comment", []),
    ("selected(${age}, '1')", "comment", [(10, "warning", "expr-type")]),
    ("${langs} = 'en'", "comment", [(10, "warning", "expr-type")]),
    ("${age} + 'years'", "comment", [(10, "warning", "expr-type")]),
    ("${member_age} > 3", "comment", [(1, "error", "expr-roster")]),
    ("${member_age} > 3", "member_name", []),
    ("sum(${member_age}) > 3 and count(${hh}) > 1", "comment", []),
    ("${hh} > 1", "comment", [(1, "error", "expr-roster")]),
    ("position(..) > 1", "comment", [(1, "error", "expr-roster")]),
    ("position(..) > 1", "member_age", []),
    ("indexed-repeat(${member_name}, ${hh}, 1) != ''", "comment", []),
    ("indexed-repeat(${member_name}, ${age}, 1)", "comment", [(32, "error", "expr-roster")]),
    ("indexed-repeat(${comment}, ${hh}, 1)", "comment", [(16, "error", "expr-roster")]),
    (". > 3", None, [(1, "error", "expr-current")]),
    ("once(random())", None, [(1, "error", "expr-current")]),
    ("string-length() > 3", None, [(1, "error", "expr-current")]),
    ("once(random())", "total", []),
    ("${total} * 2", "comment", []),
]


@pytest.mark.parametrize(("text", "here", "want"), WITH_ITEMS, ids=[w[0] for w in WITH_ITEMS])
def test_checks_that_need_the_plans_items(
        text: str, here: str | None, want: list[tuple[int, str, str]]) -> None:
    got = [(f.column, f.level, f.rule) for f in check_expression(text, ITEMS, here=here)]
    assert got == want


def test_an_unknown_id_suggests_a_near_one() -> None:
    [finding] = check_expression("${agee} > 1", ITEMS, here="comment")
    assert "did you mean ${age}?" in finding.message


def test_without_items_references_are_not_checked() -> None:
    assert check_expression("${whatever} > 1") == []


def test_calculation_cycles_are_found_at_the_reference_that_closes_them() -> None:
    calcs = {"a": "${b} + 1", "b": "${c} * 2", "c": "if(${x}, ${a}, 0)",
             "d": "${a} + 1", "self": "${self} + 1", "draw": "once(random())", "broken": "1 +"}
    cycles = calculation_cycles(calcs)
    assert sorted(cycles) == ["a", "b", "c", "self"]
    assert cycles["a"].column == 1 and cycles["a"].rule == "expr-cycle"
    assert "a → b → c → a" in cycles["a"].message
    assert cycles["c"].column == 10
    assert "self → self" in cycles["self"].message


def test_references_name_every_id_read() -> None:
    assert references("${a} + count(${r}) > indexed-repeat(${x-y}, ${r}, position(..))") == {
        "a", "r", "x-y"}
    assert references("today() > 1") == frozenset()


def test_dependency_index_gives_what_to_reevaluate_in_order() -> None:
    index = DependencyIndex({
        ("q2", "relevant"): "${q1} = 'yes'",
        ("q3", "relevant"): "${total} > 10",
        ("total", "calculate"): "${sub} * 2",
        ("sub", "calculate"): "${q1} + ${q4}",
        ("q4", "constraint"): ". < 100",
        ("q5", "relevant"): "today() > '2020-01-01'",
        ("q6", "relevant"): "1 +",
    })
    assert index.affected(["q1"]) == [
        ("sub", "calculate"), ("total", "calculate"), ("q2", "relevant"), ("q3", "relevant")]
    assert index.affected(["q4"]) == [
        ("sub", "calculate"), ("total", "calculate"), ("q3", "relevant"), ("q4", "constraint")]
    assert index.affected(["unrelated"]) == []
    assert index.volatile == {("q5", "relevant")}


def test_the_engine_imports_neither_textual_nor_the_store() -> None:
    code = ("import sys, fieldtui.core.plan.expr as e; e.evaluate('1 + 1', e.Context()); "
            "print('\\n'.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert "fieldtui.core.plan.expr.evaluate" in out
    assert not [m for m in out if m.startswith(("textual", "fieldtui.store", "fieldtui.tui"))]

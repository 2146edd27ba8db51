"""The expression language against worked values: every function and operator, and XLSForm's
edge cases as ODK Collect (JavaRosa) evaluates them. NaN is written as NAN."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from fieldtui.core.plan.expr import Context, ExprError, evaluate, evaluate_bool, to_string

NAN = math.nan
INF = math.inf
TODAY = date(2026, 12, 1)
DAYS_TODAY = float((TODAY - date(1970, 1, 1)).days)

ANSWERS = {
    "age": 20, "name": "Ana", "empty": None, "langs": ["a", "c"], "one": "yes", "s12": "12",
    "dob": "1990-05-01", "score": 3.5, "zero": 0, "a-b": 5, "bad": "[", "note": "",
}
ROSTERS = {
    "hh": [{"member_age": 30, "member_name": "Bo"}, {"member_age": 5, "member_name": "Cy"},
           {"member_age": 12, "member_name": "Di"}],
    "pets": [{"weight": 2}, {"weight": None}],
    "none": [],
}
ROSTER_OF = {"member_age": "hh", "member_name": "hh", "weight": "pets", "nothing": "none"}


def ctx(here: str | None = "name", member: int | None = None) -> Context:
    base = Context(answers=ANSWERS, rosters=ROSTERS, roster_of=ROSTER_OF,
                   clock=lambda: TODAY, dice=random.Random(7).random)
    return base.at(here, member)


# (expression, expected) evaluated with `.` = ${name} ('Ana'), outside any roster.
TABLE: list[tuple[str, object]] = [
    # literals and references
    ("3", 3.0), ("2.5", 2.5), (".5", 0.5), ('"x"', "x"), ("'say \"hi\"'", 'say "hi"'),
    ("${age}", 20.0), ("${name}", "Ana"), ("${empty}", ""), ("${langs}", "a c"), (".", "Ana"),
    ("${a-b}", 5.0), ("${dob}", "1990-05-01"),
    # arithmetic
    ("1 + 2", 3.0), ("7 - 10", -3.0), ("6 * 7", 42.0), ("7 div 2", 3.5), ("7 mod 3", 1.0),
    ("-5 mod 3", -2.0), ("5 mod -3", 2.0), ("5.5 mod 2", 1.5), ("1 mod 0", NAN),
    ("1 div 0", INF), ("-1 div 0", -INF), ("0 div 0", NAN), ("1 div -0", -INF),
    ("${s12} + 1", 13.0), ("'3' * '4'", 12.0), ("true() + true()", 2.0), ("false() * 5", 0.0),
    ("'abc' + 1", NAN), ("0.1 + 0.2", 0.30000000000000004),
    # empty answers in arithmetic are NaN
    ("${empty} + 1", NAN), ("${empty} * 0", NAN), ("-${empty}", NAN), ("${note} - 1", NAN),
    # precedence, associativity, parentheses, unary minus
    ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("((((2))))", 2.0), ("10 - 4 - 3", 3.0),
    ("8 div 2 div 2", 2.0), ("2 * 3 mod 4", 2.0), ("2 + 3 * 4 - 6 div 2", 11.0),
    ("-2 * -3", 6.0), ("- - 2", 2.0), ("-(1 + 2)", -3.0), ("2 - -2", 4.0), ("2--2", 4.0),
    ("(1 + (2 * (3 + (4 - 1))))", 13.0), ("1 + 2 = 3", True), ("1 < 2 = 2 > 1", True),
    ("1 or 0 and 0", True), ("(1 or 0) and 0", False), ("1 < 2 < 3", True),
    ("3 > 2 > 1", False),
    # hyphens: names vs minus
    ("count-selected(${langs})-1", 1.0), ("${a-b}-1", 4.0), ("${a-b} - -1", 6.0),
    ("5-count-selected(${langs})", 3.0), ("${age}-${a-b}", 15.0), ("-count(${hh})", -3.0),
    # = and != : booleans, then numbers, then strings
    ("1 = 1.0", True), ("'12' = 12", True), ("${s12} = 12.0", True), ("'12.0' = '12'", False),
    ("'abc' = 0", False), ("'abc' != 0", True), ("${name} = 'Ana'", True),
    ("${name} != 'ana'", True), ("1 = true()", True), ("0 = false()", True),
    ("'false' = true()", True), ("'' = false()", True), ("0.1 + 0.2 = 0.3", True),
    ("today() = '2026-12-01'", True), ("${one} = 'yes'", True),
    # empty answers in comparisons
    ("${empty} = ''", True), ("${empty} != ''", False), ("${empty} = 0", False),
    ("${empty} != 0", True), ("${empty} < 1", False), ("${empty} >= 0", False),
    ("${empty} > -1", False), ("${empty} = false()", True),
    # < <= > >= compare numbers, never text
    ("2 < 10", True), ("'10' < '9'", False), ("'b' > 'a'", False), ("'b' < 'a'", False),
    ("${age} >= 18", True), ("${age} <= 19.5", False), ("${score} > 3", True),
    ("${dob} < today()", True), ("'2026-12-02' > today()", True), ("1 div 0 > 1000", True),
    # and / or
    ("1 and 'x'", True), ("1 and ''", False), ("0 or ''", False), ("${empty} or ${name}", True),
    # not, if, true, false
    ("not(${empty})", True), ("not('false')", False), ("not(0)", True), ("not(1 = 1)", False),
    ("if(${age} >= 18, 'adult', 'minor')", "adult"), ("if('', 1, 2)", 2.0),
    ("true()", True), ("false()", False),
    # selected, count-selected, selected-at
    ("selected(${langs}, 'a')", True), ("selected(${langs}, 'b')", False),
    ("selected(${langs}, ' c ')", True), ("selected(${empty}, 'a')", False),
    ("selected(${empty}, '')", False), ("selected(${one}, 'yes')", True),
    ("count-selected(${langs})", 2.0), ("count-selected(${empty})", 0.0),
    ("count-selected(' a  b ')", 2.0),
    ("selected-at(${langs}, 0)", "a"), ("selected-at(${langs}, 1)", "c"),
    ("selected-at(${langs}, 2)", ""), ("selected-at(${langs}, -1)", ""),
    ("selected-at(${empty}, 0)", ""), ("selected-at(${langs}, '1')", "c"),
    # coalesce, concat
    ("coalesce(${empty}, 'x')", "x"), ("coalesce(${name}, 'x')", "Ana"),
    ("coalesce(${empty}, ${note})", ""), ("coalesce(${age}, 0)", 20.0),
    ("concat('a', 'b')", "ab"), ("concat(${name}, ' is ', ${age})", "Ana is 20"),
    ("concat()", ""), ("concat(${langs})", "a c"), ("concat(1 div 0)", "Infinity"),
    ("concat(-1 div 0)", "-Infinity"), ("concat(0 div 0)", "NaN"), ("concat(2.50)", "2.5"),
    ("concat(1 = 1, 0 = 1)", "truefalse"), ("concat(today())", "2026-12-01"),
    ("concat(${empty}, 'x')", "x"), ("concat(0.000001)", "0.000001"),
    # string-length, substr (0-based, end exclusive), regex
    ("string-length('hello')", 5.0), ("string-length('')", 0.0),
    ("string-length(${empty})", 0.0), ("string-length()", 3.0), ("string-length(12.50)", 4.0),
    ("string-length('日本')", 2.0),
    ("substr('hello', 1)", "ello"), ("substr('hello', 1, 3)", "el"),
    ("substr('hello', 0, 10)", "hello"), ("substr('hello', 4, 2)", ""),
    ("substr(${empty}, 0, 1)", ""), ("substr('hello', '1', 2.9)", "e"),
    ("regex(${name}, '^[A-Z][a-z]+$')", True), ("regex('abc', 'b')", True),
    ("regex('abc', '^b')", False), ("regex('', '^$')", True), ("regex(${age}, '^[0-9]+$')", True),
    # int, number, round
    ("int(3.9)", 3.0), ("int(-3.9)", -3.0), ("int('7.2')", 7.0), ("int(${empty})", NAN),
    ("int(1 div 0)", INF), ("int(true())", 1.0),
    ("number(' 4.5 ')", 4.5), ("number('-.5')", -0.5), ("number('1e3')", NAN),
    ("number('+3')", NAN), ("number('')", NAN), ("number(true())", 1.0),
    ("number(false())", 0.0), ("number('2026-12-01')", DAYS_TODAY), ("number('12abc')", NAN),
    ("round(2.5)", 3.0), ("round(-2.5)", -3.0), ("round(2.4)", 2.0), ("round(3.14159, 3)", 3.142),
    ("round(1.005, 2)", 1.01), ("round(2.675, 2)", 2.68), ("round(1234.5678, -2)", 1200.0),
    ("round(${empty})", NAN), ("round(7, 2)", 7.0),
    # today (from the injected clock)
    ("today()", TODAY), ("today() - 1", DAYS_TODAY - 1), ("number(today())", DAYS_TODAY),
    ("today() - ${dob}", float((TODAY - date(1990, 5, 1)).days)),
    # rosters from outside: count, sum, min, max, indexed-repeat
    ("count(${hh})", 3.0), ("count(${member_age})", 3.0), ("count(${none})", 0.0),
    ("count(${age})", 1.0), ("sum(${member_age})", 47.0), ("sum(${weight})", NAN),
    ("sum(${nothing})", 0.0), ("sum(${age})", 20.0), ("min(${member_age})", 5.0),
    ("max(${member_age})", 30.0), ("min(3, 1, 2)", 1.0), ("max(${age}, 3)", 20.0),
    ("min(${weight})", NAN), ("max(${nothing})", NAN), ("max(${member_age}, 99)", 99.0),
    ("indexed-repeat(${member_name}, ${hh}, 2)", "Cy"),
    ("indexed-repeat(${member_name}, ${hh}, 4)", ""),
    ("indexed-repeat(${member_name}, ${hh}, 0)", ""),
    ("indexed-repeat(${member_age}, ${hh}, count(${hh})) + 1", 13.0),
    # once: the item's own answer when it has one
    ("once(concat('x', 'y'))", "Ana"),
]


def same(got: object, want: object) -> bool:
    if isinstance(want, float) and math.isnan(want):
        return isinstance(got, float) and math.isnan(got)
    return type(got) is type(want) and got == want


@pytest.mark.parametrize(("text", "want"), TABLE, ids=[t for t, _ in TABLE])
def test_conformance(text: str, want: object) -> None:
    got = evaluate(text, ctx())
    assert same(got, want), f"{text} gave {got!r}, expected {want!r}"


# Inside roster hh, member 2 (0-based 1): Cy, aged 5.
IN_ROSTER: list[tuple[str, object]] = [
    ("position(..)", 2.0), ("${member_name}", "Cy"), ("${member_age} * 2", 10.0),
    ("concat(${member_name}, '/', ${name})", "Cy/Ana"),
    ("indexed-repeat(${member_age}, ${hh}, position(..) - 1)", 30.0),
    ("indexed-repeat(${member_name}, ${hh}, position(..) + 1)", "Di"),
    ("${member_age} < indexed-repeat(${member_age}, ${hh}, 1)", True),
    # a reference inside its own roster means the current member, as pyxform writes it
    ("sum(${member_age})", 5.0), ("count(${hh})", 3.0), ("string-length()", 2.0),
]


@pytest.mark.parametrize(("text", "want"), IN_ROSTER, ids=[t for t, _ in IN_ROSTER])
def test_conformance_in_a_roster(text: str, want: object) -> None:
    got = evaluate(text, ctx("member_name", 1))
    assert same(got, want), f"{text} gave {got!r}, expected {want!r}"


def test_once_computes_only_while_the_item_is_unanswered() -> None:
    assert evaluate("once(concat('x', 'y'))", ctx("empty")) == "xy"
    assert evaluate("once(concat('x', 'y'))", ctx("age")) == 20.0


def test_random_is_reproducible_from_the_injected_dice() -> None:
    first = [evaluate("random()", c) for c in [ctx()] for _ in range(3)]
    again = [evaluate("random()", c) for c in [ctx()] for _ in range(3)]
    assert first == again
    assert len(set(first)) == 3
    assert all(isinstance(x, float) and 0 <= x < 1 for x in first)
    assert first[0] == random.Random(7).random()


def test_once_keeps_a_random_draw_once_answered() -> None:
    answered = Context(answers={"draw": 0.25}, dice=random.Random(1).random).at("draw")
    assert evaluate("once(random())", answered) == 0.25
    fresh = Context(dice=random.Random(1).random).at("draw")
    assert evaluate("once(random())", fresh) == random.Random(1).random()


@pytest.mark.parametrize("text", [
    "0 and regex('a', ${bad})", "false() and regex('a', ${bad})",
    "1 or regex('a', ${bad})", "if(1, 2, regex('a', ${bad}))", "if(0, regex('a', ${bad}), 2)",
])
def test_and_or_if_short_circuit(text: str) -> None:
    evaluate(text, ctx())  # the right side would raise: it must not be evaluated


def test_the_short_circuit_tests_would_see_the_error() -> None:
    with pytest.raises(ExprError) as caught:
        evaluate("1 and regex('a', ${bad})", ctx())
    assert caught.value.rule == "expr-regex"


def test_evaluate_bool_is_xpath_boolean() -> None:
    assert evaluate_bool("${name}", ctx()) is True
    assert evaluate_bool("${empty}", ctx()) is False
    assert evaluate_bool("0 div 0", ctx()) is False
    assert evaluate_bool("0.0000000000001", ctx()) is False  # JavaRosa: |x| <= 1e-12 is 0


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"), (-0.0, "0"), (2.5, "2.5"), (1e21, "1000000000000000000000"),
    (1.5e-7, "0.00000015"), (True, "true"), (date(2026, 1, 2), "2026-01-02"), ("x", "x"),
])
def test_to_string_writes_values_as_xpath(value: object, text: str) -> None:
    assert to_string(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "here", "rule", "column"), [
    ("1 + ${member_age}", "name", "expr-roster", 5),  # a roster item from outside its roster
    ("${hh} + 1", "name", "expr-roster", 1),  # a roster as a value
    ("1 = position(..)", "name", "expr-roster", 5),
    ("2 * .", None, "expr-current", 5),
    ("regex('a', ${bad})", "name", "expr-regex", 12),
])
def test_evaluation_faults_raise_the_engines_error(
        text: str, here: str | None, rule: str, column: int) -> None:
    with pytest.raises(ExprError) as caught:
        evaluate(text, ctx(here))
    assert (caught.value.rule, caught.value.column) == (rule, column)
    assert caught.value.text == text

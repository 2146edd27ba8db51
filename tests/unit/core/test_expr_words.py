"""Conditions in plain words (the codebook's "asked only when"): each form has words that say
the same as the expression, and no expression is ever told as less than it says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.expr import ExprError, parse
from fieldtui.core.plan.expr.deps import references
from fieldtui.core.plan.expr.words import in_words, labeller

LABELS = labeller({"water": {"other": "Other source", "tap": "Public tap"}.get,
                   "assets": {"phone": "Mobile phone"}.get})


def _label(item: str, value: str) -> str:
    return LABELS(item, value) or value


@pytest.mark.parametrize(("text", "words"), [
    ("${age} >= 5 and ${age} < 19", "age is at least 5 and age is less than 19"),
    ("${water} = 'other'", "water is “Other source” (code other)"),
    ("'tap' != ${water}", "water is not “Public tap” (code tap)"),
    ("selected(${assets}, 'phone')", "“Mobile phone” (code phone) is chosen in assets"),
    ("not(selected(${assets}, 'phone'))", "“Mobile phone” (code phone) is not chosen in assets"),
    ("not(${a} = 'x' or ${b} > 2)", "a is not “x” and b is at most 2"),
    ("not(${a} < 1 and ${b} >= 2)", "a is at least 1 or b is less than 2"),
    ("${a} = 'x' and (${b} > 2 or ${c} != '')", "a is “x” and (b is more than 2 or c is answered)"),
    ("(${a} = 1 or ${b} = 2) or ${c} = 3", "a is 1 or b is 2 or c is 3"),
    ("${name} = ''", "name is not answered"),
    ("count-selected(${crops}) >= 2", "the number of options chosen in crops is at least 2"),
    ("string-length(.) > 3", "the length of this answer is more than 3"),
    ("${x} + 1 > ${y} * 2", "x plus 1 is more than y times 2"),
    ("3 < ${n}", "n is more than 3"),
    ("${consent}", "consent is answered"),
    ("regex(., '^a')", "`regex(., '^a')` is true"),
    ("not(regex(${id}, '^a'))", "`regex(${id}, '^a')` is false"),
    ("oops ((", "`oops ((` is true"),
])
def test_each_form_of_condition_reads_as_it_means(text: str, words: str) -> None:
    assert in_words(text, _label) == words


NAMES = st.sampled_from(["age", "name", "water", "assets", "a_b"])
LEAF = st.one_of(
    st.builds(lambda n, op, k: f"${{{n}}} {op} {k}", NAMES,
              st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), st.integers(0, 99)),
    st.builds(lambda n, v: f"${{{n}}} = '{v}'", NAMES, st.sampled_from(["other", "x", ""])),
    st.builds(lambda n: f"selected(${{{n}}}, 'phone')", NAMES),
    st.builds(lambda n: f"string-length(${{{n}}}) > 2", NAMES),
    st.builds(lambda n: f"regex(${{{n}}}, '^a')", NAMES))
CONDITIONS = st.recursive(LEAF, lambda inner: st.one_of(
    st.builds(lambda a, op, b: f"({a}) {op} ({b})", inner, st.sampled_from(["and", "or"]), inner),
    st.builds(lambda a: f"not({a})", inner)), max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(CONDITIONS)
def test_every_item_a_condition_reads_is_named_in_its_words(text: str) -> None:
    try:
        parse(text)
    except ExprError:  # pragma: no cover - the strategy writes valid expressions
        pytest.fail(f"strategy wrote an invalid expression: {text}")
    words = in_words(text, _label)
    for name in references(text):
        assert name in words
    assert "\n" not in words
    assert words.count("(") == words.count(")")

"""Relevance, required, constraints and their reasons, with XLSForm's edge cases."""

from __future__ import annotations

import pytest

from fieldtui.core.logic import ItemRule, SectionRule
from tests.support.logic_plans import make, row, session


def one_section(*items: ItemRule, relevant: str | None = None) -> SectionRule:
    return SectionRule("s", "Household", tuple(i.id for i in items), relevant=relevant)


def plan(*items: ItemRule, relevant: str | None = None):  # type: ignore[no-untyped-def]
    return make([one_section(*items, relevant=relevant)], list(items))


A = ItemRule("a", "s")
M = ItemRule("m", "s", "multi", options=("x", "y", "z"))


@pytest.mark.parametrize(("condition", "answers", "expected"), [
    ("${a} + 1 > 0", [], False),                     # '' in arithmetic is NaN: false
    ("${a} + 1 > 0", [row("a", "2")], True),
    ("${a} = ''", [], True),                          # unanswered equals the empty string
    ("${a} = 0", [], False),                          # '' is not 0
    ("${a} > 9", [row("a", "10")], True),            # text that is a number compares as one
    ("${a} > 9", [row("a", "ten")], False),
    ("${a} = '10'", [row("a", 10)], True),           # a number equals its text
    ("selected(${m}, 'x')", [], False),               # selected on an unanswered multi
    ("not(selected(${m}, 'x'))", [], True),
    ("selected(${m}, 'x')", [row("m", ["y", "x"])], True),
    ("count-selected(${m}) = 0", [], True),
    ("${a} != 'no'", [row("a", "no", skipped=True, skip_reason="Declined")], True),
])
def test_xlsform_edge_cases(condition: str, answers: list, expected: bool) -> None:  # type: ignore[type-arg]
    q = plan(A, M, ItemRule("b", "s", relevant=condition))
    assert session(q, answers).relevant("b") is expected


def test_an_item_in_a_section_that_does_not_apply_is_not_relevant() -> None:
    q = make([SectionRule("s1", items=("a",)),
              SectionRule("s2", "Housing", ("b",), relevant="${a} = 'yes'")],
             [ItemRule("a", "s1"), ItemRule("b", "s2")])
    s = session(q, [row("a", "no")])
    assert not s.relevant("b") and not s.section_relevant("s2")
    assert s.not_asked_reason("b") == (
        "not asked (section Housing): asked only when A = 'yes'; the answer was no")
    assert s.steps()[-1].item_id == "a"


@pytest.mark.parametrize(("condition", "answers", "reason"), [
    ("${a} = 'yes'", [row("a", "no")], "asked only when A = 'yes'; the answer was no"),
    ("${a} = 'yes'", [], "asked only when A = 'yes'; A is not answered yet"),
    ("${a} >= 18", [row("a", 3)], "asked only when A >= 18; the answer was 3"),
    ("${a} > 1 and ${b} != 'x'", [row("a", 3), row("b", "x")],
     "asked only when A > 1 and B != 'x'; B was x"),
    ("${a} < 2 or ${b} = 'x'", [row("a", 3)],
     "asked only when A < 2 or B = 'x'; A was 3, B is not answered yet"),
    ("selected(${m}, 'z')", [], "asked only when 'z' is chosen in M; M is not answered yet"),
    ("not(selected(${m}, 'z'))", [row("m", ["z", "x"])],
     "asked only when not('z' is chosen in M); the answer was z, x"),
    ("string-length(${a}) > 3 * (1 + 1)", [row("a", "ab")],
     "asked only when string-length(A) > 3 * (1 + 1); the answer was ab"),
    ("${household_size} > 1", [row("household_size", 1)],
     "asked only when Household size > 1; the answer was 1"),
    ("${c_choice} = 'own'", [row("c_choice", "rent")],
     "asked only when C choice = 'Owned'; the answer was Rented"),
])
def test_the_reason_names_the_failing_condition(condition: str, answers: list,  # type: ignore[type-arg]
                                                reason: str) -> None:
    q = plan(A, ItemRule("b", "s"), M, ItemRule("household_size", "s", "number"),
             ItemRule("c_choice", "s", "choice", options=("own", "rent"),
                      labels=("Owned", "Rented")),
             ItemRule("c", "s", relevant=condition))
    s = session(q, answers)
    assert s.not_asked_reason("c") == f"not asked: {reason}"
    assert s.not_asked_reason("a") == ""


def test_answers_are_kept_aside_and_come_back() -> None:
    q = plan(A, ItemRule("b", "s", "number", relevant="${a} = 'yes'"),
             ItemRule("total", "s", "calculate", calculation="coalesce(${b}, 0) + 1"))
    s = session(q, [row("a", "yes"), row("b", 5)])
    assert s.calculations()[("total", "")] == 6.0
    changed = s.answer("a", "", row("a", "no"))
    assert {("b", ""), ("total", "")} <= changed
    assert not s.is_answer_in_data("b") and s.value("b") == ""
    assert s.calculations()[("total", "")] == 1.0  # excluded from calculations
    assert s.state.rows[("b", "")]["value"] == 5  # but kept
    s.answer("a", "", row("a", "yes"))
    assert s.is_answer_in_data("b") and s.calculations()[("total", "")] == 6.0


def test_required_as_a_flag_or_an_expression() -> None:
    q = plan(A, ItemRule("b", "s", required=True),
             ItemRule("c", "s", required_if="${a} = 'yes'"),
             ItemRule("d", "s", required=True, relevant="${a} = 'no'"))
    s = session(q, [row("a", "yes")])
    assert s.required("b") and s.required("c") and not s.required("d")
    assert ("c", "") in s.answer("a", "", row("a", "no"))
    assert not s.required("c") and s.required("d")


def test_constraints_check_the_value_given_as_dot() -> None:
    q = plan(A, ItemRule("age", "s", "number", constraint=". >= 0 and . <= ${a}",
                         constraint_message="0 to ${a}, please"),
             ItemRule("code", "s", constraint="regex(., '^[A-Z]{2}$')"),
             ItemRule("langs", "s", "multi", options=("en", "fr", "none"),
                      constraint="not(selected(., 'none') and count-selected(.) > 1)"))
    s = session(q, [row("a", "120")])
    assert s.constraint_error("age", 130) == "0 to 120, please"
    assert s.constraint_error("age", "40") is None
    assert s.constraint_error("age", None) is None  # empty: `required` covers it
    assert s.constraint_error("code", "abc") == (
        "this answer is not allowed here (regex(., '^[A-Z]{2}$'))")
    assert s.constraint_error("langs", ["en", "none"]) is not None
    assert s.constraint_error("langs", ["en", "fr"]) is None
    assert s.constraint_error("a", "anything") is None


def test_unknown_items_are_a_key_error() -> None:
    s = session(plan(A))
    with pytest.raises(KeyError):
        s.relevant("nope")


def test_conditions_that_read_each_other_settle_without_error() -> None:
    q = plan(ItemRule("a", "s", relevant="${b} = ''"), ItemRule("b", "s", relevant="${a} = ''"),
             ItemRule("c", "s", relevant=". = '' or ${c} != 'x'"))
    s = session(q, [row("a", "1"), row("b", "2"), row("c", "x")])
    s.answer("a", "", row("a", ""))
    s.answer("c", "", row("c", "y"))
    assert s.relevant("c") and isinstance(s.relevant("a"), bool)


def test_calculations_to_save_are_those_not_stored_yet() -> None:
    q = plan(A, ItemRule("first", "s", "calculate", calculation="once(${a})"),
             ItemRule("twice", "s", "calculate", calculation="${a} * 2"))
    s = session(q, [row("a", 2)])
    assert s.calculations_to_save() == {("first", ""): 2.0, ("twice", ""): 4.0}
    s.answer("first", "", row("first", 2))
    s.answer("twice", "", row("twice", "4"))
    assert s.calculations_to_save() == {}
    s.answer("a", "", row("a", 5))
    assert s.calculations_to_save() == {("twice", ""): 10.0}  # once() keeps 2


def test_a_full_evaluation_settles_in_two_sweeps(monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldtui.core.logic.state import State
    calls: list[str] = []
    real = State.evaluate_member

    def counted(self: State, section: str, path: str, out: set[tuple[str, str]]) -> None:
        calls.append(section)
        real(self, section, path, out)

    monkeypatch.setattr(State, "evaluate_member", counted)
    session(plan(A, ItemRule("b", "s", relevant="${a} = 'yes'")), [row("a", "yes")])
    assert calls == ["s", "s"]  # one sweep, and one that finds nothing changed

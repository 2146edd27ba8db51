"""A roster whose count is answered 0 has nothing to list or ask: the walk goes straight past
it (no member-list step), as past a section not relevant. A count not answered yet keeps
the list ("Sized by an answer not given yet"), an open-ended roster keeps it even empty
(there members are added), and a count raised from 0 brings the list back with its members.
A position saved on a list that is gone stands on the step after where it stood."""

from __future__ import annotations

from typing import Any

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step
from fieldtui.tui.screens.roster_flow import RosterFlow
from tests.support.logic_plans import row
from tests.support.paths import FIXTURES

CHILDREN = load_plan(FIXTURES / "household_children.toml")
HOUSEHOLD = load_plan(FIXTURES / "household_logic.toml")  # "people": open-ended


def household(**kids: Any) -> QuestionnaireWalk:
    """Four people here: the respondent and three others (Al, Bo, a third), with the
    children counts given."""
    answers = {"size": {"value": 4}}
    for member, name in (("m1", "Al"), ("m2", "Bo")):
        answers[f"oname#{member}"] = row("oname", name, member)
    for member, count in kids.items():
        answers[f"kids#{member}"] = row("kids", count, member)
    return QuestionnaireWalk(CHILDREN, {"answers": answers})


def after(walk: QuestionnaireWalk, step: Step) -> Step:
    return walk.steps[walk.steps.index(step) + 1]


def test_a_count_of_zero_has_no_member_list_step() -> None:
    walk = household(m1=1, m2=0)
    assert Step("children", None, "m1") in walk.steps  # Al has a child: listed, then asked
    assert after(walk, Step("children", None, "m1")) == Step("children", "cname", "m1/v1")
    assert Step("children", None, "m2") not in walk.steps
    assert after(walk, Step("others", "kids", "m2")) == Step("others", "oname", "m3")
    assert [s for s in walk.steps if s.section == "children" and s.member < "m3"] == [
        Step("children", None, "m1"), Step("children", "cname", "m1/v1")]


def test_a_count_not_answered_yet_keeps_its_list() -> None:
    walk = household(m1=1, m2=0)
    assert after(walk, Step("others", "kids", "m3")) == Step("children", None, "m3")
    assert walk.sized_by("children", "m3").startswith("Sized by an answer not given yet")


def test_a_top_roster_counted_to_zero_is_passed_by() -> None:
    walk = QuestionnaireWalk(CHILDREN, {"answers": {"size": {"value": 1}}})
    assert [s.section for s in walk.steps] == ["hh", "end"]  # "${size} - 1" is 0
    assert walk.none_listed("children") == walk.none_listed("others")  # nobody to have any


def test_a_count_raised_from_zero_brings_the_list_back_and_zero_takes_it_away() -> None:
    walk = household(m1=1, m2=0)
    walk.record("kids", "m2", value=2)
    assert after(walk, Step("others", "kids", "m2")) == Step("children", None, "m2")
    assert after(walk, Step("children", None, "m2")) == Step("children", "cname", "m2/v1")
    assert walk.members("children", "m2") == ["v1", "v2"]
    walk.record("kids", "m2", value=0)
    assert Step("children", None, "m2") not in walk.steps


def test_an_open_ended_roster_keeps_its_list_with_no_members() -> None:
    walk = QuestionnaireWalk(HOUSEHOLD, {})
    assert walk.members("people") == [] and Step("people", None) in walk.steps


def test_a_list_that_is_gone_is_located_at_the_step_after_it() -> None:
    walk = household(m1=1, m2=0)  # e.g. a position saved on Bo's list before the count
    assert walk.steps[walk.locate(Step("children", None, "m2"))] == Step("others", "oname", "m3")
    top = QuestionnaireWalk(CHILDREN, {"answers": {"size": {"value": 1}}})
    assert top.steps[top.locate(Step("others", None))] == Step("end", "thanks")


def test_why_nothing_is_listed_names_the_count() -> None:
    walk = household(m1=0, m2=0, m3=0)
    walk.record("oname", "m3", value="Cy")
    assert not [s for s in walk.steps if s.section == "children"]
    why = walk.none_listed("children")
    assert why == "no members: each answer to “How many children does [oname] have?” is 0", why
    one = household(m1=1, m2=0)
    assert one.none_listed("children") is None  # Al's child is listed
    top = QuestionnaireWalk(CHILDREN, {"answers": {"size": {"value": 1}}})
    assert top.none_listed("others") == "no members: the count (1 - 1) is 0"


def test_a_position_saved_on_a_list_now_gone_resumes_after_it() -> None:
    flow = RosterFlow()
    flow.walk = household(m1=1, m2=0)
    flow.member_cursor = {}
    saved = {"section_id": "children", "item_id": None, "member": "m2", "roster": True}
    assert flow.walk.steps[flow.resume_index(saved)] == Step("others", "oname", "m3")

"""Rosters: members from the rosters field or repeat_count, add/remove/reorder by editing
the field, a nested roster, position(..), indexed-repeat, captions and the asking order."""

from __future__ import annotations

from fieldtui.core.logic import ItemRule, Position, SectionRule
from tests.support.logic_plans import make, row, session

SECTIONS = [
    SectionRule("intro", items=("size",)),
    SectionRule("people", "People", ("name", "age", "head"), repeat=True,
                member_label="${name}"),
    SectionRule("trips", "Trips", ("where",), repeat=True, within="people",
                relevant="${age} >= 18"),
    SectionRule("end", items=("total", "first_name", "n", "trips_n")),
]
ITEMS = [
    ItemRule("size", "intro", "number"),
    ItemRule("name", "people"), ItemRule("age", "people", "number"),
    ItemRule("head", "people", "choice", options=("yes", "no"), relevant="position(..) = 1"),
    ItemRule("where", "trips", relevant="${name} != ''"),
    ItemRule("total", "end", "calculate", calculation="sum(${age})"),
    ItemRule("first_name", "end", "calculate",
             calculation="indexed-repeat(${name}, ${people}, 1)"),
    ItemRule("n", "end", "calculate", calculation="count(${people})"),
    ItemRule("trips_n", "end", "calculate", calculation="count(${trips})"),
]
ROWS = [row("name", "Ana", "m1"), row("age", 30, "m1"), row("name", "Ben", "m2"),
        row("age", 12, "m2"), row("name", "Cy", "m3"), row("age", 50, "m3"),
        row("where", "Lima", "m1/v1"), row("where", "Quito", "m1/v2"),
        row("where", "Cusco", "m3/v1")]
ROSTERS = {"people": {"": ["m1", "m2", "m3"]},
           "trips": {"m1": ["v1", "v2"], "m2": ["v1"], "m3": ["v1"]}}


def test_open_ended_members_come_from_the_rosters_field() -> None:
    s = session(make(SECTIONS, ITEMS), ROWS, ROSTERS)
    assert s.members("people") == ["m1", "m2", "m3"] and s.members("trips", "m1") == ["v1", "v2"]
    c = s.calculations()
    assert (c[("total", "")], c[("first_name", "")], c[("n", "")]) == (92.0, "Ana", 3.0)
    assert c[("trips_n", "")] == 4.0
    assert s.member_caption("people", "m2") == "Member 2 of 3: Ben"
    assert s.relevant("head", "m1") and not s.relevant("head", "m2")
    assert not s.relevant("where", "m2/v1")  # Ben is 12: his trips section does not apply
    assert s.not_asked_reason("where", "m2/v1") == (
        "not asked (section Trips): asked only when Age >= 18; the answer was 12")
    assert [p for p in s.steps() if p.section != "intro"] == [
        Position("people", "name", "m1"), Position("people", "age", "m1"),
        Position("people", "head", "m1"), Position("trips", "where", "m1/v1"),
        Position("trips", "where", "m1/v2"), Position("people", "name", "m2"),
        Position("people", "age", "m2"), Position("people", "name", "m3"),
        Position("people", "age", "m3"), Position("trips", "where", "m3/v1")]


def test_reorder_remove_and_add_by_editing_the_field() -> None:
    s = session(make(SECTIONS, ITEMS), ROWS, ROSTERS)
    reordered = {**ROSTERS, "people": {"": ["m3", "m1", "m2"]}}
    changed = s.set_rosters(reordered)
    assert {("head", "m3"), ("head", "m1"), ("first_name", "")} <= changed
    assert s.relevant("head", "m3") and s.calculations()[("first_name", "")] == "Cy"
    assert s.member_caption("people", "m1") == "Member 2 of 3: Ana"
    assert s.steps()[1] == Position("people", "name", "m3")
    removed = {**ROSTERS, "people": {"": ["m3", "m2"]}}
    changed = s.set_rosters(removed)
    assert ("name", "m1") in changed and ("where", "m1/v1") in changed
    assert not s.is_answer_in_data("age", "m1") and not s.is_answer_in_data("where", "m1/v2")
    assert s.calculations()[("total", "")] == 62.0 and s.calculations()[("trips_n", "")] == 2.0
    assert s.member_caption("people", "m1") == "Member (removed from the list)"
    added = {"people": {"": ["m3", "m2", "m4"]}, "trips": {"m4": ["v1"]}}
    s.set_rosters(added)
    s.answer("name", "m4", row("name", "Dee", "m4"))
    s.answer("age", "m4", row("age", 20, "m4"))
    assert s.relevant("where", "m4/v1") and s.member_caption("people", "m4") == (
        "Member 3 of 3: Dee")
    assert s.members("trips", "m3") == []


def test_repeat_count_drives_the_members_and_keeps_answers_of_those_who_leave() -> None:
    sections = [SECTIONS[0], SectionRule("people", "People", ("name", "age"), repeat=True,
                                         repeat_count="${size}", member_label="${name}")]
    items = [ITEMS[0], ItemRule("name", "people"), ItemRule("age", "people", "number")]
    q = make(sections, items)
    s = session(q, [row("size", 3), *ROWS[:6]])
    assert s.members("people") == ["m1", "m2", "m3"]
    s.answer("size", "", row("size", 1))
    assert s.members("people") == ["m1"] and not s.relevant("name", "m3")
    s.answer("size", "", row("size", "3"))
    assert s.value("name", "m3") == "Cy"
    s.answer("size", "", row("size", ""))
    assert s.members("people") == [] and s.steps() == [Position("intro", "size")]
    s.answer("size", "", row("size", 2))
    assert s.steps(rosters=True)[1] == Position("people", "", "")
    # A stored order is kept for a counted roster, fresh ids fill the rest.
    t = session(q, [row("size", 3)], {"people": {"": ["m2", "m5"]}})
    assert t.members("people") == ["m2", "m5", "m1"]


def test_piping_inside_a_roster_uses_the_current_member() -> None:
    s = session(make(SECTIONS, ITEMS), ROWS, ROSTERS)
    assert s.text("Where did ${name} go?", "m3/v1") == "Where did Cy go?"
    assert s.text("Is ${name} the head?", "m2") == "Is Ben the head?"
    assert s.text("${name} outside a member", "") == " outside a member"
    assert s.text("Unknown ${nope} stays") == "Unknown ${nope} stays"


def test_hostile_roster_fields_are_ignored() -> None:
    q = make(SECTIONS, ITEMS)
    for junk in ({"people": {"": "m1"}}, {"people": ["m1"]}, {"people": {"": [1, None, "a/b"]}},
                 "rosters", None):
        assert session(q, ROWS, junk).members("people") == []  # type: ignore[arg-type]
    assert session(q, ROWS, {"people": {"": ["m1", "m1"]}}).members("people") == ["m1"]

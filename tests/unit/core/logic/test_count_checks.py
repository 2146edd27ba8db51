"""A roster sized by a count: an answer that breaks its item's check never sizes it, and
`members_leaving` says, before a new count is saved, which members holding answers it would
take out of the roster."""

from __future__ import annotations

from fieldtui.core.logic import ItemRule, SectionRule
from fieldtui.core.logic.count_change import members_leaving, unsettled_counts
from tests.support.logic_plans import TODAY, make, row, session

SECTIONS = [
    SectionRule("intro", items=("size",)),
    SectionRule("people", "People", ("name",), repeat=True, repeat_count="${size}"),
]
ITEMS = [ItemRule("size", "intro", "number", constraint=". >= 1 and . <= 20"),
         ItemRule("name", "people")]


def test_a_count_that_breaks_its_check_keeps_the_stored_members() -> None:
    q = make(SECTIONS, ITEMS)
    s = session(q, [row("size", 3)], {"people": {"": ["m1", "m2", "m3"]}})
    assert s.members("people") == ["m1", "m2", "m3"]
    s.answer("size", "", row("size", 25))  # out of 1-20: not a household size
    assert s.members("people") == ["m1", "m2", "m3"]
    s.answer("size", "", row("size", 0))
    assert s.members("people") == ["m1", "m2", "m3"]
    s.answer("size", "", row("size", 4))  # back in range: it sizes the roster again
    assert s.members("people") == ["m1", "m2", "m3", "m4"]


def test_a_new_session_with_a_refused_count_has_no_members() -> None:
    s = session(make(SECTIONS, ITEMS), [row("size", 25)])
    assert s.members("people") == []


def test_members_leaving_names_the_members_with_answers_and_how_many() -> None:
    q = make(SECTIONS, ITEMS)
    rows = {"size": {"value": 6}, "name#m5": row("name", "Eve", "m5"),
            "name#m6": row("name", "Fay", "m6"), "name#m2": row("name", "Bo", "m2")}
    rosters = {"people": {"": ["m1", "m2", "m3", "m4", "m5", "m6"]}}
    leaving = members_leaving(q, rows, rosters, ("size", ""), 4, seed=7, today=TODAY)
    assert [(m.section, m.path, m.answers) for m in leaving] == [
        ("people", "m5", 1), ("people", "m6", 1)]
    assert members_leaving(q, rows, rosters, ("size", ""), 2, seed=7, today=TODAY) == leaving
    assert members_leaving(q, rows, rosters, ("size", ""), 8, seed=7, today=TODAY) == []
    assert members_leaving(q, rows, rosters, ("size", ""), 25, seed=7, today=TODAY) == []
    # Emptied (None) while typing: every member with answers would go.
    assert [m.path for m in members_leaving(q, rows, rosters, ("size", ""), None, seed=7,
                                            today=TODAY)] == ["m2", "m5", "m6"]


def test_a_count_being_typed_keeps_the_members_until_it_is_let_go() -> None:
    q = make(SECTIONS, ITEMS)
    s = session(q, [row("size", 12)], {"people": {"": [f"m{n}" for n in range(1, 13)]}})
    assert len(s.members("people")) == 12
    s.hold_counts({"size"})
    for typed in (None, 1, 13):  # emptied, then "1", then "13"
        s.answer("size", "", row("size", typed))
        assert len(s.members("people")) == 12
    changed = s.hold_counts(set())
    assert s.members("people")[-1] == "m13" and ("name", "m13") in changed


def test_members_leaving_compares_with_the_stored_members_not_the_typed_count() -> None:
    q = make(SECTIONS, ITEMS)
    rows = {"size": {"value": 4}, "name#m5": row("name", "Eve", "m5")}  # 4 typed, not saved
    rosters = {"people": {"": ["m1", "m2", "m3", "m4", "m5"]}}
    leaving = members_leaving(q, rows, rosters, ("size", ""), 4, seed=7, today=TODAY)
    assert [m.path for m in leaving] == ["m5"]


def test_a_count_saved_as_typed_and_never_left_is_unsettled_with_the_count_it_had() -> None:
    """fieldtui stopped while 4 was typed over 6: the stored roster had 6."""
    q = make(SECTIONS, ITEMS)
    rows = {"size": {"value": 4}, "name#m5": row("name", "Eve", "m5")}
    rosters = {"people": {"": ["m1", "m2", "m3", "m4", "m5", "m6"]}}
    counts = {"people": "${size}"}
    assert unsettled_counts(q, rows, rosters, counts, seed=7, today=TODAY) == {("size", ""): 6}
    # m6 alone would go, and holds nothing: settled, the count sizes the roster as saved
    assert unsettled_counts(q, {"size": {"value": 5}, "name#m5": row("name", "Eve", "m5")},
                            rosters, counts, seed=7, today=TODAY) == {}


def test_a_count_worked_out_from_more_than_the_answer_had_a_count_that_cannot_be_told() -> None:
    sections = [SECTIONS[0], SectionRule("people", "People", ("name",), repeat=True,
                                         repeat_count="${size} - 1")]
    q = make(sections, ITEMS)
    rows = {"size": {"value": 3}, "name#m4": row("name", "Eve", "m4")}
    rosters = {"people": {"": ["m1", "m2", "m3", "m4"]}}
    assert unsettled_counts(q, rows, rosters, {"people": "${size} - 1"}, seed=7,
                            today=TODAY) == {("size", ""): None}


def test_a_nested_count_typed_for_one_member_leaves_the_others_counts_settled() -> None:
    """fieldtui stopped while Cy's children were typed down from 1 to 0: only Cy's count
    is unsettled; Al's and Bo's counts, saved and left, take no one out (before, each
    member's count was said to take Dee out, and leaving asked about Al's with Dee)."""
    sections = [SECTIONS[0],
                SectionRule("people", "People", ("name", "kids"), repeat=True,
                            repeat_count="${size}"),
                SectionRule("children", "Children", ("cname",), repeat=True,
                            within="people", repeat_count="${kids}")]
    q = make(sections, [*ITEMS[:1], ItemRule("name", "people"), ItemRule("kids", "people"),
                        ItemRule("cname", "children")])
    rows = {"size": row("size", 3),
            "name#m1": row("name", "Al", "m1"), "kids#m1": row("kids", 2, "m1"),
            "cname#m1/v1": row("cname", "Cal", "m1/v1"),
            "cname#m1/v2": row("cname", "Cid", "m1/v2"),
            "name#m2": row("name", "Bo", "m2"), "kids#m2": row("kids", 0, "m2"),
            "name#m3": row("name", "Cy", "m3"), "kids#m3": row("kids", 0, "m3"),
            "cname#m3/v1": row("cname", "Dee", "m3/v1")}
    rosters = {"people": {"": ["m1", "m2", "m3"]},
               "children": {"m1": ["v1", "v2"], "m3": ["v1"]}}
    counts = {"people": "${size}", "children": "${kids}"}
    assert unsettled_counts(q, rows, rosters, counts, seed=7, today=TODAY) == {
        ("kids", "m3"): 1}

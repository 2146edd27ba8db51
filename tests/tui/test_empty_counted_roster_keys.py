"""A counted roster with no members (Bo's children not counted yet: a count answered 0 has
no list at all, tests/tui/test_counted_roster_zero_walk.py): its list says Enter goes on,
not "Enter: go on to the members" (there are none) nor that members can be moved."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step
from fieldtui.tui.screens.roster_flow import RosterFlow
from tests.support.logic_plans import row

PLAN = """
[plan]
id = "children-count"
version = 1
title = "Children"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "others"
title = "The others"
minutes = 2
repeat = true
repeat_count = "2"
member_label = "${oname}"

[[section.item]]
id = "oname"
kind = "open"
prompt = "First name of this other person?"

[[section.item]]
id = "kids"
kind = "number"
prompt = "How many children does ${oname} have?"

[[section]]
id = "children"
title = "Their children"
minutes = 2
repeat = true
within = "others"
repeat_count = "${kids}"

[[section.item]]
id = "cname"
kind = "open"
prompt = "Name of ${oname}'s child?"
"""


def test_a_counted_roster_with_no_members_says_enter_goes_on(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    walk = QuestionnaireWalk(load_plan(tmp_path / "plan.toml"), {
        "answers": {"oname#m1": row("oname", "Al", "m1"), "kids#m1": row("kids", 1, "m1"),
                    "oname#m2": row("oname", "Bo", "m2")},
        "rosters": {"others": {"": ["m1", "m2"]}, "children": {"m1": ["v1"]}}})
    flow = RosterFlow()
    flow.walk = walk
    flow.member_cursor = {}
    assert Step("children", None, "m2") in walk.steps
    empty = flow.roster_view(Step("children", None, "m2"))
    assert empty.names == [] and empty.keys == "Enter: go on", empty.keys
    one = flow.roster_view(Step("children", None, "m1"))
    # no member_label: the plan does not say its rows are members, so the words are neutral
    assert one.keys == "⇧↑/⇧↓ (or -/+): move · Enter: go on", one.keys

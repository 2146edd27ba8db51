"""A roster's stored member list comes from a device, as long as a bundle holds (16 MB: a
million and more ids in an open-ended roster). Cleaning it of dupes looked each id up in
the list kept so far: a comparison per pair of members, hours of a merge (and of the
review) for one such session. Each id is now compared with no more than the ones that
share its hash."""

from __future__ import annotations

from typing import Any

from fieldtui.core.logic.members import MAX_MEMBERS, one_list, stored_list
from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.asked import plan_shape, session_data
from tests.support.paths import FIXTURES

MEMBERS = 1000  # (a device sends a million; this is enough to count the comparisons)


class _Counted(str):
    """A member id that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_long_member_list_is_cleaned_without_comparing_every_pair() -> None:
    ids = [_Counted(f"m{i}") for i in range(MEMBERS)]
    rosters = {"people": {"": [*ids, _Counted("m7"), 3, "no spaces!"]}}
    _Counted.compared = 0
    cleaned = stored_list(rosters, "people", "")
    assert cleaned == [f"m{i}" for i in range(MEMBERS)]  # the dupe and the junk gone
    assert _Counted.compared <= 10 * MEMBERS  # was MEMBERS**2 / 2
    assert one_list("people", "", rosters, None) == cleaned
    assert one_list("people", "", rosters, 3.0) == ["m0", "m1", "m2"]


PARENTS = KIDS = 100  # (a device sends 500 of each: 250,000 members from 30 KB)


def test_counts_under_every_member_add_no_more_fresh_members_than_a_top_roster() -> None:
    """household_children: `size` counts the others (max 20 in the plan), `kids` each
    one's children (max 10). A device answering 101 and, for each of the 100 others, 100
    made 10,000 children, rows in the merge and its exports, from a few bytes each; the
    counts now add at most MAX_MEMBERS fresh ids to the children under all of them, and
    children the device stored are all kept."""
    shape = plan_shape(load_plan(FIXTURES / "household_children.toml"))
    answers: dict[str, Any] = {"size": {"value": PARENTS + 1}}
    for i in range(1, PARENTS + 1):
        answers[f"kids:m{i}"] = {"value": KIDS, "item_id": "kids", "member": f"m{i}"}
    doc = {"session_id": "a" * 32, "answers": answers, "rosters": {}}
    _rows, members = session_data(doc, shape)
    children = [m for m in members if m.roster == "children"]
    assert len([m for m in members if m.roster == "others"]) == PARENTS
    assert len(children) == MAX_MEMBERS  # was PARENTS * KIDS
    assert [m.path for m in children[:2]] == ["m1/v1", "m1/v2"]
    stored = {"children": {"m100": [f"c{i}" for i in range(KIDS)]}}
    _rows, members = session_data({**doc, "rosters": stored}, shape)
    assert [m.member_id for m in members if m.parent == "m100"] == stored["children"]["m100"]

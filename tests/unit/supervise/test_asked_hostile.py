"""A device can put anything in `rosters`, `seed`, `created` and its answer rows: the data
side never fails on it, keeps one row per item and member, and never keeps a member the
roster does not have."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.asked import plan_shape, session_data
from tests.support.roster_world import PLAN, household_docs

SHAPE = plan_shape(load_plan(PLAN))
DOCS = household_docs()
JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8),
                 st.sampled_from(["m1", "m2", "m1/v1", "-m1", "../x", "\x1b[2J", "#", ""]),
                 st.lists(st.sampled_from(["m1", "m2", "v1", "", "=x", 3]), max_size=4),
                 st.dictionaries(st.sampled_from(["", "m1", "m2"]),
                                 st.lists(st.sampled_from(["m1", "v1", "v2", 7]), max_size=3),
                                 max_size=2))
FIELDS = st.sampled_from(["rosters", "seed", "created", "value", "member", "item_id",
                          "people", "visits"])


@settings(max_examples=150, deadline=None)
@given(which=st.integers(0, 2), changes=st.lists(st.tuples(FIELDS, JUNK, st.integers(0, 99)),
                                                 min_size=1, max_size=5))
def test_hostile_rosters_and_rows_never_break_the_data(which: int,
                                                       changes: list[tuple[str, Any, int]]
                                                       ) -> None:
    doc = copy.deepcopy(DOCS[which])
    keys = list(doc["answers"])
    for field, junk, pick in changes:
        if field in ("rosters", "seed", "created"):
            doc[field] = junk
        elif field in ("people", "visits"):
            rosters = doc["rosters"] if isinstance(doc.get("rosters"), dict) else {}
            rosters[field] = junk
            doc["rosters"] = rosters
        else:
            doc["answers"][keys[pick % len(keys)]][field] = junk
    rows, members = session_data(doc, SHAPE)
    assert len({(item, member) for item, member, _, _ in rows}) == len(rows)
    paths = {m.path for m in members}
    assert len(paths) == len(members)
    assert all(not member or member in paths for item, member, _, _ in rows
               if item in SHAPE.roster_of)

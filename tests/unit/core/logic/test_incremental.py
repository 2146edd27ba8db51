"""The key correctness test of the fast path: after any sequence of answers and roster
edits, the incrementally updated state equals a full evaluation from scratch, and the keys
`answer`/`set_rosters` return cover every key whose state changed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldtui.core.logic import ItemRule, SectionRule
from tests.support.logic_plans import differing_keys, make, row, session, snapshot

# Conditions an item may carry, each reading items before it ({a}, {b}: earlier top ids).
TOP_CONDITIONS = [
    "${{{a}}} = 'yes'", "${{{a}}} != 'no' and ${{{b}}} > 2", "${{{a}}} + ${{{b}}} > 3",
    "selected(${{{a}}}, 'x') or ${{{b}}} = 'yes'", "not(${{{a}}} = '')",
    "count-selected(${{{a}}}) >= 1", "string-length(${{{a}}}) > 1", None,
]
VALUES = st.one_of(st.sampled_from(["yes", "x", "no", "x y", "y", "", "10", "2.5"]),
                   st.sampled_from(["yes", "x", 3, 1, None]), st.integers(-2, 6),
                   st.lists(st.sampled_from(["x", "y", "z"]), max_size=3))
TOP = [f"t{i}" for i in range(6)]


@st.composite
def plans(draw: st.DrawFn) -> Any:
    items = []
    for i, item in enumerate(TOP):
        template = draw(st.sampled_from(TOP_CONDITIONS)) if i >= 2 else None
        # {a} is the item just before (so conditions chain), {b} any earlier one
        a, b = TOP[max(i - 1, 0)], draw(st.sampled_from(TOP[:max(i, 1)]))
        items.append(ItemRule(item, "top", "open",
                              relevant=template.format(a=a, b=b) if template else None,
                              required_if=f"${{{a}}} = 'yes'" if i % 3 == 2 else None))
    items += [
        ItemRule("c1", "calcs", "calculate", calculation="${c2} + 1"),  # reads a later calc
        ItemRule("c2", "calcs", "calculate", calculation="coalesce(${t1}, 0) * 2"),
        ItemRule("c3", "calcs", "calculate", relevant="${t0} = 'yes'",
                 calculation="concat(${t2}, '-', ${c1})"),
        ItemRule("name", "people", "open"),
        ItemRule("age", "people", "number", relevant="${name} != ''"),
        ItemRule("adult", "people", "calculate", calculation="${age} >= 18 or ${t3} = 'yes'"),
        ItemRule("first", "people", "open", relevant="position(..) = 1 and ${c2} > 0"),
        ItemRule("pick", "people", "choice", options=("x", "y", "z"),
                 option_fields=({"g": "1"}, {"g": "2"}, {"g": "1"}),
                 choice_filter="g = ${t1} or name = ${name}"),
        ItemRule("place", "visits", "open", relevant="${adult}"),
        ItemRule("cost", "visits", "number", relevant="${place} != '' or position(..) > 1"),
        ItemRule("ages", "end", "calculate", calculation="sum(${age})"),
        ItemRule("costs", "end", "calculate", calculation="count(${visits}) + sum(${cost})"),
        ItemRule("second", "end", "open",
                 relevant="indexed-repeat(${name}, ${people}, 2) = 'x' or ${ages} > 3"),
    ]
    count = draw(st.sampled_from([None, "${t1}", "${c2}"]))
    sections = [
        SectionRule("top", items=tuple(TOP)),
        SectionRule("calcs", items=("c1", "c2", "c3"),
                    relevant=draw(st.sampled_from([None, "${t4} != 'no'"]))),
        SectionRule("people", items=("name", "age", "adult", "first", "pick"), repeat=True,
                    repeat_count=count, member_label="${name}",
                    relevant=draw(st.sampled_from([None, "${t5} != 'x'"]))),
        SectionRule("visits", items=("place", "cost"), repeat=True, within="people",
                    relevant=draw(st.sampled_from([None, "${age} > 1"]))),
        SectionRule("end", items=("ages", "costs", "second")),
    ]
    return make(sections, items)


# Where an answer may land: mostly where the item is asked, sometimes nowhere it is asked.
TARGETS = ([(t, "") for t in TOP] * 4 + [("c1", ""), ("c2", ""), ("second", "")]
           + [(i, m) for i in ("name", "age", "first", "pick") for m in ("m1", "m2", "m3")]
           + [(i, p) for i in ("place", "cost") for p in ("m1/v1", "m1/v2", "m2/v1")]
           + [("t1", "m1"), ("age", ""), ("place", "m1"), ("name", "m1/v1")])
ids = st.lists(st.sampled_from(["m1", "m2", "m3", "m4"]), max_size=4, unique=True)
ROSTERS = st.fixed_dictionaries({
    "people": st.fixed_dictionaries({"": ids}),
    "visits": st.dictionaries(st.sampled_from(["m1", "m2", "m3"]),
                              st.lists(st.sampled_from(["v1", "v2", "v3"]), max_size=3,
                                       unique=True), max_size=3),
})
ANSWER = st.tuples(st.just("answer"), st.sampled_from(TARGETS), VALUES,
                   st.sampled_from([False, False, False, True]))
OPS = st.one_of(ANSWER, ANSWER, ANSWER, st.tuples(st.just("rosters"), ROSTERS))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), ROSTERS, st.lists(OPS, min_size=8, max_size=40))
def test_incremental_state_equals_a_full_evaluation(q: Any, rosters: Any, ops: Any) -> None:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    s = session(q, [], rosters)
    for op in ops:
        before = snapshot(s)
        if op[0] == "answer":
            _, (item, member), value, skipped = op
            new = row(item, value, member, skipped=skipped)
            rows[(item, member)] = new
            changed = s.answer(item, member, new)
        else:
            rosters = op[1]
            changed = s.set_rosters(rosters)
        after = snapshot(s)
        fresh = snapshot(session(q, list(rows.values()), rosters))
        assert after == fresh
        assert differing_keys(before, after) <= changed


def test_answer_returns_only_what_changed() -> None:
    q = make([SectionRule("a", items=("x", "y", "z"))],
             [ItemRule("x", "a"), ItemRule("y", "a", relevant="${x} = 'yes'"),
              ItemRule("z", "a", relevant="${x} != ''")])
    s = session(q)
    assert s.answer("x", "", row("x", "no")) == {("x", ""), ("z", "")}
    assert s.answer("x", "", row("x", "yes")) == {("x", ""), ("y", "")}
    assert s.answer("x", "", row("x", "yes")) == set()  # the same answer again

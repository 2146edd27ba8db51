"""The loader reads every logic field of issue 12 into the model, and refuses each misuse
with one finding on the right line."""

from __future__ import annotations

from collections import Counter

import pytest

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Item, OptionFields, Plan
from fieldtui.core.plan.options import option_columns, option_namespace, toggle_option

HEAD = """[plan]
id = "logic"
version = 1
title = "Logic"
method = "interview"
language = "en"
minutes = 10
"""


def plan_of(body: str, method: str = "interview") -> Plan:
    result = parse_plan(HEAD.replace("interview", method) + body)
    assert result.findings == [], [f.format() for f in result.findings]
    assert result.plan is not None
    return result.plan


def findings_of(body: str, method: str = "interview") -> Counter[tuple[str, int]]:
    """(rule, line) of each finding; lines count from the body's first line as line 1."""
    result = parse_plan(HEAD.replace("interview", method) + body)
    offset = HEAD.count("\n")
    return Counter((f.rule, f.line - offset if f.line else 0) for f in result.findings)


def section(items: str, extra: str = "", sid: str = "s1") -> str:
    return f'[[section]]\nid = "{sid}"\ntitle = "S"\nminutes = 5\n{extra}\n{items}'


def item(sid: str, body: str, iid: str = "q1", kind: str = "open") -> str:
    return f'[[section.item]]\nid = "{iid}"\nkind = "{kind}"\nprompt = "Ask?"\n{body}\n'


def only(plan: Plan) -> Item:
    return plan.items[0]


def test_condition_fields_are_read_as_written() -> None:
    first = item("s1", 'options = ["yes", "no"]', "q0", "choice")
    plan = plan_of(section(first + item("s1", """relevant = "${q0} = 'yes'"
constraint = ". > 0"
constraint_message = "More than 0, please"
required = "${q0} != 'no'"
default = 3
read_only = true""", kind="number"), extra='relevant = "1 = 1"'))
    q = plan.items[1]
    assert (q.relevant, q.constraint, q.constraint_message) == (
        "${q0} = 'yes'", ". > 0", "More than 0, please")
    assert q.required is False and q.required_if == "${q0} != 'no'"
    assert q.default == "3" and q.read_only is True
    assert plan.sections[0].relevant == "1 = 1"


def test_required_true_stays_a_boolean() -> None:
    q = only(plan_of(section(item("s1", "required = true"))))
    assert q.required is True and q.required_if is None


def test_an_existing_item_gets_every_default() -> None:
    q = only(plan_of(section(item("s1", ""))))
    assert (q.relevant, q.constraint, q.required_if, q.default, q.calculation,
            q.choice_filter) == (None,) * 6
    assert (q.read_only, q.randomize, q.labels, q.option_fields, q.constraint_message) == (
        False, False, (), (), "")


def test_calculate_date_and_time_kinds() -> None:
    plan = plan_of(section(
        '[[section.item]]\nid = "c"\nkind = "calculate"\ncalculation = "1 + 2"\n'
        + item("s1", 'default = "2026-01-31"', "d", "date")
        + item("s1", 'default = "07:30"', "t", "time")))
    calc, day, clock = plan.items
    assert (calc.kind, calc.calculation, calc.prompt) == ("calculate", "1 + 2", "")
    assert (day.kind, day.default) == ("date", "2026-01-31")
    assert (clock.kind, clock.default) == ("time", "07:30")
    assert not calc.closed and not day.closed


def test_table_options_with_labels_codes_exclusive_and_columns() -> None:
    q = only(plan_of(section(item("s1", """options = [
  { value = "flat", label = "Flat roof", region = "north" },
  "Thatch",
  { value = "none", label = "None of these", exclusive = true },
]
randomize = true
choice_filter = "${option.region} = 'north'"
""", kind="multi"))))
    assert q.options == ("flat", "Thatch", "none")
    assert q.labels == ("Flat roof", "Thatch", "None of these")
    assert q.exclusive == ("none",)
    assert q.option_fields == ({"region": "north"}, {}, {})
    assert isinstance(q.option_fields[0], OptionFields)
    assert q.randomize and q.choice_filter == "${option.region} = 'north'"
    assert q.label_of("flat") == "Flat roof" and q.label_of("other") == "other"
    assert option_namespace(q, 0) == {"option.value": "flat", "option.name": "flat",
                                      "option.label": "Flat roof", "option.region": "north"}
    assert option_columns(q) == {"value", "name", "label", "region"}
    assert toggle_option(q, ["flat"], "none") == (["none"], ["flat"])
    hash(q)  # still hashable with option columns


def test_plain_options_have_labels_equal_to_values() -> None:
    q = only(plan_of(section(item("s1", 'options = ["Yes", "No"]', kind="choice"))))
    assert q.options == ("Yes", "No") and q.labels == () and q.label_of("Yes") == "Yes"


def test_roster_sections() -> None:
    plan = plan_of(
        section(item("s1", "", "size", "number"), sid="hh")
        + section(item("s1", "", "name"), 'repeat = true\nrepeat_count = "${size}"\n'
                  'member_label = "${name}"', sid="people")
        + section(item("s1", "", "clinic"), 'repeat = true\nwithin = "people"', sid="visits")
        + section(item("s1", "", "n"), "repeat = true\nrepeat_count = 3", sid="three"))
    people, visits, three = plan.sections[1:]
    assert (people.repeat, people.repeat_count, people.member_label, people.within) == (
        True, "${size}", "${name}", None)
    assert (visits.repeat, visits.repeat_count, visits.within) == (True, None, "people")
    assert three.repeat_count == "3"
    assert plan.roster_of("name") == "people" and plan.roster_of("clinic") == "visits"
    assert plan.roster_of("size") is None
    assert not plan.sections[0].repeat


@pytest.mark.parametrize(("body", "expected"), [
    # wrong types, one finding each on the key's line
    (item("s1", "relevant = true"), {("wrong-type", 10): 1}),
    (item("s1", "required = 3"), {("wrong-type", 10): 1}),
    (item("s1", "read_only = 'yes'"), {("wrong-type", 10): 1}),
    (item("s1", "default = [1]"), {("wrong-type", 10): 1}),
    (item("s1", 'options = [1, 2]', kind="choice"), {("wrong-type", 10): 1}),
    # fields on kinds that cannot use them
    (item("s1", 'calculation = "1"'), {("bad-value", 10): 1}),
    (item("s1", 'choice_filter = "1"'), {("bad-value", 10): 1}),
    (item("s1", "randomize = true", kind="number"), {("bad-value", 10): 1}),
    (item("s1", 'constraint = ". > 1"', kind="note"), {("bad-value", 10): 1}),
    (item("s1", 'constraint_message = "Bad"'), {("bad-value", 10): 1}),
    ('[[section.item]]\nid = "c"\nkind = "calculate"\n', {("missing-key", 6): 1}),
    ('[[section.item]]\nid = "d"\nkind = "date"\n', {("missing-key", 6): 1}),
    # defaults the item cannot take
    (item("s1", 'default = "maybe"\noptions = ["yes", "no"]', kind="choice"),
     {("bad-default", 10): 1}),
    (item("s1", 'default = "a z"\noptions = ["a", "b"]', kind="multi"), {("bad-default", 10): 1}),
    (item("s1", "default = 11\nmax = 10", kind="number"), {("bad-default", 10): 1}),
    (item("s1", 'default = "ten"', kind="number"), {("bad-default", 10): 1}),
    (item("s1", 'default = "2026-02-30"', kind="date"), {("bad-default", 10): 1}),
    (item("s1", 'default = "24:00"', kind="time"), {("bad-default", 10): 1}),
    (item("s1", "default = 9\nscale = { min = 1, max = 5 }", kind="scale"),
     {("bad-default", 10): 1}),
    # table options
    (item("s1", 'options = [\n  { value = "a" },\n  { label = "B" },\n]', kind="choice"),
     {("missing-key", 12): 1}),
    (item("s1", 'options = [{ value = "a" }, { value = "a" }]', kind="choice"),
     {("duplicate-option", 10): 1}),
    (item("s1", 'options = [{ value = "a" }, { value = "b", n = 2 }]', kind="choice"),
     {("wrong-type", 10): 1}),
    (item("s1", 'options = [{ value = " " }, "b", "c"]', kind="choice"), {("bad-value", 10): 1}),
    (item("s1", 'options = [{ value = "a", exclusive = true }, "b"]', kind="choice"),
     {("bad-value", 10): 1}),
])
def test_each_misuse_is_one_finding_on_its_line(body: str, expected: dict[tuple[str, int],
                                                                            int]) -> None:
    assert findings_of(section(body)) == Counter(expected)


@pytest.mark.parametrize(("extra", "expected"), [
    ('repeat_count = "3"', {("bad-value", 5): 1}),
    ('within = "x"', {("bad-value", 5): 1}),
    ('member_label = "${q1}"', {("bad-value", 5): 1}),
    ("repeat = true\nrepeat_count = 0", {("bad-value", 6): 1}),
    ("repeat = true\nrepeat_count = true", {("wrong-type", 6): 1}),
    ('repeat = true\nwithin = "s1"', {("bad-within", 6): 1}),
    ('repeat = true\nwithin = "nowhere"', {("bad-within", 6): 1}),
])
def test_roster_field_misuse(extra: str, expected: dict[tuple[str, int], int]) -> None:
    assert findings_of(section(item("s1", ""), extra)) == Counter(expected)


def test_within_names_a_roster_that_is_earlier_and_not_nested() -> None:
    plain = section(item("s1", "", "a"), sid="plain")
    top = section(item("s1", "", "b"), "repeat = true", sid="top")
    nested = section(item("s1", "", "c"), 'repeat = true\nwithin = "top"', sid="nested")
    deeper = section(item("s1", "", "d"), 'repeat = true\nwithin = "nested"', sid="deeper")
    assert findings_of(plain + section(item("s1", "", "x"), 'repeat = true\nwithin = "plain"',
                                       sid="r")) == Counter({("bad-within", 16): 1})
    assert findings_of(top + nested + deeper) == Counter({("bad-within", 27): 1})
    later = section(item("s1", "", "c"), 'repeat = true\nwithin = "top"', sid="nested")
    assert findings_of(later + top) == Counter({("bad-within", 6): 1})


def test_group_plans_have_no_rosters_and_polls_no_date_items() -> None:
    group = """[group]
size = { min = 2, max = 8 }
coverage = { age = ["young", "old"] }
informed = 1
notice = "Come and share your views."
"""
    found = findings_of(section(item("s1", ""), "repeat = true") + group, method="group")
    assert found == Counter({("bad-value", 5): 1})
    poll = "[poll]\nanonymous = true\nmin_cell = 5\n"
    found = findings_of(section(item("s1", "", kind="date")) + poll, method="poll")
    assert found == Counter({("open-in-poll", 8): 1})
    calc = '[[section.item]]\nid = "c"\nkind = "calculate"\ncalculation = "1"\n'
    assert findings_of(section(item("s1", 'options = ["a", "b"]', kind="choice") + calc)
                       + poll, method="poll") == Counter()


def test_item_infos_are_those_the_constructor_makes() -> None:
    """`item_infos` makes each ItemInfo without its generated __init__: the same fields, in
    order, equal and hashing alike (the logic check caches findings by them)."""
    from fieldtui.core.plan.expr import ItemInfo
    from fieldtui.core.plan.logic_check import item_infos
    plan = parse_plan(
        '[plan]\nid = "p"\nversion = 1\ntitle = "P"\nmethod = "interview"\nlanguage = "en"\n'
        'minutes = 5\n\n[[section]]\nid = "s"\ntitle = "S"\nminutes = 1\n\n'
        '[[section.item]]\nid = "a"\nkind = "choice"\nprompt = "Did you go?"\n'
        'options = ["yes", "no"]\n\n[[section]]\nid = "r"\ntitle = "R"\nminutes = 1\n'
        'repeat = true\nrepeat_count = "2"\n\n[[section.item]]\nid = "b"\nkind = "scale"\n'
        'prompt = "How was it?"\nscale = { min = 1, max = 3 }\n').plan
    assert plan is not None
    infos = item_infos(plan)
    made = {"a": ItemInfo("choice", ("yes", "no")), "r": ItemInfo("roster"),
            "b": ItemInfo("scale", ("1", "2", "3"), "r")}
    assert infos == made
    assert [(vars(i), hash(i), repr(i)) for i in infos.values()] == [
        (vars(made[k]), hash(made[k]), repr(made[k])) for k in infos]

"""The plan check of logic raises no false alarm on sound logic, and folds only what is sure."""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.expr import ItemInfo, parse
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.logic_check import item_infos
from fieldtui.core.plan.logic_fold import UNKNOWN, fold, value_kind

HEAD = """[plan]
id = "ok"
version = 1
title = "Sound logic"
method = "interview"
language = "en"
minutes = 10

[[section]]
id = "main"
title = "Main"
minutes = 4

[[section.item]]
id = "size"
kind = "number"
prompt = "How many people live in this household?"

[[section.item]]
id = "smoke"
kind = "choice"
prompt = "Do you smoke tobacco?"
options = ["yes", "no"]
"""

ROSTERS = """
[[section]]
id = "people"
title = "People"
minutes = 3
repeat = true
repeat_count = "{count}"
member_label = "${{name}}"

[[section.item]]
id = "name"
kind = "open"
prompt = "What is this person's first name?"
probes = ["A nickname is fine."]

[[section.item]]
id = "visits_n"
kind = "number"
prompt = "How many times did ${{name}} visit a clinic last year?"

[[section]]
id = "visits"
title = "Visits"
minutes = 3
repeat = true
within = "people"
relevant = "${{visits_n}} > 0"

[[section.item]]
id = "clinic"
kind = "open"
prompt = "Which clinic did ${{name}} visit, visit number {position}?"
probes = ["The name on the sign is enough."]
{extra}
"""


def findings(extra: str = "", count: str = "${size}", main: str = "") -> list[str]:
    visit_no = '\n[[section.item]]\nid = "visit_no"\nkind = "calculate"\ncalculation = ' \
        '"position(..)"\n'
    text = HEAD + main + ROSTERS.format(count=count, position="${visit_no}",
                                        extra=visit_no + extra)
    return [f.format() for f in check_text(text, "ok.toml")]


def test_nested_rosters_read_their_parent_member_and_pipe_it() -> None:
    assert findings() == []


@pytest.mark.parametrize("main", [
    'relevant = "${smoke} = \'yes\' or 1 = 2"',  # can be true
    'relevant = "${size} = 3 and ${size} = 3.0"',  # the same value twice
    'relevant = "true()"',
    'relevant = "${smoke} != \'\' and not(selected(${smoke}, \'\'))"',  # answered
    'relevant = "${size} > 2 and today() > \'2020-01-01\'"',
    'constraint = ". > 0 and . < 31"\nconstraint_message = "From 1 to 30."',
    'required = "${smoke} = \'yes\'"',
    'hint = "Counting ${smoke} answers too."',
])
def test_sound_item_logic_has_no_finding(main: str) -> None:
    extra = f'\n[[section.item]]\nid = "extra"\nkind = "number"\nprompt = "How many?"\n{main}\n'
    assert findings(main=extra) == []


@pytest.mark.parametrize("count", ["${size}", "3", "${size} + 1", "count(${visits})",
                                   "coalesce(${size}, 1)", "'4'"])
def test_number_counts_pass(count: str) -> None:
    assert findings(count=count) == []


def test_a_sum_from_outside_the_roster_is_fine_and_a_bare_reference_is_not() -> None:
    outside = ('\n[[section]]\nid = "end"\ntitle = "End"\nminutes = 1\n\n[[section.item]]\n'
               'id = "total"\nkind = "calculate"\ncalculation = "sum(${visits_n}) + '
               'count(${people})"\n')
    assert findings(extra=outside) == []
    bare = outside.replace("sum(${visits_n})", "${visits_n}")
    assert [f.split(": ")[2] for f in findings(extra=bare)] == ["expr-roster"]


ITEMS = {"x": ItemInfo("choice", ("a", "b")), "n": ItemInfo("number"),
         "t": ItemInfo("open"), "when": ItemInfo("date"), "codes": ItemInfo("choice", ("1", "2"))}


@pytest.mark.parametrize(("text", "value"), [
    ("1 = 2", False), ("2 > 1", True), ("not(1)", False), ("${x} = 'c'", False),
    ("${x} != 'c'", True), ("${x} = 'a' and ${x} = 'b'", False), ("${x} = 'a' or 0", UNKNOWN),
    ("${x} = 'a' and ${x} = 'a'", UNKNOWN), ("${n} > 3 and 0", False), ("${n} > 3 or 1", True),
    ("${n} > 5 and ${n} < 3", False), ("${n} >= 2 and ${n} < 2", False),
    ("${n} >= 2 and ${n} <= 2", UNKNOWN), ("${n} = 2 and ${n} > 5", False),
    ("5 < ${n} and ${n} < 5", False), ("${n} > 1 and ${n} < 3", UNKNOWN),
    ("today() > '2020-01-01'", UNKNOWN), ("random() < 2", UNKNOWN), ("1 div 0", float("inf")),
])
def test_fold_knows_only_what_is_sure(text: str, value: object) -> None:
    assert fold(parse(text), ITEMS) == value


@pytest.mark.parametrize(("text", "kind"), [
    ("3", "num"), ("'3'", "num"), ("'three'", "text"), ("${n}", "num"), ("${t}", "text"),
    ("${when}", "date"), ("${codes}", "num"), ("${x}", "text"), ("${n} > 1", "bool"),
    ("${n} + 1", "num"), ("concat('a')", "text"), ("if(1, 2, 3)", "any"), ("${nobody}", "any"),
])
def test_value_kind(text: str, kind: str) -> None:
    assert value_kind(parse(text), ITEMS) == kind


def test_selected_cannot_find_a_plain_multi_option_with_a_space() -> None:
    multi = ('\n[[section.item]]\nid = "assets"\nkind = "multi"\nprompt = "Which of these '
             'does the household own?"\noptions = ["Radio", "Other", "None of these"]\n'
             '\n[[section.item]]\nid = "why"\nkind = "number"\nprompt = "How many radios?"\n'
             'relevant = "selected(${assets}, \'None of these\')"\n')
    found = findings(main=multi)
    assert len(found) == 1 and ": warning: expr-option: 'None of these' has a space" in found[0]


def test_the_same_expression_is_judged_where_each_item_stands() -> None:
    """One text on several items is read once per kind of place, never for the wrong one:
    inside the roster `${visits_n}` is the member's answer, outside it needs an aggregate;
    `.` and `once(.)` need an item, and a section's relevant belongs to none."""
    same = '\nrelevant = "${visits_n} > 1 and once(.) != \'\'"'
    inside = f'\n[[section.item]]\nid = "inner"\nkind = "open"\nprompt = "Why?"{same}\n'
    outside = (f'\n[[section]]\nid = "end"\ntitle = "End"\nminutes = 1{same}\n\n'
               f'[[section.item]]\nid = "outer"\nkind = "open"\nprompt = "And?"{same}\n\n'
               f'[[section.item]]\nid = "outer2"\nkind = "number"\nprompt = "How many?"{same}\n')
    found = [":".join(f.split(":")[1:3]) + " " + f.split(": ")[2]
             for f in findings(extra=inside + outside)]
    assert found == ["73:1 expr-roster", "73:21 expr-current", "73:26 expr-current",
                     "79:1 expr-roster", "85:1 expr-roster"]


@pytest.mark.parametrize(("field", "line"), [
    ('prompt = "How many ${nosuch}?"', 'prompt = "How many ${nosuch}?"'),
    ('hint = "Count ${nosuch}."', 'hint = "Count ${nosuch}."'),
    ('constraint = ". > 0"\nconstraint_message = "More than ${nosuch}."',
     'constraint_message = "More than ${nosuch}."'),
    ('required = true\nrequired_message = "Ask ${nosuch}."', 'required_message = "Ask ${nosuch}."'),
    ('probes = ["Why?", "And ${nosuch}?"]', 'probes = ["Why?", "And ${nosuch}?"]'),
])
def test_a_pipe_to_no_item_is_found_in_each_text_field_on_its_line(field: str, line: str) -> None:
    main = ('\n[[section.item]]\nid = "extra"\nkind = "number"\n'
            + ('' if field.startswith("prompt") else 'prompt = "How many?"\n') + field + "\n")
    found = [f for f in findings(main=main) if "expr-reference" in f]
    text = HEAD + main
    assert len(found) == 1, found
    assert found[0].startswith(f"ok.toml:{text.splitlines().index(line.splitlines()[-1]) + 1}:")


def test_each_item_is_known_by_its_kind_options_and_roster() -> None:
    visit_no = '\n[[section.item]]\nid = "visit_no"\nkind = "calculate"\ncalculation = ' \
        '"position(..)"\n'
    more = '[[section.item]]\nid = "again"\nkind = "choice"\nprompt = "Again?"\n' \
        'options = ["yes", "no"]\n'
    text = HEAD + more + ROSTERS.format(count="${size}", position="${visit_no}", extra=visit_no)
    plan = parse_plan(text).plan
    assert plan is not None
    infos = item_infos(plan)
    for section in plan.sections:
        roster = section.id if section.repeat else None
        if section.repeat:
            assert infos[section.id] == ItemInfo("roster", roster=section.within)
        for item in section.items:
            assert infos[item.id] == ItemInfo(item.kind, item.options, roster), item.id
    assert infos["smoke"] == infos["again"] == ItemInfo("choice", ("yes", "no"))
    assert infos["name"] == ItemInfo("open", (), "people")
    assert infos["visit_no"].roster == "visits"

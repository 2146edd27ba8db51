"""Exclusive options ("None of these") of multi items: the plan check and the ticking rule."""

from __future__ import annotations

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Item
from fieldtui.core.plan.options import toggle_option

PLAN = """
[plan]
id = "p"
version = 1
title = "T"
method = "interview"
language = "en"
minutes = 5

[[section]]
id = "s"
title = "S"
minutes = 5

[[section.item]]
id = "uses"
kind = "{kind}"
prompt = "Which of these services did you use in the past month?"
options = ["Books", "Wifi", "None of these"]
exclusive = {exclusive}
"""


def load(kind: str = "multi", exclusive: str = '["None of these"]') -> tuple[object, list[str]]:
    result = parse_plan(PLAN.replace("{kind}", kind).replace("{exclusive}", exclusive))
    return result.plan, [f"{f.line}:{f.rule}:{f.message}" for f in result.findings
                         if f.level == "error"]


def test_the_plan_marks_exclusive_options_of_a_multi_item() -> None:
    plan, errors = load()
    assert errors == []
    assert plan.item("uses").exclusive == ("None of these",)  # type: ignore[attr-defined]


def test_an_exclusive_option_must_be_one_of_the_options() -> None:
    _plan, errors = load(exclusive='["None"]')
    assert errors == ["20:unknown-option:'uses' marks 'None' exclusive, but it is not one of "
                      "its options — list it in options too, or correct its spelling"]


def test_exclusive_is_only_for_multi_items() -> None:
    _plan, errors = load(kind="choice")
    assert errors == ["20:bad-value:exclusive is only for multi items, not choice — remove "
                      "exclusive, or make it a multi item"]


def test_exclusive_must_list_strings() -> None:
    _plan, errors = load(exclusive='"None of these"')
    assert [e.split(":")[1] for e in errors] == ["wrong-type"]


ITEM = Item("uses", "multi", "Uses?", options=("Books", "Wifi", "None of these"),
            exclusive=("None of these",))


def test_ticking_the_exclusive_option_clears_the_others() -> None:
    assert toggle_option(ITEM, ["Books", "Wifi"], "None of these") == (
        ["None of these"], ["Books", "Wifi"])


def test_ticking_another_option_clears_the_exclusive_one() -> None:
    assert toggle_option(ITEM, ["None of these"], "Wifi") == (["Wifi"], ["None of these"])


def test_unticking_and_plain_ticks_clear_nothing() -> None:
    assert toggle_option(ITEM, ["Books"], "Wifi") == (["Books", "Wifi"], [])
    assert toggle_option(ITEM, ["Books", "Wifi"], "Books") == (["Wifi"], [])

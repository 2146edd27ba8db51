"""A `display` item: text shown (an XLSForm note), nothing collected. The plan check takes
it, with a prompt in every language, a condition, a hint and `${id}` piping, in an interview
or a poll; it refuses each field about an answer, in the check's one line, English and
Chinese; nothing counts it as an item still to do."""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text
from fieldtui.core.plan.load import parse_plan
from fieldtui.core.progress import required_unanswered, section_progress

HEAD = """[plan]
id = "shown"
version = 1
title = "Shown"
method = "{method}"
language = "en"
minutes = 10
"""
AGE = """[[section.item]]
id = "age"
kind = "number"
prompt = "How old are you, in years?"
"""
THANKS = """[[section.item]]
id = "thanks"
kind = "display"
prompt = "Thank you: you are ${age}."
"""


def plan_text(items: str, method: str = "interview", head: str = "") -> str:
    return (HEAD.format(method=method) + head
            + f'[[section]]\nid = "s1"\ntitle = "S"\nminutes = 5\n{AGE}{items}')


def test_a_display_item_is_read_with_its_condition_hint_and_languages() -> None:
    text = plan_text(THANKS.replace('prompt = "Thank you: you are ${age}."',
                                    'prompt = { en = "Thank you, ${age}.", zh = "谢谢,${age}。" }\n'
                                    'relevant = "${age} > 17"\nhint = { en = "Read it", zh = "读出" }'),
                     head='languages = ["en", "zh"]\n')
    assert check_text(text) == []
    plan = parse_plan(text).plan
    assert plan is not None
    item = plan.item("thanks")
    assert (item.kind, item.relevant, item.hint, item.required) == (
        "display", "${age} > 17", "Read it", False)
    assert plan.localized("zh").item("thanks").prompt == "谢谢,${age}。"


def test_a_poll_may_show_a_display_item() -> None:
    poll = "[poll]\nanonymous = true\nmin_cell = 5\n"
    assert [f.format() for f in check_text(plan_text(THANKS, "poll") + poll)] == []


def test_nothing_counts_a_display_item_as_to_do() -> None:
    plan = parse_plan(plan_text(THANKS)).plan
    assert plan is not None
    [progress] = section_progress(plan, {"age": {"value": 30}})
    assert (progress.done, progress.total, progress.complete) == (1, 1, True)
    assert required_unanswered(plan, {}) == []


@pytest.mark.parametrize(("field", "value"), [
    ("required", "true"), ("required", '"${age} > 1"'), ("constraint", '". > 1"'),
    ("default", '"x"'), ("read_only", "true"), ("key", "true"), ("probes", '["Why?"]'),
    ("unit", '"years"'), ("min", "1"), ("max", "3"), ("required_message", '"Please."'),
])
def test_an_answer_field_on_a_display_item_is_one_line(field: str, value: str) -> None:
    text = plan_text(THANKS + f"{field} = {value}\n")
    line = text.splitlines().index(f"{field} = {value}") + 1
    [finding] = check_text(text, "p.toml")
    assert finding.format() == (f"p.toml:{line}: error: bad-value: {field} is only for "
                                f"answered items, not display — remove {field} from this item")
    assert finding.format("zh") == (f"p.toml:{line}: error: bad-value: 只有需要回答的题可以有 "
                                    f"{field}，display 题不可以 — 请从这个题目中删除 {field}")


def test_options_on_a_display_item_are_refused() -> None:
    text = plan_text(THANKS + 'options = ["a", "b"]\n')
    line = text.splitlines().index('options = ["a", "b"]') + 1
    assert [f.format() for f in check_text(text, "p.toml")] == [
        f"p.toml:{line}: error: bad-value: options are only for choice and multi items, not "
        "display — remove options, or make it a choice or multi item"]


def test_a_display_item_needs_a_prompt() -> None:
    text = plan_text(THANKS.replace('prompt = "Thank you: you are ${age}."\n', ""))
    assert [(f.rule, f.level) for f in check_text(text)] == [("missing-key", "error")]


def test_an_interviewer_note_stays_as_it_was() -> None:
    """Plans written with kind note read as before: a note the interviewer types."""
    text = plan_text(THANKS.replace('"display"', '"note"'))
    assert check_text(text) == []
    plan = parse_plan(text).plan
    assert plan is not None and plan.item("thanks").kind == "note"


def test_a_condition_on_a_display_item_is_a_warning() -> None:
    """It has no value (always empty): a reference to it is most likely a slip; a warning,
    as XLSForm tools accept it."""
    text = plan_text(THANKS + '[[section.item]]\nid = "more"\nkind = "open"\n'
                     'prompt = "What else would you like to say?"\nrelevant = "${thanks} = \'\'"\n')
    [finding] = check_text(text, "p.toml")
    assert (finding.level, finding.rule) == ("warning", "expr-reference")
    assert finding.message == ("${thanks} is a display item, text shown: it has no value "
                               "(always empty) — name an item that is answered, or remove the "
                               "reference")
    assert finding.message_zh.startswith("${thanks} ")

"""`required_message`: an item's own words for a required item left without an answer, in
every language of the plan, only on an item that can be required."""

from __future__ import annotations

from fieldtui.core.plan.load import parse_plan
from fieldtui.core.plan.model import Plan

HEAD = """[plan]
id = "reqmsg"
version = 1
title = "Required messages"
method = "interview"
languages = ["en", "zh"]
minutes = 10

[[section]]
id = "s1"
title = "S"
minutes = 5

"""


def _item(kind: str, extra: str) -> str:
    return f'[[section.item]]\nid = "q1"\nkind = "{kind}"\nprompt = "How many rooms?"\n{extra}\n'


def _loaded(body: str) -> Plan:
    result = parse_plan(HEAD + body, name="p.toml")
    assert result.findings == [], [f.format() for f in result.findings]
    assert result.plan is not None
    return result.plan


def _lines(body: str, lang: str = "en") -> list[str]:
    return [f.format(lang) for f in parse_plan(HEAD + body, name="p.toml").findings]


def test_it_is_read_in_each_language() -> None:
    plan = _loaded(_item("number", 'required = true\nrequired_message = '
                         '{ en = "Count every room.", zh = "请数清每个房间。" }'))
    assert plan.items[0].required_message == "Count every room."
    assert plan.localized("zh").items[0].required_message == "请数清每个房间。"


def test_it_goes_with_a_required_expression_and_a_plain_string() -> None:
    plan = _loaded(_item("open", 'required = "1 = 1"\nrequired_message = "Ask again."'))
    assert plan.items[0].required_message == "Ask again."
    assert plan.localized("zh").items[0].required_message == "Ask again."


def test_an_item_without_it_has_none() -> None:
    assert _loaded(_item("open", "required = true")).items[0].required_message == ""


def test_a_kind_that_cannot_be_required_refuses_it_in_one_line() -> None:
    body = _item("note", 'required_message = "Say it."')
    assert _lines(body) == [
        "p.toml:18: error: bad-value: required_message is only for answered items, not note — "
        "remove required_message from this item"]
    assert _lines(body, "zh") == [
        "p.toml:18: error: bad-value: 只有需要回答的题可以有 required_message，note 题不可以 — "
        "请从这个题目中删除 required_message"]
    calc = '[[section.item]]\nid = "c"\nkind = "calculate"\ncalculation = "1"\n' \
           'required_message = "Say it."\n'
    assert _lines(calc) == [
        "p.toml:18: error: bad-value: required_message is only for answered items, not calculate"
        " — remove required_message from this item"]


def test_an_item_that_is_not_required_refuses_it() -> None:
    body = _item("open", 'required_message = "Say it."')
    assert _lines(body) == [
        "p.toml:18: error: bad-value: 'q1' has a required_message but is not required — add "
        "required = true (or an expression), or drop the message"]
    assert _lines(body, "zh") == [
        "p.toml:18: error: bad-value: 'q1' 有 required_message 却不是必答题 — 加上 required = "
        "true（或一个表达式），或删去这条提示"]

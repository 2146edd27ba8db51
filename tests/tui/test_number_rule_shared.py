"""One rule for a number typed as an answer (core/plan/number_answers.NumberRule): the poll's
field, the interview's entry and the correction screen take and refuse the same texts, each
in its own words (the poll: "Type a whole number, e.g. 3", "At least 1, please"; pinned by
test_poll_number_hint.py). The interview's entry refused "3.0" people that the correction
took as 3."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item
from fieldtui.core.plan.number_answers import NumberRule, Refusal, number_rule, typed_number
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from fieldtui.tui.screens.poll.answers import poll_number
from fieldtui.tui.widgets.answer_entry import NumberEntry
from tests.support.paths import FIXTURES

ROSTER = load_plan(FIXTURES / "household_roster.toml")
TEXTS = ["3", " 4 ", "3.0", "2.5", "2,5", "1e1", "0", "-1", "20", "21", "120", "121", "nan",
         "inf", "-inf", "1e999", "9" * 400, "two", "", "."]
ITEMS = ["hh_size", "floor", "age"]  # a whole count 1-20, any number, a number 0-120


def correction(item: Item, text: str) -> Any:
    try:
        return typed_number(item, ROSTER, text)
    except FieldtuiError:
        return None


def interview(item: Item, text: str) -> Any:
    """What the interview's entry holding `text` saves (None: it refuses it)."""
    entry = NumberEntry(item, text, whole=takes_whole_numbers(item, ROSTER))
    valid, value = entry.current_value()
    return value if valid else None


@pytest.mark.parametrize("item_id", ITEMS)
async def test_every_screen_takes_a_number_by_one_rule(item_id: str) -> None:
    item = ROSTER.item(item_id)
    rule = number_rule(item, ROSTER)
    async with App[None]().run_test():  # an entry (a widget) is made in a running app
        for text in TEXTS:
            read = rule.read(text)
            assert (read.value is None) == (read.refusal is not None), text
            value, words = poll_number(item, ROSTER, text)
            assert value == read.value and (words == "") == (read.value is not None), text
            assert correction(item, text) == read.value, text
            if text.strip():  # an empty entry is no answer, not a refusal
                assert interview(item, text) == read.value, text


def test_the_rule() -> None:
    count = NumberRule(1, 20, whole=True)
    assert count.read("3.0").value == 3 and isinstance(count.read("3.0").value, int)
    assert count.read("2,5").refusal is Refusal.NOT_A_NUMBER  # not whole
    assert count.read("0").refusal is Refusal.BELOW
    assert count.read("21").refusal is Refusal.ABOVE
    free = NumberRule(None, None)
    assert free.read("2,5").value == 2.5
    for text in ("nan", "inf", "1e999", "9" * 400, "two", ""):
        assert free.read(text).refusal is Refusal.NOT_A_NUMBER, text
    scale = number_rule(load_plan(FIXTURES / "minimal_interview.toml").item("rating"),
                        load_plan(FIXTURES / "minimal_interview.toml"))
    assert scale == NumberRule(1, 5, whole=True)  # a scale's ends, whole points


def test_the_poll_keeps_its_words() -> None:
    assert poll_number(ROSTER.item("hh_size"), ROSTER, "2.5") == (
        None, "Type a whole number, e.g. 3")
    assert poll_number(ROSTER.item("floor"), ROSTER, "two") == (
        None, "Type a number, e.g. 3 or 2.5")
    assert poll_number(ROSTER.item("hh_size"), ROSTER, "0") == (None, "At least 1, please")
    assert poll_number(ROSTER.item("age"), ROSTER, "121") == (None, "At most 120, please")
    assert poll_number(ROSTER.item("hh_size"), ROSTER, "3") == (3, "")

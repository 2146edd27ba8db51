"""A bracket the code puts after an interface word reads as Chinese in a Chinese interface:
"数字（年）", "磁盘已满（/data）" — the code wrote " (…)" around it, which read as a slip
beside Chinese words ("数字 (年)"); it is now the catalog's " ({text})", "（{text}）" in zh.
The caption and its label ("{member}: {label}") are in tests/tui/test_questionnaire_walk.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.disk_full import disk_full
from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Item
from fieldtui.tui.screens.wrapup import missing_text
from fieldtui.tui.widgets.answer_entry import number_title
from tests.support.paths import PLANS


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def test_in_english_the_bracket_follows_a_space() -> None:
    item = Item(id="age", kind="number", prompt="Age", unit="years")
    assert number_title(item).plain == "Number (years)"
    assert str(disk_full("/data")).startswith("the disk is full (/data)")


def test_in_chinese_the_bracket_is_full_width(chinese: None) -> None:
    item = Item(id="age", kind="number", prompt="年龄", unit="年")
    assert number_title(item).plain == "数字（年）"
    assert str(disk_full("/data")).startswith("磁盘已满（/data）")


def test_the_wrap_up_brackets_a_members_caption_in_chinese(chinese: None) -> None:
    """The wrap-up's missing item names whose it is: "…? (第 1 位成员（共 1 位）)" mixed
    an ASCII pair around a Chinese caption; now "…?（第 1 位成员（共 1 位））"."""
    plan = load_plan(PLANS / "household-survey.toml")
    answers = {"household_size": {"item_id": "household_size", "member": "", "value": 1,
                                  "skipped": False, "skip_reason": ""}}
    text, _count = missing_text(plan, answers, {"answers": answers,
                                                "rosters": {"members": {"": ["m1"]}}})
    assert "How old is [name], in completed years?（第 1 位成员（共 1 位））" in text.plain, \
        text.plain

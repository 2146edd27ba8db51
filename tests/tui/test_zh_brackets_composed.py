"""A bracket the code puts after an interface word reads as Chinese in a Chinese interface:
"数字（年）", "磁盘已满（/data）" — the code wrote " (…)" around it, which read as a slip
beside Chinese words ("数字 (年)"); it is now the catalog's " ({text})", "（{text}）" in zh.
The caption and its label ("{member}: {label}") are in tests/tui/test_questionnaire_walk.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.disk_full import disk_full
from fieldtui.core.i18n import set_language
from fieldtui.core.plan.model import Item
from fieldtui.tui.widgets.answer_entry import number_title


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

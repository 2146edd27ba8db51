"""What a number item takes, with its unit: "a number from 0 to 100 years" in English; in
Chinese the unit is bracketed after the number words, not left after a space."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.number_answers import wanted_number


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("en")


def test_english_keeps_the_unit_after_a_space() -> None:
    assert wanted_number(0, 100, "years") == "a number from 0 to 100 years"
    assert wanted_number(1, None, "people", whole=True) == "a whole number of at least 1 people"
    assert wanted_number(None, None) == "a number"


def test_chinese_brackets_the_unit(chinese: None) -> None:
    assert wanted_number(0, 100, "年") == "0 到 100 之间的数字（年）"
    assert wanted_number(1, 30, "人", whole=True) == "1 到 30 之间的整数（人）"
    assert wanted_number(None, None, "次") == "一个数字（次）"
    assert wanted_number(None, None) == "一个数字"

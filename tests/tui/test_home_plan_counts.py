"""Home's plan list counts a plan's questions in words that agree: "1 item", "2 items"
(it said "1 items")."""

from __future__ import annotations

import pytest

from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import parse_plan
from fieldtui.tui.screens.plan_rows import plan_options

HEAD = """[plan]
id = "p"
version = 1
title = "Short"
method = "interview"
language = "en"
minutes = 1
[[section]]
id = "s"
title = "S"
minutes = 1
"""
ITEM = """[[section.item]]
id = "q{n}"
kind = "open"
prompt = "What did you do on day {n}?"
"""


def _labels(items: int) -> list[str]:
    plan = parse_plan(HEAD + "".join(ITEM.format(n=n) for n in range(items)), "p.toml").plan
    assert plan is not None
    options = plan_options([plan])
    return [str(o.prompt) for o in options if o is not None and o.id]


@pytest.mark.parametrize(("items", "en", "zh"), [(1, "Short  (1 min, 1 item)", "Short  （1 分钟，1 题）"),
                                                (2, "Short  (1 min, 2 items)", "Short  （1 分钟，2 题）")])
def test_the_plan_list_counts_in_words_that_agree(items: int, en: str, zh: str) -> None:
    try:
        set_language("en")
        assert _labels(items) == ["▶ " + en]
        set_language("zh")
        assert _labels(items) == ["▶ " + zh]
    finally:
        set_language("en")


def test_a_calculation_is_no_item_to_ask() -> None:
    """The household survey's four calculations were counted: home said 21 items where the
    interview asks 17 questions (a field walk)."""
    calc = """[[section.item]]
id = "c"
kind = "calculate"
calculation = "1 + 1"
"""
    plan = parse_plan(HEAD + ITEM.format(n=0) + calc + ITEM.format(n=1), "p.toml").plan
    assert plan is not None and len(plan.items) == 3
    options = plan_options([plan])
    assert [str(o.prompt) for o in options if o is not None and o.id] == [
        "▶ Short  (1 min, 2 items)"]

"""A plan whose every item is a display item (text shown) collects nothing: a poll of it
would start respondents who answer nothing, an export would have no variable. The check
refuses it in one line, English and Chinese; one item to answer beside them is enough."""

from __future__ import annotations

import pytest

from fieldtui.core.plan.check import check_text

HEAD = """[plan]
id = "shown"
version = 1
title = "Shown"
method = "{method}"
language = "en"
minutes = 2
{extra}
[[section]]
id = "s"
title = "S"
minutes = 2

[[section.item]]
id = "intro"
kind = "display"
prompt = "This is about the buses in your town."
"""
POLL = "\n[poll]\nanonymous = true\nmin_cell = 5\n"
ASKED = """
[[section.item]]
id = "uses_bus"
kind = "choice"
prompt = "In the past seven days, did you take a bus?"
options = ["Yes", "No"]
"""


@pytest.mark.parametrize(("method", "extra"), [("poll", POLL), ("interview", "")])
def test_a_plan_of_display_items_only_is_refused(method: str, extra: str) -> None:
    [finding] = check_text(HEAD.format(method=method, extra=extra), "p.toml")
    assert finding.format() == ("p.toml: error: empty-plan: the plan asks nothing: every item "
                                "is a display item (text shown) — add an item to answer")
    assert finding.message_zh and "display" in finding.message_zh


def test_one_item_to_answer_is_enough() -> None:
    assert check_text(HEAD.format(method="poll", extra=POLL) + ASKED, "p.toml") == []

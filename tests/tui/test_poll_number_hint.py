"""A poll's number field says what the item takes: a count that sizes a roster, or an item
whose constraint asks for a whole number, takes whole numbers only ("e.g. 3", and 2.5 is
refused in the same words); any other number item takes decimals too ("e.g. 3 or 2.5")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.plan.load import load_plan
from fieldtui.core.plan.model import Plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = """
[plan]
id = "poll-hint"
version = 1
title = "Household travel"
method = "poll"
language = "en"
minutes = 4

[poll]
anonymous = true
min_cell = 5

[[section]]
id = "home"
title = "Home"
minutes = 1

[[section.item]]
id = "size"
kind = "number"
prompt = "How many people live in your household?"

[[section.item]]
id = "km"
kind = "number"
prompt = "How far is the nearest bus stop, in kilometres?"
max = 50

[[section.item]]
id = "cars"
kind = "number"
prompt = "How many cars does the household own?"
constraint = "int(.) = . and . >= 0"

[[section]]
id = "people"
title = "People"
minutes = 2
repeat = true
repeat_count = "${size}"

[[section.item]]
id = "age"
kind = "number"
prompt = "What age is this member?"
min = 0
max = 120
"""


def _plan(tmp_path: Path) -> Plan:
    path = tmp_path / "poll-hint.toml"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path)


def test_counts_and_whole_constraints_take_whole_numbers(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    items = {item.id: item for item in plan.items}
    assert takes_whole_numbers(items["size"], plan)  # sizes the roster
    assert takes_whole_numbers(items["cars"], plan)  # int(.) = .
    assert not takes_whole_numbers(items["km"], plan)
    assert not takes_whole_numbers(items["age"], plan)


def _said(app: Any) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_the_hint_says_what_the_item_takes(tmp_path: Path, isolated_home: Path) -> None:
    plan = _plan(tmp_path)
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await wait_until(pilot, lambda: run.step is not None and run.step.item_id == "size",
                         what="the count")
        field = run.query_one("#number", Input)
        assert "whole number" in field.placeholder, field.placeholder
        await pilot.press(".", "enter")
        await wait_until(pilot, lambda: bool(app._notifications), what="the hint")
        assert "Type a whole number, e.g. 3" in _said(app) and "2.5" not in _said(app)
        app.clear_notifications()
        field.value = ""
        await pilot.press(*"2.5", "enter")  # a count of people is whole: refused, not kept
        await wait_until(pilot, lambda: bool(app._notifications), what="the refusal")
        assert "Type a whole number, e.g. 3" in _said(app)
        assert answer_key("size", "") not in run.saved
        app.clear_notifications()
        field.value = ""
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: run.step is not None and run.step.item_id == "km",
                         what="the distance")
        assert run.saved[answer_key("size", "")] == (2, False)
        field = run.query_one("#number", Input)
        await pilot.press(".", "enter")  # a distance takes decimals: the hint says so
        await wait_until(pilot, lambda: bool(app._notifications), what="the hint")
        assert "Type a number, e.g. 3 or 2.5" in _said(app)
        field.value = ""
        await pilot.press(*"2.5", "enter")
        await wait_until(pilot, lambda: answer_key("km", "") in run.saved, what="2.5 kept")
        assert run.saved[answer_key("km", "")] == (2.5, False)


async def test_a_number_too_long_to_be_finite_is_refused(tmp_path: Path,
                                                         isolated_home: Path) -> None:
    """400 nines (pasted) read as infinity: refused like any other non-number, never kept."""
    path = tmp_path / "poll-open-ended.toml"
    path.write_text(PLAN.replace("max = 50\n", ""), encoding="utf-8")
    plan = load_plan(path)
    app = HostApp(PollRunScreen(plan, DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await wait_until(pilot, lambda: run.step is not None and run.step.item_id == "size",
                         what="the count")
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: run.step is not None and run.step.item_id == "km",
                         what="the distance")
        field = run.query_one("#number", Input)
        field.value = "9" * 400
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app._notifications), what="the refusal")
        assert "Type a number, e.g. 3 or 2.5" in _said(app)
        assert answer_key("km", "") not in run.saved

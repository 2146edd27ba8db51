"""A correction takes a number answer by the same rule as the interview and the poll: an
item that sizes a roster (or asks for a whole number) refuses 2.5 with "a whole number",
and no item takes a value outside its range, 'nan' or 'inf'. The refused value is not
saved: the answer stays what it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.store.session_store import SessionStore
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.screens.correction import CorrectionScreen
from fieldtui.tui.screens.correction_rows import parse_value
from tests.support.app_support import wait_screen, wait_until
from tests.support.paths import FIXTURES, PLANS
from tests.support.screen_text import screen_lines
from tests.support.sync_world import make_world

ROSTER = load_plan(FIXTURES / "household_roster.toml")


def refusal(item_id: str, text: str) -> str:
    with pytest.raises(FieldtuiError) as caught:
        parse_value(ROSTER.item(item_id), text, ROSTER)
    return caught.value.line()


def test_a_roster_count_takes_whole_numbers_in_its_range() -> None:
    assert "'2.5' is not a whole number from 1 to 20" in refusal("hh_size", "2.5")
    assert "type a whole number from 1 to 20, e.g. 3" in refusal("hh_size", "2.5")
    assert "is not a whole number from 1 to 20" in refusal("hh_size", "21")
    assert "is not a whole number from 1 to 20" in refusal("hh_size", "nan")
    assert parse_value(ROSTER.item("hh_size"), " 3 ", ROSTER) == 3
    assert parse_value(ROSTER.item("hh_size"), "3.0", ROSTER) == 3


def test_other_number_items_keep_their_decimals_and_refuse_the_rest() -> None:
    assert parse_value(ROSTER.item("floor"), "2,5", ROSTER) == 2.5  # as the poll reads it
    assert "'inf' is not a number" in refusal("floor", "inf")
    assert "'two' is not a number" in refusal("floor", "two")
    assert "is not a number from 0 to 120" in refusal("age", "-1")


def test_the_refusal_is_in_chinese_too() -> None:
    set_language("zh")
    try:
        line = refusal("hh_size", "2.5")
    finally:
        set_language("en")
    assert "整数" in line and "whole" not in line, line


async def test_the_correction_screen_refuses_two_and_a_half_people(
        tmp_path: Path, isolated_home: Path) -> None:
    survey = PLANS / "household-survey.toml"  # more items than the screen has rows
    plan = load_plan(survey)
    world = make_world(tmp_path, isolated_home, plans=[survey])
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    store.save_answer("household_size", 2)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, "check the size", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        items = app.screen.query_one("#correction-items", OptionList)
        items.highlighted = items.get_option_index("item:household_size")
        await pilot.press("enter")
        await wait_screen(pilot, "LineDialog")
        app.screen.query_one(Input).value = "2.5"
        await pilot.press("enter")
        await wait_screen(pilot, "CorrectionScreen")
        problem = app.screen.query_one("#correction-problem", Static)
        await wait_until(pilot, lambda: "whole number" in str(problem.render()),
                         what="the refusal")
        assert str(problem.render()).startswith("'2.5' is not a whole number from 1 to 30")
        # on the screen at 80x24, under a list longer than the screen (it was cut off)
        assert any("'2.5' is not a whole number" in line for line in screen_lines(app))
    assert store.document()["answers"]["household_size"]["value"] == 2
    store.close()


def test_a_scale_takes_its_whole_points_only() -> None:
    """A 0-10 scale is typed, not picked: 7.5 was taken by the correction and the interview
    (its entry checked whole numbers for roster counts only), then counted invalid."""
    from fieldtui.core.plan.whole_numbers import takes_whole_numbers

    plan = load_plan(FIXTURES / "poll_mixed.toml")
    scale = plan.item("recommend")
    assert takes_whole_numbers(scale, plan)  # the interview's entry asks this
    assert parse_value(scale, "10", plan) == 10
    with pytest.raises(FieldtuiError, match=r"'7\.5' is not a whole number from 0 to 10"):
        parse_value(scale, "7.5", plan)


async def test_each_item_of_the_correction_reads_its_prompt_whole(
        tmp_path: Path, isolated_home: Path) -> None:
    """The prompt under each item was cut at 72 characters and then wrapped at 80 columns:
    'What do you think of' and, alone on the next line, 'desig'. It wraps by words, whole,
    every line of it under the first (tests/tui/test_correction_long_prompt.py)."""
    park = PLANS / "group-park.toml"
    plan = load_plan(park)
    world = make_world(tmp_path, isolated_home, plans=[park])
    store = SessionStore.create(world.home, plan=plan, device=world.device)
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(CorrectionScreen(store, plan, "add the key points", {}))
        await wait_screen(pilot, "CorrectionScreen")
        await wait_until(pilot, lambda: bool(app.screen.query("#correction-items")),
                         what="the items")
        await pilot.pause()
        boxed = [line[2:-2].rstrip(" ▁▂▃▄▅▆▇█") for line in screen_lines(app)
                 if line.startswith("║ ")]
        assert boxed and ": " in boxed[0]
        assert all(line.startswith("   ") or (": " in line and not line.startswith(" "))
                   for line in boxed), boxed
        shown = " ".join(" ".join(boxed).split())
        assert ("Design A adds a playground by the north gate. What do you think of design A?"
                in shown), boxed
        assert "…" not in shown
    store.close()

"""Home's row of an interview draft names the item it reopens on as the interview screen
does. A field walk quit the household survey on the third member's name, shown as "Q 17/23"
(every member's own questions, no calculation), and home said "at item 6/21: What is the
first…" (the plan's items, calculations counted); on a member's age it said "How old is
[name]…" where the screen asked "How old is Ben…". In Chinese "停在 第 7/21 题" had a space
between Chinese words."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList, Static

from fieldtui.core import i18n
from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.household_visits import at, to_count


async def left_on_bens_age(tmp_path: Path) -> tuple[str, str]:
    """(the screen's "Q n/m" on Ben's age, home's draft row after Escape)."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await to_count(pilot)
        await pilot.press("0", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "name", "m2"), what="the second name")
        await pilot.press(*"Ben", "ctrl+n")
        await wait_until(pilot, lambda: at(run, "age", "m2"), what="Ben's age")
        shown = str(run.query_one("#item-text", Static).render())
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count == 1
                         and re.search(r"\d+/\d+", str(drafts.get_option_at_index(0).prompt))
                         is not None, what="the draft row read")
        return shown, str(drafts.get_option_at_index(0).prompt)


async def test_the_draft_row_numbers_the_item_as_the_interview_does(tmp_path: Path) -> None:
    shown, row = await left_on_bens_age(tmp_path)
    number = re.search(r"Q (\d+/\d+)", shown)
    assert number is not None, shown
    assert f"at item {number.group(1)}: How old is Ben" in row, (shown, row)


async def test_the_chinese_draft_row_has_no_space_after_停在(tmp_path: Path) -> None:
    i18n.set_language("zh")
    try:
        shown, row = await left_on_bens_age(tmp_path)
    finally:
        i18n.set_language("en")
    number = re.search(r"第 (\d+/\d+) 题", shown)
    assert number is not None, shown
    assert f"停在第 {number.group(1)} 题：How old is Ben" in row, (shown, row)

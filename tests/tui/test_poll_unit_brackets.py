"""A poll's number item names its unit after the prompt in the interface's brackets. A
field walk in Chinese read "包括您自己在内，您家共有几口人？ (人)": an ASCII space and ASCII
brackets beside Chinese words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from fieldtui.core import i18n
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp

PLAN = load_plan(Path(__file__).parents[2] / "plans" / "poll-bins.toml")


async def prompt_of_the_count(home: Path, lang: str) -> str:
    plan = PLAN.localized(lang)
    app = HostApp(PollRunScreen(plan, DeviceStub(home)))
    async with app.run_test(size=(80, 24)) as pilot:
        run: Any = app.screen
        await pilot.press("y", "1")
        await wait_until(pilot, lambda: run.step is not None
                         and run.step.item_id == "household_size", what="the count")
        return str(run.query_one("#prompt", Static).render())


async def test_the_unit_in_chinese_brackets(isolated_home: Path) -> None:
    i18n.set_language("zh")
    try:
        text = await prompt_of_the_count(isolated_home, "zh")
    finally:
        i18n.set_language("en")
    assert text.endswith("？（人）"), text


async def test_the_unit_in_english_brackets(isolated_home: Path) -> None:
    text = await prompt_of_the_count(isolated_home, "en")
    assert text.endswith("household? (people)"), text

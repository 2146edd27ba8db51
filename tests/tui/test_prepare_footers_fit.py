"""The group meeting's prepare screen keeps its footer within 80 columns whichever part has
the focus, in English and Chinese: with the checklist focused (k) the field walk read
"… s Start esc B", Back and F1 Help pushed off the edge by the checklist's "space Tick"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.chinese_walk import chinese
from tests.support.footer_fit import fits

__all__ = ["chinese"]  # the fixture

ROSTER_KEYS = {"l", "a", "e", "d", "c", "g", "s", "escape", "f1"}


async def open_group_prepare(pilot: Pilot[Any]) -> Any:
    """Home, the group plan highlighted, Enter: its prepare screen."""
    await unlock(pilot)
    plans = pilot.app.screen.query_one("#plans", OptionList)
    device: Any = pilot.app.screen
    index = next(i for i, p in enumerate(device.device.plans()) if p.method == "group")
    plans.highlighted = plans.get_option_index(f"plan:{index}")
    await pilot.press("enter")
    await wait_screen(pilot, "GroupPrepareScreen")
    return pilot.app.screen


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_group_prepare_footer_fits_in_every_focus(
        tmp_path: Path, request: pytest.FixtureRequest, lang: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    app: Any = make_app(make_home(tmp_path))
    wrong: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_group_prepare(pilot)

        async def check(where: str, focus: str, expected: set[str]) -> None:
            await wait_until(pilot, lambda: getattr(screen.focused, "id", None) == focus,
                             what=f"{focus} focused")
            try:
                await fits(pilot, expected)
            except AssertionError as error:  # on to the next focus
                wrong.append(f"{where}: {error}")

        await check("the roster", "roster", ROSTER_KEYS)
        await pilot.press("tab")
        await check("the coverage box", "coverage", ROSTER_KEYS)
        await pilot.press("k")
        await check("the checklist", "checklist", ROSTER_KEYS)
        await pilot.press("space")  # Space still ticks, though the footer leaves it out
        assert screen.query_one("#checklist").ticked == {0}
        await pilot.press("l")
        await check("the roster line", "quick", {"escape", "f1"})
        await pilot.press("escape")
        await check("the roster again", "roster", ROSTER_KEYS)
    assert wrong == []

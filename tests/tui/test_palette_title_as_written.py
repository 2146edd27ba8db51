"""The command palette names a plan by its title as written: Textual read the entries as
markup, so 'Start: Bins [/] …' (a title from the kit) ended the app as the palette opened,
and again as its name was typed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from tests.support.app_support import make_app, make_home, unlock, wait_screen
from tests.support.screen_text import screen_lines

TITLE = "Bins [/] and [red]parks"


async def test_a_plan_title_with_markup_is_offered_as_written(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 60)) as pilot:
        await unlock(pilot)
        home: Any = app.screen
        home.plans[0] = dataclasses.replace(home.plans[0], title=TITLE)
        await pilot.press("ctrl+p")
        await wait_screen(pilot, "CommandPalette")
        await pilot.pause(0.5)
        assert f"Start: {TITLE}" in "\n".join(screen_lines(app))
        await pilot.press(*"Start: Bins")
        await pilot.pause(0.5)
        assert f"Start: {TITLE}" in "\n".join(screen_lines(app))

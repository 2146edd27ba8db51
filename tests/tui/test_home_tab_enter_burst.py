"""Tab then Enter typed in one burst on home: Enter opened the entry of the list Tab was
leaving (the Enter reached that list before Tab, a binding run once bubbled up to the app,
had moved the focus): with the plans focused, Tab Enter meant to open the session sent
back for correction started a new interview instead. Shift+Tab (the screen's default
binding, not home's) did so still."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import burst, wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_library import LIBRARY, returned_library
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home, plans=[LIBRARY])


@pytest.mark.parametrize("key", ["tab", "shift+tab"])
async def test_tab_then_enter_in_one_burst_opens_the_other_lists_entry(world: World,
                                                                       key: str) -> None:
    returned_library(world, Chain(world))
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        home: Any = app.screen
        drafts = home.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0 and str(
            drafts.get_option_at_index(0).id).startswith("returned:"), what="the returned row")
        home.query_one("#plans", OptionList).focus()
        await wait_until(pilot, lambda: app.focused is home.query_one("#plans"),
                         what="the plans focused")
        burst(app, key, "enter")
        await wait_screen(pilot, "CorrectionScreen")

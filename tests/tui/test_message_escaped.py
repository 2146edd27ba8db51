"""The message screen shows what happened escaped: a return naming a plan this device does
not hold, its id holding OSC 52, got 'the returned session's plan … is not on this device'
with the id as it came (Static(markup=False) keeps ESC), and the terminal ran it. Each
line of the title, what happened and what to do is escaped now (newlines kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain
from tests.support.returned_session import return_body
from tests.support.sync_world import World, make_world

OSC = "\x1b]52;c;cHduZWQ=\x07"


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


async def test_a_return_of_an_unknown_plan_says_so_escaped(world: World) -> None:
    body = return_body(world, "by bus")
    document = body["document"]
    document["plan"] = {**document["plan"], "id": f"p{OSC}"}
    apply_raws(world.device, [Chain(world).next("return", body, to=world.device.device_id)])
    app = FieldtuiApp(device=world.device)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        drafts = app.screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count > 0, what="the returned row")
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await wait_screen(pilot, "MessageScreen")
        shown = str(app.screen.query_one("#message-what", Static).render())
        assert "is not on this device" in shown
        assert "\x1b" not in shown and "p\\x1b]52;c;cHduZWQ=\\x07" in shown

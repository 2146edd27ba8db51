"""Home shows each assignment's progress under the counts, escaped, and none without."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.core.clock import ManualClock
from fieldtui.core.respondent import new_code
from fieldtui.sync.update_fetch import apply_raws
from fieldtui.tui.app import FieldtuiApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chain_kit import Chain, assignment
from tests.support.sync_world import World, complete_session, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


async def test_home_shows_the_progress_of_each_assignment(world: World) -> None:
    device_id = world.device.device_id
    chain = Chain(world)
    body = assignment(device_id, 1, count=3)
    body["quotas"] = [{"attribute": "travel", "value": "[red]x[/red]", "count": 1}]
    apply_raws(world.device, [chain.next("assignment", body, to=device_id)])
    complete_session(world, "by bus")
    app = FieldtuiApp(device=world.device, clock=ManualClock(0.0), new_code=new_code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "HomeScreen")
        counts = app.screen.query_one("#home-counts", Static)
        await wait_until(pilot, lambda: "Assigned" in str(counts.render()),
                         what="the assignment line on home")
        shown = str(counts.render())
        assert "Assigned · mini-interview: 1 of 3 · [red]x[/red]: 0 of 1" in shown
        assert "✓ 1 complete" in shown.splitlines()[0]

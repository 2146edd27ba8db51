"""The run screen sets what it holds aside from the cyclic collector while it is open, and
hands it back when it goes (nothing it held stays out of the collector's reach)."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.support.app_support import make_app, make_home, start_interview, wait_screen


async def test_the_run_screen_holds_its_objects_while_open_and_releases_them(
        tmp_path: Path) -> None:
    gc.unfreeze()
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        assert gc.get_freeze_count() > 0  # open: set aside
        assert gc.is_tracked(run.plan.sections)  # still an object the collector knows
        await pilot.press("escape")  # home, the draft kept
        await wait_screen(pilot, "HomeScreen")
        await pilot.pause()
        assert gc.get_freeze_count() == 0  # gone: collected as usual again

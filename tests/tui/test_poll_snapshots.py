"""Snapshots of the poll screens at 80x24."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from fieldtui.core.plan.load import load_plan
from fieldtui.tui.screens.poll.prepare import PollPrepareScreen
from fieldtui.tui.screens.poll.run import PollRunScreen
from tests.conftest import FIXTURES
from tests.support.group_poll_support import DeviceStub, HostApp, poll_plan

SIZE = (80, 24)


class TestPollPrepare:
    """The anonymity banner and the plan check."""

    def test_ready(self, snap_compare: Any, isolated_home: Path) -> None:
        app = HostApp(PollPrepareScreen(poll_plan(), DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE)

    def test_blocked_by_errors(self, snap_compare: Any, isolated_home: Path,
                               tmp_path: Path) -> None:
        path = tmp_path / "poll.toml"
        shutil.copy(FIXTURES / "poll_bins.toml", path)
        plan = load_plan(path)
        shutil.copy(FIXTURES / "poll_broken.toml", path)
        app = HostApp(PollPrepareScreen(plan, DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE)


class TestPollRun:
    """One item a screen; the thank-you between respondents."""

    def test_first_item(self, snap_compare: Any, isolated_home: Path) -> None:
        app = HostApp(PollRunScreen(poll_plan(), DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE)

    def test_scale_item(self, snap_compare: Any, isolated_home: Path) -> None:
        async def answer(pilot: Pilot[None]) -> None:
            await pilot.press("2")

        app = HostApp(PollRunScreen(poll_plan(), DeviceStub(isolated_home)))
        assert snap_compare(app, terminal_size=SIZE, run_before=answer)

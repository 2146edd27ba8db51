"""`s` on group prepare while the meeting cannot start: the line under the notice says the
start was refused (it showed the very line it showed before, so `s` seemed to do nothing)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status").render())


async def test_start_refused_for_a_refusal_or_a_missing_consent_is_said(
        isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l", *"Ann, 18-34, north, informed", "enter", *"Bea, 35-64, south",
                          "enter", "escape")
        before = status(pilot)
        assert before.startswith("Consent not yet given by P1 Ann")
        await pilot.press("s")
        await pilot.pause()
        assert status(pilot) != before
        assert status(pilot) == f"Not started: {before}"
        assert isinstance(app.screen, GroupPrepareScreen)
        await pilot.press("g", "down", "space", "y")  # Bea refuses
        before = status(pilot)
        assert "P2 Bea declined" in before
        await pilot.press("s")
        await pilot.pause()
        assert status(pilot) == f"Not started: {before}"
        assert isinstance(app.screen, GroupPrepareScreen)

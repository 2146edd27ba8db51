"""Group prepare details found walking the demo at 80x24: removing says who, the line hint."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan


def status(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#status").render())


async def test_removing_a_participant_says_who_was_removed(isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l")
        assert "one participant per line" in status(pilot)
        await pilot.press(*"Ann, 18-34, north", "enter", *"Bea, 35-64, south", "enter",
                          "escape")
        await pilot.press("d")
        assert [e.label for e in screen.roster.entries] == ["Ann"]
        assert "Removed P2 Bea" in status(pilot)


async def test_removing_someone_whose_consent_is_recorded_asks_first(
        isolated_home: Path) -> None:
    app = HostApp(GroupPrepareScreen(group_plan(), DeviceStub(isolated_home)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("l", *"Ann, 18-34, north", "enter", *"Bea, 35-64, south", "enter",
                          "escape")
        await pilot.press("c", "y")  # Bea, under the cursor, consents
        assert screen.roster.entries[1].consent is True
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        assert "P2 Bea" in str(app.screen.query_one("#question").render())
        await pilot.press("n")  # no: Bea stays, with her consent
        assert app.screen is screen
        assert [e.label for e in screen.roster.entries] == ["Ann", "Bea"]
        assert "Kept P2 Bea" in status(pilot)
        await pilot.press("d", "y")
        assert app.screen is screen
        assert [e.label for e in screen.roster.entries] == ["Ann"]
        assert "Removed P2 Bea" in status(pilot)

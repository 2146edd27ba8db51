"""Declining consent is one key away from ending a session: it asks to confirm first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldtui.store.sessions import list_sessions
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.consent import ConsentDialog
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from tests.support.app_support import flush, make_app, make_home, unlock, wait_screen
from tests.support.group_poll_support import (
    DeviceStub,
    HostApp,
    add_participant,
    group_plan,
    stored_documents,
)


async def test_interview_decline_asks_before_it_records_a_refusal(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewPrepareScreen")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # a slip of the finger: nothing recorded, still preparing
        await wait_screen(pilot, "InterviewPrepareScreen")
        await flush(app)
        assert list_sessions(home) == []
        await pilot.press("d", "y")
        await wait_screen(pilot, "HomeScreen")
        await flush(app)
    assert [m.status for m in list_sessions(home)] == ["refused"]


async def test_group_decline_asks_before_it_is_recorded(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(GroupPrepareScreen(group_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_participant(pilot, "Ann", "18-34", "north", informed=True)
        await pilot.press("c", "y")  # Ann consents: the session exists
        await add_participant(pilot, "Bea", "35-64", "south")
        screen: Any = app.screen
        screen.roster.move_cursor(row=1)
        await pilot.press("c", "n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not confirmed: back to the consent text, nothing recorded
        assert isinstance(app.screen, ConsentDialog)
        await pilot.press("n", "y")
        assert isinstance(app.screen, GroupPrepareScreen)
        assert "P2 Bea declined" in str(app.screen.query_one("#status").render())
        await app.settle()
    [doc] = stored_documents(device)
    assert [(c["participant"], c["given"]) for c in doc["consent"]] == [
        ("P1", True), ("P2", False)]


async def test_coverage_does_not_count_a_participant_who_declined(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(GroupPrepareScreen(group_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_participant(pilot, "Ann", "18-34", "north", informed=True)
        await pilot.press("c", "y")
        await add_participant(pilot, "Bea", "35-64", "south", informed=True)
        coverage = str(app.screen.query_one("#coverage-text").render())
        assert "Size 2" in coverage and "Informed 2" in coverage
        screen: Any = app.screen
        screen.roster.move_cursor(row=1)
        await pilot.press("c", "n", "y")  # Bea declines, confirmed
        assert isinstance(app.screen, GroupPrepareScreen)
        coverage = str(app.screen.query_one("#coverage-text").render())
        assert "Size 1" in coverage and "Informed 1" in coverage
        assert "no one from age 35-64" in coverage
        await app.settle()

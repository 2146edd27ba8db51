"""A meeting has a group code: saved with the first consent (as the session's respondent),
and `m` takes the code of a group that met before and shows the replies to its concerns
(device text as it is, never markup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from fieldtui.core.respondent import new_code
from fieldtui.sync.replies import Reply
from fieldtui.tui.screens.group.met_before import GroupRepliesDialog
from fieldtui.tui.screens.group.prepare import GroupPrepareScreen
from fieldtui.tui.screens.returning import EarlierCodeDialog
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, group_plan, stored_documents
from tests.support.screen_text import cut_widgets


async def test_the_group_code_is_saved_with_the_first_consent(isolated_home: Path) -> None:
    device = DeviceStub(isolated_home)
    app = HostApp(GroupPrepareScreen(group_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        shown = str(screen.query_one("#group-code", Static).render())
        assert shown == "Group R-TEST-01 · m: met before" and screen.code == "R-TEST-01"
        await pilot.press("l", *"Ana, 35-64, south, informed", "enter", "escape")
        await pilot.press("c", "y")
        await app.settle()
    [doc] = stored_documents(device)
    assert doc["respondent"] == "R-TEST-01" and doc["method"] == "group"


async def test_a_group_that_met_before_hears_the_replies_to_its_concerns(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    code = new_code()
    asked: list[str] = []

    def replies_for(home: Path, identity: Any, study_id: str, wanted: str) -> list[Reply]:
        asked.append(wanted)
        return [Reply("[b]benches[/b] broken\x1b[2J", "in-progress", "Ordered [i]new[/i] ones.",
                      "")]

    monkeypatch.setattr("fieldtui.sync.replies.replies_for", replies_for)
    device = DeviceStub(isolated_home)
    app = HostApp(GroupPrepareScreen(group_plan(), device))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupPrepareScreen)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, EarlierCodeDialog))
        assert "The group's earlier code" in str(app.screen.query(Static).first().render())
        app.screen.query_one(Input).value = code.lower()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GroupRepliesDialog))
        assert asked == [code] and screen.code == code
        text = str(app.screen.query_one("#group-replies", Static).render())
        assert f"Replies to group {code}'s earlier concerns" in text
        assert "“[b]benches[/b] broken\\x1b[2J” — being worked on: Ordered [i]new[/i] ones." in text
        assert not cut_widgets(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert "(seen before)" in str(screen.query_one("#group-code", Static).render())
        await pilot.press("l", *"Ana, 35-64, south, informed", "enter", "escape")
        await pilot.press("c", "y")
        await app.settle()
    [doc] = stored_documents(device)
    assert doc["respondent"] == code

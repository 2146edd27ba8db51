"""F1 on a meeting says what n and b move to: it listed "n Next" and "b Prev" beside
"] Next question" and "[ Previous question", so which key moves to the next agenda item
was left to guess (the footer's short words stay: they fit 80 columns)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fieldtui.tui.screens.group.run import GroupRunScreen
from fieldtui.tui.screens.help import HelpScreen
from tests.support.app_support import wait_until
from tests.support.group_poll_support import DeviceStub, HostApp, MemoryStore, group_plan, people


async def test_the_meeting_help_says_n_and_b_move_between_agenda_items(
        isolated_home: Path) -> None:
    screen = GroupRunScreen(group_plan(), DeviceStub(isolated_home), MemoryStore(people(3)))
    app = HostApp(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(HelpScreen(screen))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await pilot.pause()
        keys = [" ".join(line.split()) for line in
                str(app.screen.query_one("#help-keys Static", Static).render()).splitlines()]
        assert "n Next agenda item" in keys, keys
        assert "b Previous agenda item" in keys, keys
        assert "] Next question" in keys, keys

"""The follow-up register on screen: status, owner and reply saved at once; device text
shown as it is; overdue promises marked."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.followups import register
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen, TextPrompt
from tests.support.app_support import wait_until
from tests.support.review_world import followup_dataset as _dataset
from tests.support.screen_text import screen_lines


async def test_status_owner_and_reply_are_saved_and_device_text_is_not_markup(
        tmp_path: Path) -> None:
    path = _dataset(tmp_path)
    app = FollowupApp(path, "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        screen = app.screen
        summary = str(screen.query_one("#followup-summary", Static).render())
        assert "2 concern(s) · 1 overdue promise(s)" in summary
        table = screen.query_one("#followup-table", DataTable)
        await pilot.press("down")  # services: the pump
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "[bold]pump[/bold]" in shown and "s Status" in shown and "r Reply" in shown
        assert "[bold]pump[/bold] broken" in str(
            screen.query_one("#followup-detail", Static).render())
        assert str(table.get_row_at(1)[5]) == "LATE 2000-01-01"
        await pilot.press("s", "s")  # open → in-progress → settled
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Repaired", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("o", *"Works", "enter")
        await wait_until(pilot, lambda: "owner: Works" in str(
            screen.query_one("#followup-detail", Static).render()))
        assert "0 overdue" in str(screen.query_one("#followup-summary", Static).render())
    conn = open_dataset(path)
    try:
        entry = next(e for e in register(conn) if e.category == "services")
    finally:
        conn.close()
    assert (entry.status, entry.owner, entry.reply) == ("settled", "Works", "Repaired")

"""The tone strip shows the plan's reminders as written: a reminder with '[/]' (a kit's, a
workbook's) ended the app as an interview, a meeting or a poll opened."""

from __future__ import annotations

from textual.app import App, ComposeResult

from fieldtui.tui.widgets.tone_strip import ToneStrip
from tests.support.screen_text import screen_lines


class Strip(App[None]):
    def compose(self) -> ComposeResult:
        yield ToneStrip(("Be warm [/] and kind", "Listen [red]more"))


async def test_a_reminder_with_markup_is_shown_as_written() -> None:
    app = Strip()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        assert "♥ Tone 1/2: Be warm [/] and kind" in "\n".join(screen_lines(app))
        app.query_one(ToneStrip).rotate()
        await pilot.pause()
        assert "♥ Tone 2/2: Listen [red]more" in "\n".join(screen_lines(app))

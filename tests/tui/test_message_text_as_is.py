"""A message names what came from a file (a draft's plan id, a path) as it is: Textual's
markup in it ('[/]', '[b]') raised a MarkupError or lost its words."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from fieldtui.tui.screens.message import MessageScreen


async def test_a_message_shows_brackets_as_they_are() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MessageScreen("Plan [b]x[/b]", "plan 'a[/]b' is gone", "see [dim]x[/dim]"))
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "[b]x[/b]" in shown and "a[/]b" in shown and "[dim]x[/dim]" in shown

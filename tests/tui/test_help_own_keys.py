"""F1 lists the app's own keys: it listed Textual's Shift+Tab "Focus Previous" and Ctrl+C
"Copy selected text" (every Textual screen has them) beside Home's keys (a field walk)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from fieldtui.tui.screens.help import TEXTUAL_GENERIC, HelpScreen
from tests.support.app_support import make_app, make_home, unlock, wait_until


async def test_home_help_lists_the_apps_keys_not_textuals(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await pilot.pause()
        text = str(app.screen.query_one("#help-keys Static", Static).render())
        keys = [" ".join(line.split()) for line in text.splitlines()]
        for textual_own in ("Focus Previous", "Focus Next", "Copy selected text"):
            assert not any(textual_own in line for line in keys), keys
        assert "tab Switch between the two lists" in keys, keys  # Home's own Tab stays
        assert "r Reload the drafts and the counts" in keys, keys
        assert "^q Quit" in keys, keys
        assert "^p Open the command palette" in keys, keys  # the app's main actions


def test_every_key_textual_gives_a_screen_or_app_is_known() -> None:
    """A Textual upgrade that gives every screen another key shows up here, not in help."""
    inherited: set[str] = set()
    for cls in (App, Screen):
        for bindings in cls._merge_bindings().key_to_bindings.values():
            inherited.update(b.action for b in bindings)
    assert inherited - {"quit"} <= TEXTUAL_GENERIC, inherited

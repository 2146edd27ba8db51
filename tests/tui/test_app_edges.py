"""Bad input and coming back: wrong passphrase, resume after quitting, a locked draft,
a terminal too small, help and the palette."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from fieldtui.store.home import lock_path
from fieldtui.store.lock import StoreLock
from fieldtui.store.sessions import list_sessions
from tests.support.app_support import (
    flush,
    make_app,
    make_home,
    unlock,
    wait_screen,
    wait_until,
)


async def test_wrong_passphrase_is_said_on_screen_and_the_right_one_works(
        tmp_path: Path) -> None:
    """A wrong passphrase leaves the unlock screen up with a message; then try again."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "UnlockScreen")
        await pilot.press(*"not it", "enter")
        message = app.screen.query_one("#unlock-message", Static)
        await wait_until(pilot, lambda: "✗" in str(message.render()), what="the message")
        assert "passphrase" in str(message.render()).lower()
        field = app.screen.query_one("#passphrase", Input)
        assert field.value == "" and not field.disabled
        await unlock(pilot)


async def _start_and_answer(pilot: Any) -> None:
    await unlock(pilot)
    await pilot.press("enter")
    await wait_screen(pilot, "InterviewPrepareScreen")
    await pilot.press("g")
    await wait_screen(pilot, "InterviewRunScreen")
    await pilot.press(*"Porch", "ctrl+n", "7")


async def test_quit_and_resume_at_the_same_item_with_what_was_typed(tmp_path: Path) -> None:
    """A number typed but never confirmed is saved (debounced) and comes back on resume."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_and_answer(pilot)
        run: Any = app.screen
        await wait_until(pilot, lambda: not run.pending and run.debounce is None,
                         what="the debounced save")
        await flush(app)
        await pilot.press("ctrl+q")
    assert [m.status for m in list_sessions(home)] == ["draft"]

    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        home_screen: Any = app.screen
        await wait_until(pilot, lambda: bool(home_screen.drafts), what="the draft listed")
        # drafts on the device: home opens on the drafts list
        assert app.screen.focused is not None and app.screen.focused.id == "drafts"
        await pilot.press("enter")
        await wait_screen(pilot, "InterviewRunScreen")
        run = app.screen
        assert run.item.id == "years_area"
        entry = run.query_one(".answer-entry", Input)
        assert entry.value == "7"
        assert run.answers["setting"]["value"] == "Porch"
        await pilot.press("ctrl+q")


async def test_a_draft_locked_by_another_process_is_a_clear_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holding the session's lock: a message on screen, no crash."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await _start_and_answer(pilot)
        await flush(app)
        await pilot.press("ctrl+q")
    [meta] = list_sessions(home)
    monkeypatch.setattr(StoreLock.__init__, "__kwdefaults__", {"timeout": 0.2})
    other = os.open(lock_path(meta.store_path), os.O_RDWR)
    fcntl.flock(other, fcntl.LOCK_EX)  # as a second fieldtui process would
    try:
        app = make_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(pilot)
            home_screen: Any = app.screen
            await wait_until(pilot, lambda: bool(home_screen.drafts), what="the draft")
            await pilot.press("enter")  # home opens on the drafts
            await wait_screen(pilot, "MessageScreen")
            # The screen is current a moment before its children are mounted.
            await wait_until(pilot, lambda: bool(app.screen.query("#message-what")),
                             what="the message")
            text = str(app.screen.query_one("#message-what", Static).render())
            assert "busy in another fieldtui process" in text
            await pilot.press("enter")
            await wait_screen(pilot, "HomeScreen")
    finally:
        os.close(other)


async def test_a_small_terminal_asks_for_80x24_and_recovers(tmp_path: Path) -> None:
    """60x20: a plain request to enlarge; at 80x24 the app is back as it was."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_screen(pilot, "TooSmallScreen")
        text = str(app.screen.query_one("#too-small", Static).render())
        assert "at least 80x24" in text and "now 60x20" in text
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, "UnlockScreen")


async def test_keys_typed_while_too_small_are_said_to_be_unused(tmp_path: Path) -> None:
    """The notice hides the screen, so keys are not acted on blindly: it says so, and how
    many, and nothing reaches the screen below."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "UnlockScreen")
        await pilot.resize_terminal(60, 20)
        await wait_screen(pilot, "TooSmallScreen")
        text = str(app.screen.query_one("#too-small", Static).render())
        assert "not used" in text
        await pilot.press(*"abc")
        text = str(app.screen.query_one("#too-small", Static).render())
        assert "3 keys typed since it showed were not used" in text
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, "UnlockScreen")
        assert app.screen.query_one("#passphrase", Input).value == ""


async def test_help_lists_the_keys_and_the_palette_offers_the_actions(tmp_path: Path) -> None:
    """F1 shows the screen's keys; the command palette offers starting each plan."""
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f1")
        await wait_screen(pilot, "HelpScreen")
        keys = str(app.screen.query_one("#help-keys Static", Static).render())
        assert "Open" in keys and "Reload the drafts and the counts" in keys
        assert "Quit" in keys
        # The home screen's own keys come before the list's scrolling keys.
        assert keys.index("Reload the drafts") < keys.index("In the field with the cursor") < keys.index(
            "Page Left")
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        home_screen: Any = app.screen
        names = [name for name, _help, _call in home_screen.palette_commands()]
        assert "Start: Residents' use of the public library" in names
        await pilot.press("ctrl+p")
        await wait_screen(pilot, "CommandPalette")
        await pilot.press(*"Start: Resid", "enter")
        await wait_screen(pilot, "InterviewPrepareScreen")


def test_the_palette_offers_no_screenshot_of_the_answers() -> None:
    """A screenshot would write what is on screen, answers included, as plaintext."""
    from fieldtui.tui.app import FieldtuiApp
    from fieldtui.tui.screens.message import MessageScreen

    app = FieldtuiApp()
    titles = [c.title for c in app.get_system_commands(MessageScreen("t", "what", "todo"))]
    assert "Quit" in titles
    assert "Screenshot" not in titles

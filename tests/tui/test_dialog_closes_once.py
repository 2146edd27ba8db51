"""A dialog closed by a key is closed once. Textual's `dismiss` pops whatever screen is on
top, and the keys typed in a burst reach a dialog before it has closed: a second Enter on
a pick list or an input line dismissed it again and popped the screen under it (the
interview or meeting it was opened from: the interviewer sent Home). 3b6e3ef8 fixed the
skip dialog's digits alone; every dialog now closes once (OnceDialog)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from fieldtui.tui.screens.correction_choices import ChoiceDialog
from fieldtui.tui.screens.group.pick import ParticipantPicker
from fieldtui.tui.screens.interview.dialogs import SkipDialog
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog
from fieldtui.tui.screens.seal_sync import FolderDialog
from tests.support.app_support import burst, wait_until


class Below(Screen[None]):
    """The screen a dialog was opened from."""

    def compose(self) -> ComposeResult:
        yield Static("below")


class Host(App[None]):
    """Opens the dialog over `Below` and notes each answer it gives."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.answers: list[Any] = []
        self.below = Below()

    def on_mount(self) -> None:
        self.push_screen(self.below)
        self.dialog = self.make()
        self.push_screen(self.dialog, self.answers.append)


LINE = LineAsk(question="Why?", prompt="", placeholder="", missing="Say why",
               box_id="why-box", input_id="why", problem_id="why-problem",
               cancel_id="why.cancel")

DIALOGS: dict[str, tuple[Callable[[], Screen[Any]], tuple[str, ...]]] = {
    "skip reason list": (SkipDialog, ("enter", "enter")),
    "skip reason digit": (SkipDialog, ("1", "2")),
    "participant picker": (lambda: ParticipantPicker("Who", [("p1", "Ann"), ("p2", "Bo")]),
                           ("enter", "enter")),
    "correction choice": (lambda: ChoiceDialog("Pick", [("a", "A"), ("b", "B")], None),
                          ("enter", "enter")),
    "line dialog": (lambda: LineDialog(LINE), ("w", "enter", "enter")),
    "folder dialog": (lambda: FolderDialog("where"), ("w", "enter", "enter")),
}


@pytest.mark.parametrize("kind", list(DIALOGS))
async def test_a_second_closing_key_leaves_the_screen_below(kind: str) -> None:
    make, keys = DIALOGS[kind]
    app = Host(make)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted,
                         what="the dialog")
        burst(app, *keys)
        await wait_until(pilot, lambda: not app.dialog.is_attached and bool(app.answers),
                         what="the dialog closed")
        await pilot.pause()
        assert app.screen is app.below
        assert len(app.answers) == 1

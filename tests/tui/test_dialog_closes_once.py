"""A dialog closed by a key is closed once. Textual's `dismiss` pops whatever screen is on
top, and the keys typed in a burst reach a dialog before it has closed: a second Enter on
a pick list or an input line dismissed it again and popped the screen under it (the
interview or meeting it was opened from: the interviewer sent Home). 3b6e3ef8 fixed the
skip dialog's digits alone; every dialog now closes once (OnceDialog). The keys typed
behind the closing key (Enter, Escape) went up to the app while the dialog was still on
top and were lost; they now reach the screen below, in order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from fieldtui.tui.screens.correction_choices import ChoiceDialog
from fieldtui.tui.screens.group.consent import ConsentDialog
from fieldtui.tui.screens.group.pick import ParticipantPicker
from fieldtui.tui.screens.interview.dialogs import SkipDialog
from fieldtui.tui.screens.line_dialog import LineAsk, LineDialog
from fieldtui.tui.screens.message import MessageScreen
from fieldtui.tui.screens.seal_sync import FolderDialog
from tests.support.app_support import (
    burst,
    documents,
    flush,
    make_app,
    make_home,
    start_interview,
    wait_until,
)


class Below(Screen[None]):
    """The screen a dialog was opened from; notes the keys it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("below")

    def on_key(self, event: events.Key) -> None:
        self.keys.append(event.key)


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

# the keys that answer the dialog, then the keys typed right behind them (the next screen's)
DIALOGS: dict[str, tuple[Callable[[], Screen[Any]], tuple[str, ...], tuple[str, ...]]] = {
    "skip reason list": (SkipDialog, ("enter",), ("enter", "x")),
    "skip reason digit": (SkipDialog, ("1",), ("2", "x")),
    "skip cancelled": (SkipDialog, ("escape",), ("escape", "x")),
    "participant picker": (lambda: ParticipantPicker("Who", [("p1", "Ann"), ("p2", "Bo")]),
                           ("enter",), ("enter", "x")),
    "correction choice": (lambda: ChoiceDialog("Pick", [("a", "A"), ("b", "B")], None),
                          ("enter",), ("enter", "x")),
    "line dialog": (lambda: LineDialog(LINE), ("w", "enter"), ("enter",)),
    "folder dialog": (lambda: FolderDialog("where"), ("w", "enter"), ("enter",)),
    "message": (lambda: MessageScreen("Title", "what"), ("enter",), ("enter", "x")),
}


@pytest.mark.parametrize("kind", list(DIALOGS))
async def test_the_keys_behind_the_closing_key_go_to_the_screen_below(kind: str) -> None:
    make, keys, behind = DIALOGS[kind]
    app = Host(make)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted,
                         what="the dialog")
        burst(app, *keys, *behind)
        await wait_until(pilot, lambda: len(app.below.keys) >= len(behind),
                         what=f"the keys behind handed on ({app.below.keys}, {app.screen})")
        assert app.below.keys == list(behind)
        assert app.screen is app.below
        assert len(app.answers) == 1


async def test_a_digit_behind_the_enter_that_skips_answers_the_next_item(
        tmp_path: Path) -> None:
    """Ctrl+S, Enter (the highlighted reason), 2: the 2 answers the next item, a choice."""
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: run.step.item_id == "years_area", what="the number")
        burst(app, "ctrl+s", "enter", "2")
        await wait_until(pilot, lambda: run.walk.value("member", "") == "No",
                         what=f"the next item answered ({app.screen}, "
                              f"{run.walk.value('member', '')!r})")
        assert app.screen is run
        await flush(app)
    [doc] = documents(home)
    assert doc["answers"]["years_area"]["skip_reason"] == "Declined to answer"


# a dialog's own line, and the keys typed right behind the Enter that keeps it
LINES: dict[str, Callable[[], Screen[Any]]] = {
    "line dialog": lambda: LineDialog(LINE),
    "folder dialog": lambda: FolderDialog("where"),
}


@pytest.mark.parametrize("kind", list(LINES))
async def test_the_letters_behind_enter_are_not_saved_in_the_line(kind: str) -> None:
    """`a`, Enter, `x` in one burst: the line keeps "a" (it kept "ax": the x went into the
    line before Enter's binding ran), and the x is the screen below's."""
    app = Host(LINES[kind])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted,
                         what="the dialog")
        burst(app, "a", "enter", "x", "y")
        await wait_until(pilot, lambda: len(app.below.keys) >= 2, timeout=5,
                         what=f"the keys behind handed on ({app.below.keys}, {app.answers})")
        assert app.answers == ["a"]
        assert app.below.keys == ["x", "y"]
        assert app.screen is app.below


async def test_an_empty_line_refused_keeps_the_letters_typed_behind_enter() -> None:
    """Enter on an empty line is refused: the letters behind it are the line's, in order."""
    app = Host(lambda: LineDialog(LINE))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted,
                         what="the dialog")
        burst(app, "enter", "x", "y", "enter")
        await wait_until(pilot, lambda: bool(app.answers), timeout=5,
                         what=f"the line kept ({app.screen})")
        assert app.answers == ["xy"]
        assert app.below.keys == []


async def test_a_key_behind_the_one_that_opens_a_second_dialog_answers_it() -> None:
    """Consent: `n` asks "Record that Ann declined?", the `y` typed right behind it
    answers that question (it was lost: it reached the consent dialog, no longer on top)."""
    app = Host(lambda: ConsentDialog("Ann", "text"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.dialog and app.dialog.is_mounted,
                         what="the dialog")
        burst(app, "n", "y", "x")
        await wait_until(pilot, lambda: bool(app.below.keys), timeout=5,
                         what=f"the refusal recorded ({app.screen}, {app.answers})")
        assert app.answers == [False]
        assert app.below.keys == ["x"]
        assert app.screen is app.below

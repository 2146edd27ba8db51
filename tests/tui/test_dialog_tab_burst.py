"""Tab or Shift+Tab from a tick box or a dropdown, then keys typed right behind it (a fast
typist, an SSH link): the keys reach the field Tab moved to. They did not: Tab moved the
focus only once it had bubbled up to the app, while the keys after it already waited in
the tick box's or dropdown's queue, which dropped them (the concern dialog's text fields
were fixed with DialogInput; the fields beside them were not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Checkbox, Input, Select

from fieldtui.tui.screens.group.participant import ParticipantForm
from fieldtui.tui.screens.group.quote import QuoteDialog
from fieldtui.tui.widgets.roster_editor import RosterEntry
from tests.support.app_support import (
    burst,
    make_app,
    make_home,
    start_interview,
    wait_screen,
    wait_until,
)

COVERAGE = {"age": ("18-34", "35-64"), "area": ("east", "west")}


class FormApp(App[None]):
    """A bare app showing one dialog; it keeps what the dialog dismissed with."""

    def __init__(self, dialog: Any) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Any = "open"

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


def _form() -> ParticipantForm:
    return ParticipantForm(RosterEntry("P1", ""), dict(COVERAGE), "New participant")


async def test_the_label_typed_after_shift_tab_from_a_dropdown_lands_in_the_label() -> None:
    app = FormApp(_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm), what="form")
        form = app.screen
        label = form.query_one("#label", Input)
        form.query_one("#attr-0", Select).focus()
        await pilot.pause()
        burst(app, "shift+tab", *"Ana")
        await wait_until(pilot, lambda: label.value == "Ana",
                         what=f"the label ({label.value!r})", timeout=5)
        assert app.focused is label


async def test_the_label_typed_after_tab_from_the_tick_box_lands_in_the_label() -> None:
    """The tick box is the last field: Tab goes round to the label."""
    app = FormApp(_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm), what="form")
        form = app.screen
        form.query_one("#informed", Checkbox).focus()
        await pilot.pause()
        burst(app, "tab", *"Bo", "enter")
        await wait_until(pilot, lambda: app.result != "open", what="saved", timeout=5)
        assert app.result == RosterEntry("P1", "Bo")


async def test_a_whole_participant_typed_in_one_burst() -> None:
    """Label, Tab, tick, Shift+Tab back to the label, more of it: each key where it was
    meant; and a dropdown still opens and picks with Enter, Down, Enter (its open list
    takes its keys, not the dropdown under it)."""
    app = FormApp(_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantForm), what="form")
        burst(app, *"Cy", "tab", "tab", "tab", "space", "shift+tab", "shift+tab",
              "shift+tab", *"d", "tab", "tab")
        form = app.screen
        second = form.query_one("#attr-1", Select)
        label = form.query_one("#label", Input)
        # (the focus passes the second dropdown early in the burst too: wait for the end)
        await wait_until(pilot, lambda: label.value == "Cyd" and app.focused is second,
                         what=f"the second dropdown ({label.value!r})", timeout=5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is not None and second in
                         app.focused.ancestors, what="the open list", timeout=5)
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: second.value == "west", what="picked", timeout=5)
        burst(app, "ctrl+s")
        await wait_until(pilot, lambda: app.result != "open", what="saved", timeout=5)
        assert app.result == RosterEntry("P1", "Cyd", {"area": "west"}, informed=True)


async def test_the_words_typed_after_shift_tab_from_the_consent_box_land_in_the_words() -> None:
    app = FormApp(QuoteDialog([("P1", "Ana"), ("P2", "Bo")], "P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog), what="dialog")
        dialog = app.screen
        words = dialog.query_one("#words", Input)
        dialog.query_one("#may-quote", Checkbox).focus()
        await pilot.pause()
        burst(app, "shift+tab", *"dim")
        await wait_until(pilot, lambda: words.value == "dim",
                         what=f"the words ({words.value!r})", timeout=5)


async def test_the_date_typed_after_tab_from_the_promise_box_lands_in_the_date(
        tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ConcernDialog")
        dialog = app.screen
        due = dialog.query_one("#concern-due", Input)
        dialog.query_one("#concern-promise", Checkbox).focus()
        await pilot.pause()
        burst(app, "space", "tab", *"2030-01-02")
        await wait_until(pilot, lambda: due.value == "2030-01-02",
                         what=f"the date ({due.value!r})", timeout=5)
        assert dialog.query_one("#concern-promise", Checkbox).value


async def test_the_text_typed_after_shift_tab_from_the_category_lands_in_the_text(
        tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot)
        await pilot.press("ctrl+r")
        await wait_screen(pilot, "ConcernDialog")
        dialog = app.screen
        text = dialog.query_one("#concern-text", Input)
        dialog.query_one("#concern-category", Select).focus()
        await pilot.pause()
        burst(app, "shift+tab", *"Bus")
        await wait_until(pilot, lambda: text.value == "Bus",
                         what=f"the text ({text.value!r})", timeout=5)


async def test_space_typed_after_tab_from_the_words_ticks_the_consent_box() -> None:
    app = FormApp(QuoteDialog([("P1", "Ana"), ("P2", "Bo")], "P1"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QuoteDialog), what="dialog")
        dialog = app.screen
        burst(app, *"dim", "tab", "space")
        box = dialog.query_one("#may-quote", Checkbox)
        await wait_until(pilot, lambda: box.value, what="ticked", timeout=5)
        assert dialog.query_one("#words", Input).value == "dim"

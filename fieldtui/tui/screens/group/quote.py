"""Take down a quote and who said it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Footer, Input, Label, Select

from fieldtui.core.i18n import N_, _
from fieldtui.core.roster import short_numbers
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.dialog_input import DialogSelect, DialogSpaceTickBox
from fieldtui.tui.widgets.in_order_keys import (
    FocusMovesInOrder,
    HandsOnKeys,
    InOrderKeys,
    SubmitsInOrder,
    hand_to_focused,
    run_screen_binding,
)


class QuoteWords(HandsOnKeys, FocusMovesInOrder, InOrderKeys, SubmitsInOrder, Input):
    """The words: typed in order even when they come in one burst with the `q` that opened
    the dialog; Enter saves and Esc cancels before the next key is taken, so the keys typed
    right after them reach the meeting, not this closing field; Tab moves on in order too."""

    async def _on_key(self, event: events.Key) -> None:
        if await self.handed_on(event):
            return
        if event.key == "escape":  # the dialog's Esc, run here before the next key
            await run_screen_binding(self, event)


class QuoteDialog(OnceDialog[tuple[str, str, bool] | None]):
    """Who said it (the current speaker by default), the words, and whether they agreed to
    be quoted (unticked by default: a feedback summary prints only consented quotes);
    dismisses (id, text, may_quote)."""

    CSS_PATH = "group.tcss"
    # Focused as it is composed, before it takes a key: keys typed fast behind the `q`
    # reach the words (an on_mount focus came later, and they went to the speaker choice).
    AUTO_FOCUS = "#words"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter in the words saves (Input.Submitted); on the consent box it saves too.
        Binding("enter", "save", N_("Save"), id="quote.save"),
        Binding("escape", "cancel", N_("Cancel"), id="quote.cancel"),
    ]

    def __init__(self, people: list[tuple[str, str]], speaker: str | None) -> None:
        super().__init__()
        self.people = people
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        """The speaker choice above the text."""
        with Vertical():
            yield Label(_("Quote — type the words, Enter saves (Tab: whether they agree to "
                          "be quoted, then who said it)"), id="quote-heading")
            numbers = short_numbers(pid for pid, _label in self.people)
            yield DialogSelect([(Text(f"{numbers[pid]} {label}"), pid)
                                for pid, label in self.people],
                         value=self.speaker if self.speaker else Select.NULL,
                         prompt=_("Who said it?"), id="who")
            yield QuoteWords(placeholder=_("the words as said"), id="words")
            yield DialogSpaceTickBox(_("they agree to be quoted (without their name)"), id="may-quote")
            yield Label("", id="problem")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        """A key that reached the dialog before its words had the focus (typed right after
        the `q`) goes into the words, in order."""
        hand_to_focused(self, event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the words: save."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save when both who and what are given."""
        who = self.query_one("#who", Select).value
        words = self.query_one("#words", Input).value.strip()
        if not isinstance(who, str):
            self.query_one("#problem", Label).update(_("Choose who said it (Shift+Tab, then Enter)."))
        elif not words:
            self.query_one("#problem", Label).update(_("Type the words, or Escape to cancel."))
        else:
            self.dismiss((who, words, self.query_one("#may-quote", Checkbox).value))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

"""The poll screen's keys: which apply where (between respondents, while consent is asked,
while saves are on their way), number keys choosing options, and Enter, s, b and Ctrl+R.

A mixin of `PollRunScreen`. With nothing focused the screen's keys act here in the order
typed, so a burst's digits never answer the item the key before them left.
"""

from __future__ import annotations

from textual.events import Key

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import _
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.poll.respondents import PollRespondents
from fieldtui.tui.widgets.in_order_keys import hand_to_focused, run_screen_binding
from fieldtui.tui.widgets.poll_choices import PollChoices


class PollKeys(PollRespondents):
    """What the poll screen's keys do, and when they apply."""

    async def on_key(self, event: Key) -> None:
        """Number keys choose options (not while typing a number). With nothing focused the
        screen's keys (y, s, b, Enter…) act here, in the order typed: once bubbled up to the
        app, a burst's digits typed after them answered the item they were meant to leave."""
        if self.app.screen is not self:
            return  # a dialog the key before opened (x, e, n): the app gives the key to it
        focused = self.focused
        if focused is None and await run_screen_binding(self, event):
            return
        if hand_to_focused(self, event):
            # typed while nothing had the focus, before the key ahead of it (s, Enter) moved
            # on to a number item: the field's now, as if typed there
            return
        item = self.item
        if (item is None or self.consenting or item.kind in ("number", "display") or self.typed
                or event.character is None):
            return
        choices = self.query_one(PollChoices)
        choice = choices.by_key(event.character)
        if choice is None:
            if event.character.isdigit():
                event.stop()
                self.app.bell()
                self.notify(_("No option {key}: press {keys}.").format(
                    key=event.character, keys=choices.key_range()),
                            severity="warning")
            return
        event.stop()
        if item.kind == "multi":
            self._say(choices.toggle(choice.key))
        else:
            self.answer(item, choice.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Between respondents only Enter and e apply, while consent is asked only y, n
        and e: the other keys leave the footer; none apply while a respondent's answers
        are being saved."""
        if self.saving:
            return False
        if action == "consent" or self.consenting:
            return self.consenting and action in ("consent", "end")
        if action == "no_answer":
            return self.item is not None and not self.item.shown_only
        if action == "next_respondent":
            return self.step is None
        return not (action in ("back", "stop_respondent") and self.step is None)

    def action_next_respondent(self) -> None:
        """Enter between respondents: the next one (the thank-you's "Enter: next
        respondent")."""
        self.action_confirm()

    def action_confirm(self) -> None:
        """Enter: next respondent, or save a multi item's ticks."""
        item = self.item
        if self.step is None:
            self.start_respondent()
        elif self.consenting:
            return
        elif item is None or item.shown_only:  # a member list, or text shown: go on
            self._advance()
        elif item.kind == "multi":
            ticked = self.query_one(PollChoices).ticked_values()
            if not ticked:
                self.notify(self.unanswered(item, _(
                    "Tick at least one option with its number, or s for no answer.")),
                            severity="warning", markup=False)
                return
            self.answer(item, ticked)
        elif answer_key(item.id, self.roster_step().member) in self.saved:
            self._advance()  # the saved answer stands
        elif item.kind != "number" and not self.typed:
            self.app.bell()  # Enter on a choice not yet made: say which keys answer it
            self.notify(self.unanswered(item, _(
                "Press an option's number ({keys}), or s for no answer.").format(
                keys=self.query_one(PollChoices).key_range())), severity="warning", markup=False)

    def action_concern(self) -> None:
        """Ctrl+R: log a concern raised by this respondent; it belongs to nobody."""
        if self.step is None or self.consenting or self.session is None:
            self.notify(_("A concern is logged while a respondent is answering."), timeout=4)
            return
        raise_concern(self, self.plan, self.session)

    def action_no_answer(self) -> None:
        """The respondent does not answer this item."""
        item = self.item
        if item is not None:
            self.answer(item, None, skipped=True)

    def action_back(self) -> None:
        """Return to the previous item of this respondent (an answer again replaces it)."""
        if self.step is not None and self.index > 0:
            self.index -= 1
            self.show()
        elif self.step is not None:  # b on the first item did nothing and said nothing
            self.notify(_("This is the first question: there is none before it."),
                        timeout=3)

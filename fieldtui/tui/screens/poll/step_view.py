"""What the poll screen shows for the step it stands on: an item with its keys, the consent
text, a member list, or the thank-you between respondents.

A mixin of `PollRunScreen`. The top line names the respondent, the item's place among
those asked and its section, cut to 80 columns; a saved answer is named in the keys line
("Saved: …; Enter keeps it") until a number typed over it replaces it.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input, Static

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Item
from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.screens.poll.answers import NO_ANSWER, number_hint
from fieldtui.tui.screens.poll.consent import CONSENT_HELP
from fieldtui.tui.screens.poll.roster_steps import PollRosters
from fieldtui.tui.widgets.poll_choices import SAVED_MARK, PollChoices, choices_for, typed
from fieldtui.tui.widgets.short_text import short_prompt
from fieldtui.tui.widgets.tone_strip import ToneStrip

TOP_CELLS = 78  # the top line at 80 columns, less its padding


class PollStepView(PollRosters):
    """Drawing the poll screen's current step."""

    done: int  # respondents counted, this poll session
    saving: bool  # a respondent's last saves are on their way to the disk
    # the keys line without and with the saved answer, and that answer as typed
    saved_hint: tuple[str, str, str] | None

    @property
    def steps(self) -> list[Step]:
        """What this respondent is asked, in order (the runtime's relevance): items, for
        each member of a roster, and each roster's member list before its members."""
        return self.walk.steps

    def _shown_only(self, step: Step) -> bool:
        """A display item's step (text shown): never an answer to wait for."""
        return step.item_id is not None and self.plan.item(step.item_id).shown_only

    @property
    def item(self) -> Item | None:
        """The item on screen, or None between respondents and on a member list."""
        step = self.step
        return None if step is None or step.is_roster else self.plan.item(str(step.item_id))

    def show(self) -> None:
        """Draw the current item, or the thank-you between respondents."""
        item, step = self.item, self.step
        number = self.done + self.refused + (0 if step is None else 1)
        tally = " · " + _("{n} refused").format(n=self.refused) if self.refused else ""
        top = self.query_one("#top", Static)
        prompt = self.query_one("#prompt", Static)
        choices = self.query_one(PollChoices)
        help_line = self.query_one("#help", Static)
        self.saved_hint = None
        self.set_class(False, "number-item")
        self.refresh_bindings()
        if step is None or not step.is_roster:
            self.hide_roster()
        if step is not None:
            self.save_position()
        if item is not None:  # the tone reminders matter from the consent question on
            self.query_one(ToneStrip).set_reminders(
                self.plan.reminders_for(self.plan.section_of(item.id)))
        if step is not None and self.consenting:
            top.update(self._titled(_("respondent {n} · consent").format(n=number) + tally))
            self._pause(self.plan.consent_text, _(CONSENT_HELP))
            return
        if step is None:
            top.update(self._titled(ngettext("{n} respondent done", "{n} respondents done",
                                             self.done).format(n=self.done) + tally))
            if self.saving:  # not "saved" before the disk says so
                self._pause(_("Saving this respondent's answers…"), "")
                return
            self._pause(_("Thank you. This respondent's answers are saved and no longer shown."),
                        _("Enter: next respondent    e: end the poll and go home"))
            return
        if item is None:  # a roster's member list
            title = self.walk.sections[step.section].title
            top.update(self._titled(_("respondent {n} · {section}").format(n=number,
                                                                            section=title)))
            help_line.update(self.show_roster(step))
            return
        member = step.member
        caption = f"{self.walk.caption(step.section, member)}\n" if member else ""
        section = self.walk.sections[step.section].title
        if item.shown_only:  # text shown (an XLSForm note): not an item, nothing to answer
            top.update(self._titled(_("respondent {n} · {section}").format(n=number,
                                                                            section=section)))
            self._pause(caption + self.walk.asked_text(item.prompt, member),
                        _("Enter: next · b: back"))
            return
        asked = self.walk.asked()
        top.update(self._titled(_("respondent {n} · item {item} of {items} · {section}").format(
            n=number, item=asked.index(step) + 1, items=len(asked), section=section)))
        words = self.walk.asked_text(item.prompt, member)
        # the unit in the interface's brackets: "几口人？（人）", not "几口人？ (人)"
        prompt.update(caption + (_("{prompt} ({unit})").format(prompt=words, unit=item.unit)
                                 if item.unit else words))
        options = choices_for(item, self.walk.options(item, member) if item.options else None,
                              lambda text: self.walk.asked_text(text, member))
        key = answer_key(item.id, member)
        saved, skipped = self.saved.get(key, (None, False))
        choices.show_choices(options, multi=item.kind == "multi", exclusive=item.exclusive,
                             saved=saved)
        self.typed = typed(options)
        field = self.query_one("#number", Input)
        field.disabled = item.kind != "number" and not self.typed
        self.set_class(item.kind == "number" or self.typed, "number-item")
        if self.typed:
            field.value = ""
            field.placeholder = _("a number, then Enter")
            self.set_focus(field)  # now, not later: the keys typed next are its
            keys = (_("Type the option's number, Enter ticks it; Enter on an empty field saves "
                      "· s: no answer · b: back") if item.kind == "multi" else
                    _("Type the option's number, Enter saves · s: no answer · b: back"))
        elif item.kind == "number":
            field.value = "" if saved is None else str(saved)
            field.placeholder = number_hint(item, self.plan)
            self.set_focus(field)  # now, not later: the keys typed next are its
            keys = _("Type the number, Enter saves · s: no answer · b: back")
        elif item.kind == "multi":
            self.set_focus(None)
            keys = _("Number keys tick options, Enter saves · s: no answer · b: back")
        else:
            self.set_focus(None)
            keys = _("Press the option's number · s: no answer · b: back")
        if key in self.saved:
            # A count names its saved answer: the field may hold another number typed over it.
            was = (_(NO_ANSWER) if skipped else str(saved) if item.kind == "number"
                   else _("the answer shown") if item.kind == "multi" else
                   _("the answer shown (marked {mark})").format(mark=SAVED_MARK))
            kept = _("Saved: {was}; Enter keeps it · {keys}").format(was=was, keys=keys)
            if item.kind == "number":
                self.saved_hint = (keys, kept, "" if skipped else str(saved))
            keys = kept
        help_line.update(keys)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A number typed over the saved one: Enter saves it, it no longer keeps the saved
        one (the line said "Saved: the answer shown; Enter keeps it" over a 25 refused)."""
        if self.saved_hint is not None and event.input.id == "number":
            keys, kept, saved = self.saved_hint
            typed = event.value.strip()
            self.query_one("#help", Static).update(kept if typed in ("", saved) else keys)

    def _titled(self, rest: str) -> str:
        """The top line: the plan's title, cut with … so that `rest` fits in 80 columns."""
        return f"{short_prompt(self.plan.title, TOP_CELLS - cell_len(rest) - 3)} · {rest}"

    def _pause(self, text: str, keys: str) -> None:
        """A screen without an item: consent, or the thank-you between respondents."""
        self.query_one("#prompt", Static).update(text)
        self.query_one(PollChoices).show_choices([], multi=False)
        self.query_one("#number", Input).disabled = True
        self.set_focus(None)
        self.query_one("#help", Static).update(keys)

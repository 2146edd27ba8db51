"""How a poll takes an answer: checked by the questionnaire logic, saved, then what follows.

A mixin of `PollRunScreen`. An answer its constraint refuses is not taken (the item holds
until another answer, or s for no answer). A saved answer goes to the questionnaire walk:
calculations whose value changed are saved as answer rows, and the items asked next are
the runtime's (an item that is not relevant is not asked).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.plan.number_answers import Refusal, number_rule
from fieldtui.core.poll_counts import COUNTS_EVENT
from fieldtui.core.selection import SELECTION_EVENT
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step, as_clause
from fieldtui.tui.required_words import with_own_words
from fieldtui.tui.screens.count_question import leaving_dialog, leaving_names, shown
from fieldtui.tui.screens.poll.consent import PollConsentScreen
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.widgets.poll_choices import NumberInput, PollChoices

NO_ANSWER = N_("no answer given")  # saved as the skip reason (the data's words); shown translated


class PollAnswers(PollConsentScreen):
    """Taking and saving a respondent's answers."""

    walk: QuestionnaireWalk
    session: SessionSaver | None
    saved: dict[str, tuple[Any, bool]]
    checklist: list[str]
    selection: tuple[int, int] | None  # (random start, every): core/selection.py
    index: int
    typed: bool
    done: int  # respondents counted, this walk

    @property
    def item(self) -> Item | None:
        """The item on screen (provided by the run screen)."""
        raise NotImplementedError

    @property
    def steps(self) -> list[Step]:
        """The items asked (provided by the run screen)."""
        raise NotImplementedError

    def roster_step(self) -> Step:
        """The step on screen (provided by the roster steps)."""
        raise NotImplementedError

    def save_rosters(self) -> None:
        """Save the rosters a count resized (provided by the roster flow)."""
        raise NotImplementedError

    def show(self) -> None:
        """Draw the current step (provided by the run screen)."""
        raise NotImplementedError

    def _advance(self) -> None:
        """On to the next item (provided by the run screen)."""
        raise NotImplementedError

    def action_confirm(self) -> None:
        """Enter (provided by the run screen)."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A number item's value."""
        event.stop()
        item = self.item
        if item is None:
            return
        if self.typed:
            self._typed_choice(item, event.value.strip())
            return
        if not event.value.strip() and answer_key(item.id, self.roster_step().member) in self.saved:
            self.action_confirm()  # "Saved: …; Enter keeps it": no answer, or a count cleared
            return
        value, refused = poll_number(item, self.plan, event.value)
        if value is None:
            say_once(self, self.unanswered(item, refused) if not event.value.strip() else refused,
                     severity="warning")
            return
        self.answer(item, value)

    def on_number_input_not_number(self, event: NumberInput.NotNumber) -> None:
        """A letter that is no key here was typed in the field: not kept, and said so."""
        self.app.bell()
        said = (_("No option {key}: type one of the numbers shown.") if self.typed
                else _("Only a number goes here; “{key}” was not typed.")).format(
                    key=event.character)
        say_once(self, said, severity="warning")

    def _typed_choice(self, item: Item, key: str) -> None:
        choices = self.query_one(PollChoices)
        field = self.query_one("#number", Input)
        saved = answer_key(item.id, self.roster_step().member) in self.saved
        if not key and (item.kind == "multi" or saved):
            self.action_confirm()
            return
        choice = choices.by_key(key)
        if choice is None:
            said = _("No option {key}: type one of the numbers shown.").format(
                key=key or _("typed"))
            say_once(self, self.unanswered(item, said) if not key else said, severity="warning")
        elif item.kind == "multi":
            self._say(choices.toggle(choice.key))
        else:
            self.answer(item, choice.value)
            return
        field.value = ""

    def _say(self, message: str) -> None:
        """Tell the interviewer what a tick cleared, if anything."""
        if message:
            self.notify(message, markup=False)  # the plan's labels as written

    def unanswered(self, item: Item, generic: str) -> str:
        """What Enter without an answer says: `generic` (which keys answer), after the
        item's own words when it is required and the plan gives it a required_message."""
        member = self.roster_step().member
        if not item.required_message or not self.walk.required(item.id, member):
            return generic
        return with_own_words(item, generic, lambda text: self.walk.asked_text(text, member))

    def answer(self, item: Item, value: Any, *, skipped: bool = False,
               asked: bool = False) -> None:
        """Save one answer and move on; an answer its constraint refuses is not taken (the
        item holds until another answer, or s for no answer); a lower count that would take
        out members holding answers asks first (`asked`: the interviewer said yes)."""
        session = self.session
        assert session is not None
        step = self.roster_step()
        member = step.member
        problem = None if skipped else self.walk.constraint_error(item.id, value, member)
        if problem is not None:
            self.app.bell()
            say_once(self, _("✗ {problem}: give another answer, or s for no answer.").format(
                problem=as_clause(problem)), severity="warning", timeout=5)
            return
        if not asked and self.ask_leaving(item, None if skipped else value, skipped):
            return
        self._begin_session()
        value = None if skipped else value
        session.call("save_answer", item.id, value, skipped=skipped, member=member,
                     skip_reason=NO_ANSWER if skipped else "", lang=self.plan.language)
        self.saved[answer_key(item.id, member)] = (value, skipped)
        self.walk.record(item.id, member, value=value, skipped=skipped,
                         skip_reason=NO_ANSWER if skipped else "")
        for calc_id, calc_member, result in self.walk.calculations():
            session.call("save_answer", calc_id, result, member=calc_member)
        self.save_rosters()  # a count answered sizes its roster
        # On from where the item stands now (or from the step before where it stood, when
        # the answer made it no longer asked).
        self.index = self.walk.locate(step) - (step not in self.steps)
        self._advance()

    def ask_leaving(self, item: Item, value: Any, skipped: bool) -> bool:
        """True (and ask) when this count would take out members holding answers: y saves
        it and goes on, n or Escape keeps the count as it was, on the item."""
        member = self.roster_step().member
        leaving = self.walk.leaving(item.id, member, value)
        if not leaving:
            return False
        old = self.walk.value(item.id, member)

        def answered(yes: bool | None) -> None:
            if yes:
                self.answer(item, value, skipped=skipped, asked=True)
            else:
                self.show()  # the saved count in the field again
                self.notify(_("Kept: the count is {old} again.").format(old=shown(old)),
                            timeout=4, markup=False)

        self.app.push_screen(leaving_dialog(leaving, leaving_names(self.walk, leaving), old,
                                            value), answered)
        return True

    def _begin_session(self) -> None:
        """Before a respondent's first save: the prepare checklist goes into the session,
        and the walk's counts before this respondent (a reopened draft goes on with them)."""
        session = self.session
        if session is None or session.queued:
            return
        session.call("append_event", COUNTS_EVENT, done=self.done, refused=self.refused)
        if self.checklist:
            session.call("set_field", "checklist", list(self.checklist))
        if self.selection is not None:
            start, every = self.selection
            session.call("append_event", SELECTION_EVENT, start=start, every=every)
        if self.walk.new_seed is not None:
            session.call("set_field", "seed", self.walk.new_seed)


def poll_number(item: Item, plan: Plan, text: str) -> tuple[int | float | None, str]:
    """The number typed in the poll's field by the item's rule (core/plan/number_answers.py,
    the interview's and the correction's too), or None and the poll's words for a refusal
    (400 nines read as infinity: not a number either, saving it would fail)."""
    rule = number_rule(item, plan)
    read = rule.read(text)
    if read.refusal is Refusal.BELOW:
        return None, _("At least {low}, please").format(low=f"{rule.low:g}")
    if read.refusal is Refusal.ABOVE:
        return None, _("At most {high}, please").format(high=f"{rule.high:g}")
    if read.value is None:
        return None, (_("Type a whole number, e.g. 3") if rule.whole
                      else _("Type a number, e.g. 3 or 2.5"))
    return read.value, ""


def number_hint(item: Item, plan: Plan) -> str:
    """The number field's placeholder: the plan's range and unit when it gives them, and
    whether the item takes whole numbers only (core/plan/whole_numbers.py)."""
    rule = number_rule(item, plan)
    if rule.low is not None and rule.high is not None:
        span = f"{rule.low:g}–{rule.high:g}"
    elif rule.low is not None:
        span = _("at least {low}").format(low=f"{rule.low:g}")
    elif rule.high is not None:
        span = _("at most {high}").format(high=f"{rule.high:g}")
    elif rule.whole:
        span = _("a whole number")
    else:
        span = _("a number")
    unit = f" {item.unit}" if item.unit else ""
    return _("{span}, then Enter").format(span=f"{span}{unit}")

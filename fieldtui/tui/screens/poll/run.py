"""Run a poll: respondents one after another, one item a screen, options by number key.

Each respondent is one session (respondent null, no identifiers). When the plan requires
consent, each respondent is asked before the first item (see poll_consent). Answers are
saved as they are given; going back shows the saved answer; the screen never shows a
tally, and clears each respondent's answers. A roster's member list is a step of its own
(`roster_steps`); its members' items say "Member 2 of 5: Ana" above the prompt.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Footer, Input, Static

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.selection import recorded_start
from fieldtui.tui.plan_language import language_binding, name_of, next_language, one_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.poll.answers import NO_ANSWER, number_hint
from fieldtui.tui.screens.poll.consent import CONSENT_HELP, asks_consent
from fieldtui.tui.screens.poll.roster_steps import PollRosters
from fieldtui.tui.screens.session_saver import SessionSaver, flush
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.anonymous_banner import anonymous_banner
from fieldtui.tui.widgets.in_order_keys import hand_to_focused, run_screen_binding
from fieldtui.tui.widgets.poll_choices import (
    SAVED_MARK,
    NumberInput,
    PollChoices,
    choices_for,
    typed,
)
from fieldtui.tui.widgets.short_text import short_prompt
from fieldtui.tui.widgets.tone_strip import ToneStrip

__all__ = ["NO_ANSWER", "PollRunScreen", "number_hint"]
TOP_CELLS = 78  # the top line at 80 columns, less its padding


class PollRunScreen(PollRosters):
    """One item at a time for the current respondent; between respondents, a thank-you."""

    TITLE = N_("Poll")

    CSS_PATH = "poll.tcss"

    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter between respondents: named in the footer as the thank-you's hint names it
        # (first: the footer shows the first binding of a key that applies)
        Binding("enter", "next_respondent", N_("Next respondent"),
                id="poll_run.next_respondent"),
        Binding("enter", "confirm", N_("OK"), id="poll_run.confirm"),
        Binding("s", "no_answer", N_("No answer"), id="poll_run.no_answer"),
        Binding("b", "back", N_("Back"), id="poll_run.back"),
        Binding("x", "stop_respondent", N_("Stop"), id="poll_run.stop_respondent"),
        Binding("e", "end", N_("End poll"), id="poll_run.end"),
        language_binding("poll_run"),
        Binding("ctrl+r", "concern", N_("Concern raised"), show=False, id="poll_run.concern"),
    ]

    def __init__(self, plan: Plan, device: Any, store: SessionLike | None = None, *,
                 checklist: list[str] | None = None,
                 selection: tuple[int, int] | None = None) -> None:
        super().__init__(plan)
        # The checklist ticked on prepare goes into every respondent's session; a resumed
        # poll carries on with the one its draft recorded. So does a random start.
        if checklist is None and store is not None:
            checklist = list(store.document().get("checklist") or [])
        if selection is None and store is not None:
            selection = recorded_start(store.document())
        self.checklist = checklist or []
        self.selection = selection
        self.device = device
        self.items: tuple[Item, ...] = plan.items
        self.walk = QuestionnaireWalk(plan, {})
        self.resumed = store
        self.done = 0
        self.index = -1  # -1: between respondents
        self.saved: dict[str, tuple[Any, bool]] = {}  # answer key -> (value, skipped)
        self.member_cursor = {}
        self.typed = False
        # the keys line without and with the saved answer, and that answer as typed
        self.saved_hint: tuple[str, str, str] | None = None
        self.saving = False  # a respondent's last saves are on their way to the disk

    def compose(self) -> ComposeResult:
        """Where we are, the banner, the item, and how to answer."""
        yield ToneStrip(self.plan.tone_reminders, id="tone")
        yield Static("", id="top", markup=False)
        yield Static(anonymous_banner(self.plan), id="banner", markup=False)
        with Vertical(id="body"):
            yield Static("", id="prompt", markup=False)
            yield PollChoices(id="choices")
            yield Vertical(id="roster-box")
            yield NumberInput(placeholder=_("a number, then Enter"), id="number", disabled=True)
        yield Static("", id="help", markup=False)
        # Compact, the palette (Ctrl+P, named in F1's help) left out, as the interview's
        # and the meeting's: a member list's keys beside the poll's fit 80 columns in Chinese.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Start the first respondent, or go on with a draft respondent where they stopped."""
        self.start_respondent()
        if self.resumed is not None:
            self.session = SessionSaver(self, self.resumed)
            document = self.resumed.document()
            answers = document.get("answers", {})
            self.walk = QuestionnaireWalk(self.plan, document)
            self.consenting = False  # a draft exists only once consent was given
            self.saved = {k: (v.get("value"), bool(v.get("skipped"))) for k, v in answers.items()}
            if self.has_rosters and isinstance(document.get("position"), dict):
                self.index = self.resume_index(document["position"])
            else:  # where to go on, not what is asked (`walk.asked()`): the first step with
                # no answer, passing display items (never answered); a member list stays in
                self.index = next((i for i, step in enumerate(self.steps) if answer_key(
                    str(step.item_id), step.member) not in answers and not self._shown_only(
                        step)), len(self.steps) - 1)
            self.show()

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

    def start_respondent(self) -> None:
        """A fresh, empty session for the next person (created at their first answer)."""
        self.session = SessionSaver(self, plan=self.plan, device=self.device)
        self.walk = QuestionnaireWalk(self.plan, {})
        self.index = 0
        self.saved = {}
        self.member_cursor = {}
        self.consenting = asks_consent(self.plan)
        self.show()

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

    def action_switch_language(self) -> None:
        """Ctrl+L: the plan's texts in its next language; a number being typed stays."""
        lang = next_language(self.plan)
        if lang is None:
            self.notify(one_language(), timeout=3)
            return
        self.plan = self.plan.localized(lang)
        self.items = self.plan.items
        self.walk.use_texts(self.plan)
        field = self.query_one("#number", Input)
        typing = field.value
        self.show()
        if not field.disabled:
            field.value = typing
        self.notify(name_of(lang, self.plan.language_names), timeout=2)

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

    def _advance(self) -> None:
        """On to the next item, or the thank-you after the last."""
        self.index += 1
        if self.index >= len(self.steps):
            self._finish(complete=True)
            self._close_respondent(counted=True)
            return
        self.show()

    def _close_respondent(self, *, counted: bool) -> None:
        """Between respondents, once their saves are on disk (a failed save holds here)."""
        self.index = -1
        self.saving = True
        self.show()
        self._thank_when_saved(counted)

    @work(exclusive=True, group="poll-saved")
    async def _thank_when_saved(self, counted: bool) -> None:
        """Say "saved" and count the respondent only after the writer has saved it all."""
        if not await flush(fieldtui_app(self)):
            return  # the app is ending with saves still waiting: claim nothing
        self.saving = False
        if counted:
            self.done += 1
        self.show()

    def _finish(self, *, complete: bool) -> None:
        """Close the current respondent's session, if one was started."""
        session = self.session
        if session is None or not session.queued:
            return
        session.call("mark_complete" if complete else "mark_refused")
        session.close()
        self.session = None

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

    def action_stop_respondent(self) -> None:
        """The respondent leaves mid-way: keep what was given as a refused session."""
        if self.step is None:
            return

        def stop(yes: bool | None) -> None:
            if yes:
                self._stop_current()
                self._close_respondent(counted=False)

        self.app.push_screen(ConfirmDialog(
            _("Stop this respondent?"), _("Answers given so far are kept, marked as refused.")),
            stop)

    def _stop_current(self) -> None:
        if self.session is not None and self.session.queued:
            self.refused += 1
        self._finish(complete=False)

    def action_end(self) -> None:
        """End the poll session and go home (a respondent mid-way is kept as refused)."""
        if self.step is not None and self.session is not None and self.session.queued:
            def end(yes: bool | None) -> None:
                if yes:
                    self._stop_current()
                    self._leave()
            self.app.push_screen(ConfirmDialog(
                _("End the poll now?"), _("This respondent's answers so far are kept, marked "
                                          "as refused.")), end)
            return
        self._leave()

    @work(exclusive=True, group="poll-leave")
    async def _leave(self) -> None:
        """Wait for every save, then go home."""
        self.query_one("#help", Static).update(_("Saving…"))
        await flush(fieldtui_app(self))
        self.app.pop_screen()

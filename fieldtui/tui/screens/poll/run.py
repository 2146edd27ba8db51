"""Run a poll: respondents one after another, one item a screen, options by number key.

Each respondent is one session (respondent null, no identifiers). When the plan requires
consent, each respondent is asked before the first item (see poll_consent). Answers are
saved as they are given; going back shows the saved answer; the screen never shows a
tally, and clears each respondent's answers. A roster's member list is a step of its own
(`roster_steps`); its members' items say "Member 2 of 5: Ana" above the prompt.

The screen is built of mixins, one job each: what a step shows (`step_view`), one
respondent after another (`respondents`), the keys (`run_keys`), answers (`answers`),
member lists (`roster_steps`) and consent (`consent`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, Static

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.poll_counts import recorded_counts
from fieldtui.core.selection import recorded_start
from fieldtui.tui.plan_language import language_binding, name_of, next_language, one_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.poll.run_keys import PollKeys
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.anonymous_banner import anonymous_banner
from fieldtui.tui.widgets.poll_choices import NumberInput, PollChoices
from fieldtui.tui.widgets.tone_strip import ToneStrip

__all__ = ["PollRunScreen"]


class PollRunScreen(PollKeys):
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
            # the walk's respondents before this one, as its session recorded them
            self.done, self.refused = recorded_counts(document)
            self.saved = {k: (v.get("value"), bool(v.get("skipped"))) for k, v in answers.items()}
            if self.has_rosters and isinstance(document.get("position"), dict):
                self.index = self.resume_index(document["position"])
            else:  # where to go on, not what is asked (`walk.asked()`): the first step with
                # no answer, passing display items (never answered); a member list stays in
                self.index = next((i for i, step in enumerate(self.steps) if answer_key(
                    str(step.item_id), step.member) not in answers and not self._shown_only(
                        step)), len(self.steps) - 1)
            self.show()

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

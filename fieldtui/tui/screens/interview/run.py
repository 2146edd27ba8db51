"""Interview run: one step at a time, with outline, tone strip, timer, notes and marks.

The steps come from the questionnaire walk (`tui.questionnaire_walk`): every relevant item
of every roster member, and each roster's member list before its members. Drawing the step
is in `step_view`, moving in `moves`, saving in `answer_flow`, the member list in
`roster_step`, the section clock in `timing`; here: the screen's widgets, keys and actions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item, Plan
from fieldtui.tui import long_lived
from fieldtui.tui.cropped_compositor import CroppedCompositor
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.plan_language import language_binding, name_of, next_language, one_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.interview.dialogs import NoteDialog, SkipDialog
from fieldtui.tui.screens.interview.entry_pool import EntryPool
from fieldtui.tui.screens.interview.marks import InterviewMarks
from fieldtui.tui.screens.interview.step_view import InterviewStepView
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.check_row import CheckRow
from fieldtui.tui.widgets.outline import Outline
from fieldtui.tui.widgets.section_timer import SectionTimerView
from fieldtui.tui.widgets.steady_footer import SteadyFooter, in_chain_order
from fieldtui.tui.widgets.tone_strip import ToneStrip

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike


class InterviewRunScreen(InterviewStepView):
    """The interview itself; resumes at the saved position with everything saved so far."""

    TITLE = N_("Interview")
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings whose actions first drain the focused entry (see settle.py),
        # so keys typed in a burst around them land where they were meant to.
        Binding("ctrl+n", "next", N_("Next"), id="run.next", priority=True,
                tooltip=N_("Next item (saves this one)")),
        Binding("ctrl+b", "back", N_("Back"), id="run.back", priority=True,
                tooltip=N_("Previous item")),
        Binding("pagedown", "next", N_("Next"), id="run.next_page", show=False, priority=True),
        Binding("pageup", "back", N_("Back"), id="run.back_page", show=False, priority=True),
        Binding("enter", "enter_next", N_("Next"), id="run.enter_next", show=False,
                priority=True),
        Binding("ctrl+g", "jump", N_("Section"), id="run.jump", priority=True,
                tooltip=N_("Jump to a section")),
        Binding("ctrl+k", "key_covered", N_("Key✓"), id="run.key", priority=True,
                tooltip=N_("Mark this key point covered (again to unmark)")),
        # Where Key✓ is not offered, Ctrl+K says why, and is never the entry's (an Input or
        # a TextArea deletes to the end of the line: an answer was cleared so).
        Binding("ctrl+k", "key_refused", N_("Key✓"), id="run.key_refused", show=False,
                priority=True, tooltip=N_("Mark a key point covered (where the item is one "
                                          "asked once)")),
        Binding("ctrl+o", "note", N_("Note"), id="run.note", priority=True,
                tooltip=N_("Add a free note on this item")),
        Binding("ctrl+s", "skip", N_("Skip"), id="run.skip", priority=True,
                tooltip=N_("Skip this item with a reason")),
        Binding("ctrl+f", "wrapup", N_("Finish"), id="run.finish", priority=True,
                tooltip=N_("Wrap-up: what is missing, reflections, complete")),
        Binding("ctrl+w", "why", N_("Why"), id="run.why", priority=True,
                tooltip=N_("Why the dimmed items are not asked: the outline says (↑/↓, Escape)")),
        # With nothing dimmed, Ctrl+W says so and is never the entry's (an Input or a
        # TextArea deletes the word left of the cursor: an answer was cut so).
        Binding("ctrl+w", "why_refused", N_("Why"), id="run.why_refused", show=False,
                priority=True, tooltip=N_("Why an item is not asked (when the outline dims "
                                          "one)")),
        Binding("escape", "home", N_("Home (keeps the draft)"), id="run.home", show=False),
        language_binding("run"),
        Binding("ctrl+r", "concern", N_("Concern raised"), id="run.concern", show=False, priority=True),
        # A digit typed while the focus is off the entry (the outline, after Tab) answers:
        # the focus goes back to the entry with the digit, so Enter after it moves on.
        *(Binding(str(d), f"to_entry('{d}')", N_("Answer"), id=f"run.digit_{d}", show=False,
                  priority=True) for d in range(10)),
    ]

    def __init__(self, plan: Plan, device: DeviceLike, store: SessionLike) -> None:
        super().__init__()
        self._compositor = CroppedCompositor()  # a key repaints what it changed, no more
        self.plan = plan
        self.device = device
        self.store = store
        self.saver = SessionSaver(self, store)
        self.items: tuple[Item, ...] = plan.items
        self.has_key_points = any(i.key for i in self.items)  # asked once per key shown
        document = store.document()
        self.walk = QuestionnaireWalk(plan, document, typed_counts=True)
        self.answers = self.walk.answers
        self.notes: dict[str | None, int] = defaultdict(int)
        for note in document.get("notes", []):
            self.notes[note.get("item_id")] += 1
        self.marks = InterviewMarks(plan, self.saver, self.answers, document)
        self.init_timing(document)
        self.current = self.walk.steps[self.resume_index(document.get("position"))]
        self.pending = {}
        self.counts_typed = {}
        self.resume_typing()
        self.seen = {}
        self.proposed = {}
        self.invalid = set()
        self.required_said = None
        self.debounce = None
        self.member_cursor = {}
        self.footer_for_roster = False  # the footer's keys differ on a member list
        self.footer_why = False  # the outline dims an item not asked: Why is in the footer
        self.footer_key = False  # a key point to mark (Ctrl+K): Key✓ is in the footer
        self.entries = EntryPool(self, "#entry")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """As Textual's, each key in the place of the binding that acts (the footer keeps
        one order from item to item: `in_chain_order`)."""
        return in_chain_order(self, super().active_bindings)

    @property
    def item(self) -> Item | None:
        """The item being asked (None on a roster's member list)."""
        item_id = self.step.item_id
        return None if item_id is None else self.plan.item(item_id)

    def compose(self) -> ComposeResult:
        """Tone strip on top, outline left, the item right, keys below."""
        app = fieldtui_app(self)
        yield ToneStrip(id="tone")
        with Horizontal(id="run"):
            with VerticalScroll(id="outline-box", can_focus=False):
                yield Outline(self.plan, id="outline")
            with Vertical(id="item-pane"):
                with Horizontal(id="section-bar"):
                    yield Static("", id="section-title", markup=False)  # a plan's title
                    yield SectionTimerView(app.clock, id="timer")
                # A focus stop (a long prompt scrolls); digits typed there answer (to_entry).
                with VerticalScroll(id="item-scroll"):
                    yield Static("", id="item-text")
                yield Vertical(id="entry")
                yield CheckRow("", id="item-check")
                yield Static("", id="item-status")
        yield SteadyFooter(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        """Show the saved position (a new seed, a sized roster and calculations first)."""
        if self.walk.new_seed is not None:
            seed = self.walk.new_seed
            self.saver.write(lambda s: s.set_field("seed", seed))
        self.save_consequences()
        self.start_timing(self.plan.sections[0] if not self.walk.steps
                          else self.walk.sections[self.step.section])
        await self.redraw()
        self.said_unsettled()
        long_lived.hold()  # the plan and its logic: no full collection walks them per key

    def on_unmount(self) -> None:
        """What the screen held is collected as usual again."""
        long_lived.release()

    async def action_wrapup(self) -> None:
        """Key points, required items and reflections before marking complete."""
        from fieldtui.tui.screens.wrapup import WrapUpScreen

        await self.settle()
        if not self.leave_ok(self.action_wrapup) or self.held():
            return
        await self.app.push_screen(WrapUpScreen(self.plan, self.device, self.store))

    async def action_home(self) -> None:
        """Back home; the session stays a draft to resume."""
        await self.settle()
        if not self.leave_ok(self.action_home):
            return
        self.query_one("#entry", Vertical).disabled = True  # typed now would be lost
        self.save_position(self.step)  # the section's timer goes on from here on resume
        self.saver.close()
        self._home_when_saved()

    @work(exclusive=True, group="run-home")
    async def _home_when_saved(self) -> None:
        """Say "saved as a draft" only once it is (a failed save holds the flow here)."""
        if not await self.saver.saved():
            return  # the app is ending with saves still waiting: claim nothing
        self.app.pop_screen()
        self.app.notify(_("Saved as a draft: resume it from Home."), timeout=4)

    async def action_key_covered(self) -> None:
        """Mark (or unmark) the current key point as covered."""
        item = self.item
        if item is None or not item.key or self.step.member:
            say_once(self, _("This item is not a key point."), timeout=3)
            return
        await self.settle()
        self.marks.toggle_key(item)
        self.show_status()

    def action_why_refused(self) -> None:
        """Ctrl+W with no item dimmed in this section's outline: nothing to explain."""
        say_once(self, _("This section's outline dims no item: every item here is asked."),
                 timeout=3)

    def action_key_refused(self) -> None:
        """Ctrl+K where Key✓ is not offered: a member's key point (only its answer covers
        it), or no key point at all."""
        item = self.item
        if item is not None and item.key and self.step.member:
            say_once(self, _("About each member, this key point is covered by its answer: "
                             "type it (Ctrl+K marks items asked once)."), timeout=4)
        else:
            say_once(self, _("This item is not a key point."), timeout=3)

    async def action_note(self) -> None:
        """A free note on the current item."""
        await self.settle()
        item = self.item
        if item is None:
            self.app.bell()
            return

        def keep(text: str | None) -> None:
            if text:
                self.marks.note(item.id, text)
                self.notes[item.id] += 1
                self.show_status()

        await self.app.push_screen(NoteDialog(item.prompt), keep)

    async def action_concern(self) -> None:
        """Ctrl+R: log a concern raised (it belongs to the session)."""
        await self.settle()
        raise_concern(self, self.plan, self.saver)

    async def action_skip(self) -> None:
        """Skip the item with a reason, then move on."""
        await self.settle()
        item, member = self.item, self.step.member
        if item is None or item.shown_only:  # a member list, or text shown: nothing to skip
            self.app.bell()
            return

        async def skipped(reason: str | None) -> None:
            if reason is None:
                return
            self.pending.pop((item.id, member), None)
            if (item.id, member) in self.proposed:  # skipped, not kept: the entry's default
                self.seen[item.id, member] = self.proposed.pop((item.id, member))  # stays
            self.hold_typing((item.id, member))  # a count: its roster changes on leaving
            self.walk.record(item.id, member, value=None, skipped=True, skip_reason=reason)
            self.marks.skip(item.id, reason, member)
            self.save_consequences()
            await self.action_next()

        value = self.walk.value(item.id, member)
        await self.app.push_screen(SkipDialog(answered=value not in (None, "", [])), skipped)

    async def action_switch_language(self) -> None:
        """Ctrl+L: the plan's texts in its next language, on this step.

        What was typed so far is saved first, in the language it was asked in; the logic
        (conditions, rosters) is the same in every language, only the texts change.
        """
        lang = next_language(self.plan)
        if lang is None:
            say_once(self, one_language(), timeout=3)
            return
        await self.settle()
        self.capture()
        self.flush()
        self.plan = self.plan.localized(lang)
        self.items = self.plan.items
        self.marks.plan = self.plan
        self.walk.use_texts(self.plan)
        self.query_one(Outline).plan = self.plan
        self.save_position(self.step)  # the language is kept with the draft
        await self.redraw()
        self.notify(name_of(lang, self.plan.language_names), timeout=2)

    def on_screen_resume(self) -> None:
        """Back from wrap-up: show what may have changed."""
        self.show_status()

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """The interview's actions for the palette."""
        return [(_("Next item"), "Ctrl+N", self.action_next),
                (_("Previous item"), "Ctrl+B", self.action_back),
                (_("Jump to section"), "Ctrl+G", self.action_jump),
                (_("Why items are not asked"), "Ctrl+W", self.action_why),
                (_("Mark key point covered"), "Ctrl+K", self.action_key_covered),
                (_("Add a note"), "Ctrl+O", self.action_note),
                (_("Skip with a reason"), "Ctrl+S", self.action_skip),
                (_("Finish: wrap-up"), "Ctrl+F", self.action_wrapup),
                (_("Switch the plan's language"), "Ctrl+L", self.action_switch_language),
                (_("Home (keep as draft)"), "Escape", self.action_home)]

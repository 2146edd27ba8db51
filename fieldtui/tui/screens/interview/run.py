"""Interview run: one step at a time, with outline, tone strip, timer, notes and marks.

The steps come from the questionnaire walk (`tui.questionnaire_walk`): every relevant item
of every roster member, and each roster's member list before its members. Saving is in
`answer_flow`, the member list in `roster_step`, the section clock in `timing`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from fieldtui.core.i18n import N_, _, ngettext
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from fieldtui.tui import long_lived
from fieldtui.tui.cropped_compositor import CroppedCompositor
from fieldtui.tui.plan_language import language_binding, name_of, next_language, one_language
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.interview.answer_flow import check_line
from fieldtui.tui.screens.interview.dialogs import NoteDialog, SkipDialog, skip_reason_shown
from fieldtui.tui.screens.interview.entry_pool import EntryPool
from fieldtui.tui.screens.interview.marks import InterviewMarks
from fieldtui.tui.screens.interview.moves import InterviewMoves
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.item_view import item_text
from fieldtui.tui.widgets.outline import Outline
from fieldtui.tui.widgets.section_timer import SectionTimerView
from fieldtui.tui.widgets.steady_footer import SteadyFooter
from fieldtui.tui.widgets.steady_text import show_text
from fieldtui.tui.widgets.tone_strip import ToneStrip

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike


def default_value(item: Item) -> Any:
    """An item's `default` as its entry takes it: a number, a list of options, or text."""
    text = str(item.default)
    if item.kind == "multi":
        return [v for v in text.split() if v in item.options]
    if item.kind in ("number", "scale"):
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return text


class InterviewRunScreen(InterviewMoves):
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
        Binding("ctrl+o", "note", N_("Note"), id="run.note", priority=True,
                tooltip=N_("Add a free note on this item")),
        Binding("ctrl+s", "skip", N_("Skip"), id="run.skip", priority=True,
                tooltip=N_("Skip this item with a reason")),
        Binding("ctrl+f", "wrapup", N_("Finish"), id="run.finish", priority=True,
                tooltip=N_("Wrap-up: what is missing, reflections, complete")),
        Binding("ctrl+w", "why", N_("Why"), id="run.why", priority=True,
                tooltip=N_("Why the dimmed items are not asked: the outline says (↑/↓, Escape)")),
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
        document = store.document()
        self.walk = QuestionnaireWalk(plan, document)
        self.answers = self.walk.answers
        self.notes: dict[str | None, int] = defaultdict(int)
        for note in document.get("notes", []):
            self.notes[note.get("item_id")] += 1
        self.marks = InterviewMarks(plan, self.saver, self.answers, document)
        self.init_timing(document)
        self.current = self.walk.steps[self.resume_index(document.get("position"))]
        self.pending = {}
        self.seen = {}
        self.invalid = set()
        self.debounce = None
        self.member_cursor = {}
        self.footer_for_roster = False
        self.footer_why = False  # the outline dims an item not asked: Why is in the footer
        self.entries = EntryPool(self, "#entry")

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
                    yield Static("", id="section-title")
                    yield SectionTimerView(app.clock, id="timer")
                # A focus stop (a long prompt scrolls); digits typed there answer (to_entry).
                with VerticalScroll(id="item-scroll"):
                    yield Static("", id="item-text")
                yield Vertical(id="entry")
                yield Static("", id="item-check")
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
        long_lived.hold()  # the plan and its logic: no full collection walks them per key

    def on_unmount(self) -> None:
        """What the screen held is collected as usual again."""
        long_lived.release()

    async def redraw(self) -> None:
        """Draw the current step."""
        step = self.step
        if step.is_roster != self.footer_for_roster:  # the footer's keys differ on a list
            self.footer_for_roster = step.is_roster
            self.refresh_bindings()
        section = self.walk.sections[step.section]
        number = self.plan.sections.index(section) + 1
        show_text(self.query_one("#section-title", Static),
                  _("Section {number}/{total}: {title}").format(
                      number=number, total=len(self.plan.sections), title=section.title))
        self.query_one(ToneStrip).set_reminders(self.plan.reminders_for(section))
        self.query_one("#item-scroll", VerticalScroll).scroll_home(animate=False)
        if step.is_roster:
            await self.show_roster(step)
            self.show_outline()
            return
        item = self.plan.item(str(step.item_id))
        asked = [s for s in self.walk.steps if not s.is_roster]
        caption = self.walk.caption(step.section, step.member) if step.member else ""

        def pipe(template: str) -> str:
            return self.walk.asked_text(template, step.member)

        value = self.walk.value(item.id, step.member)
        self.seen[self.here(item.id)] = value
        if self.walk.row(item.id, step.member) is None and item.default is not None:
            value = default_value(item)  # shown, and saved on leaving like a typed answer
        options = self.walk.options(item, step.member) if item.options else None
        entry = await self.entries.show(item, value, options=options, pipe=pipe,
                                        whole=takes_whole_numbers(item, self.plan))
        self.query_one("#item-pane").set_class(isinstance(entry, TextArea), "typing")
        # The prompt changes once its entry is there: what is typed on seeing it lands in it.
        show_text(self.query_one("#item-text", Static), item_text(
            item, asked.index(step) + 1, len(asked), caption=caption, pipe=pipe,
            required=self.walk.required(item.id, step.member)))
        self.show_status()

    def show_status(self, outline: bool = True) -> None:
        """The constraint's message under the entry, the status line, and the outline."""
        step = self.step
        if step.is_roster:
            self.show_outline()
            return
        item = self.plan.item(str(step.item_id))
        answer = self.walk.row(item.id, step.member) or {}
        parts = []
        if answer.get("skipped"):
            parts.append(_("⤼ skipped: {reason}").format(
                reason=skip_reason_shown(str(answer.get("skip_reason", "")))))
        if item.key and not step.member:
            parts.append(self.marks.key_status(item, answer))
        if self.notes[item.id]:
            count = self.notes[item.id]
            parts.append("✎ " + ngettext("{n} note", "{n} notes", count).format(n=count))
        # Typing calls this on every key: a text that did not change is not laid out again.
        show_text(self.query_one("#item-status", Static), "  ·  ".join(parts))
        message = self.constraint_message(step)
        check = self.query_one("#item-check", Static)
        # Its row is always there (blank while the answer holds; the member list hides it):
        # the message comes and goes without moving anything below it.
        check.display = True
        show_text(check, Text(check_line(
            message, self.query_one("#item-pane").content_region.width) if message else ""))
        if outline:
            self.show_outline()

    def show_outline(self) -> None:
        """The outline, for where the interview is; Why (Ctrl+W) in the footer while it dims
        an item not asked."""
        self.query_one(Outline).show_walk(self.walk, self.step, frozenset(self.invalid))
        member = "" if self.step.is_roster else self.step.member
        dimmed = self.walk.conditional and not self.step.is_roster and any(
            i.kind != "calculate" and not self.walk.relevant(i.id, member)
            for i in self.walk.sections[self.step.section].items)
        if dimmed != self.footer_why:
            self.footer_why = dimmed
            self.refresh_bindings()

    def show_done(self) -> None:
        """The item asked became (or stopped being) done, or holds a value that cannot be
        saved: the outline draws its rows in place; when more changed, all of it."""
        if not self.query_one(Outline).show_answer(self.walk, self.step,
                                                   frozenset(self.invalid)):
            self.show_outline()

    async def action_wrapup(self) -> None:
        """Key points, required items and reflections before marking complete."""
        from fieldtui.tui.screens.wrapup import WrapUpScreen

        await self.settle()
        if not self.leave_ok() or self.held():
            return
        await self.app.push_screen(WrapUpScreen(self.plan, self.device, self.store))

    async def action_home(self) -> None:
        """Back home; the session stays a draft to resume."""
        await self.settle()
        if not self.leave_ok():
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
            self.notify(_("This item is not a key point."), timeout=3)
            return
        await self.settle()
        self.marks.toggle_key(item)
        self.show_status()

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
        if item is None:
            self.app.bell()
            return

        async def skipped(reason: str | None) -> None:
            if reason is None:
                return
            self.pending.pop((item.id, member), None)
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
            self.notify(one_language(), timeout=3)
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
        self.notify(name_of(lang), timeout=2)

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

"""Interview run: one item at a time, with outline, tone strip, timer, notes and marks.

Every change goes to the store through the app's writer thread: open text after a pause
of DEBOUNCE seconds (and at once when moving on), everything else immediately.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.progress import is_done, resume_item
from fieldtui.tui.plan_language import language_binding, name_of, next_language, one_language
from fieldtui.tui.screens.concern_dialog import raise_concern
from fieldtui.tui.screens.interview.dialogs import JumpDialog, NoteDialog, SkipDialog
from fieldtui.tui.screens.interview.marks import InterviewMarks
from fieldtui.tui.screens.interview.timing import InterviewTiming
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.screens.session_saver import SessionSaver
from fieldtui.tui.settle import drain
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.answer_entry import AnswerChanged, AnswerInvalid, make_entry
from fieldtui.tui.widgets.item_view import item_text
from fieldtui.tui.widgets.outline import Outline
from fieldtui.tui.widgets.section_timer import SectionTimerView
from fieldtui.tui.widgets.tone_strip import ToneStrip

if TYPE_CHECKING:
    from fieldtui.store.session_store import DeviceLike

DEBOUNCE = 0.3
INVALID = object()  # what an entry "last reported" while it holds a value it cannot save


def entry_item(entry: object) -> str:
    """The id of the item an answer entry belongs to."""
    item: Item = getattr(entry, "item")  # noqa: B009 - every answer entry has one
    return item.id


class InterviewRunScreen(InterviewTiming):
    """The interview itself; resumes at the saved position with everything saved so far."""

    TITLE = "Interview"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings whose actions first drain the focused entry (see settle.py),
        # so keys typed in a burst around them land where they were meant to.
        Binding("ctrl+n", "next", "Next", id="run.next", priority=True,
                tooltip="Next item (saves this one)"),
        Binding("ctrl+b", "back", "Back", id="run.back", priority=True,
                tooltip="Previous item"),
        Binding("pagedown", "next", "Next", id="run.next_page", show=False, priority=True),
        Binding("pageup", "back", "Back", id="run.back_page", show=False, priority=True),
        Binding("enter", "enter_next", "Next", id="run.enter_next", show=False,
                priority=True),
        Binding("ctrl+g", "jump", "Section", id="run.jump", priority=True,
                tooltip="Jump to a section"),
        Binding("ctrl+k", "key_covered", "Key✓", id="run.key", priority=True,
                tooltip="Mark this key point covered (again to unmark)"),
        Binding("ctrl+o", "note", "Note", id="run.note", priority=True,
                tooltip="Add a free note on this item"),
        Binding("ctrl+s", "skip", "Skip", id="run.skip", priority=True,
                tooltip="Skip this item with a reason"),
        Binding("ctrl+f", "wrapup", "Finish", id="run.finish", priority=True,
                tooltip="Wrap-up: what is missing, reflections, complete"),
        Binding("escape", "home", "Home (keeps the draft)", id="run.home", show=False),
        language_binding("run"),
        Binding("ctrl+r", "concern", "Concern raised", id="run.concern", show=False, priority=True),
    ]

    def __init__(self, plan: Plan, device: DeviceLike, store: SessionLike) -> None:
        super().__init__()
        self.plan = plan
        self.device = device
        self.store = store
        self.saver = SessionSaver(self, store)
        self.items: tuple[Item, ...] = plan.items
        document = store.document()
        self.answers: dict[str, dict[str, Any]] = {
            k: dict(v) for k, v in document.get("answers", {}).items()}
        self.notes: dict[str | None, int] = defaultdict(int)
        for note in document.get("notes", []):
            self.notes[note.get("item_id")] += 1
        self.marks = InterviewMarks(plan, self.saver, self.answers, document)
        self.init_timing(document)
        ids = [item.id for item in self.items]
        self.index = ids.index(resume_item(plan, document.get("position")))
        self.pending: dict[str, Any] = {}
        self.seen: dict[str, Any] = {}  # the value each entry last reported
        self.invalid: set[str] = set()  # items whose entry holds a value it cannot save
        self.debounce: Timer | None = None

    @property
    def item(self) -> Item:
        """The item being asked."""
        return self.items[self.index]

    def compose(self) -> ComposeResult:
        """Tone strip on top, outline left, the item right, keys below."""
        app = fieldtui_app(self)
        yield ToneStrip(id="tone")
        with Horizontal(id="run"):
            with VerticalScroll(id="outline-box"):
                yield Outline(self.plan, id="outline")
            with Vertical(id="item-pane"):
                with Horizontal(id="section-bar"):
                    yield Static("", id="section-title")
                    yield SectionTimerView(app.clock, id="timer")
                with VerticalScroll(id="item-scroll"):
                    yield Static("", id="item-text")
                yield Vertical(id="entry")
                yield Static("", id="item-status")
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        """Show the saved position."""
        self.start_timing(self.plan.section_of(self.item.id))
        await self._show_item()

    async def _show_item(self) -> None:
        item = self.item
        section = self.plan.section_of(item.id)
        number = self.plan.sections.index(section) + 1
        self.query_one("#section-title", Static).update(
            f"Section {number}/{len(self.plan.sections)}: {section.title}")
        self.query_one(ToneStrip).set_reminders(self.plan.reminders_for(section))
        self.query_one("#item-text", Static).update(
            item_text(item, self.index + 1, len(self.items)))
        self.query_one("#item-scroll", VerticalScroll).scroll_home(animate=False)
        entry_box = self.query_one("#entry", Vertical)
        await entry_box.remove_children()
        value = self.answers.get(item.id, {}).get("value")
        self.seen[item.id] = value
        entry = make_entry(item, value)
        self.query_one("#item-pane").set_class(isinstance(entry, TextArea), "typing")
        await entry_box.mount(entry)
        self.set_focus(entry)
        self._show_status()

    def _show_status(self) -> None:
        item = self.item
        answer = self.answers.get(item.id, {})
        parts = []
        if answer.get("skipped"):
            parts.append(f"⤼ skipped: {answer.get('skip_reason', '')}")
        if item.key:
            parts.append(self.marks.key_status(item, answer))
        if self.notes[item.id]:
            parts.append(f"✎ {self.notes[item.id]} note(s)")
        self.query_one("#item-status", Static).update("  ·  ".join(parts))
        self.query_one(Outline).show(self.answers, self.plan.section_of(item.id).id, item.id,
                                     frozenset(self.invalid))

    # -- saving ---------------------------------------------------------------------

    def on_answer_changed(self, message: AnswerChanged) -> None:
        """Keep the answer; save at once, or after a pause in typing."""
        message.stop()
        self.invalid.discard(message.item_id)
        if message.value == self.seen.get(message.item_id):
            return  # already taken by capture(), or nothing new
        self.seen[message.item_id] = message.value
        answer = self.answers.setdefault(message.item_id, {})
        answer.update(value=message.value, skipped=False, skip_reason="")
        self.pending[message.item_id] = message.value
        if self.debounce is not None:
            self.debounce.stop()
        if message.debounce:
            self.debounce = self.set_timer(DEBOUNCE, self.flush)
        else:
            self.flush()
        self._show_status()

    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        """The entry holds a value it cannot save: not progress, and nothing half-typed is saved.

        What was saved before stays saved; the prefix typed on the way (15 of 150) is dropped.
        """
        message.stop()
        self.invalid.add(message.item_id)
        self.pending.pop(message.item_id, None)
        # The next valid value is new even if it equals the dropped prefix (150, then 15).
        self.seen[message.item_id] = INVALID
        self._show_status()

    def capture(self) -> None:
        """Take the entry's value as it is now (its change message may still be on its way)."""
        for entry in self.query(".answer-entry"):
            read = getattr(entry, "current_value", None)
            if read is None:
                continue
            valid, value = read()
            item_id = entry_item(entry)
            if valid and value != self.seen.get(item_id):
                self.seen[item_id] = value
                self.answers.setdefault(item_id, {}).update(
                    value=value, skipped=False, skip_reason="")
                self.pending[item_id] = value

    def flush(self) -> None:
        """Send the answers waiting for a pause to the writer."""
        self.capture()
        if self.debounce is not None:
            self.debounce.stop()
            self.debounce = None
        pending, self.pending = self.pending, {}
        for item_id, value in pending.items():
            self.marks.save_answer(item_id, value)

    # -- moving -----------------------------------------------------------------------

    async def settle(self) -> None:
        """Let the focused entry take the keys typed before this one, then save it."""
        await drain(self.focused)
        self.flush()

    def leave_ok(self) -> bool:
        """False (and say why) while the entry holds a number it could not save."""
        for entry in self.query(".answer-entry"):
            read = getattr(entry, "current_value", None)
            if read is None or read()[0]:
                continue
            if self.answers.get(entry_item(entry), {}).get("skipped"):
                continue  # skipping saved no value on purpose
            # Moving on would keep only the last valid number typed, silently.
            typed, wanted = getattr(entry, "value", ""), getattr(entry, "placeholder", "")
            self.app.bell()
            self.notify(f"✗ {typed} is not saved: type {wanted}, or clear it.",
                        severity="warning", timeout=5)
            return False
        return True

    async def go_to(self, index: int) -> None:
        """Move to another item, saving what is pending and the new position."""
        await self.settle()
        if not self.leave_ok():
            return
        old, new = self.item, self.items[index]
        self.invalid.discard(old.id)  # left with leave_ok: the entry is valid or skipped
        old_section = self.plan.section_of(old.id)
        new_section = self.plan.section_of(new.id)
        if old_section.id != new_section.id:
            self.leave_section(old_section, new_section)
        self.saver.write(lambda s: s.append_event("nav", item_id=new.id, **{"from": old.id}))
        self.save_position(new)
        self.index = index
        await self._show_item()

    async def action_next(self) -> None:
        """The next item; after the last, the wrap-up."""
        if self.index + 1 < len(self.items):
            await self.go_to(self.index + 1)
        else:
            await self.action_wrapup()

    async def action_back(self) -> None:
        """The previous item."""
        if self.index > 0:
            await self.go_to(self.index - 1)
        else:
            self.app.bell()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter moves on, except in a text area, where it starts a new line."""
        if action == "enter_next":
            return not isinstance(self.focused, TextArea)
        return True

    async def action_enter_next(self) -> None:
        """Enter on a number or a choice: the next item."""
        await self.action_next()

    async def action_jump(self) -> None:
        """Choose a section; land on its first item not yet done."""
        await self.settle()
        if not self.leave_ok():
            return

        async def landed(section_id: str | None) -> None:
            if section_id is None:
                return
            section = next(s for s in self.plan.sections if s.id == section_id)
            target = next((i for i in section.items if not is_done(self.answers.get(i.id))),
                          section.items[0])
            await self.go_to(self.items.index(target))

        await self.app.push_screen(
            JumpDialog(self.plan, self.plan.section_of(self.item.id).id), landed)

    async def action_wrapup(self) -> None:
        """Key points, required items and reflections before marking complete."""
        from fieldtui.tui.screens.wrapup import WrapUpScreen

        await self.settle()
        if not self.leave_ok():
            return
        await self.app.push_screen(WrapUpScreen(self.plan, self.device, self.store))

    async def action_home(self) -> None:
        """Back home; the session stays a draft to resume."""
        await self.settle()
        if not self.leave_ok():
            return
        self.query_one("#entry", Vertical).disabled = True  # typed now would be lost
        self.save_position(self.item)  # the section's timer goes on from here on resume
        self.saver.close()
        self._home_when_saved()

    @work(exclusive=True, group="run-home")
    async def _home_when_saved(self) -> None:
        """Say "saved as a draft" only once it is (a failed save holds the flow here)."""
        if not await self.saver.saved():
            return  # the app is ending with saves still waiting: claim nothing
        self.app.pop_screen()
        self.app.notify("Saved as a draft: resume it from Home.", timeout=4)

    async def action_key_covered(self) -> None:
        """Mark (or unmark) the current key point as covered."""
        item = self.item
        if not item.key:
            self.notify("This item is not a key point.", timeout=3)
            return
        await self.settle()
        self.marks.toggle_key(item)
        self._show_status()

    async def action_note(self) -> None:
        """A free note on the current item."""
        await self.settle()
        item = self.item

        def keep(text: str | None) -> None:
            if text:
                self.marks.note(item.id, text)
                self.notes[item.id] += 1
                self._show_status()

        await self.app.push_screen(NoteDialog(item.prompt), keep)

    async def action_concern(self) -> None:
        """Ctrl+R: log a concern raised (it belongs to the session)."""
        await self.settle()
        raise_concern(self, self.plan, self.saver)

    async def action_skip(self) -> None:
        """Skip the item with a reason, then move on."""
        await self.settle()
        item = self.item

        async def skipped(reason: str | None) -> None:
            if reason is None:
                return
            self.pending.pop(item.id, None)
            self.marks.skip(item.id, reason)
            await self.action_next()

        value = self.answers.get(item.id, {}).get("value")
        await self.app.push_screen(SkipDialog(answered=value not in (None, "", [])), skipped)

    async def action_switch_language(self) -> None:
        """Ctrl+L: the plan's texts in its next language, on this item; typing stays.

        What was typed so far is saved first, in the language it was asked in.
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
        self.query_one(Outline).plan = self.plan
        item, focused = self.item, self.focused
        section = self.plan.section_of(item.id)
        number = self.plan.sections.index(section) + 1
        self.query_one("#section-title", Static).update(
            f"Section {number}/{len(self.plan.sections)}: {section.title}")
        self.query_one(ToneStrip).set_reminders(self.plan.reminders_for(section))
        self.query_one("#item-text", Static).update(
            item_text(item, self.index + 1, len(self.items)))
        if item.kind in ("choice", "multi", "scale"):  # the options' labels change
            entry_box = self.query_one("#entry", Vertical)
            await entry_box.remove_children()
            entry = make_entry(item, self.answers.get(item.id, {}).get("value"))
            await entry_box.mount(entry)
            focused = entry
        if focused is not None:
            self.set_focus(focused)
        self._show_status()
        self.notify(name_of(lang), timeout=2)

    def on_screen_resume(self) -> None:
        """Back from wrap-up: show what may have changed."""
        self._show_status()

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """The interview's actions for the palette."""
        return [("Next item", "Ctrl+N", self.action_next),
                ("Previous item", "Ctrl+B", self.action_back),
                ("Jump to section", "Ctrl+G", self.action_jump),
                ("Mark key point covered", "Ctrl+K", self.action_key_covered),
                ("Add a note", "Ctrl+O", self.action_note),
                ("Skip with a reason", "Ctrl+S", self.action_skip),
                ("Finish: wrap-up", "Ctrl+F", self.action_wrapup),
                ("Switch the plan's language", "Ctrl+L", self.action_switch_language),
                ("Home (keep as draft)", "Escape", self.action_home)]

"""The interview screen's drawing of the step it stands on: the section's title and tone,
the entry (or a roster's member list), the prompt, the constraint's row, the status line,
the outline, and the footer's keys.

A mixin of `InterviewRunScreen`. A move draws in one turn, without waiting between the
parts: the screen is laid out once for all of it (a move that changes no size, such as the
next item of a member with the same kind of entry, not at all).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from fieldtui.core.i18n import _, ngettext
from fieldtui.core.plan.model import Item
from fieldtui.core.plan.whole_numbers import takes_whole_numbers
from fieldtui.tui.own_class import set_own_class
from fieldtui.tui.screens.interview.answer_flow import Key, check_line
from fieldtui.tui.screens.interview.dialogs import skip_reason_shown
from fieldtui.tui.screens.interview.moves import InterviewMoves
from fieldtui.tui.widgets.item_view import item_text
from fieldtui.tui.widgets.outline import Outline
from fieldtui.tui.widgets.steady_text import show_text
from fieldtui.tui.widgets.tone_strip import ToneStrip


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


class InterviewStepView(InterviewMoves):
    """Drawing the step the interview stands on."""

    notes: dict[str | None, int]  # notes written, by item
    footer_for_roster: bool  # the footer's keys were last set for a member list

    async def redraw(self) -> None:
        """Draw the current step. When the focus moved to another entry (or between an item
        and a member list) the footer's keys follow in the same turn, so the move is laid
        out with them, not once more after the next paint."""
        focused = self.focused
        await self._draw_step()
        key_point = self.key_point_step()
        if (self.focused is not focused or self.step.is_roster != self.footer_for_roster
                or key_point != self.footer_key):
            self.footer_for_roster = self.step.is_roster
            self.footer_key = key_point
            self.refresh_bindings()

    def key_point_step(self) -> bool:
        """The step asks a key point that Ctrl+K marks (not on a member list, nor about a
        roster member): only there is Key✓ in the footer, which has no room to spare."""
        item_id = self.step.item_id
        return (self.has_key_points and item_id is not None and not self.step.member
                and bool(self.plan.item(item_id).key))

    async def _draw_step(self) -> None:
        step = self.step
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
        # a display item is text shown, not a question: numbered neither itself nor among them
        asked = self.walk.asked()
        caption = self.walk.caption(step.section, step.member) if step.member else ""

        def pipe(template: str) -> str:
            return self.walk.asked_text(template, step.member)

        if item.shown_only:
            await self.entries.hide(self.query_one("#item-scroll", VerticalScroll))
            set_own_class(self.entries.box, False, "typing")
            show_text(self.query_one("#item-text", Static), item_text(
                item, 0, len(asked), caption=caption, pipe=pipe))
            self.show_status()
            return
        value = self.walk.value(item.id, step.member)
        self.seen[self.here(item.id)] = value
        defaulted = self.walk.row(item.id, step.member) is None and item.default is not None
        self.proposed = {}
        if defaulted:
            # shown as a proposal: saved once Next keeps it or the interviewer changes it
            value = default_value(item)
            self.proposed[self.here(item.id)] = value
        options = self.walk.options(item, step.member) if item.options else None
        entry = await self.entries.show(item, value, options=options, pipe=pipe,
                                        whole=takes_whole_numbers(item, self.plan))
        if defaulted:
            # Kept as the entry reads it (an open answer: less the blank lines around it),
            # since what it reads is compared with the proposal: else a move saved it.
            self.proposed[self.here(item.id)] = shown_value(entry, value)
        if value is None and not defaulted:
            # No answer (or a skip): the empty entry reads "" (text) or [] (multi); that
            # reading is what it showed, not an answer, so leaving untouched saves nothing
            # and a skip stays a skip.
            self.seen[self.here(item.id)] = shown_value(entry, value)
        set_own_class(self.entries.box, isinstance(entry, TextArea), "typing")
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

    def show_dependents(self, saved: set[Key]) -> None:
        """Answers were saved: an answer whose constraint reads one of them may have come to
        stand or be refused; then its ✗ and its section's count are drawn again (the
        outline, in full)."""
        if self.walk.cross_checked and self.query_one(Outline).standing_changed(
                self.walk, frozenset(self.invalid), saved):
            self.show_outline()


def shown_value(entry: object, value: Any) -> Any:
    """What `entry` reads as while it shows `value`: its own reading when it has one."""
    read = getattr(entry, "current_value", None)
    if read is None:
        return value
    valid, now = read()
    return now if valid else value

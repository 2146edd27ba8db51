"""Moving through the interview: next, back, jump to a section, why items are not asked
(the outline says, `widgets.outline`).

A mixin of `InterviewRunScreen`. A move saves what is pending and the new position first;
a forward move holds while the answer fails its constraint, and holds once on a required
item left without an answer that has words of its own for it (`required_message`).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from fieldtui.core.i18n import _
from fieldtui.core.progress import is_done
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.questionnaire_walk import Step
from fieldtui.tui.required_words import own_words
from fieldtui.tui.screens.interview.dialogs import JumpDialog
from fieldtui.tui.screens.interview.roster_step import InterviewRosters
from fieldtui.tui.widgets.outline import Outline


class InterviewMoves(InterviewRosters):
    """Next, Back, Jump and Why of the interview screen."""

    required_said: tuple[str, str] | None  # the required item whose words were just read

    async def action_wrapup(self) -> None:
        """The wrap-up (provided by the run screen)."""
        raise NotImplementedError

    async def go_to(self, index: int, *, check: bool = True) -> None:
        """Move to another step, saving what is pending and the new position; a forward
        move holds while the answer fails its constraint (`check`)."""
        await self.settle()
        target = self.walk.steps[index]
        if not self.leave_ok(lambda: self.go_to_step(target, check=check)) or (
                check and index > self.index and (self.held() or self.required_left())):
            return
        self.required_said = None
        old, new = self.step, self.walk.steps[index]
        self.invalid.discard(self.here(old.item_id or ""))
        if old.section != new.section:
            self.leave_section(self.walk.sections[old.section], self.walk.sections[new.section])
        new_id, old_id = new.item_id or new.section, old.item_id or old.section
        self.saver.write(lambda s: s.append_event(
            "nav", item_id=new_id, **{"from": old_id}, **({"member": new.member}
                                                          if new.member else {})))
        self.save_position(new)
        self.index = index
        await self.redraw()

    async def go_to_step(self, step: Step, *, check: bool = True) -> None:
        """Move to `step` where it stands now (a count just committed may have moved it);
        to the step after a member list a count of 0 took away; nowhere when an item is
        gone."""
        if step in self.walk.steps:
            await self.go_to(self.walk.steps.index(step), check=check)
        elif step.is_roster and (after := self.walk.standing_after(step)) is not None:
            await self.go_to(after, check=check)

    def required_left(self) -> bool:
        """True (and say why, in the item's own words) the first time a forward move would
        leave a required item without an answer when the plan gives it a required_message;
        the next move goes on. Without one the move goes on at once, as ever: the interview
        never blocks on a required item (the wrap-up lists what is missing)."""
        step = self.step
        if step.item_id is None or self.required_said == self.here(step.item_id):
            return False
        item = self.plan.item(step.item_id)
        if not item.required_message or is_done(self.walk.row(item.id, step.member)) \
                or not self.walk.required(item.id, step.member):
            return False
        self.required_said = self.here(item.id)
        words = own_words(item, lambda text: self.walk.text(text, step.member))
        self.app.bell()
        self.notify(f"✗ {words}\n" + _("Answer it, or Ctrl+S to skip it with a reason; Next "
                                        "again leaves it unanswered."),
                    severity="warning", timeout=5, markup=False)
        return True

    async def action_next(self) -> None:
        """The next step; after the last, the wrap-up. A default shown is kept: Next is
        the interviewer's yes to it (Back, a jump or Home leave it a proposal)."""
        self.keep_default()
        await self.settle()
        if self.index + 1 < len(self.walk.steps):
            await self.go_to(self.index + 1)
        elif self.leave_ok(self.action_next) and not self.required_left():
            await self.action_wrapup()

    async def action_back(self) -> None:
        """The previous step."""
        await self.settle()
        if self.index > 0:
            await self.go_to(self.index - 1)
        else:
            self.app.bell()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter moves on, except in a text area, where it starts a new line, and in the
        outline, where it says why an item is not asked. The footer has no room at 80
        columns for a key that does not act at this step: Why only while the outline dims
        an item (and is not focused), Key✓ only on a key point, Note and Skip only on an item."""
        if action == "enter_next":
            return not isinstance(self.focused, TextArea | Outline)
        if action == "to_entry":  # digits answer; off the entry they bring the focus back
            return self.entries.current is not None and (
                self.focused is None
                or self.query_one("#entry") not in self.focused.ancestors_with_self)
        if action == "why":  # there when the outline dims an item not asked (in the
            # outline its own w says why, and the footer has no room for both)
            return self.footer_why and not isinstance(self.focused, Outline)
        if action == "key_covered":  # on a key point only: room in the footer for the rest
            return self.footer_key
        if action == "why_refused":  # Ctrl+W with nothing dimmed: says so
            return not self.footer_why
        if action == "key_refused":  # Ctrl+K elsewhere: says why it marks nothing here
            return not self.footer_key
        if action in ("note", "skip"):  # about an item, not a member list
            if action == "skip" and self.step.item_id is not None:
                return not self.plan.item(self.step.item_id).shown_only  # nothing to skip
            return not self.step.is_roster
        return True

    async def action_enter_next(self) -> None:
        """Enter on a number or a choice: the next item."""
        await self.action_next()

    def action_to_entry(self, key: str) -> None:
        """A digit typed off the entry: the entry (or the member list) takes the focus and
        the digit, in this key's turn, so the keys typed after it follow it there."""
        target = self.entries.current
        if target is None:
            return
        self.set_focus(target)
        target.post_message(events.Key(key, key))

    async def action_jump(self) -> None:
        """Choose a section; land on its first step not yet done."""
        await self.settle()
        if not self.leave_ok(self.action_jump):
            return

        async def landed(section_id: str | None) -> None:
            if section_id is not None:
                await self.land(section_id)
            for key in dialog.behind:  # typed behind Enter: for the item jumped to, in order
                self.app.post_message(key)

        dialog = JumpDialog(self.plan, self.step.section)
        await self.app.push_screen(dialog, landed)

    async def land(self, section_id: str) -> None:
        """On the section's first step not yet done (or say why it has none)."""
        steps = [n for n, s in enumerate(self.walk.steps) if s.section == section_id]
        if not steps:
            section = self.walk.sections[section_id]
            say_once(self, _("{title}: not asked ({why})").format(
                title=section.title, why=self.section_reason(section_id)), timeout=5)
            return
        await self.go_to(next((n for n in steps if self._to_do(self.walk.steps[n])), steps[0]))

    def _to_do(self, step: Step) -> bool:
        """An item still to answer (not a member list, nor a display item: text shown)."""
        return (not step.is_roster and not self.plan.item(str(step.item_id)).shown_only
                and not is_done(self.walk.row(str(step.item_id), step.member)))

    def section_reason(self, section_id: str) -> str:
        """Why a section has nothing to ask."""
        section = self.walk.sections[section_id]
        none = self.walk.none_listed(section_id)  # a count of 0: nobody to list or ask
        if none is not None:
            return none
        if section.repeat and not section.items:
            return _("no items")
        return self.walk.reason(section.items[0].id, "")

    async def action_why(self) -> None:
        """The outline, focused on the first item of this section not asked, says why (↑/↓
        to the others, w to hide, Escape back to the item)."""
        self.query_one(Outline).explain()

    def on_outline_left(self, message: Outline.Left) -> None:
        """Escape in the outline: back to the item's entry (or the member list; on a display
        item, its text)."""
        message.stop()
        # the kept entries of other kinds are hidden: never one of them
        self.set_focus(self.entries.current or self.query_one("#item-scroll"))

"""A roster's count follows the committed answer, not each key typed into it.

A mixin of `InterviewRunScreen`. While the interviewer types into an item a roster's count
reads ("How many people live here?"), the answer is saved as usual (its check speaks at
once) but the roster keeps its members: typing 12 -> 13 passes through 1, and emptying the
entry passes through nothing, and neither takes a member out. The count sizes the roster
when the interviewer leaves the item (`leave_ok`: Next, Back, a jump, Home, the wrap-up).
When that would take out members who hold answers, the screen asks first, naming them and
their answers; n or Escape keeps them and puts the count back as it was. An answer that
breaks its check never sizes a roster (`core.logic.state`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fieldtui.core.i18n import _
from fieldtui.core.logic.count_change import Leaving
from fieldtui.tui.screens.count_question import leaving_dialog, leaving_names, shown, stopped_notice
from fieldtui.tui.screens.interview.answer_flow import InterviewAnswers, Key
from fieldtui.tui.store_access import SessionLike

Move = Callable[[], Awaitable[object]]  # a move the interviewer asked for, made again
UNKNOWN = "unknown"  # a resumed count's row before: the count it had cannot be told


class InterviewCounts(InterviewAnswers):
    """Holding a roster's members while its count is typed; asking before a lower count
    takes out members with answers."""

    counts_typed: dict[Key, dict[str, Any] | None]  # a count being typed: its saved row before
    stopped_said = False  # the notice of a count typed when fieldtui stopped may be showing

    def resume_typing(self) -> None:
        """A count saved as it was typed when fieldtui stopped (a crash, a power cut), one
        that would take members with answers out: it is still being typed. Its roster keeps
        them (the walk holds it) and leaving asks, as it would have; the row before is the
        count the stored roster had, or unknown (`UNKNOWN`) when the count is worked out
        from more than this answer."""
        for key, old in self.walk.unsettled.items():
            self.counts_typed[key] = {"value": old} if old is not None else {UNKNOWN: True}

    def said_unsettled(self) -> None:
        """Say so once the screen shows: the interviewer did not see the question."""
        for key in self.counts_typed:
            leaving = self.walk.leaving(*key, self.walk.value(*key))
            if leaving:
                self.notify(stopped_notice(self.walk, key, leaving),
                            timeout=10, markup=False)
                self.stopped_said = True

    def hold_typing(self, key: Key) -> None:
        """A count item's answer is about to change: its rosters keep their members."""
        if key[0] not in self.walk.count_items or key in self.counts_typed:
            return
        row = self.walk.row(*key)
        self.counts_typed[key] = dict(row) if row is not None else None
        self.walk.hold_counts({k[0] for k in self.counts_typed})

    def answer_typed(self, key: Key, value: Any, debounce: bool) -> None:
        """Hold the rosters first when the answer is a count."""
        self.hold_typing(key)
        super().answer_typed(key, value, debounce)

    def leave_ok(self, then: Move | None = None) -> bool:
        """Leaving the item commits a count typed into it: at once when it takes out no
        member with answers; else after asking (False while the question is open). `then`
        is the move asked for: once the interviewer says yes it is made."""
        if not super().leave_ok():
            return False
        for key in list(self.counts_typed):
            leaving = self.walk.leaving(*key, self.walk.value(*key))
            if leaving:
                self.ask_leaving(key, leaving, then)
                return False
            self.let_go(key)
        return True

    def let_go(self, key: Key) -> None:
        """The count is committed: it sizes its rosters; the new members list is saved."""
        self.counts_typed.pop(key, None)
        if self.stopped_said and not self.counts_typed:  # "… stay until you leave": left
            self.stopped_said = False
            self.app.clear_notifications()
        steps = self.walk.steps
        self.walk.hold_counts({k[0] for k in self.counts_typed})
        self.save_consequences()
        if steps != self.walk.steps and self.is_mounted:
            self.show_outline()

    def put_back(self, key: Key) -> bool:
        """The count as it was saved before typing (the members keep their place); False
        when that is not known (`resume_typing`): the count stays held, to be typed again."""
        if (self.counts_typed.get(key) or {}).get(UNKNOWN):
            return False
        row = self.counts_typed.pop(key, None) or {}
        item_id, member = key
        value = row.get("value")
        self.pending.pop(key, None)
        self.seen[key] = value
        skipped, reason = bool(row.get("skipped")), str(row.get("skip_reason") or "")
        self.walk.record(item_id, member, value=value, skipped=skipped, skip_reason=reason)
        if skipped:
            self.marks.skip(item_id, reason, member)
        else:
            self.marks.save_answer(item_id, value, member)
        self.walk.hold_counts({k[0] for k in self.counts_typed})
        self.save_consequences()
        return True

    def ask_leaving(self, key: Key, leaving: list[Leaving], then: Move | None = None) -> None:
        """Take the members out (y) and make the move asked for (`then`), or keep them and
        the count as it was (n, Escape), staying on the item."""
        before = self.counts_typed.get(key) or {}
        old = before.get("value")
        names = leaving_names(self.walk, leaving)

        async def answered(yes: bool | None) -> None:
            if self.stopped_said:  # "… stay until you leave": answered now, not shown beside
                self.stopped_said = False
                self.app.clear_notifications()
            if yes:
                self.let_go(key)
                self.notify(_("Taken out of the roster: {names}.").format(names=names),
                            timeout=4, markup=False)
            elif self.put_back(key):
                self.notify(_("Kept: the count is {old} again.").format(old=shown(old)),
                            timeout=4, markup=False)
            else:
                self.notify(_("Kept: type the count again."), timeout=4, markup=False)
            await self.redraw()
            if yes and then is not None:
                await then()

        self.app.push_screen(leaving_dialog(leaving, names, old, self.walk.value(*key),
                                            known=not before.get(UNKNOWN)), answered)

    def save_typing(self, store: SessionLike) -> None:
        """The app quits or the session closes with a count still being typed: it is saved
        only when it takes no member with answers out; else the count stays as it was."""
        super().save_typing(store)
        if store is not self.store:
            return
        for key in list(self.counts_typed):
            if self.walk.leaving(*key, self.walk.value(*key)):
                self.put_back(key)
            else:
                self.let_go(key)


"""How the interview screen saves answers: debounced typing, invalid entries, the logic.

A mixin of `InterviewRunScreen`. Every change goes to the store through the app's writer
thread: open text after a pause of DEBOUNCE seconds (and at once when moving on),
everything else immediately. Each saved answer is given to the questionnaire walk, which
asks the runtime what changed: calculations whose value changed are saved as answer rows,
a roster sized by a count is saved, and the steps are laid out again (an item that became
not relevant drops out; its answer stays stored, kept aside).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.timer import Timer

from fieldtui.core.answer_keys import answer_key
from fieldtui.core.i18n import _
from fieldtui.core.plan.model import Item
from fieldtui.tui.passing_notice import say_once
from fieldtui.tui.questionnaire_walk import QuestionnaireWalk, Step, as_clause
from fieldtui.tui.screens.interview.entry_pool import EntryPool
from fieldtui.tui.screens.interview.marks import InterviewMarks
from fieldtui.tui.screens.interview.timing import InterviewTiming
from fieldtui.tui.settle import drain
from fieldtui.tui.store_access import SessionLike
from fieldtui.tui.widgets.answer_messages import AnswerChanged, AnswerInvalid
from fieldtui.tui.widgets.outline_rows import refused

DEBOUNCE = 0.3
INVALID = object()  # what an entry "last reported" while it holds a value it cannot save
Key = tuple[str, str]  # (item id, member)


def entry_item(entry: object) -> str:
    """The id of the item an answer entry belongs to."""
    item: Item = getattr(entry, "item")  # noqa: B009 - every answer entry has one
    return item.id


def calculation_saver(item_id: str, member: str, value: Any) -> Callable[[SessionLike], None]:
    """The store call that saves a calculation's value as its answer row."""
    def save(store: SessionLike) -> None:
        store.save_answer(item_id, value, member=member)
    return save


def check_line(message: str, width: int) -> str:
    """The constraint's message for its row under the answer box: with the key that skips
    the item when that fits one row of `width`, else the message alone (the footer's
    Ctrl+S says the key), which widgets/check_row.py breaks into a second row when it is
    longer than one, ending in … only past two (the notice on Enter or Ctrl+N says it whole)."""
    line = _("✗ {message} (Ctrl+S to skip)").format(message=message)
    return line if cell_len(line) <= width else _("✗ {message}").format(message=message)


class InterviewAnswers(InterviewTiming):
    """Saving what the entries report, and keeping the walk in step with it."""

    walk: QuestionnaireWalk
    marks: InterviewMarks
    current: Step  # where the interview is; its index changes as the steps are laid out
    footer_why: bool
    has_key_points: bool  # an item of the plan is a key point
    footer_key: bool  # the step is a key point to mark (Key✓ in the footer)
    pending: dict[Key, Any]
    seen: dict[Key, Any]  # the value each entry last reported
    # An item's `default` shown in its entry, not yet kept: a proposal, not an answer. The
    # entry reports it like a typed value; until the interviewer changes it or moves on with
    # Next it is neither saved, counted done, nor a key point covered. An option picked in
    # the entry (`chosen`), even the one proposed, ends the proposal.
    proposed: dict[Key, Any]
    invalid: set[Key]  # entries holding a value they cannot save
    debounce: Timer | None
    entries: EntryPool  # the entry on screen (`entries.shown`) and the hidden ones

    def show_status(self, outline: bool = True) -> None:
        """Redraw the status line and (with `outline`) the outline (provided by the run
        screen)."""
        raise NotImplementedError

    def show_outline(self) -> None:
        """Redraw the outline (provided by the run screen)."""
        raise NotImplementedError

    def show_done(self) -> None:
        """The item asked became (or stopped being) done: its rows of the outline (provided
        by the run screen)."""
        raise NotImplementedError

    def show_dependents(self, saved: set[Key]) -> None:
        """Answers were saved: what depends on them in the outline (provided by the run
        screen)."""
        raise NotImplementedError

    def counted(self, key: Key) -> bool:
        """The outline counts this answer as done (given, or skipped; not an invalid entry
        nor an answer its constraint refuses)."""
        return self.walk.stands(*key) and key not in self.invalid

    def outline_mark(self, key: Key) -> tuple[bool, bool]:
        """What the outline shows of this answer: (counted done, marked ✗)."""
        return self.counted(key), refused(self.walk, key, self.invalid)

    @property
    def step(self) -> Step:
        """Where the interview is."""
        return self.current

    @property
    def index(self) -> int:
        """The current step's place in the asking order as it is now."""
        return self.walk.locate(self.current)

    @index.setter
    def index(self, value: int) -> None:
        self.current = self.walk.steps[value]

    def stale(self, origin: object) -> bool:
        """True for a message from an entry no longer on screen (the screen moved on while
        it was on its way; its value was taken by `capture` when leaving)."""
        return origin is not None and origin is not self.entries.shown

    def here(self, item_id: str) -> Key:
        """The answer key of an item on screen: with the member asked about."""
        return item_id, self.step.member

    def on_answer_changed(self, message: AnswerChanged) -> None:
        """Keep the answer; save at once, or after a pause in typing."""
        message.stop()
        self.entry_changed(message.origin, message.item_id, message.value, message.debounce)

    def on_answer_invalid(self, message: AnswerInvalid) -> None:
        """The entry holds a value it cannot save (see `entry_changed`)."""
        message.stop()
        self.entry_changed(message.origin, message.item_id, INVALID, True)

    def entry_changed(self, origin: object, item_id: str, value: Any, debounce: bool) -> None:
        """An entry says its answer changed: take it as the entry holds it NOW.

        Its messages may arrive after a move took the value (`settle`) or refilled the
        entry with the next item, and a number or a date reports each value typed on the
        way (1, then 12): reading the entry itself, a late message never brings back an
        older value nor lands on another item.
        """
        if self.stale(origin):
            return
        read = getattr(origin, "current_value", None)
        if read is not None:
            valid, now = read()
            value = now if valid else INVALID
            item_id = entry_item(origin)  # a refilled entry: the item it asks now
        key = self.here(item_id)
        if getattr(origin, "chosen", False):
            self.proposed.pop(key, None)  # the proposed option itself, chosen: an answer
        if value is INVALID:
            self.proposed.pop(key, None)
            self.entry_invalid(key)
        elif not self.proposal(key, value):
            self.answer_typed(key, value, debounce)

    def proposal(self, key: Key, value: Any) -> bool:
        """True while the entry still holds the default it was shown with (not an answer
        yet); a value the interviewer typed ends the proposal."""
        if key not in self.proposed:
            return False
        if value == self.proposed[key]:
            return True
        del self.proposed[key]
        return False

    def keep_default(self) -> None:
        """Next on an item showing its default: the default is the answer (saved now)."""
        if self.step.item_id is not None:
            self.proposed.pop(self.here(self.step.item_id), None)

    def answer_typed(self, key: Key, value: Any, debounce: bool) -> None:
        """A valid answer in the entry: saved at once, or after a pause in typing."""
        was_shown = self.outline_mark(key)
        self.invalid.discard(key)
        if value == self.seen.get(key):
            if was_shown != self.outline_mark(key):
                self.show_done()
            return  # already taken by capture(), or nothing new
        self.seen[key] = value
        self.pending[key] = value
        # Shown as given at once (the outline, the status); the runtime hears of it when
        # it is saved.
        self.walk.answers.setdefault(answer_key(*key), {}).update(
            value=value, skipped=False, skip_reason="")
        if self.debounce is not None:
            self.debounce.stop()
        if debounce:
            self.debounce = self.set_timer(DEBOUNCE, self.flush)
        else:
            self.flush()
        # The outline changes only when the item becomes (or stops being) done or refused
        # (its rows, in place), or when the steps change (then `flush` redrew it): not on
        # every key.
        self.show_status(outline=False)
        if was_shown != self.outline_mark(key):
            self.show_done()

    def entry_invalid(self, key: Key) -> None:
        """The entry holds a value it cannot save: not progress, and nothing half-typed is saved.

        What was saved before stays saved; the prefix typed on the way (15 of 150) is dropped.
        """
        was_invalid = key in self.invalid
        self.invalid.add(key)
        self.pending.pop(key, None)
        # The next valid value is new even if it equals the dropped prefix (150, then 15).
        self.seen[key] = INVALID
        self.show_status(outline=False)
        if not was_invalid:
            self.show_done()  # ✗ in the outline

    def capture(self) -> None:
        """Take the entry's value as it is now (its change message may still be on its way)."""
        for entry in self.entries.on_screen():
            read = getattr(entry, "current_value", None)
            if read is None:
                continue
            valid, value = read()
            key = self.here(entry_item(entry))
            if getattr(entry, "chosen", False):
                self.proposed.pop(key, None)  # chosen before its message came
            if valid and value != self.seen.get(key) and not self.proposal(key, value):
                self.seen[key] = value
                self.pending[key] = value

    def flush(self) -> None:
        """Send the answers waiting for a pause to the writer, then what they changed."""
        self.capture()
        if self.debounce is not None:
            self.debounce.stop()
            self.debounce = None
        pending, self.pending = self.pending, {}
        if not pending:
            return
        steps = self.walk.steps
        for (item_id, member), value in pending.items():
            self.walk.record(item_id, member, value=value, skipped=False, skip_reason="")
            self.marks.save_answer(item_id, value, member)
        self.save_consequences()
        if steps != self.walk.steps and self.is_mounted:
            self.show_outline()  # an item became (or stopped being) asked
        elif self.is_mounted:  # the saved answers' own rows: `answer_typed` drew them
            self.show_dependents(set(pending))

    def save_typing(self, store: SessionLike) -> None:
        """Before `store` closes (the session completed in the wrap-up, the app quits): the
        typing still waiting for a pause is queued now, not written to a closed store."""
        if store is self.store:
            self.flush()

    def save_consequences(self) -> None:
        """After answers changed: save the calculations that changed and a roster a count
        resized; when the current step is no longer asked, stand on the next one."""
        for item_id, member, value in self.walk.calculations():
            self.saver.write(calculation_saver(item_id, member, value))
        self.save_rosters()
        self.current = self.walk.steps[self.walk.locate(self.current)]  # if it is gone

    async def settle(self) -> None:
        """Let the focused entry take the keys typed before this one, then save it."""
        await drain(self.focused)
        self.flush()

    def leave_ok(self) -> bool:
        """False (and say why) while the entry holds a value it could not save."""
        for entry in self.entries.on_screen():
            read = getattr(entry, "current_value", None)
            if read is None or read()[0]:
                continue
            row = self.walk.row(*self.here(entry_item(entry))) or {}
            if row.get("skipped"):
                continue  # skipping saved no value on purpose
            # Moving on would keep only the last valid value typed, silently.
            typed, wanted = getattr(entry, "value", ""), getattr(entry, "placeholder", "")
            self.app.bell()
            say_once(self, _("✗ {typed} is not saved: type {wanted}, or clear it.").format(
                typed=typed, wanted=wanted), severity="warning", timeout=5)
            return False
        return True

    def constraint_message(self, step: Step) -> str | None:
        """The constraint's message when the saved answer fails it (None when it holds or
        the item was skipped with a reason)."""
        return None if step.item_id is None else self.walk.refusal(step.item_id, step.member)

    def held(self) -> bool:
        """True (and say why) while the answer fails its constraint: the item holds until
        the answer is fixed or skipped with a reason."""
        message = self.constraint_message(self.step)
        if message is None:
            return False
        # The move may have taken the answer before its change message came (a burst):
        # the message under the entry is drawn here, not left to that message.
        self.show_status(outline=False)
        self.app.bell()
        say_once(self, _("✗ {message}: fix the answer, or Ctrl+S to skip it with a reason.")
                 .format(message=as_clause(message)),
                 severity="warning", timeout=5)  # plain text: piped answers are no markup
        return True

"""What an interview records beside its answers: key points covered, notes, skips.

`InterviewMarks` is the run screen's collaborator for them (and for saving answers, which
can cover a key point): it keeps the interviewer's own marks and queues every store call
through the session's `SessionSaver`, one store call a job. The screen keeps the keys and
the dialogs.
"""

from __future__ import annotations

from typing import Any

from fieldtui.core.i18n import _
from fieldtui.core.key_marks import manual_marks, stored_mark
from fieldtui.core.plan.model import Item, Plan
from fieldtui.core.progress import is_answered
from fieldtui.tui.screens.session_saver import SessionSaver


class InterviewMarks:
    """Key point marks, notes and skips of one interview, and how its answers are saved."""

    def __init__(self, plan: Plan, saver: SessionSaver, answers: dict[str, dict[str, Any]],
                 document: dict[str, Any]) -> None:
        self.plan = plan
        self.saver = saver
        self.answers = answers
        # The interviewer's own key point marks, from the saved session.
        self.marked = manual_marks(document.get("answers", {}), document.get("events", []))

    def key_status(self, item: Item, answer: dict[str, Any]) -> str:
        """The key point part of the status line (what is stored as `key_covered`)."""
        if item.id in self.marked:
            return _("◆ key point marked covered")
        if is_answered(answer):
            return _("◆ key point covered by the answer")
        return _("◇ key point not yet covered (Ctrl+K when it is)")

    def save_answer(self, item_id: str, value: Any, member: str = "") -> None:
        """Queue an answer; a key point it covers (or no longer covers) is stored as such,
        like a mark made with Ctrl+K. `member`: the roster member answered about (the
        items of a roster are not key points)."""
        lang = self.plan.language  # the language the item was asked in, at this moment
        if member:
            self.saver.write(lambda s: s.save_answer(item_id, value, member=member, lang=lang))
            self.saver.write(lambda s: s.append_event("answer", item_id=item_id,
                                                      member=member))
            return
        covered, changed = self._key_mark(item_id, value)
        self.saver.write(lambda s: s.save_answer(item_id, value, key_covered=covered,
                                                 lang=lang))
        self.saver.write(lambda s: s.append_event("answer", item_id=item_id))
        if changed:
            self._key_event_by_answer(item_id, bool(covered))

    def toggle_key(self, item: Item) -> None:
        """Mark (or unmark) a key point as covered, and save it with the answer."""
        answer = self.answers.setdefault(item.id, {"value": None})
        mark = item.id not in self.marked
        (self.marked.add if mark else self.marked.discard)(item.id)
        value, skipped, reason = (answer.get("value"), bool(answer.get("skipped")),
                                  str(answer.get("skip_reason", "")))
        covered = stored_mark(mark, None if skipped else value)
        answer["key_covered"] = covered
        self.saver.write(lambda s: s.save_answer(item.id, value, skipped=skipped,
                                                 skip_reason=reason, key_covered=covered))
        self.saver.write(lambda s: s.append_event("key", item_id=item.id, covered=mark))

    def note(self, item_id: str, text: str) -> None:
        """Save a free note on an item."""
        self.saver.write(lambda s: s.add_note(item_id, text))
        self.saver.write(lambda s: s.append_event("note", item_id=item_id))

    def skip(self, item_id: str, reason: str, member: str = "") -> None:
        """Skip an item with a reason (what it covered as a key point goes with it)."""
        if member:
            lang = self.plan.language
            self.saver.write(lambda s: s.save_answer(item_id, None, skipped=True,
                                                     skip_reason=reason, member=member,
                                                     lang=lang))
            self.saver.write(lambda s: s.append_event("skip", item_id=item_id, reason=reason,
                                                      member=member))
            return
        covered, changed = self._key_mark(item_id, None, skipped=True)
        self.answers.setdefault(item_id, {}).update(value=None, skipped=True,
                                                    skip_reason=reason)
        lang = self.plan.language
        self.saver.write(lambda s: s.save_answer(item_id, None, skipped=True,
                                                 skip_reason=reason, key_covered=covered,
                                                 lang=lang))
        self.saver.write(lambda s: s.append_event("skip", item_id=item_id, reason=reason))
        if changed:
            self._key_event_by_answer(item_id, bool(covered))

    def _key_mark(self, item_id: str, value: Any, *, skipped: bool = False
                  ) -> tuple[bool | None, bool]:
        """The `key_covered` to store with this value (None: not a key point), and whether
        the answer changes it."""
        if not self.plan.item(item_id).key:
            return None, False
        answer = self.answers.setdefault(item_id, {})
        covered = stored_mark(item_id in self.marked, None if skipped else value)
        changed = covered != bool(answer.get("key_covered"))
        answer["key_covered"] = covered
        return covered, changed

    def _key_event_by_answer(self, item_id: str, covered: bool) -> None:
        self.saver.write(lambda s: s.append_event("key", item_id=item_id, covered=covered,
                                                  by="answer"))

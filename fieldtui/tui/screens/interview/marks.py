"""The interview's marks: key point covered, notes, and skips with a reason.

A mixin of `InterviewRunScreen`, kept apart so each module stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from fieldtui.core.key_marks import manual_marks, stored_mark
from fieldtui.core.plan import Item, Plan
from fieldtui.core.progress import is_answered
from fieldtui.tui.screens.interview.dialogs import NoteDialog, SkipDialog
from fieldtui.tui.screens.navigation import fieldtui_app
from fieldtui.tui.store_access import SessionLike


class InterviewMarks(Screen[None]):
    """Ctrl+K, Ctrl+O and Ctrl+S of the interview screen, and how answers are saved."""

    plan: Plan
    store: SessionLike
    answers: dict[str, dict[str, Any]]
    notes: dict[str | None, int]
    pending: dict[str, Any]

    @property
    def item(self) -> Item:
        """The item being asked (provided by the run screen)."""
        raise NotImplementedError

    async def settle(self) -> None:
        """Drain the focused entry and flush (provided by the run screen)."""
        raise NotImplementedError

    async def action_next(self) -> None:
        """Move on (provided by the run screen)."""
        raise NotImplementedError

    def _write(self, job: Callable[[], Any]) -> None:
        app = fieldtui_app(self)
        app.writer.submit(job)

    def _show_status(self) -> None:
        raise NotImplementedError

    def init_marks(self, document: dict[str, Any]) -> None:
        """The interviewer's own key point marks, from the saved session."""
        self.marked = manual_marks(document.get("answers", {}), document.get("events", []))

    def key_status(self, item: Item, answer: dict[str, Any]) -> str:
        """The key point part of the status line (what is stored as `key_covered`)."""
        if item.id in self.marked:
            return "◆ key point marked covered"
        if is_answered(answer):
            return "◆ key point covered by the answer"
        return "◇ key point not yet covered (Ctrl+K when it is)"

    def save_answer(self, item_id: str, value: Any) -> None:
        """Queue an answer; a key point it covers (or no longer covers) is stored as such,
        like a mark made with Ctrl+K. One store call a job (see session_writer)."""
        store = self.store
        covered, changed = self._key_mark(item_id, value)
        self._write(lambda: store.save_answer(item_id, value, key_covered=covered))
        self._write(lambda: store.append_event("answer", item_id=item_id))
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
        store = self.store
        self._write(lambda: store.append_event("key", item_id=item_id, covered=covered,
                                               by="answer"))

    async def action_key_covered(self) -> None:
        """Mark (or unmark) the current key point as covered."""
        item = self.item
        if not item.key:
            self.notify("This item is not a key point.", timeout=3)
            return
        await self.settle()
        answer = self.answers.setdefault(item.id, {"value": None})
        mark = item.id not in self.marked
        (self.marked.add if mark else self.marked.discard)(item.id)
        value, skipped, reason = (answer.get("value"), bool(answer.get("skipped")),
                                  str(answer.get("skip_reason", "")))
        covered = stored_mark(mark, None if skipped else value)
        answer["key_covered"] = covered
        store = self.store
        self._write(lambda: store.save_answer(item.id, value, skipped=skipped,
                                              skip_reason=reason, key_covered=covered))
        self._write(lambda: store.append_event("key", item_id=item.id, covered=mark))
        self._show_status()

    async def action_note(self) -> None:
        """A free note on the current item."""
        await self.settle()
        item = self.item

        def keep(text: str | None) -> None:
            if text:
                store = self.store

                self._write(lambda: store.add_note(item.id, text))
                self._write(lambda: store.append_event("note", item_id=item.id))
                self.notes[item.id] += 1
                self._show_status()

        await self.app.push_screen(NoteDialog(item.prompt), keep)

    async def action_skip(self) -> None:
        """Skip the item with a reason, then move on."""
        await self.settle()
        item = self.item

        async def skipped(reason: str | None) -> None:
            if reason is None:
                return
            self.pending.pop(item.id, None)
            covered, changed = self._key_mark(item.id, None, skipped=True)
            self.answers.setdefault(item.id, {}).update(value=None, skipped=True,
                                                         skip_reason=reason)
            store = self.store
            self._write(lambda: store.save_answer(item.id, None, skipped=True,
                                                  skip_reason=reason, key_covered=covered))
            self._write(lambda: store.append_event("skip", item_id=item.id, reason=reason))
            if changed:
                self._key_event_by_answer(item.id, bool(covered))
            await self.action_next()

        value = self.answers.get(item.id, {}).get("value")
        await self.app.push_screen(SkipDialog(answered=value not in (None, "", [])), skipped)

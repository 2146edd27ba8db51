"""The interview's marks: key point covered, notes, and skips with a reason.

A mixin of `InterviewRunScreen`, kept apart so each module stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from fieldtui.core.plan import Item
from fieldtui.tui.screens.interview_dialogs import NoteDialog, SkipDialog
from fieldtui.tui.store_access import SessionLike


class InterviewMarks(Screen[None]):
    """Ctrl+K, Ctrl+O and Ctrl+S of the interview screen."""

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
        app: Any = self.app
        app.writer.submit(job)

    def _show_status(self) -> None:
        raise NotImplementedError

    async def action_key_covered(self) -> None:
        """Mark (or unmark) the current key point as covered."""
        item = self.item
        if not item.key:
            self.notify("This item is not a key point.", timeout=3)
            return
        await self.settle()
        answer = self.answers.setdefault(item.id, {"value": None})
        covered = not answer.get("key_covered", False)
        answer["key_covered"] = covered
        value, skipped, reason = (answer.get("value"), bool(answer.get("skipped")),
                                  str(answer.get("skip_reason", "")))
        store = self.store

        def save() -> None:
            store.save_answer(item.id, value, skipped=skipped, skip_reason=reason,
                              key_covered=covered)
            store.append_event("key", item_id=item.id, covered=covered)
        self._write(save)
        self._show_status()

    async def action_note(self) -> None:
        """A free note on the current item."""
        await self.settle()
        item = self.item

        def keep(text: str | None) -> None:
            if text:
                store = self.store

                def save() -> None:
                    store.add_note(item.id, text)
                    store.append_event("note", item_id=item.id)
                self._write(save)
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
            answer = self.answers.setdefault(item.id, {})
            covered = answer.get("key_covered")
            answer.update(value=None, skipped=True, skip_reason=reason)
            store = self.store

            def save() -> None:
                store.save_answer(item.id, None, skipped=True, skip_reason=reason,
                                  key_covered=covered)
                store.append_event("skip", item_id=item.id, reason=reason)
            self._write(save)
            await self.action_next()

        value = self.answers.get(item.id, {}).get("value")
        await self.app.push_screen(SkipDialog(answered=value not in (None, "", [])), skipped)

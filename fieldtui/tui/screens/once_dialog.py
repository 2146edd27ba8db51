"""A dialog that closes once, and hands on the keys typed behind the one that closed it.

Textual's `dismiss` pops whatever screen is on top, not the dialog it is called on. Keys
typed in a burst reach the dialog before it is closed, and a second closing key (a second
Enter on a pick list or an input line, a second digit for a skip reason) dismissed it
again: the screen under it was popped (an interview closed, the interviewer sent Home).
`OnceDialog.dismiss` closes the dialog once, and only while it is on top; a key that
reaches the closed dialog goes where the focus is now, in order (`settle.hand_on`, as
3b6e3ef8 did for the skip dialog alone).
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

from fieldtui.tui.settle import hand_on

ResultT = TypeVar("ResultT")


class OnceDialog(ModalScreen[ResultT]):
    """A modal dialog whose answer is given once; later keys belong to the screen below."""

    closed = False

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Close with `result`, once, and only while this dialog is on top: a second
        dismiss (a key typed behind the closing one) would pop the screen under it."""
        if self.closed or not self.is_active:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        self.closed = True
        return super().dismiss(result)

    async def on_event(self, event: events.Event) -> None:
        """A key that reaches the dialog once it is closed is the next screen's."""
        if isinstance(event, events.Key) and self.closed:
            event.stop()
            event.prevent_default()
            await hand_on(self.app, event)
            return
        await super().on_event(event)

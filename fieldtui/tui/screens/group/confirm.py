"""A yes/no question for the group and poll screens (keys y and n, Escape is no).

The answer acts before the next key typed (a burst: d, y, Enter on a member list): y, n
and Escape are priority bindings, run as the app takes the key, and each waits until the
dialog is closed and the screen below has acted on the answer (removed the member)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.settle import drain


class ConfirmDialog(OnceDialog[bool]):
    """Ask one question; dismisses True for yes."""

    CSS_PATH = "group.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", priority=True),
        Binding("n", "answer(False)", N_("No"), id="confirm.no", priority=True),
        Binding("escape", "answer(False)", N_("No"), show=False, id="confirm.cancel",
                priority=True),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        """The question, its detail, and the keys."""
        with Vertical():
            yield Static(self.question, markup=False, id="question")
            if self.detail:
                yield Static(self.detail, markup=False, id="detail")
            yield Static(_("y = yes    n = no"), id="keys")
        yield Footer()

    async def action_answer(self, yes: bool) -> None:
        """Close with the answer, and wait until the screen below has acted on it."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        await self.dismiss(yes)
        await drain(below)

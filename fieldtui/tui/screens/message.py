"""A clear message on screen: what happened and what to do, then back with any key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from fieldtui.core.errors import escaped_lines
from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog


class MessageScreen(OnceDialog[None]):
    """A modal message box; Enter or Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "dismiss", N_("Close"), id="message.close"),
    ]

    def __init__(self, title: str, what: str, todo: str = "") -> None:
        super().__init__()
        # they may quote a return's plan id, a collector's words: each line escaped (ESC
        # in a Static reaches the terminal, markup or not)
        self.title_text, self.what, self.todo = (escaped_lines(text) for text in
                                                  (title, what, todo))

    def compose(self) -> ComposeResult:
        """Title, what happened, what to do."""
        with Vertical(id="message-box", classes="dialog"):
            # (what and what to do may name a file or a plan id from a draft: as text)
            yield Static(f"! {self.title_text}", classes="dialog-title", markup=False)
            yield Static(self.what, id="message-what", markup=False)
            if self.todo:
                yield Static(_("What to do: {todo}").format(todo=self.todo), id="message-todo",
                             markup=False)
            yield Static(_("Press Enter to close."), classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the message."""
        self.dismiss(result)

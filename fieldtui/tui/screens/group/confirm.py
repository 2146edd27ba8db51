"""A yes/no question for the group and poll screens (keys y and n, Escape is no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; dismisses True for yes."""

    CSS_PATH = "group.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n", "answer(False)", N_("No"), id="confirm.no"),
        Binding("escape", "answer(False)", N_("No"), show=False, id="confirm.cancel"),
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

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

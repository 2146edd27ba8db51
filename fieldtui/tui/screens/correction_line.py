"""The correction screen's one-line dialog: a new answer typed, or the reason for a change."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from fieldtui.core.i18n import N_


class LineDialog(ModalScreen[str | None]):
    """One line of input (the new answer, or the reason for the change)."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="correction_line.cancel"),
    ]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.value = title, hint, value

    def compose(self) -> ComposeResult:
        """The question, a hint and the field."""
        with Vertical():
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield Static(self.hint, markup=False)
            yield Input(value=self.value, id="correction-input")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: give back what was typed."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape: nothing changes."""
        self.dismiss(None)

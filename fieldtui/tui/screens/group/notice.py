"""The whole notice sent to participants beforehand, with the meeting's purpose."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _
from fieldtui.tui.screens.once_dialog import OnceDialog


class NoticeDialog(OnceDialog[None]):
    """Read the notice in full (arrows or Page keys scroll); Escape closes."""

    CSS_PATH = "group.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), id="notice.close"),
    ]

    def __init__(self, purpose: str, notice: str) -> None:
        super().__init__()
        self.purpose = purpose
        self.notice = notice

    def compose(self) -> ComposeResult:
        """The notice first (it is what participants read), then the purpose."""
        with VerticalScroll():
            yield Static(_("Notice sent to participants beforehand"), classes="heading")
            yield Static(self.notice, markup=False, id="notice-text")
            yield Static("\n" + _("Purpose of the meeting"), classes="heading")
            yield Static(self.purpose, markup=False)
        yield Footer()

    def action_close(self) -> None:
        """Back to the roster."""
        self.dismiss(None)

"""Why items are not asked: the reason for each dimmed item of the section (Ctrl+W)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from fieldtui.core.i18n import N_, _


def reasons_text(rows: list[tuple[str, str, bool]]) -> Text:
    """One entry an item: its prompt, then why it is not asked (and whether an answer
    given before is kept aside)."""
    text = Text()
    if not rows:
        text.append(_("Every item of this section is asked."))
    for n, (prompt, reason, kept) in enumerate(rows):
        if n:
            text.append("\n")
        text.append(f"– {prompt}\n", style="bold")
        text.append("  " + _("not asked: {reason}").format(reason=reason))
        if kept:
            text.append("\n  " + _("the answer given before is kept aside (not in the data)"),
                        style="italic")
    return text


class NotAskedDialog(ModalScreen[None]):
    """The not-asked items of a section with their reasons; Enter or Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", N_("Close"), id="not_asked.close"),
    ]

    def __init__(self, section_title: str, rows: list[tuple[str, str, bool]]) -> None:
        super().__init__()
        self.section_title = section_title
        self.rows = rows

    def compose(self) -> ComposeResult:
        """Title and the reasons."""
        with Vertical(classes="dialog", id="not-asked-box"):
            yield Static(Text(_("Not asked in {section}").format(section=self.section_title)),
                         classes="dialog-title")
            with VerticalScroll(id="not-asked-list"):
                yield Static(reasons_text(self.rows))
            yield Static(_("Enter or Escape closes"), classes="dim")
        yield Footer()

    def action_close(self) -> None:
        """Back to the interview."""
        self.dismiss(None)

"""Pick a participant by list (for rosters longer than the nine number keys)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.i18n import N_, _
from fieldtui.core.roster import short_numbers
from fieldtui.tui.screens.once_dialog import OnceDialog


class ParticipantPicker(OnceDialog[str | None]):
    """Choose one participant with the arrows and Enter; dismisses with their id."""

    CSS_PATH = "group.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"),
                                                             id="picker.cancel")]

    def __init__(self, title: str, people: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.people = people

    def compose(self) -> ComposeResult:
        """The title and one line per participant, numbered as on the meeting screen."""
        numbers = short_numbers(pid for pid, _label in self.people)
        with Vertical():
            yield Static(_("{title} — arrows, then Enter").format(title=self.title_text),
                         markup=False)
            yield OptionList(*(Option(Text(f"{numbers[pid]:>2}  {label}"), id=pid)
                               for pid, label in self.people))
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line picks that participant."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)

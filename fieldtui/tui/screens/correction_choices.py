"""A multi item's answer corrected as choices: its options listed by their labels, the saved
ones ticked; Space ticks, Enter keeps the ticks, Escape cancels. An exclusive option ("None
of these") clears the others when ticked, as in the interview. The answer stays what the
interview stores: the option values, in the order the options are offered.

A single-choice item's answer is picked from its options, by their labels (the saved one
highlighted and marked); Enter picks, Escape cancels; the option's value is stored.

The labels are the plan's (an option's label is a text from outside this device): shown
as Rich Text, never read as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from fieldtui.core.errors import one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.plan.model import Item
from fieldtui.core.plan.options import cleared_message, toggle_option
from fieldtui.tui.screens.once_dialog import OnceDialog
from fieldtui.tui.widgets.tick_box import TickList


class ChoicesDialog(OnceDialog[list[str] | None]):
    """Tick the options of a multi item; dismissed with the values ticked (in the order
    offered), or None when cancelled."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", N_("Save"), id="correction_choices.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="correction_choices.cancel"),
    ]

    def __init__(self, title: str, item: Item, offered: list[tuple[str, str]],
                 ticked: list[str]) -> None:
        """`offered`: (value, label) of each option, in the order asked; `ticked`: the
        values saved."""
        super().__init__()
        self.title_text, self.item, self.offered, self.ticked = title, item, offered, ticked

    def compose(self) -> ComposeResult:
        """The question, the options to tick, the keys."""
        with Vertical(classes="dialog", id="choices-box"):
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield TickList(*((Text(one_line(label)), value, value in self.ticked)
                             for value, label in self.offered), id="choices-list")
            yield Static(_("Space ticks · Enter keeps the ticked answers (none ticked: no "
                           "answer) · Escape cancels"), classes="dim")
            yield Static("", markup=False, id="choices-cleared")
        yield Footer()

    def on_selection_list_selection_toggled(
            self, event: SelectionList.SelectionToggled[str]) -> None:
        """A tick: an exclusive option clears the others, any other the exclusive ones
        (read from the ticks as they are now: keys typed in a burst may have ticked more
        since this one)."""
        event.stop()
        value = event.selection.value
        ticks = self.query_one("#choices-list", SelectionList)
        if value not in ticks.selected:  # an untick clears nothing
            self.query_one("#choices-cleared", Static).update("")
            return
        others = [v for v in ticks.selected if v != value]
        _picked, cleared = toggle_option(self.item, others, value)
        for other in cleared:
            ticks.deselect(other)
        self.query_one("#choices-cleared", Static).update(
            cleared_message(self.item, value, cleared))

    def action_save(self) -> None:
        """Keep the ticked options (none ticked is an empty answer)."""
        ticked = set(self.query_one("#choices-list", SelectionList).selected)
        self.dismiss([value for value, _label in self.offered if value in ticked])

    def action_cancel(self) -> None:
        """Leave the answer as it was."""
        self.dismiss(None)


class ChoiceDialog(OnceDialog[str | None]):
    """Pick the option of a single-choice item; dismissed with its value, or None when
    cancelled."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="correction_choice.cancel"),
    ]

    def __init__(self, title: str, offered: list[tuple[str, str]], saved: str | None,
                 hint: str | None = None) -> None:
        """`offered`: (value, label) of each option, in the order asked; `saved`: the value
        saved (None when there is none); `hint`: the keys line (an answer's by default)."""
        super().__init__()
        self.title_text, self.offered, self.saved = title, offered, saved
        self.hint = hint

    def compose(self) -> ComposeResult:
        """The question, the options to pick from, the keys."""
        with Vertical(classes="dialog", id="choice-box"):
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield OptionList(*(Option(Text(("● " if value == self.saved else "  ")
                                           + one_line(label)), id=f"option:{index}")
                               for index, (value, label) in enumerate(self.offered)),
                             id="choice-list")
            yield Static(self.hint or _("↑↓ choose · Enter picks the answer · Escape cancels"),
                         classes="dim", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """The saved answer highlighted: Enter keeps it."""
        values = [value for value, _label in self.offered]
        if self.saved in values:
            self.query_one("#choice-list", OptionList).highlighted = values.index(self.saved)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on an option: its value."""
        event.stop()
        self.dismiss(self.offered[event.option_index][0])

    def action_cancel(self) -> None:
        """Leave the answer as it was."""
        self.dismiss(None)

"""A checkbox (and a list of them) whose state reads without colour: ☑ ticked, ☐ not
(Textual's Checkbox and SelectionList show an X either way and tell them apart by colour
alone, lost with NO_COLOR)."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton

from fieldtui.core.i18n import N_


class TickBox(Checkbox):
    """A checkbox marked ☑ or ☐."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "☑" if self.value else "☐"
        return super()._button


class SpaceTickBox(TickBox, inherit_bindings=False):
    """A TickBox that only Space ticks: Enter is left to the dialog (which saves), so an
    Enter meant as "save" never unticks the box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", N_("Tick"), show=False, id="tick_box.toggle"),
    ]


class TickList(SelectionList[str]):
    """A SelectionList whose boxes read ☑ ticked, ☐ not, as TickBox's do (Textual's show
    an X either way, ticked ones told apart by colour alone: one grey beside another
    under NO_COLOR)."""

    def render_line(self, y: int) -> Strip:
        """Textual's line with its X replaced by the box's state."""
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if (len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER
                or not 0 <= index < self.option_count):
            return line
        value = self.get_option_at_index(index).value
        segments[1] = Segment("☑" if value in self.selected else "☐", segments[1].style)
        return Strip(segments, line.cell_length)

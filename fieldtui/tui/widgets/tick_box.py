"""A checkbox whose state reads without colour: ☑ ticked, ☐ not (Textual's Checkbox shows
an X either way and tells them apart by colour alone, lost with NO_COLOR)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox

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

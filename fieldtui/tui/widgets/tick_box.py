"""A checkbox whose state reads without colour: ☑ ticked, ☐ not (Textual's Checkbox shows
an X either way and tells them apart by colour alone, lost with NO_COLOR)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A checkbox marked ☑ or ☐."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "☑" if self.value else "☐"
        return super()._button

"""An Input whose text, as it is typed, repaints the Input alone.

Textual's Input keeps the width of its text as its `virtual_size` (how far it can scroll
sideways), and `virtual_size` is a reactive that lays the whole screen out again when it
changes: every key that adds or removes a character was a layout of every widget on the
screen and a repaint of all that moved, though nothing moved. The text's width matters to
the layout only for an Input sized to its text (`width: auto`; Textual's own source says
as much beside the reactive): the answer entries are as wide as their pane, so for them the
new width is kept without a layout, and an Input styled `auto` is laid out as before.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SteadyInput(Input):
    """An Input that lays the screen out on a new text only when its size follows the text."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self) -> None:
        """Sized to its text: the screen is laid out again, as Textual's Input does."""
        if self.styles.auto_dimensions:
            self.refresh(layout=True)

"""A dialog's fields that take a burst of keys in the order typed.

Textual inserts a printable key at once, in the field's own queue, but runs Backspace and
the arrows, and Tab (the app's key), only once the key has bubbled up: in a burst (a fast
typist, an SSH link) `2030-01-01`, five Backspaces and `12-20` ended as `2030-0` (the
letters refused by the full field, then the Backspaces), and the date typed after Tab
landed in the field Tab left; after Tab from a tick box or a dropdown it was lost. Here a
field's own keys run in its queue (`InOrderKeys`), Tab and Shift+Tab move the focus in
that queue too, and a key that reaches the field after the focus has left it is handed on
to where the focus is now (`FocusMovesInOrder`). A dialog that mixes text fields, tick
boxes and dropdowns uses these for all of them.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent

from fieldtui.tui.widgets.in_order_keys import FocusMovesInOrder, InOrderKeys
from fieldtui.tui.widgets.tick_box import SpaceTickBox, TickBox

T = TypeVar("T")


class DialogInput(FocusMovesInOrder, InOrderKeys, Input):
    """An Input whose keys, Tab included, act in the order typed."""


class DialogTickBox(FocusMovesInOrder, InOrderKeys, TickBox):
    """A TickBox whose Space and Enter, and Tab, act in the order typed."""


class DialogSpaceTickBox(FocusMovesInOrder, InOrderKeys, SpaceTickBox):
    """A SpaceTickBox (Enter is the dialog's) whose keys act in the order typed."""


class PlainSelectCurrent(SelectCurrent):
    """A dropdown's closed line that shows its prompt and a text option as written: Textual
    read them as markup there, and a plan's words with a '[/]' ended the app."""

    def compose(self) -> ComposeResult:
        """Textual's label and arrows, the label taking no markup."""
        for widget in super().compose():
            if widget.id == "label" and isinstance(widget, Static):
                widget = type(widget)(self.placeholder, id="label", markup=False)
            yield widget


class DialogSelect(FocusMovesInOrder, InOrderKeys, Select[T]):
    """A dropdown whose keys that open it, and Tab, act in the order typed; its prompt and
    text options are shown as written, never read as markup."""

    def compose(self) -> ComposeResult:
        """Textual's dropdown, its closed line plain (`PlainSelectCurrent`)."""
        for widget in super().compose():
            yield PlainSelectCurrent(self.prompt) if isinstance(widget, SelectCurrent) else widget

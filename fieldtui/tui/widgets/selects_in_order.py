"""An option list whose Enter is taken by the screen before the list takes another key.

OptionList posts its OptionSelected to its own queue, behind the keys already typed: in a
burst (Enter on a row, the new answer, its reason, Ctrl+D) the screen saw the selection
only after Ctrl+D had completed and closed what the row opens (the app stopped on "this
session is closed"), and the answer typed behind the Enter went to the list, not to the
dialog it opens. Here Enter hands the selection to the screen and waits until the screen
has taken it; the keys typed after it reach the dialog it opened, in order
(`hand_on_if_left`).
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from fieldtui.tui.settle import drain, handled
from fieldtui.tui.widgets.in_order_keys import (
    FOCUS_KEYS,
    hand_on_if_left,
    run_screen_binding,
)


class SelectsInOrder(OptionList):
    """An OptionList whose Enter acts before the next key typed; so do Tab and Shift+Tab
    (home: to the other list; elsewhere the screen's own focus moves): Tab or Shift+Tab
    then Enter in one burst opened the entry of the list the focus was leaving."""

    async def _on_key(self, event: events.Key) -> None:
        if await hand_on_if_left(self, event):
            return
        if event.key in FOCUS_KEYS:
            if await run_screen_binding(self, event):
                await handled(self.app)  # the focus moved (`Widget.focus` asks the app)
            return
        if event.key != "enter":
            return
        event.stop()
        event.prevent_default()
        index = self.highlighted
        if index is None or self.get_option_at_index(index).disabled:
            return
        self.screen.post_message(self.OptionSelected(self, self.get_option_at_index(index),
                                                     index))
        await drain(self.screen)

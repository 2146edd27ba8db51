"""A one-line field of a dialog that takes a burst of keys in the order typed.

Textual inserts a printable key at once, in the field's own queue, but runs Backspace and
the arrows, and Tab (the app's key), only once the key has bubbled up: in a burst (a fast
typist, an SSH link) `2030-01-01`, five Backspaces and `12-20` ended as `2030-0` (the
letters refused by the full field, then the Backspaces), and the date typed after Tab
landed in the field Tab left. Here the field's own keys run in its queue
(`InOrderKeys`), Tab and Shift+Tab move the focus in that queue too, and a key that
reaches the field after the focus has left it is handed on to where the focus is now.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from fieldtui.tui.settle import hand_on
from fieldtui.tui.widgets.in_order_keys import InOrderKeys

FOCUS_KEYS = {"tab": 1, "shift+tab": -1}


class DialogInput(InOrderKeys, Input):
    """An Input whose keys, Tab included, act in the order typed."""

    async def _on_key(self, event: events.Key) -> None:
        if self.app.focused is not self:  # typed while this field had the focus
            event.stop()
            event.prevent_default()
            await hand_on(self.app, event)
            return
        step = FOCUS_KEYS.get(event.key)
        if step is not None:
            event.stop()
            event.prevent_default()
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        # Any other key: InOrderKeys, then Input, each in turn (Textual calls every
        # class's own `_on_key` along the MRO until one prevents the default).

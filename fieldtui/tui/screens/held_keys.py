"""Keys typed behind a key whose dialog opens only once a worker has read something.

`b` in review reads the dataset in a worker (is the session sent back already?) before it
opens its dialog: the comment typed right behind `b` in a burst reached the review screen
instead, its letters acting as review keys (`t` opened Themes) and the dialog getting only
the last few letters. The screen holds those keys (`take`) and hands them to the dialog
once it is open (`release`), then any still on their way (`hand_on_late`).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from fieldtui.tui.settle import drain, hand_on, handled
from fieldtui.tui.widgets.in_order_keys import hand_on_if_covered


class HeldKeys:
    """The keys a screen holds while its dialog is being prepared."""

    def __init__(self) -> None:
        self.keys: list[events.Key] | None = None
        self.handing = False  # the dialog is open: keys still reaching the screen are its

    def hold(self) -> None:
        """From now on the keys reaching the screen are the coming dialog's."""
        self.keys = []

    def drop(self) -> None:
        """No dialog after all (the read failed): the keys held are dropped."""
        self.keys, self.handing = None, False

    def done(self) -> None:
        """The dialog is closed: keys are the screen's again."""
        self.keys, self.handing = None, False

    def take(self, event: events.Key) -> bool:
        """True when the key is held for the dialog (not the screen's)."""
        if self.keys is None:
            return False
        event.stop()
        event.prevent_default()
        self.keys.append(event)
        return True

    async def settle(self, app: App[Any], focused: Widget | None) -> None:
        """Before the dialog opens: every key already typed has reached the screen (held)
        or is on its way to it through `focused`."""
        await handled(app)
        await drain(focused)

    async def release(self, app: App[Any]) -> None:
        """The dialog is pushed: hand it the keys held, in the order typed."""
        keys, self.keys = self.keys or [], None
        self.handing = True
        for key in keys:
            await hand_on(app, key)

    async def hand_on_late(self, screen: Screen[Any], event: events.Key) -> bool:
        """A key typed behind the held ones that reached the screen once the dialog was
        open: handed to it too. True when it was."""
        return self.handing and await hand_on_if_covered(screen, event)

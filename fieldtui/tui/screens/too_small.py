"""Shown over everything while the terminal is smaller than 80x24.

It hides the screen below, so keys typed meanwhile are not passed on: acting on a key the
user cannot see the effect of (a consent key, Enter on the next item) would be worse than
asking for it again. The notice says so, counts the keys it did not use and rings the
bell at each, so a touch typist notices at once.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from fieldtui.core.i18n import _, ngettext


class TooSmallScreen(ModalScreen[None]):
    """A plain request to enlarge the terminal; it goes away by itself once it fits."""

    def __init__(self) -> None:
        super().__init__()
        self.unused = 0

    def compose(self) -> ComposeResult:
        """One centred message."""
        yield Static("", id="too-small")

    def on_mount(self) -> None:
        """Say how big the terminal is now."""
        self._describe()

    def on_resize(self) -> None:
        """Keep the numbers current while the user resizes."""
        self._describe()

    def on_key(self, event: events.Key) -> None:
        """A key meant for the hidden screen: not used, and counted on the notice."""
        event.stop()
        event.prevent_default()
        self._not_used()

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text is not used either."""
        event.stop()
        self._not_used()

    def _not_used(self) -> None:
        self.unused += 1
        self.app.bell()
        self._describe()

    def _describe(self) -> None:
        size = self.app.size
        keys = (ngettext("{n} key typed since it showed was not used: type it again once "
                         "it is large enough.",
                         "{n} keys typed since it showed were not used: type them again once "
                         "it is large enough.", self.unused).format(n=self.unused)
                if self.unused else
                _("Keys typed while this shows are not used."))
        self.query_one("#too-small", Static).update(
            _("The terminal is too small for fieldtui.") + "\n\n"
            + _("Make the terminal at least 80x24 (now {width}x{height}).").format(
                width=size.width, height=size.height) + "\n\n"
            + f"{keys}\n\n"
            + _("Nothing is lost: your work is saved and comes back as it was."))

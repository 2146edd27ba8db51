"""Shown over everything while the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """A plain request to enlarge the terminal; it goes away by itself once it fits."""

    def compose(self) -> ComposeResult:
        """One centred message."""
        yield Static("", id="too-small")

    def on_mount(self) -> None:
        """Say how big the terminal is now."""
        self._describe()

    def on_resize(self) -> None:
        """Keep the numbers current while the user resizes."""
        self._describe()

    def _describe(self) -> None:
        size = self.app.size
        self.query_one("#too-small", Static).update(
            "The terminal is too small for fieldtui.\n\n"
            f"Make the terminal at least 80x24 (now {size.width}x{size.height}).\n\n"
            "Nothing is lost: your work is saved and comes back as it was.")

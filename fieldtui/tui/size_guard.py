"""The too-small notice every fieldtui app shows (`base_app`: the field app, review,
follow-ups): below 80x24 their lists shrink to nothing while their keys still act on the row
under a cursor nobody can see (b would send back a session unseen)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Size

# The smallest terminal every screen is laid out for (the field app checks the same).
MIN_WIDTH, MIN_HEIGHT = 80, 24


def guard_size(app: App[Any], size: Size | None = None) -> None:
    """Cover the app with the too-small notice while the terminal (`size`, else the app's)
    is smaller than 80x24; take it away once it fits."""
    from fieldtui.tui.screens.too_small import TooSmallScreen

    width, height = size or app.size
    small = width < MIN_WIDTH or height < MIN_HEIGHT
    showing = isinstance(app.screen, TooSmallScreen)
    if small and not showing:
        app.push_screen(TooSmallScreen())
    elif not small and showing:
        app.pop_screen()


def help_allowed(app: App[Any]) -> bool:
    """F1 opens help unless help or the too-small notice is already on top (the notice
    must stay there until the terminal fits)."""
    from fieldtui.tui.screens.help import HelpScreen
    from fieldtui.tui.screens.too_small import TooSmallScreen

    return not isinstance(app.screen, (HelpScreen, TooSmallScreen))

"""The review app's themes screen, opened from the keyboard as a supervisor opens it."""

from __future__ import annotations

from textual.pilot import Pilot

from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.theme_coding import ThemeCodingScreen
from tests.support.app_support import wait_until


async def themes_opened(app: ReviewApp, pilot: Pilot[None], count: int) -> ThemeCodingScreen:
    """Waits for the sessions list, presses `t`, and returns the themes screen once it
    lists `count` texts to code."""
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen)
                     and bool(app.screen.shown))
    await pilot.press("t")
    await wait_until(pilot, lambda: isinstance(app.screen, ThemeCodingScreen)
                     and len(app.screen.items) == count)
    screen = app.screen
    assert isinstance(screen, ThemeCodingScreen)
    return screen

"""What Ctrl+C says in every fieldtui app: Textual's own notice ("Do you want to quit?
Press q to quit the app") is written in English in its source, so a Chinese screen showed
it in English; this one goes through the catalog. Ctrl+C pressed again replaces it
(`say_once`): one notice, not one a press."""

from __future__ import annotations

from typing import Any

from textual.app import App

from fieldtui.core.i18n import _
from fieldtui.tui.passing_notice import say_once


def say_how_to_quit(app: App[Any]) -> None:
    """Name the key that quits here (Ctrl+C no longer does), in the interface language."""
    for active in app.active_bindings.values():
        if active.binding.action in ("quit", "app.quit"):
            say_once(app, _("Press {key} to quit the app.").format(
                key=app.get_key_display(active.binding)), title=_("Do you want to quit?"))
            return

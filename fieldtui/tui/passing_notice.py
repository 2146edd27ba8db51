"""A notice that answers one key and goes when it no longer applies.

Textual's notices stay their time (5 s) wherever the person goes, and each one stacks on
the last: Home's Reload line, pressed three times, covered half of the lists with three
copies, and opening a plan right after showed it over the prepare screen. A `PassingNotice`
is one notice at a time: showing it again replaces it, and `withdraw` (the screen is
left) takes it away; otherwise it times out as any notice does.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel


class PassingNotice:
    """The one notice of its kind on screen (or none)."""

    def __init__(self) -> None:
        self.shown: Notification | None = None

    def show(self, app: App[Any], message: str, *, severity: SeverityLevel = "information",
             ) -> None:
        """Show `message` as plain text (no markup), in place of the one shown before."""
        self.withdraw(app)
        self.shown = Notification(message, "", severity, app.NOTIFICATION_TIMEOUT,
                                  markup=False)
        app.post_message(Notify(self.shown))  # what App.notify does, keeping the notice

    def withdraw(self, app: App[Any]) -> None:
        """Take the notice away if it is still there (it may have timed out)."""
        shown, self.shown = self.shown, None
        # Textual has no public call to take one notice back: its toasts use this one.
        if shown is not None and shown in app._notifications:
            app._unnotify(shown)

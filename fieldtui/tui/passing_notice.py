"""A notice that answers one key and goes when it no longer applies.

Textual's notices stay their time (5 s) wherever the person goes, and each one stacks on
the last: Home's Reload line, pressed three times, covered half of the lists with three
copies, and opening a plan right after showed it over the prepare screen. A `PassingNotice`
is one notice at a time: showing it again replaces it, and `withdraw` (the screen is
left) takes it away; otherwise it times out as any notice does.

`say_once` does the same for the one-line answers to a refused key (a read-only dataset,
nothing listed to act on): the same words again replace the notice showing them, so a key
pressed five times leaves one notice, not five.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification, SeverityLevel


class PassingNotice:
    """The one notice of its kind on screen (or none)."""

    def __init__(self) -> None:
        self.shown: Notification | None = None

    def show(self, app: App[Any], message: str, *, severity: SeverityLevel = "information",
             timeout: float | None = None, title: str = "") -> None:
        """Show `message` as plain text (no markup), in place of the one shown before."""
        self.withdraw(app)
        self.shown = Notification(message, title, severity,
                                  app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                  markup=False)
        # What App.notify's Notify message does, done at once: a second show before the
        # message loop ran finds the first to replace (two presses in one batch of keys).
        app._notifications.add(self.shown)
        app._refresh_notifications()

    def withdraw(self, app: App[Any]) -> None:
        """Take the notice away if it is still there (it may have timed out)."""
        shown, self.shown = self.shown, None
        # Textual has no public call to take one notice back: its toasts use this one.
        if shown is not None and shown in app._notifications:
            app._unnotify(shown)


_SAID = "_fieldtui_said_once"  # the app's PassingNotice of each line said with say_once


def say_once(node: Any, message: str, *, severity: SeverityLevel = "information",
             timeout: float | None = None, title: str = "") -> None:
    """Show `message` (plain text) on `node`'s app, in place of the same words if they are
    still shown: one identical notice at a time, its time started again."""
    app = node.app
    said: dict[str, PassingNotice] = app.__dict__.setdefault(_SAID, {})
    for words in [w for w, n in said.items() if n.shown not in app._notifications]:
        del said[words]  # timed out or dismissed: nothing to replace
    said.setdefault(message, PassingNotice()).show(app, message, severity=severity,
                                                   timeout=timeout, title=title)


def unsay(node: Any, message: str) -> None:
    """Take back the notice `say_once` shows with `message`, if it is still there (its
    screen is left: it answered a key there, not on the next screen)."""
    said: dict[str, PassingNotice] = node.app.__dict__.get(_SAID, {})
    notice = said.pop(message, None)
    if notice is not None:
        notice.withdraw(node.app)

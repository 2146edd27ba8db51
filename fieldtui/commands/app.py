"""`fieldtui` with no command: open the app on this device (Textual is imported only here)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _


def open_app(ansi: bool = False, no_mouse: bool = False, home: Path | None = None,
             hint: str = "") -> None:
    """Check the enrollment first (a plain one-line error), then run the app.

    The device's keys and kit are read while the unlock screen is already showing (the
    crypto imports are slow); a not-enrolled home is refused before Textual starts.
    """
    from fieldtui.store.home import DeviceHome, home_path

    folder = home if home is not None else home_path()
    if not DeviceHome(folder).card.is_file():
        from fieldtui.store.device import open_device

        open_device(folder)  # raises the precise "not enrolled" error
    need_terminal("fieldtui")  # before Textual is even imported
    from fieldtui.tui.app import FieldtuiApp

    def open_locked() -> Any:
        from fieldtui.store.device import open_device

        return open_device(folder)

    app = FieldtuiApp(locked=open_locked, ansi=ansi, hint=hint)
    run_app(app, mouse=not no_mouse)
    if isinstance(app.startup_error, FieldtuiError):
        raise app.startup_error


def run_app(app: Any, *, mouse: bool, command: str = "fieldtui") -> None:
    """Run a Textual app to its end; one that stopped on an unexpected error (Textual has
    printed the traceback) ends the command non-zero with one line, never exit 0. Without a
    terminal (a pipe, `</dev/null`, a cron job) it is not opened: `command` (as the person
    typed it: `fieldtui review`) says in one line that it needs one."""
    need_terminal(command)
    app.run(mouse=mouse)
    if app.return_code and getattr(app, "startup_error", None) is None:
        raise FieldtuiError(_("the app stopped on an unexpected error (shown above)"),
                            _("what was saved is kept: open it again to go on, and send "
                              "the error above to your supervisor"))


def need_terminal(command: str) -> None:
    """One line, not a screen drawn into a pipe, when standard input or output is not a
    terminal: `command` as the person typed it needs one."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise FieldtuiError(_("{command} needs a terminal to open its screen").format(
                                command=command),
                            _("run it in a terminal window (not through a pipe)"))

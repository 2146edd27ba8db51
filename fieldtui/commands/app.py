"""`fieldtui` with no command: open the app on this device (Textual is imported only here)."""

from __future__ import annotations

import sys
from pathlib import Path

from fieldtui.core.errors import FieldtuiError


def open_app(ansi: bool = False, no_mouse: bool = False, home: Path | None = None,
             hint: str = "") -> None:
    """Check the enrollment first (a plain one-line error), then run the app."""
    from fieldtui.store.device import open_device

    locked = open_device(home)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise FieldtuiError("fieldtui needs a terminal to open the app",
                            "run it in a terminal window (not through a pipe)")
    from fieldtui.tui.app import FieldtuiApp

    FieldtuiApp(locked=locked, ansi=ansi, hint=hint).run(mouse=not no_mouse)

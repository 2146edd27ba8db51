"""NO_COLOR: Textual then draws in shades of grey, so a highlight told apart by colour
(a list's cursor row, a ticked box) is one grey beside another. Every fieldtui app marks
itself `-no-color` (app.tcss then shows them by reverse video, bold and underline): the
field app, review and the follow-up register do so in their shared base (`base_app`)."""

from __future__ import annotations

from typing import Any


def mark_no_color(app: Any) -> None:
    """Add the `-no-color` class to `app` when NO_COLOR is set (Textual's `no_color`)."""
    if getattr(app, "no_color", False):
        app.add_class("-no-color")

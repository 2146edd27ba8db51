"""The review screens on a dataset this user cannot write (a read-only share, a copy with
read-only permissions; `supervise.dataset.read_only_here`): they read it read-only, their
titles say so, and each key that would write (a decision on a conflict, a session sent back,
a theme coded or settled) is not offered (screens/read_only_keys.py) and is refused with one
line instead of asking for anything. The follow-up register does the same."""

from __future__ import annotations

from textual.widget import Widget

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _
from fieldtui.tui.passing_notice import say_once


def refused_line(hint: str | None = None) -> str:
    """The one line for a write the read-only dataset cannot take (`hint`: what to do,
    if not "copy it somewhere writable to decide")."""
    return FieldtuiError(_("read-only: the dataset's folder cannot be written"),
                         hint or _("copy it somewhere writable to decide")).line()


def refuse(node: Widget, hint: str | None = None) -> None:
    """Say on screen, in one line, that nothing can be decided here."""
    say_once(node, refused_line(hint), severity="warning", timeout=10)  # pressed again: one


def marked(title: str, read_only: bool) -> str:
    """A screen's title, saying first that the dataset is read-only when it is."""
    return _("read-only · {title}").format(title=title) if read_only else title

"""The review screens on a dataset this user cannot write (a read-only share, a copy with
read-only permissions; `supervise.dataset.read_only_here`): they read it read-only, their
titles say so, and each key that would write (a decision on a conflict, a session sent back,
a theme coded or settled) is refused with one line instead of asking for anything."""

from __future__ import annotations

from textual.widget import Widget

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _


def refused_line() -> str:
    """The one line for a write the read-only dataset cannot take."""
    return FieldtuiError(_("read-only: the dataset's folder cannot be written"),
                         _("copy it somewhere writable to decide")).line()


def refuse(node: Widget) -> None:
    """Say on screen, in one line, that nothing can be decided here."""
    node.notify(refused_line(), severity="warning", markup=False, timeout=10)


def marked(title: str, read_only: bool) -> str:
    """A screen's title, saying first that the dataset is read-only when it is."""
    return _("read-only · {title}").format(title=title) if read_only else title

"""Tab into a review screen's detail pane, said in its footer and in help (F1).

The detail under a supervisor's list (a session, a conflict, a follow-up, a theme's
sources) scrolls, and Tab is the way into it (Textual's own Tab, which help leaves out as
generic): nothing on screen said so. The screens bind Tab to their own action, which moves
the focus as before, with a short word for the footer and a longer one for help."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from fieldtui.core.i18n import N_


def detail_binding(binding_id: str) -> Binding:
    """Tab, shown as "Detail": to the detail pane and back to the list."""
    return Binding("tab", "detail_pane", N_("Detail"), id=binding_id,
                   tooltip=N_("Move between the list and its detail (↑/↓ scroll the detail)"))


class DetailPane(Screen[None]):
    """A review screen whose Tab moves between its list and its detail pane."""

    def action_detail_pane(self) -> None:
        """Tab: the next part of the screen (the detail, then the list again)."""
        self.focus_next()

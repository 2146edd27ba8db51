"""Tab into a review screen's detail pane, said in its footer and in help (F1).

The detail under a supervisor's list (a session, a conflict, a follow-up, a theme's
sources) scrolls, and Tab is the way into it (Textual's own Tab, which help leaves out as
generic): nothing on screen said so. The screens bind Tab to their own action, which moves
the focus as before, with a short word for the footer and a longer one for help.
`DetailText` is that pane: text shown as it is (never read as markup: it holds what
devices sent), from its top each time it changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

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


class DetailText(VerticalScroll):
    """The scrolling detail under a list: one text (`text_id` is its Static's id), shown
    from its top each time `show` changes it."""

    DEFAULT_CSS = """
    DetailText { height: auto; border-top: solid $primary; }
    DetailText > Static { height: auto; }
    """

    def __init__(self, text: str = "", *, id: str, text_id: str) -> None:
        super().__init__(id=id)
        self._text, self._text_id = text, text_id

    def compose(self) -> ComposeResult:
        yield Static(self._text, id=self._text_id, markup=False)

    def show(self, text: str) -> None:
        """Put `text` in the pane and scroll back to its top."""
        self.query_one(Static).update(text)
        self.scroll_home(animate=False)

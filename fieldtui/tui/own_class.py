"""A class that only the widget's own rules read, changed without restyling its insides.

Textual's `set_class` styles the widget and every widget inside it again (a rule may style
a descendant by the class). For a class that no rule reads on a descendant (`#entry.typing`
in app.tcss: the entry box fills the pane while it holds a text area), that is wasted work:
on the interview screen each move between a roster's member list and a text item restyled
the whole item pane (a text area alone is nine nodes with its parts). Here only the widget
is styled again.
"""

from __future__ import annotations

from textual.widget import Widget


def set_own_class(widget: Widget, add: bool, name: str) -> None:
    """Add or remove `name` on `widget`, styling the widget alone again (nothing when it
    has the class already, or has not). Only for a class no rule reads on a descendant."""
    if widget.has_class(name) == add:
        return
    widget.set_class(add, name, update=False)
    if widget.is_attached:
        widget.app.stylesheet.update_nodes([widget], animate=True)

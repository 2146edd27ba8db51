"""Show a new text in a Static, laying the screen out again only when its size may change.

`Static.update` lays out the whole screen each time (a new text may need more rows), and
the screen then repaints every widget that the layout touched. On the interview screen the
outline's cursor moves, the item's prompt and the section clock change on keys and ticks
that leave their rows as they were: Textual's own `update(..., layout=False)` repaints
just the widget, and is used when the new text takes as many rows as the old at the
widget's width as the widget was given at the last layout (and the width does not follow
the text); anything else is laid out as `Static.update` does.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


def _rows(widget: Static, width: int) -> int:
    """The rows the widget's text takes at `width` (Textual caches it until a refresh)."""
    return widget.get_content_height(widget.container_size, widget.app.size, width)


def lay_out_again(widget: Widget) -> None:
    """Lay the screen out again for a widget whose rows changed.

    Textual (8.2.8, pinned) counts a layout asked for before the widget's next idle once,
    and keeps the widget's size by that count: when a layout ran in between (asked for by
    another widget), the size computed there, for the old rows, would be kept. A new count
    makes the layout measure the widget again.
    """
    widget._layout_updates += 1
    widget.refresh(layout=True)


def show_text(widget: Static, content: VisualType) -> None:
    """Show `content` in `widget` unless it shows it already (then nothing is redrawn)."""
    if widget.content == content:
        return
    width = widget.outer_size.width - widget.styles.gutter.width
    styles = widget.styles
    if (not widget.is_mounted or width <= 0 or not widget.display
            or (styles.has_rule("width") and styles.width is not None and styles.width.is_auto)):
        widget.update(content)  # not laid out yet, or as wide as its text: a layout
        return
    laid_out = widget.outer_size.height - styles.gutter.height  # rows at the last layout
    widget.update(content, layout=False)
    if _rows(widget, width) != laid_out:
        widget.refresh(layout=True)

"""What a screen shows, as text lines, and the lines it cuts (for the 80x24 fit checks)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import Footer, Static


def screen_lines(app: App[Any]) -> list[str]:
    """The active screen as the terminal shows it, one string a row."""
    compositor = app.screen._compositor
    return [strip.text for strip in compositor.render_strips()]


def _in_scroller(widget: Widget) -> bool:
    """True inside a scrolling container: what does not fit there is scrolled to, not cut."""
    node = widget.parent
    while isinstance(node, Widget):
        if isinstance(node, ScrollableContainer):
            return True
        node = node.parent
    return False


def cut_widgets(app: App[Any], may_scroll: frozenset[str] = frozenset()) -> list[str]:
    """Every text widget on the screen whose text needs more rows or columns than it has.

    A Static of fixed height whose wrapped text is taller is cut; so is a footer whose keys
    are wider than the terminal, and a scrolling box whose content overflows unless its id is
    in `may_scroll` (boxes where scrolling is the design: a long roster, the plan check).
    Each is named with the start of its text.
    """
    screen = app.screen
    cut: list[str] = []
    for box in screen.query(ScrollableContainer):
        if not box.display or not box.visible or box.id in may_scroll or _in_scroller(box):
            continue
        room = box.scrollable_content_region
        if box.virtual_size.height > room.height or box.virtual_size.width > room.width:
            cut.append(f"#{box.id or type(box).__name__}: content {box.virtual_size} does not "
                       f"fit {room.size}")
    for widget in screen.query(Static):
        if not widget.display or not widget.visible or _in_scroller(widget):
            continue
        region = widget.content_region
        if region.width <= 0:
            continue
        needed = widget.get_content_height(screen.size, screen.size, region.width)
        if needed > region.height:
            text = str(widget.render())
            cut.append(f"#{widget.id or type(widget).__name__}: needs {needed} rows, has "
                       f"{region.height}: {text[:60]!r}")
    for footer in screen.query(Footer):
        if footer.virtual_size.width > footer.size.width:
            cut.append(f"footer keys need {footer.virtual_size.width} columns, "
                       f"has {footer.size.width}")
    return cut


MARKS = ("bold", "dim", "italic", "underline", "reverse", "strike")


def row_marks(app: App[Any], label: str) -> set[str]:
    """The attributes other than colour (bold, underline, reverse…) on the row of `label`,
    as the screen draws it: what shows of a highlight without colour (NO_COLOR)."""
    for strip in app.screen._compositor.render_strips():
        if label in strip.text:
            marks: set[str] = set()
            for segment in strip:
                style = segment.style
                if style is None or label not in segment.text:
                    continue
                marks |= {name for name in MARKS if getattr(style, name)}
            return marks
    raise AssertionError(f"no row shows {label}")

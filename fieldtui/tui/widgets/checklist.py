"""A checklist ticked with Space: ☑ done, ☐ not yet (readable without colour)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from fieldtui.core.i18n import N_


class Checklist(Widget, can_focus=True):
    """Lines to tick before going out; Up/Down move, Space ticks.

    Each line wraps under its own text (a hanging indent), so nothing is cut in a narrow box;
    in a scrolling box the cursor line is kept in view.
    """

    DEFAULT_CSS = """
    Checklist {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", N_("Tick"), id="checklist.tick"),
        Binding("up", "move(-1)", "Up", show=False, id="checklist.up"),
        Binding("down", "move(1)", "Down", show=False, id="checklist.down"),
    ]

    class Ticked(Message):
        """A line was ticked or unticked; `selected` is every ticked line, in plan order."""

        def __init__(self, selected: list[str]) -> None:
            super().__init__()
            self.selected = selected

    def __init__(self, lines: tuple[str, ...], *, id: str | None = None,
                 ticked: Iterable[str] = ()) -> None:
        super().__init__(id=id)
        self.lines = lines
        already = set(ticked)
        self.ticked: set[int] = {i for i, line in enumerate(lines) if line in already}
        self.cursor = 0

    def render(self) -> Table:
        """One row a line; the cursor line is reversed only while focused."""
        grid = Table.grid()
        grid.add_column(width=2, no_wrap=True)
        grid.add_column()
        for index, line in enumerate(self.lines):
            mark = "☑" if index in self.ticked else "☐"
            style = "reverse" if self.has_focus and index == self.cursor else ""
            grid.add_row(Text(mark, style=style), Text(line, style=style))
        return grid

    def action_move(self, step: int) -> None:
        """Move the cursor, keeping it in view."""
        self.cursor = max(0, min(len(self.lines) - 1, self.cursor + step))
        self.refresh()
        self._show_cursor()

    def action_tick(self) -> None:
        """Tick or untick the cursor line."""
        self.ticked ^= {self.cursor}
        self.refresh()
        self.post_message(self.Ticked(self.selected))

    @property
    def selected(self) -> list[str]:
        """The ticked lines, in the plan's order."""
        return [line for i, line in enumerate(self.lines) if i in self.ticked]

    def _show_cursor(self) -> None:
        width = max(self.content_region.width - 2, 1)
        top = sum(len(Text(line).wrap(self.app.console, width)) for line in
                  self.lines[:self.cursor])
        rows = len(Text(self.lines[self.cursor]).wrap(self.app.console, width))
        parent = self.parent
        if isinstance(parent, Widget) and parent.is_scrollable:
            parent.scroll_to_region(Region(0, self.virtual_region.y + top, 1, rows),
                                    animate=False, immediate=True)

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()


class TitledChecklist(Checklist):
    """A checklist in a box whose title names Space ("Checklist (k here, Space ticks)") on a
    screen whose footer has no room left: Space ticks as ever, the footer leaves it out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", N_("Tick"), show=False, id="checklist.tick"),
    ]

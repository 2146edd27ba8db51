"""A checklist ticked with Space: ☑ done, ☐ not yet (readable without colour)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget


class Checklist(Widget, can_focus=True):
    """Lines to tick before going out; Up/Down move, Space ticks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="checklist.tick"),
        Binding("up", "move(-1)", "Up", show=False, id="checklist.up"),
        Binding("down", "move(1)", "Down", show=False, id="checklist.down"),
    ]

    def __init__(self, lines: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = lines
        self.ticked: set[int] = set()
        self.cursor = 0

    def render(self) -> Text:
        """One line each; the cursor line is reversed only while focused."""
        text = Text()
        for index, line in enumerate(self.lines):
            mark = "☑" if index in self.ticked else "☐"
            style = "reverse" if self.has_focus and index == self.cursor else ""
            text.append(f"{mark} {line}", style=style)
            if index + 1 < len(self.lines):
                text.append("\n")
        return text

    def action_move(self, step: int) -> None:
        """Move the cursor."""
        self.cursor = max(0, min(len(self.lines) - 1, self.cursor + step))
        self.refresh()

    def action_tick(self) -> None:
        """Tick or untick the cursor line."""
        self.ticked ^= {self.cursor}
        self.refresh()

    @property
    def selected(self) -> list[str]:
        """The ticked lines, in the plan's order."""
        return [line for i, line in enumerate(self.lines) if i in self.ticked]

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

"""A text widget made of rows, where a changed row repaints that row alone.

A `Static` renders its whole text again on any change, and measures it again to know its
height: the interview outline (60 rows on the 600-item plan) cost about as much to draw as
the rest of a typed key, though a key changes one row of it at most (a section's count, an
item's tick). Here the text is a list of rows, each rendered (wrapped to the width) on its
own and kept: a new list renders only the rows that differ from the old ones and repaints
just their lines (the rows before the first change and after the last are kept when rows
come or go); the screen is laid out again only when the number of lines changes.
The lines are those a `Static` showing the rows joined by newlines renders (each row is
wrapped alone, as Textual wraps each line of a text).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from fieldtui.tui.widgets.steady_text import lay_out_again

Row = tuple[tuple[str, str], ...]  # one row: its pieces of text, each with a Rich style
RENDERED_KEPT = 1024  # rows kept rendered (all of them again once there are more)


def row_text(row: Row) -> Text:
    """A row as Rich text."""
    return Text.assemble(*row)


class RowLines(Widget):
    """Rows of text; `show_rows` repaints the rows that changed (a layout only when the
    number of lines does)."""

    DEFAULT_CSS = """
    RowLines {
        height: auto;
    }
    """
    ALLOW_SELECT = False  # a selection would be drawn over rows kept rendered

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._row_strips: list[list[Strip]] = []  # each row's lines at `_width`
        self._lines: list[Strip] = []
        self._width = -1  # the width the rows were rendered at (-1: not rendered)
        # Rows rendered before, by row and width: a move between a roster's member list and
        # its members' items swaps half the rows and back, the same rows each time.
        self._rendered: dict[tuple[Row, int], list[Strip]] = {}

    @property
    def rows(self) -> list[Row]:
        """The rows shown."""
        return self._rows

    def render(self) -> Text:
        """The whole text (what a `Static` would show)."""
        return Text("\n").join(row_text(row) for row in self._rows)

    def _render_row(self, row: Row, width: int) -> list[Strip]:
        strips = self._rendered.get((row, width))
        if strips is None:
            if len(self._rendered) >= RENDERED_KEPT:
                self._rendered.clear()
            visual = visualize(self, row_text(row))
            strips = Visual.to_strips(self, visual, width, None, self.visual_style)
            self._rendered[row, width] = strips
        return strips

    def _lines_at(self, width: int) -> list[Strip]:
        if width != self._width:
            self._row_strips = [self._render_row(row, width) for row in self._rows]
            self._lines = [strip for strips in self._row_strips for strip in strips]
            self._width = width
        return self._lines

    def render_line(self, y: int) -> Strip:
        """A line of the rows (blank below them)."""
        width = self.size.width
        lines = self._lines_at(width)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the rows take at `width`."""
        return len(self._lines_at(width)) if width > 0 else 0

    def notify_style_update(self) -> None:
        """New styles (a theme, a pseudo-class): every row is rendered again."""
        self._width = -1
        self._rendered.clear()
        super().notify_style_update()

    def _lay_out(self) -> None:
        """Every row rendered again, and the screen laid out for the new height."""
        self._width = -1
        lay_out_again(self)

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Show `rows`: the rows that changed are rendered again and only their lines are
        repainted; the screen is laid out again only when the number of lines changes."""
        old, old_strips, self._rows = self._rows, self._row_strips, list(rows)
        width = self.size.width
        if not self.is_mounted or width <= 0 or width != self._width:
            self._lay_out()
            return
        # The rows before the first change and after the last one are kept as rendered.
        head, limit = 0, min(len(old), len(rows))
        while head < limit and old[head] == rows[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == rows[-1 - tail]:
            tail += 1
        if head == len(old) == len(rows):
            return  # nothing changed
        was, now = old[head:len(old) - tail], self._rows[head:len(rows) - tail]
        kept = old_strips[head:len(old) - tail]
        if len(was) == len(now):  # rows changed in place: those equal stay rendered
            strips = [kept[n] if was[n] == row else self._render_row(row, width)
                      for n, row in enumerate(now)]
        else:
            strips = [self._render_row(row, width) for row in now]
        self._row_strips = [*old_strips[:head], *strips, *old_strips[len(old) - tail:]]
        line = sum(len(s) for s in old_strips[:head])
        before = sum(len(s) for s in kept)
        self._lines[line:line + before] = [strip for lines in strips for strip in lines]
        if sum(len(s) for s in strips) != before:
            lay_out_again(self)  # as many rows or not, the height changed
        elif len(was) != len(now) or any(
                len(a) != len(b) for a, b in zip(kept, strips, strict=True)):
            self.refresh(Region(0, line, width, before))
        else:
            for n, lines in enumerate(strips):
                if was[n] != now[n]:
                    self.refresh(Region(0, line, width, len(lines)))
                line += len(lines)

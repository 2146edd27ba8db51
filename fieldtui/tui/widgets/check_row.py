"""The row under an interview's answer box where the answer's check (its constraint) says
what is wrong.

One row while the message fits it, so it comes and goes as a key is typed without moving
anything; a longer message takes a second row rather than being cut (at 80 columns a
plan's "That is more than three phones per person; please check the number." ended at
"please…", and only a 5-second notice said the rest). The text is broken at the width
the row has when drawn, at spaces and between the characters of a Chinese message
(Textual's own wrapping put a Chinese sentence, one "word" to it, whole on the next row);
a message longer than two rows ends the second in …
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

from fieldtui.supervise.report_wrap import wrap_cells

CHECK_ROWS = 2  # the most rows a message takes


def check_rows(line: str, width: int) -> list[str]:
    """`line` in at most CHECK_ROWS rows of `width` cells, the last ending in … when cut
    (a word wider than a row is cut too); the line whole while no width is known yet."""
    # a tab (a plan's text may hold one) is a space here: counted as no cell by the
    # wrapping, drawn as up to 8 by the terminal, it pushed the rest of a row off its end
    line = line.replace("\t", " ")
    if not line or width < 2:
        return [line]
    rows = wrap_cells(line, width)
    shown = rows[:CHECK_ROWS]
    for n, row in enumerate(shown):
        if cell_len(row) > width or (n == len(shown) - 1 and len(rows) > CHECK_ROWS):
            shown[n] = (set_cell_size(row, width - 1).rstrip() if cell_len(row) >= width
                        else row) + "…"
    return shown


class CheckRow(Static):
    """The check's message (a Static, as the screen fills it), in one row or two."""

    def render(self) -> Text:
        """The message broken into the rows of this widget's width."""
        return Text("\n".join(check_rows(self._line(), self.size.width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row, or two for a message longer than one (read at the width the layout
        gives: what `render` draws at that width)."""
        return len(check_rows(self._line(), width))

    def _line(self) -> str:
        return str(self.content)

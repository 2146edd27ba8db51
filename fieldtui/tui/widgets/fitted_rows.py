"""A list entry of a few rows, each cut with … to the width it is drawn at.

Home's drafts list cut each row to the 74 cells it has at 80 columns, but a list that
scrolls loses a column or two to its scrollbar, and the second row then wrapped to the
entry's first column ("…at item 16/16: Note your" / "impression…"). Cut when drawn, a row
fits whatever width the list has; the rows after the first stay indented under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from fieldtui.core.errors import one_line
from fieldtui.tui.widgets.short_text import short_prompt


@dataclass(frozen=True)
class FittedRows:
    """`first` (then `tail`, kept whole: a respondent code after a title) and the `rest`,
    each on its own row, indented by `indent`; `cells` is the width `str()` cuts to (the
    text a test or the discard dialog reads)."""

    first: str
    rest: tuple[str, ...] = ()
    tail: str = ""
    indent: int = 2
    cells: int = 74

    def lines(self, width: int) -> list[str]:
        """The rows as drawn in `width` cells, escaped: a row names what a store or a
        return holds (a respondent code, a piped answer), and Rich Text keeps ESC."""
        first, tail = one_line(self.first), one_line(self.tail)
        room = width - cell_len(tail)
        if tail and room >= 12:
            head = short_prompt(first, room) + tail
        else:
            head = short_prompt(first + tail, width)
        pad = " " * self.indent
        return [head, *(pad + short_prompt(one_line(row), width - self.indent)
                        for row in self.rest)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n".join(self.lines(options.max_width)), no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(cell_len(line) for line in self.lines(self.cells))
        return Measurement(min(widest, 20), widest)

    def __str__(self) -> str:
        return "\n".join(self.lines(self.cells))

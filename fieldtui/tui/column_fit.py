"""A table's columns sized to what they hold, within the width of the screen.

Fixed widths left room unused in one column while another was cut (the review's Plan
column had room to spare beside "Demo Inter…"; the follow-up register's concern text got
10 columns of 80). Here each column takes the width of its longest cell or heading; when
they do not all fit, the widest give way, cut to one common width (never below `floor`),
and what is left of the room goes first to those that then fit whole. Widths count
terminal columns (a Chinese character takes two). A heading cut is cut with … as its
cells are (the first characters say which column it is)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from fieldtui.core.errors import one_line

PADDING = 2  # a DataTable cell's padding, one column on each side
SCROLL_BAR = 2  # a DataTable's vertical scroll bar, when the rows do not all show
FLOOR = 4  # the narrowest a column is cut to: three characters and …


def content_widths(labels: Sequence[str | Text],
                   rows: Iterable[Sequence[str]]) -> list[int]:
    """The widest heading or cell of each column."""
    widths = [label.cell_len if isinstance(label, Text) else cell_len(label)
              for label in labels]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], cell_len(cell))
    return widths


def fitted_widths(needs: Sequence[int], room: int, floor: int = FLOOR) -> list[int]:
    """Widths for columns that need `needs` in `room` terminal columns (cell padding
    counted here): each its need when all fit; else the widest cut to the one width that
    fits (not below `floor`), the room left given first to the columns that it makes whole
    (the smallest shortfall first; the rightmost first on a tie)."""
    cells = room - PADDING * len(needs)
    if sum(needs) <= cells:
        return list(needs)
    level = max(floor, 0)
    while sum(min(need, level + 1) for need in needs) <= cells:
        level += 1
    widths = [min(need, level) for need in needs]
    left = max(cells - sum(widths), 0)  # none when even the floor does not fit
    for index in sorted((i for i, need in enumerate(needs) if need > widths[i]),
                        key=lambda i: (needs[i] - widths[i], -i)):
        more = min(left, needs[index] - widths[index])
        widths[index] += more
        left -= more
    return widths


def table_room(width: int, height: int, rows: int) -> int:
    """The columns a table of `width` x `height` (its heading row included) has for its
    cells: less its scroll bar when `rows` do not all show (or the height is not known)."""
    scrolls = height <= 0 or rows > height - 1
    return width - (SCROLL_BAR if scrolls else 0)


def heading(label: str | Text) -> Text:
    """A column's heading, cut with … when its column is narrower (a str is markup, as
    DataTable reads it; a Text is shown as written)."""
    text = Text.from_markup(label) if isinstance(label, str) else label.copy()
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def sized_columns(table: DataTable[Any], labels: Sequence[str | Text],
                  rows: Sequence[Sequence[str]], width: int) -> None:
    """Clear `table` (rows and columns) and add its columns, each sized to `rows` (their
    cells as one line) within the table's `width` (the screen's before the first layout)."""
    room = table_room(table.size.width or width, table.size.height, len(rows))
    widths = fitted_widths(content_widths(labels, ([one_line(t) for t in row]
                                                   for row in rows)), room)
    table.clear(columns=True)
    for label, size in zip(labels, widths, strict=True):
        table.add_column(heading(label), width=size)

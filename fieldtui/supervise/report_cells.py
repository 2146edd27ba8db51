"""Text laid out in terminal cells for the text report: cut, padded and fitted to a width,
and a table's columns in blocks that fit it (`column_blocks`).

A wide character (Chinese) takes two cells (rich's `cell_len`); the report's lines fit a
terminal of `REPORT_WIDTH` columns.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from fieldtui.supervise.report_wrap import Row

REPORT_WIDTH = 80  # the text report's lines fit a terminal of 80 columns


def cut(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (a wide character takes two; one cut in half
    becomes a space)."""
    return text if cell_len(text) <= cells else set_cell_size(text, cells)


def left(text: str, cells: int) -> str:
    """`text` padded on the right to `cells` terminal cells."""
    return text + " " * max(0, cells - cell_len(text))


def right(text: str, cells: int) -> str:
    """`text` padded on the left to `cells` terminal cells."""
    return " " * max(0, cells - cell_len(text)) + text


def fitted(text: str, cells: int) -> str:
    """`text` on one line in at most `cells` terminal cells, ending in … where cut."""
    line = " ".join(text.split())
    return line if cell_len(line) <= cells else cut(line, cells - 1).rstrip() + "…"


def column_blocks(heads: list[str], labels: list[str], body: list[list[str]], *,
                  indent: int, label: int, column: int) -> list[str]:
    """A table in rows of `indent` spaces, the row label in `label` cells, then `column`
    cells a column (`heads` over them; `labels` and `body` the rows, a label and its cells
    as shown). One wider than the report's 80 columns comes in blocks of columns of even
    width, one under the other with an empty line between (the row labels in each, the
    last columns in the last), never as rows the terminal breaks."""
    fit = max(1, (REPORT_WIDTH - indent - label) // column)  # columns on one line of 80
    blocks = max(1, -(-len(heads) // fit))
    size = max(1, -(-len(heads) // blocks))  # blocks of even width: 4 and 4, not 7 and 1
    lines: list[str] = []
    for first in range(0, len(heads), size):
        block = slice(first, first + size)
        if first:
            lines.append("")
        lines.append(Row(" " * (indent + label) + "".join(right(h, column)
                                                          for h in heads[block])))
        lines += [Row(" " * indent + left(name, label) + "".join(right(v, column)
                                                                 for v in row[block]))
                  for name, row in zip(labels, body, strict=True)]
    return lines

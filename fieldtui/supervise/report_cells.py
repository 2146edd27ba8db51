"""Text laid out in terminal cells for the text report: cut, padded and fitted to a width.

A wide character (Chinese) takes two cells (rich's `cell_len`); the report's lines fit a
terminal of `REPORT_WIDTH` columns.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

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

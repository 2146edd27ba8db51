"""A table with a row cursor whose Home and End keys go to the first and last row.

Textual's DataTable moves to the first or last *column* on Home and End (Ctrl+Home and
Ctrl+End go to the top and bottom); with a row cursor and nothing to scroll sideways both
keys did nothing, so a supervisor with hundreds of sessions had no quick way to the end of
the list."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import CellType


class RowTable(DataTable[CellType]):
    """A DataTable for a row cursor: Home and End go to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "Top", id="table.top", show=False),
        Binding("end", "scroll_bottom", "Bottom", id="table.bottom", show=False),
    ]

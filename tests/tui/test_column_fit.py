"""Columns sized to what they hold (tui/column_fit.py): all whole when they fit; else the
widest cut to one width, and the room left first to a column it then makes whole."""

from __future__ import annotations

from fieldtui.tui.column_fit import content_widths, fitted_widths, table_room


def test_columns_take_what_they_hold_and_the_widest_give_way() -> None:
    assert content_widths(["id", "状态"], [("a", "open"), ("abcdef", "x")]) == [6, 4]
    assert fitted_widths([5, 3], 80) == [5, 3]  # room to spare: none padded
    # 80 columns, 6 padded cells: 68 for 16 + 6 + 10 + 3 + 17 + 17 = 69: one is cut by one
    widths = fitted_widths([16, 6, 10, 3, 17, 17], 80)
    assert sum(widths) == 68 and widths[:4] == [16, 6, 10, 3] and sorted(widths[4:]) == [16, 17]
    # one long text takes what the others leave
    assert fitted_widths([10, 8, 60], 40) == [10, 8, 40 - 6 - 18]
    assert fitted_widths([30, 30], 10) == [4, 4]  # never below the floor


def test_the_scroll_bar_takes_room_only_when_the_rows_do_not_all_show() -> None:
    assert table_room(80, 15, 3) == 80
    assert table_room(80, 15, 20) == 78
    assert table_room(80, 0, 3) == 78  # not laid out yet

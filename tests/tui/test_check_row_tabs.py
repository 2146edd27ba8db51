"""A plan's check message may hold a tab (the plan check lets tab and newline through): the
row broke the message counting it as no cell, the terminal drew it as up to eight, and the
rest of a quoted part ran off the row's end, unseen. A tab is a space in the row now."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from fieldtui.tui.widgets.check_row import CheckRow, check_rows
from fieldtui.tui.widgets.steady_text import show_text
from tests.support.screen_text import screen_lines

MESSAGE = "✗ 'a\t\t\t\t\t\t\t\tb' c d e f g h i j k l m n o p"


class _Rows(App[None]):
    CSS = ("#item-check { height: auto; max-height: 2; text-wrap: nowrap; "
           "text-overflow: ellipsis; }")

    def compose(self) -> ComposeResult:
        yield CheckRow("", id="item-check")
        yield Static("below")


async def test_a_tab_in_a_check_message_hides_no_word() -> None:
    app = _Rows()
    async with app.run_test(size=(30, 8)) as pilot:
        show_text(app.query_one("#item-check", Static), Text(MESSAGE))
        await pilot.pause()
        await pilot.pause()
        shown = " ".join(screen_lines(app)[:2]).split()
        assert shown == ["✗", "'a", "b'", *"cdefghijklmnop"], screen_lines(app)


def test_the_rows_have_no_tab() -> None:
    rows = check_rows(MESSAGE, 30)
    assert all("\t" not in row and cell_len(row) <= 30 for row in rows), rows

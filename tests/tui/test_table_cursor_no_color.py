"""Under NO_COLOR the cursor row of a table (the supervisor's review list, the conflicts,
the follow-up register: RowTable) and of a list of ticked items (a multi-choice answer
in a correction, a theme's codes: TickList) relied on reverse video, which Textual does
not draw there (it folds it into the colours NO_COLOR takes away): the row differed from
the others by bold at most. It is underlined as well now, as a pick list's row is
(be726f4d)."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.no_color import mark_no_color
from fieldtui.tui.widgets.row_table import RowTable
from fieldtui.tui.widgets.tick_box import TickList
from tests.support.app_support import wait_until
from tests.support.screen_text import row_marks

LABELS = ("Ann", "Bo", "Cy")


def _table() -> Widget:
    return RowTable[str](cursor_type="row")


def _ticks() -> Widget:
    return TickList(*((Text(label), label, label == "Cy") for label in LABELS))


class Styled(App[None]):
    """One list over a bare app with the apps' styles (app.tcss) and their NO_COLOR mark."""

    CSS_PATH = FieldtuiBaseApp.CSS_PATH

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        mark_no_color(self)
        if isinstance(self.widget, RowTable):
            self.widget.add_columns("Who", "Where")
            for label in LABELS:
                self.widget.add_row(label, "village")
        self.widget.focus()


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


@pytest.mark.parametrize("make", [_table, _ticks], ids=["table", "ticked list"])
@pytest.mark.parametrize("cursor", ["Bo", "Cy"])  # Cy: a ticked item under the cursor
async def test_the_cursor_row_shows_without_colour(make: Any, cursor: str) -> None:
    app = Styled(make())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.widget.has_focus, what="the list")
        await pilot.press(*["down"] * LABELS.index(cursor))
        await pilot.pause()
        assert app.has_class("-no-color")
        others = set().union(*(row_marks(app, label) for label in LABELS if label != cursor))
        highlighted = row_marks(app, cursor)
        shown = highlighted - others - {"bold"}  # bold alone is too faint to tell a row by
        assert shown & {"underline", "reverse"}, (highlighted, others)

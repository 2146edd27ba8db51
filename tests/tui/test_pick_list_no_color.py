"""Under NO_COLOR a pick list's highlighted row ("Who speaks?", the skip reasons, the
sections to jump to, a dropdown's open list) differed from the others by bold alone: the
reverse video app.tcss asks for is not drawn on an option list's row (Textual folds it
into the colours, and those are what NO_COLOR takes away). It is underlined as well now,
which shows without colour."""

from __future__ import annotations

import pytest
from textual.app import App

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.no_color import mark_no_color
from fieldtui.tui.screens.group.pick import ParticipantPicker
from tests.support.app_support import wait_until
from tests.support.screen_text import row_marks

PEOPLE = [("P1", "Ann"), ("P2", "Bo"), ("P3", "Cy")]


class Styled(App[None]):
    """The picker over a bare app with the apps' styles (app.tcss) and their NO_COLOR mark."""

    CSS_PATH = FieldtuiBaseApp.CSS_PATH

    def on_mount(self) -> None:
        mark_no_color(self)
        self.push_screen(ParticipantPicker("Who speaks?", PEOPLE))


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


async def test_the_highlighted_row_shows_without_colour() -> None:
    app = Styled()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantPicker),
                         what="the picker")
        await pilot.press("down")
        await pilot.pause()
        assert app.has_class("-no-color")
        highlighted, others = row_marks(app, "Bo"), row_marks(app, "Ann") | row_marks(app, "Cy")
        shown = highlighted - others - {"bold"}  # bold alone is too faint to tell a row by
        assert shown & {"underline", "reverse"}, (highlighted, others)

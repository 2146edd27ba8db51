"""Under NO_COLOR the concern dialog's dropdowns (category, urgency, whose concern) and
tick boxes (settled, promised) looked the same focused or not: Textual tells their focus
apart by colour alone, so after Tab from the description nothing on screen said where the
next key would go (only a text field, with its double border, showed it). Each one now
shows its focus without colour as well."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widget import Widget

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.no_color import mark_no_color
from fieldtui.tui.screens.concern_dialog import ConcernDialog
from tests.support.app_support import wait_until
from tests.support.group_poll_support import group_plan

FIELDS = ("#concern-category", "#concern-urgency", "#concern-owner", "#concern-settled",
          "#concern-promise")


class Styled(App[None]):
    """The dialog over a bare app with the apps' styles (app.tcss) and their NO_COLOR mark."""

    CSS_PATH = FieldtuiBaseApp.CSS_PATH

    def on_mount(self) -> None:
        mark_no_color(self)
        self.push_screen(ConcernDialog(group_plan(), [("P1", "Ann"), ("P2", "Bo")]))


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


def _looks(app: App[Any], widget: Widget) -> list[tuple[str, tuple[str, ...]]]:
    """What `widget` shows without colour: each row's characters and their attributes
    (bold aside: bold alone is too faint to tell a focused field by, as Textual's tick box
    did)."""
    region = widget.region
    rows = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        if not region.y <= y < region.bottom:
            continue
        cut = strip.crop(region.x, region.right)
        for segment in cut:
            style = segment.style
            marks = tuple(name for name in ("dim", "italic", "underline", "reverse", "strike")
                          if style is not None and getattr(style, name))
            rows.append((segment.text, marks))
    return rows


@pytest.mark.parametrize("field", FIELDS)
async def test_a_focused_dropdown_or_tick_box_shows_without_colour(field: str) -> None:
    app = Styled()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConcernDialog), what="dialog")
        await wait_until(pilot, lambda: app.focused is not None
                         and app.focused.id == "concern-text", what="the description")
        assert app.has_class("-no-color")
        widget = app.screen.query_one(field)
        await pilot.pause()
        blurred = _looks(app, widget)
        widget.focus()
        await wait_until(pilot, lambda: app.focused is widget, what=field)
        await pilot.pause()
        assert _looks(app, widget) != blurred, f"{field} looks the same focused or not"

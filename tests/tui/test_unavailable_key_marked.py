"""A key that cannot act now is told apart without colour: struck through, not only dimmed.

Textual only dims a disabled footer key; under NO_COLOR or in 16 colours the dimmed key
was grey beside grey ("s Start" on a meeting that cannot start looked like "g All agree"
beside it). Struck through (SGR 9) it shows in any colour mode.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.widgets.steady_footer import SteadyFooter


class _Keys(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "agree", "All agree"), Binding("s", "start", "Start")]

    def compose(self) -> ComposeResult:
        yield Static("a screen")
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "start" else True

    def action_agree(self) -> None:
        """Nothing to do here."""


class _App(FieldtuiBaseApp):
    def set_up(self) -> None:
        self.push_screen(_Keys())


def _styles(key: FooterKey) -> list[Style]:
    text = key.render()
    return [text.get_style_at_offset(key.app.console, n) for n in range(len(text.plain))]


@pytest.mark.parametrize("no_color", [True, False])
async def test_an_unavailable_key_is_struck_through(no_color: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app: Any = _App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {k.description: k for k in app.screen.query(FooterKey) if k.display}
        assert keys["Start"].has_class("-disabled")
        assert all(style.strike for style in _styles(keys["Start"]))
        assert not any(style.strike for style in _styles(keys["All agree"]))

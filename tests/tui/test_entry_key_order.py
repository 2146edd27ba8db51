"""Every answer entry takes a burst of keys in the order typed: editing keys (Backspace,
the arrows, Home) are not overtaken by the letters typed after them."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from fieldtui.core.plan.model import Item
from fieldtui.tui.widgets.answer_entry import make_entry
from tests.support.app_support import burst


class OneEntry(App[None]):
    """Only the entry, focused."""

    def __init__(self, item: Item, saved: str) -> None:
        super().__init__()
        self.item, self.saved = item, saved
        self.entry: Any = None

    def compose(self) -> ComposeResult:
        self.entry = make_entry(self.item, self.saved)
        yield self.entry

    def on_mount(self) -> None:
        self.set_focus(self.entry)


CASES = [
    # (kind, saved value, keys in one burst, what the entry holds after)
    ("time", "25:00", [*["backspace"] * 5, *"09:05"], "09:05"),
    ("time", "0905", ["left", "left", ":"], "09:05"),
    ("date", "2026-13-01", [*["backspace"] * 5, *"01-15"], "2026-01-15"),
    ("date", "2026-01-15", ["home", "delete", "delete", "delete", "delete", *"2025"],
     "2025-01-15"),
    ("number", "150", ["backspace", "backspace", *"42"], "142"),
    ("open", "abc", ["backspace", "backspace", "backspace", *"xyz"], "xyz"),
]


@pytest.mark.parametrize(("kind", "saved", "keys", "expected"), CASES)
async def test_a_burst_of_keys_lands_in_order(kind: str, saved: str, keys: list[str],
                                              expected: str) -> None:
    item = Item(id="q", kind=kind, prompt="?", max=200 if kind == "number" else None)  # type: ignore[arg-type]
    app = OneEntry(item, saved)
    async with app.run_test() as pilot:
        await pilot.pause()
        entry = app.entry
        assert app.focused is entry
        await pilot.press("end")  # as after typing it: the cursor at the end, nothing selected
        burst(app, *keys)
        await pilot.pause()
        await pilot.pause()
        text = entry.text if kind == "open" else entry.value
        assert text == expected

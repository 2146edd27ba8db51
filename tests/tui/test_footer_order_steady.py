"""The interview's footer keeps its keys in one order from item to item. Key✓ (Ctrl+K)
stood fourth on a choice ("^n Next ^b Back ^g Section ^k Key✓ …") and first on an open or
number item ("^k Key✓ ^n Next …"): the entry there binds Ctrl+K too (delete to the end of
the line), and Textual keeps a key where the focused widget put it when the screen's
priority binding takes it over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets._footer import FooterKey

from tests.support.app_support import make_app, make_home, start_interview, wait_until


def _keys(run: Any) -> list[str]:
    return [k.key for k in run.query(FooterKey) if k.display]


async def test_key_point_keys_stand_in_the_same_order_on_every_item(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await start_interview(pilot)
        await pilot.press("ctrl+n", "7", "ctrl+n", "1", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "last_visit", what="an open key point")
        await wait_until(pilot, lambda: "ctrl+k" in _keys(run), what="Key✓", timeout=5)
        on_open = _keys(run)
        await pilot.press(*"Bus", "ctrl+n", "2", "ctrl+n")
        await wait_until(pilot, lambda: run.item.id == "purposes", what="a choice key point")
        await wait_until(pilot, lambda: "ctrl+k" in _keys(run), what="Key✓", timeout=5)
        await pilot.pause()
        on_choice = _keys(run)
        both = [k for k in on_choice if k in on_open]
        assert [k for k in on_open if k in both] == both, (on_open, on_choice)
        assert both.index("ctrl+k") > both.index("ctrl+n")

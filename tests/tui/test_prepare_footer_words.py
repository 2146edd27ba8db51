"""The group prepare screen's footer says what its keys do, and all of it fits at 80
columns: it read "l Type a Add" (type what? add how? and "Type a Add" reads as words)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from tests.support.app_support import make_app, make_home, unlock, wait_screen, wait_until
from tests.support.screen_text import screen_lines


async def test_the_prepare_footer_names_both_ways_to_add_and_fits(tmp_path: Path) -> None:
    app: Any = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        plans = app.screen.query_one("#plans", OptionList)
        index = next(i for i, p in enumerate(app.screen.device.plans()) if p.method == "group")
        plans.highlighted = plans.get_option_index(f"plan:{index}")
        await pilot.press("enter")
        await wait_screen(pilot, "GroupPrepareScreen")
        await wait_until(pilot, lambda: "f1" in screen_lines(app)[-1], what="the footer")
        footer = " ".join(screen_lines(app)[-1].split())
        assert footer.startswith("l Add line a Form "), footer
        assert "Type" not in footer
        for key in ("e Edit", "c Consent", "g All agree", "s Start", "esc Back", "f1 Help"):
            assert key in footer, footer  # nothing pushed off the edge

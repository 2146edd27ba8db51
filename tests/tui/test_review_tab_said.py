"""Tab moves into a review screen's detail pane (it scrolls: a long return comment, a
conflict's differences, a follow-up's history), but neither the footer nor help (F1) said
so: Textual's own Tab is left out of help as generic. Each review screen now shows
"tab Detail" in its footer, still in 80 columns in English and Chinese, and help says what
it does; Tab still moves the focus into the detail and back to the list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Static
from textual.widgets._footer import FooterKey

from fieldtui.core.i18n import _
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.help import HelpScreen, key_lines
from fieldtui.tui.screens.review import ReviewScreen
from fieldtui.tui.screens.review_conflicts import ConflictsScreen
from tests.support.app_support import wait_ready
from tests.support.chinese_walk import chinese
from tests.support.review_world import followup_dataset, review_dataset
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]  # the fixture


async def _review(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                     and app.screen.query_one("#sessions", DataTable).row_count == 3)


async def _conflicts(pilot: Pilot[Any]) -> None:
    await _review(pilot)
    await pilot.press("c")
    await wait_ready(pilot, lambda: isinstance(pilot.app.screen, ConflictsScreen)
                     and "reflections" in str(pilot.app.screen.query_one(
                         "#conflict-diff", Static).render()))


async def _themes(pilot: Pilot[Any]) -> None:
    from fieldtui.tui.screens.theme_coding import ThemeCodingScreen

    await _review(pilot)
    await pilot.press("t")
    await wait_ready(pilot, lambda: isinstance(pilot.app.screen, ThemeCodingScreen)
                     and bool(getattr(pilot.app.screen, "items", None)))


async def _register(pilot: Pilot[Any]) -> None:
    await wait_ready(pilot, lambda: isinstance(pilot.app.screen, FollowupRegisterScreen))


SCREENS: dict[str, tuple[str, Callable[[Pilot[Any]], Awaitable[None]], str]] = {
    "review": ("review", _review, "#detail-box"),
    "conflicts": ("review", _conflicts, "#conflict-diff-box"),
    "themes": ("review", _themes, "#themes-detail-box"),
    "register": ("followups", _register, "#followup-detail-box"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_and_help_say_tab_moves_into_the_detail(
        tmp_path: Path, request: pytest.FixtureRequest, lang: str, name: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    kind, reach, box = SCREENS[name]
    app: Any = (ReviewApp(review_dataset(tmp_path)[0], "sup-test") if kind == "review"
                else FollowupApp(followup_dataset(tmp_path), "sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await reach(pilot)
        screen = app.screen
        await wait_ready(pilot, lambda: "tab" in {k.key for k in screen.query(FooterKey)})
        await pilot.pause()
        keys = {k.key: k for k in screen.query(FooterKey) if k.display}
        assert keys["tab"].description == _("Detail")
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.size.width, (
            footer.virtual_size.width, footer.size.width)
        assert all(k.region.right <= 80 for k in keys.values())
        last = screen_lines(app)[-1]
        assert cell_len(last) <= 80
        for key in keys.values():
            assert key.description in last, (key.description, last)
        # Tab still goes into the detail (and back to where it was)
        before = app.focused
        await pilot.press("tab")
        await wait_ready(pilot, lambda: app.focused is screen.query_one(box, VerticalScroll))
        await pilot.press("tab")
        await wait_ready(pilot, lambda: app.focused is before)
        await pilot.press("f1")
        await wait_ready(pilot, lambda: isinstance(app.screen, HelpScreen))
        tab = next(line for line in key_lines(screen, app) if line.split()[0] == "tab")
        assert tab.endswith(_("Move between the list and its detail (↑/↓ scroll the detail)"))

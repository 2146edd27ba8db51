"""Home's footer shows Ctrl+Q (quit) beside F1, at 80 columns, in English and Chinese, with
every other key of home still in view (a draft highlighted, so Discard is offered too)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from fieldtui.core.i18n import _
from fieldtui.store.session_store import SessionStore
from tests.support.app_support import make_app, make_home, unlock, wait_until
from tests.support.chinese_walk import chinese
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]  # the fixture

HOME_KEYS = {"tab", "r", "x", "ctrl+e", "ctrl+y", "w", "f1", "ctrl+q", "ctrl+p"}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_home_footer_shows_quit_and_keeps_every_key_in_80_columns(
        tmp_path: Path, request: pytest.FixtureRequest, lang: str) -> None:
    if lang == "zh":
        request.getfixturevalue("chinese")
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen: Any = app.screen
        plan = next(p for p in screen.device.plans() if p.method == "interview")
        SessionStore.create(screen.device.home, plan=plan, device=screen.device).close()
        await pilot.press("r")
        drafts = screen.query_one("#drafts", OptionList)
        await wait_until(pilot, lambda: drafts.option_count == 1 and drafts.can_focus,
                         what="the draft listed")
        if app.focused is not drafts:
            await pilot.press("tab")
        await wait_until(pilot, lambda: "x" in {k.key for k in screen.query(FooterKey)},
                         what="Discard offered")
        await pilot.pause()
        keys = {k.key: k for k in screen.query(FooterKey) if k.display}
        assert set(keys) >= HOME_KEYS, sorted(keys)
        assert keys["ctrl+q"].description == _("Quit")
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.size.width, (
            footer.virtual_size.width, footer.size.width)
        # Each key wholly on the screen, none under another (the palette sits on the right)
        spans = sorted((k.region.x, k.region.right, name) for name, k in keys.items())
        assert all(right <= 80 for _x, right, _n in spans), spans
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), spans
        last = screen_lines(app)[-1]
        assert cell_len(last) <= 80
        for name, key in keys.items():
            assert key.description in last, (name, key.description, last)

"""Ctrl+C in a Chinese interface: Textual's own notice, "Do you want to quit? Press q to
quit the app", was shown in English (its source writes it so) on the review screen, the
follow-up register and the field app; each now says it in the interface language, naming
the key that quits on the screen underneath."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from tests.support.app_support import wait_screen, wait_until
from tests.support.chinese_walk import BINS, app_on, chinese
from tests.support.review_world import followup_dataset, review_dataset

__all__ = ["chinese"]


def _said(app: Any) -> list[tuple[str, str]]:
    return [(str(n.title), str(n.message)) for n in app._notifications]


@pytest.mark.parametrize(("make", "screen", "key"), [
    (lambda tmp: ReviewApp(review_dataset(tmp)[0], "sup"), "ReviewScreen", "q"),
    (lambda tmp: FollowupApp(followup_dataset(tmp), "sup"), "FollowupRegisterScreen", "q"),
    (lambda tmp: app_on(BINS), "HomeScreen", "^q"),
])
async def test_ctrl_c_says_how_to_quit_in_chinese(tmp_path: Path, chinese: None, make: Any,
                                                  screen: str, key: str) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, screen)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        assert _said(app) == [("要退出吗？", f"按 {key} 退出应用。")]


async def test_ctrl_c_names_the_key_in_english_too(tmp_path: Path) -> None:
    app = ReviewApp(review_dataset(tmp_path)[0], "sup")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, "ReviewScreen")
        await pilot.press("c")
        await wait_screen(pilot, "ConflictsScreen")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: bool(app._notifications), what="a notice")
        assert _said(app) == [("Do you want to quit?", "Press ^q to quit the app.")]

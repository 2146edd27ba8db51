"""The command palette of `fieldtui review` and `fieldtui followups --screen`: it offered
Textual's "Screenshot" (a picture of the screen, the answers and comments on it, written
in plaintext into the working folder), which the field app had left out, and in Chinese
it listed "Keys", "Maximize", "Quit", "Theme" with their English help under an English
search line. Both apps now make the palette as the field app does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.message import MessageScreen
from tests.support.app_support import wait_screen, wait_until
from tests.support.chinese_walk import chinese
from tests.support.review_world import followup_dataset, review_dataset
from tests.support.screen_text import screen_lines

__all__ = ["chinese"]

APPS = [
    pytest.param(lambda tmp: ReviewApp(review_dataset(tmp)[0], "sup"), "ReviewScreen",
                 id="review"),
    pytest.param(lambda tmp: FollowupApp(followup_dataset(tmp), "sup"),
                 "FollowupRegisterScreen", id="followups"),
]


@pytest.mark.parametrize(("make", "screen"), APPS)
def test_no_screenshot_of_the_answers(tmp_path: Path, make: Any, screen: str) -> None:
    app = make(tmp_path)
    titles = [c.title for c in app.get_system_commands(MessageScreen("t", "what", "todo"))]
    assert "Quit" in titles
    assert "Screenshot" not in titles


@pytest.mark.parametrize(("make", "screen"), APPS)
async def test_the_palette_in_chinese_has_no_english_commands(
        tmp_path: Path, chinese: None, make: Any, screen: str) -> None:
    app = make(tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_screen(pilot, screen)
        await pilot.press("ctrl+p")
        await wait_screen(pilot, "CommandPalette")
        await wait_until(pilot, lambda: any(w in "\n".join(screen_lines(app))
                                            for w in ("主题", "Theme")),
                         what="the palette's commands, in either language")
        text = "\n".join(screen_lines(app))
    for english in ("Search for commands", "Keys", "Quit", "Theme", "Screenshot",
                    "Change the current theme", "Show help for the focused widget"):
        assert english not in text, (english, text)
    assert "搜索命令…" in text and "退出" in text, text

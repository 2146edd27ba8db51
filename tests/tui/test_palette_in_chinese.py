"""The command palette speaks the interface's language: in Chinese it listed Textual's own
commands ("Keys", "Maximize", "Quit", "Theme") with their English help, under an English
search line ("Search for commands…"), beside fieldtui's own commands in Chinese."""

from __future__ import annotations

from pathlib import Path

from fieldtui.core import i18n
from tests.support.app_support import make_app, make_home, unlock, wait_screen
from tests.support.screen_text import screen_lines


async def test_the_palette_in_chinese_has_no_english_commands(tmp_path: Path) -> None:
    i18n.set_language("zh")
    try:
        app = make_app(make_home(tmp_path))
        async with app.run_test(size=(80, 40)) as pilot:
            await unlock(pilot)
            await pilot.press("ctrl+p")
            await wait_screen(pilot, "CommandPalette")
            await pilot.pause(0.5)
            text = "\n".join(screen_lines(app))
    finally:
        i18n.set_language("en")
    for english in ("Search for commands", "Keys", "Quit", "Theme", "Change the current theme",
                    "Show help for the focused widget"):
        assert english not in text, (english, text)
    assert "搜索命令…" in text and "主题" in text and "退出" in text, text

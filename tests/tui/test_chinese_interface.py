"""The interface in Simplified Chinese: a walk that fails on any English word left on the
translated screens (unlock, home, help, discard, confirm, notice, too small), and their
snapshots at 80x24."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from fieldtui.tui.screens.discard_draft import DiscardDialog
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.notice import NoticeDialog
from fieldtui.tui.screens.seal_sync import FolderDialog
from tests.support.app_support import wait_screen, wait_until
from tests.support.chinese_walk import (
    BINS,
    LIBRARY,
    SIZE,
    app_on,
    chinese,
    counted,
    english_left,
    home_reason,
    study_texts,
    then_settle,
)

__all__ = ["chinese"]  # the fixture


async def test_walk_the_translated_screens_in_chinese(chinese: None) -> None:
    plans = [LIBRARY, BINS]
    content = study_texts(plans)
    app = app_on(*plans, locked=True)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await wait_screen(pilot, "UnlockScreen")
        await wait_until(pilot, lambda: app.screen.focused is not None)
        seen["unlock"] = english_left(app, content)
        await pilot.press("p", "w", "enter")
        await wait_screen(pilot, "HomeScreen")
        await wait_until(pilot, lambda: counted(app), what="the counts")
        seen["home"] = english_left(app, content)
        await pilot.press("f1")
        await wait_screen(pilot, "HelpScreen")
        seen["help"] = english_left(app, content)
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(DiscardDialog("R-TEST-01 · 3 answers"))
        await wait_screen(pilot, "DiscardDialog")
        await pilot.press("1", "1", "enter")  # not the word: the dialog says what to type
        seen["discard"] = english_left(app, [*content, "R-TEST-01 · 3 answers"])
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(ConfirmDialog("Q?", "D."))  # the question is the caller's text
        await wait_screen(pilot, "ConfirmDialog")
        seen["confirm"] = english_left(app, content)
        await pilot.press("n")
        app.push_screen(NoticeDialog("P.", "N."))  # a group plan's purpose and notice
        await wait_screen(pilot, "NoticeDialog")
        seen["notice"] = english_left(app, content)
        await pilot.press("escape")
        await wait_screen(pilot, "HomeScreen")
        app.push_screen(FolderDialog("W."))  # home gives its reason, translated itself
        await wait_screen(pilot, "FolderDialog")
        seen["folder"] = english_left(app, content)
        await pilot.press("escape")
        await pilot.resize_terminal(60, 20)
        await wait_screen(pilot, "TooSmallScreen")
        await pilot.press("a")
        seen["too small"] = english_left(app, content)
    assert {name: words for name, words in seen.items() if words} == {}
    assert set(seen) == {"unlock", "home", "help", "discard", "confirm", "notice", "folder",
                         "too small"}


class TestChineseSnapshots:
    """The translated screens at 80x24 (the too-small screen at 60x20): wide characters
    keep the footer, the lists and the dialogs aligned."""

    def test_unlock_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "UnlockScreen")
            await wait_until(pilot, lambda: pilot.app.screen.focused is not None)
        assert snap_compare(app_on(LIBRARY, locked=True), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_home_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            await wait_until(pilot, lambda: counted(pilot.app))
        assert snap_compare(app_on(LIBRARY, BINS), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_help_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            await pilot.press("f1")
            await wait_screen(pilot, "HelpScreen")
        assert snap_compare(app_on(LIBRARY, BINS), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_discard_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            pilot.app.push_screen(DiscardDialog("R-TEST-01 · 3 answers"))
            await wait_screen(pilot, "DiscardDialog")
            await pilot.press("1", "1", "enter")
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_confirm_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            pilot.app.push_screen(ConfirmDialog("受访者拒绝了：记录为拒访并结束这次会话？",
                                                "会保存为没有回答的拒访会话,无法继续。"))
            await wait_screen(pilot, "ConfirmDialog")
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_sync_to_a_folder_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "HomeScreen")
            pilot.app.push_screen(FolderDialog(home_reason()))
            await wait_screen(pilot, "FolderDialog")
            await wait_until(pilot, lambda: pilot.app.screen.focused is not None)
        assert snap_compare(app_on(LIBRARY), terminal_size=SIZE,
                            run_before=then_settle(shown))

    def test_too_small_zh(self, snap_compare: Any, chinese: None) -> None:
        async def shown(pilot: Pilot[Any]) -> None:
            await wait_screen(pilot, "TooSmallScreen")
        assert snap_compare(app_on(LIBRARY), terminal_size=(60, 20),
                            run_before=then_settle(shown))

"""The interface in Simplified Chinese: a walk that fails on any English word left on the
translated screens (unlock, home, help, discard, confirm, notice, too small), and their
snapshots at 80x24."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from fieldtui.core.clock import ManualClock
from fieldtui.core.i18n import _, set_language
from fieldtui.core.plan.load import load_plan
from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.binding_texts import translate_classes
from fieldtui.tui.screens.discard_draft import DiscardDialog
from fieldtui.tui.screens.group.confirm import ConfirmDialog
from fieldtui.tui.screens.group.notice import NoticeDialog
from fieldtui.tui.screens.seal_sync import FolderDialog
from tests.support.app_support import wait_screen, wait_until
from tests.support.fakes import FakeAccess, FakeDevice, FakeLocked
from tests.support.paths import PLANS

LIBRARY = PLANS / "interview-library.toml"
BINS = PLANS / "poll-bins.toml"
SIZE = (80, 24)


def app_on(*plans: Path, locked: bool = False) -> FieldtuiApp:
    """An app on a fake device whose plans are `plans`; time stands still."""
    device = FakeDevice(Path("/nonexistent"), list(plans))
    if locked:
        return FieldtuiApp(locked=FakeLocked(device, b"pw"), access=FakeAccess(),
                           clock=ManualClock(100.0), new_code=lambda: "R-TEST-01")
    return FieldtuiApp(device=device, access=FakeAccess(), clock=ManualClock(100.0),
                       new_code=lambda: "R-TEST-01")


def then_settle(steps: Callable[[Pilot[Any]], Awaitable[None]],
                ) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Run the steps, then a steady picture: no blinking cursor, no animation left."""
    async def run(pilot: Pilot[Any]) -> None:
        await steps(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget_any: Any = widget
            widget_any.cursor_blink = False
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)
    return run
# Words that are not English meant for people: the app's name, key names, codes, a URL
ALLOWED = {"fieldtui", "ctrl", "enter", "tab", "esc", "escape", "space", "usb", "http",
           "discard", "pw", "ingest", "collector", "shift"}
WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def chinese() -> Iterator[None]:
    set_language("zh")
    translate_classes()
    yield
    set_language("en")
    translate_classes()


def _content(plans: list[Path]) -> list[str]:
    """Texts that come from the study, not the interface (plan titles, the study's names)."""
    device = FakeDevice(Path("/nonexistent"), plans)
    kit: Any = device.kit
    found = [str(getattr(kit, "study_name", "")), str(device.interviewer)]
    return found + [load_plan(p).title for p in plans]


def home_reason() -> str:
    """The reason home gives when it asks for a folder (HomeScreen.ask_folder's)."""
    return _("Where should the bundles go? A USB stick, a shared drive, or a "
             "collector address (http://…).")


def counted(app: Any) -> bool:
    """Home shows the sessions' counts (not "counting…")."""
    found = app.screen.query("#home-counts")
    return bool(found) and "正在统计" not in str(found.first().render())


def english_left(app: Any, content: list[str]) -> list[str]:
    """The English words on screen, less the study's own texts and the allowed codes."""
    svg = app.export_screenshot()
    rows: dict[float, list[str]] = {}
    for match in re.finditer(r'<text[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(match.group(1)), []).append(html.unescape(match.group(2)))
    text = "\n".join("".join(parts).replace("\xa0", " ") for _y, parts in sorted(rows.items()))
    for piece in sorted(content, key=len, reverse=True):
        if piece:
            text = text.replace(piece, " ")
            text = text.replace(piece[:40], " ")  # cut to fit a line
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


async def test_walk_the_translated_screens_in_chinese(chinese: None) -> None:
    plans = [LIBRARY, BINS]
    content = _content(plans)
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
            pilot.app.push_screen(ConfirmDialog("受访者拒绝了:记录为拒访并结束这次会话?",
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

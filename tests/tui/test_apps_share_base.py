"""The three Textual apps (the field app, review, the follow-up register) each wired by
hand NO_COLOR's `-no-color` class, the too-small notice, F1's help and Ctrl+C's quit hint.
They take all of it from one base now (`base_app.FieldtuiBaseApp`): under NO_COLOR=1 each
is marked `-no-color`, below 80x24 each is covered by the notice (F1 opens no help over
it), and at 80x24 F1 opens help and Ctrl+C names the key that quits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from fieldtui.tui.app import FieldtuiApp
from fieldtui.tui.base_app import FieldtuiBaseApp
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.review_world import followup_dataset, review_dataset


def _field(tmp_path: Path) -> App[Any]:
    return make_app(make_home(tmp_path))


def _review(tmp_path: Path) -> App[Any]:
    return ReviewApp(review_dataset(tmp_path)[0], "sup-test")


def _followups(tmp_path: Path) -> App[Any]:
    return FollowupApp(followup_dataset(tmp_path), "sam")


APPS: list[tuple[Callable[[Path], App[Any]], str]] = [
    (_field, "UnlockScreen"), (_review, "ReviewScreen"),
    (_followups, "FollowupRegisterScreen")]


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


def test_each_app_is_a_fieldtui_base_app() -> None:
    for app_class in (FieldtuiApp, ReviewApp, FollowupApp):
        assert issubclass(app_class, FieldtuiBaseApp), app_class
        for name in ("on_mount", "on_resize", "action_help", "action_help_quit",
                     "push_screen"):
            assert name not in vars(app_class), f"{app_class.__name__} wires {name} again"


@pytest.mark.parametrize(("opened", "first"), APPS, ids=["field", "review", "followups"])
async def test_no_color_and_the_too_small_notice(
        tmp_path: Path, opened: Callable[[Path], App[Any]], first: str) -> None:
    app = opened(tmp_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await wait_screen(pilot, "TooSmallScreen")
        assert app.has_class("-no-color")
        notice = str(app.screen.query_one("#too-small", Static).render())
        assert "at least 80x24" in notice and "now 70x20" in notice
        await pilot.press("f1")  # no help over the notice
        await pilot.pause()
        assert type(app.screen).__name__ == "TooSmallScreen"
        await pilot.resize_terminal(80, 24)
        await wait_screen(pilot, first)


@pytest.mark.parametrize(("opened", "first"), APPS, ids=["field", "review", "followups"])
async def test_f1_opens_help_and_ctrl_c_names_the_quit_key(
        tmp_path: Path, opened: Callable[[Path], App[Any]], first: str) -> None:
    app = opened(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_screen(pilot, first)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: any(
            n.title == "Do you want to quit?" for n in app._notifications), what="quit hint")
        await pilot.press("f1")
        await wait_screen(pilot, "HelpScreen")

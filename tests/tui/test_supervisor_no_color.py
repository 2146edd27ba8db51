"""Under NO_COLOR the review and follow-up apps did not take the field app's `-no-color`
class: the cursor row and the theme-coding dialog's ticked codes differed from the rest by a
shade of grey alone. Both apps take it now (the cursor row in reverse video), and a ticked
code reads ☑, an unticked one ☐."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import set_code
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.theme_dialogs import CodeDialog
from tests.support.app_support import wait_until
from tests.support.dataset_factory import document, load_documents
from tests.support.review_world import followup_dataset
from tests.support.screen_text import screen_lines
from tests.support.themes_open import themes_opened


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


def _coded(tmp_path: Path) -> Path:
    path = tmp_path / "themes.sqlite"
    conn = open_dataset(path, create=True)
    load_documents(conn, [document(answers={"travel": "the road floods"})])
    conn.execute("BEGIN")
    set_code(conn, "water", "Access to water")
    set_code(conn, "roads", "Roads and transport")
    conn.execute("COMMIT")
    conn.close()
    return path


async def test_review_marks_no_color_and_the_ticks_read_without_colour(tmp_path: Path) -> None:
    app = ReviewApp(_coded(tmp_path), "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_opened(app, pilot, 1)
        assert app.has_class("-no-color")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeDialog))
        await pilot.press("down", "space")
        await pilot.pause()
        lines = screen_lines(app)
        assert any("☐▌ roads" in line for line in lines), lines
        assert any("☑▌ water" in line for line in lines), lines


async def test_the_follow_up_register_marks_no_color(tmp_path: Path) -> None:
    app = FollowupApp(followup_dataset(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen))
        assert app.has_class("-no-color")

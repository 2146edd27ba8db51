"""The register's concern column was fixed at 10 columns ("Opening h…") while the others
were padded wide ("open" in 13, a date in 15): every column is now as wide as what it
holds, and the concern text takes what is left of the screen."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable

from fieldtui.core import i18n
from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.followup_app import FollowupApp
from fieldtui.tui.screens.followup_register import FollowupRegisterScreen
from fieldtui.tui.screens.line_dialog import LineDialog
from tests.support.app_support import wait_until
from tests.support.dataset_factory import document, load_documents
from tests.support.screen_text import cut_widgets, screen_lines

OPENING = "Opening hours are too short on weekdays for people who work"


def _dataset(tmp_path: Path) -> Path:
    path = tmp_path / "d.sqlite"
    conn = open_dataset(path, create=True)
    doc = document()
    doc["concerns"] = [
        {"description": OPENING, "category": "services", "urgency": "high",
         "settled": False, "promise": True, "due": "2099-12-31", "participant": None,
         "at": ""},
        {"description": "No quiet study space", "category": "services", "urgency": "low",
         "settled": False, "promise": False, "due": None, "participant": None, "at": ""}]
    load_documents(conn, [doc])
    conn.close()
    return path


def _row(app: FollowupApp, start: str) -> str:
    return next(line for line in screen_lines(app) if line.lstrip().startswith(start))


async def test_the_concern_takes_the_room_the_other_columns_leave(tmp_path: Path) -> None:
    app = FollowupApp(_dataset(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count)
        await pilot.pause()
        heading = _row(app, "id")
        assert "status  due" in heading, heading  # "open" and a date: no wide padding
        row = _row(app, next(iter(app.screen.entries)).id)
        assert "Opening hours are too sho" in row, row
        assert row.rstrip().endswith("…") and cell_len(row) <= 80, row
        assert cut_widgets(app) == []
        await pilot.resize_terminal(120, 24)  # wider: the whole text
        await pilot.pause()
        assert OPENING in _row(app, next(iter(app.screen.entries)).id)


async def test_the_concern_takes_the_room_in_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh")
    try:
        app = FollowupApp(_dataset(tmp_path), "sam")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                             and app.screen.query_one("#followup-table", DataTable).row_count)
            await pilot.pause()
            row = _row(app, next(iter(app.screen.entries)).id)
            assert "Opening hours are" in row and cell_len(row) <= 80, row
            assert cut_widgets(app) == []
    finally:
        i18n.set_language("en")


async def test_the_publish_hint_and_what_store_means_show_whole(tmp_path: Path) -> None:
    """With the placeholder STORE the hint takes a line more (what STORE is): the detail
    panel shows all of it at 80x24 (it stopped a line short)."""
    app = FollowupApp(_dataset(tmp_path), "sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, FollowupRegisterScreen)
                         and app.screen.query_one("#followup-table", DataTable).row_count)
        screen = app.screen
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, LineDialog))
        await pilot.press(*"Fixed", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        app.clear_notifications()
        await pilot.pause()
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert "--collector-store STORE (STORE: the collector's store, its folder or " \
               "postgresql:// URL)" in shown, screen_lines(app)
        assert cut_widgets(app) == []

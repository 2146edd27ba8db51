"""Theme coding from the review screen: `t` on a session lists its texts; codes are picked
from the codebook (several), saved where `themes code` saves them; a disagreement between
two coders is marked and settled; device text is never markup, escapes are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, SelectionList, Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import code_unit, disagreements, final_codes, set_code
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.theme_coding import ThemeCodingScreen
from fieldtui.tui.screens.theme_dialogs import CodeDialog, SettleDialog
from tests.support.app_support import wait_until
from tests.support.dataset_factory import document, load_documents
from tests.support.screen_text import cut_widgets, screen_lines
from tests.support.themes_open import themes_opened

PLANTED = "[bold]water[/bold] is far\x1b[2J"


def _dataset(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "themes.sqlite"
    conn = open_dataset(path, create=True)
    doc = document(answers={"travel": PLANTED, "why": "the road floods"})
    doc["notes"] = [{"text": "[red]note[/red] from the visit", "at": "", "item_id": None}]
    load_documents(conn, [doc])
    conn.execute("BEGIN")
    set_code(conn, "water", "Access to water")
    set_code(conn, "roads", "Roads and transport")
    set_code(conn, "trust", "[bold]Trust[/bold] in officials")
    conn.execute("COMMIT")
    conn.close()
    return path, doc["session_id"]


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


async def test_codes_picked_on_screen_are_the_clis_and_device_text_is_not_markup(
        tmp_path: Path) -> None:
    path, sid = _dataset(tmp_path)
    app = ReviewApp(path, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 3)
        shown = "\n".join(screen_lines(app))
        assert "[bold]water[/bold] is far\\x1b[2J" in shown  # as typed, escape shown
        assert "t Code" in shown and "esc Back" in shown
        assert not cut_widgets(app)
        detail = str(screen.query_one("#themes-detail", Static).render())
        assert "[bold]water[/bold]" in detail and "Not coded yet." in detail
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeDialog))
        dialog_lines = "\n".join(screen_lines(app))
        assert "[bold]Trust[/bold] in officials" in dialog_lines
        codes = app.screen.query_one("#code-list", SelectionList)
        assert codes.selected == []
        await pilot.press("down", "space", "down", "space", "enter")  # water, then... order
        await wait_until(pilot, lambda: app.screen is screen and "alice:" in str(
            screen.query_one("#themes-detail", Static).render()))
        table = screen.query_one("#themes-units", DataTable)
        assert str(table.get_row_at(0)[2]) == "trust, water"
    conn = open_dataset(path)
    try:
        assert final_codes(conn)[f"answer:{sid}:travel"] == {"trust", "water"}
        assert conn.execute("SELECT coder FROM coding_units").fetchall() == [("alice",)]
    finally:
        conn.close()


async def test_a_disagreement_is_marked_and_settled_from_the_screen(tmp_path: Path) -> None:
    path, sid = _dataset(tmp_path)
    unit = f"answer:{sid}:travel"
    conn = open_dataset(path)
    conn.execute("BEGIN")
    code_unit(conn, unit, "alice", ["water", "roads"])
    code_unit(conn, unit, "bob", ["water"])
    conn.execute("COMMIT")
    conn.close()
    app = ReviewApp(path, "carol")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 3)
        table = screen.query_one("#themes-units", DataTable)
        assert str(table.get_row_at(0)[3]) == "≠" and str(table.get_row_at(1)[3]) == ""
        detail = str(screen.query_one("#themes-detail", Static).render())
        assert "alice: roads, water" in detail and "bob: water" in detail
        assert "Coders disagree on: roads" in detail
        await pilot.press("down")  # a text without a disagreement: s is not offered
        await pilot.pause()
        assert screen.check_action("settle", ()) is False
        await pilot.press("up", "s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettleDialog))
        assert not cut_widgets(app)
        await pilot.press("down", "enter")  # roads: does not apply
        await pilot.press(*"only bus fares", "enter")
        await wait_until(pilot, lambda: app.screen is screen
                         and not screen.items[0].disputed)
        assert str(table.get_row_at(0)[3]) == "" and str(table.get_row_at(0)[2]) == "water"
    conn = open_dataset(path)
    try:
        assert disagreements(conn, "alice", "bob") == []
        assert conn.execute("SELECT code, applies, reason, by FROM coding_settled"
                            ).fetchall() == [("roads", 0, "only bus fares", "carol")]
    finally:
        conn.close()


def _footer(app: ReviewApp) -> str:
    """The footer row as the terminal shows it."""
    return screen_lines(app)[-1]


async def test_s_is_offered_only_on_a_text_with_a_disagreement(tmp_path: Path) -> None:
    """Off a disputed text (or in a session with none) `s` would do nothing: the footer
    does not offer it, and follows the cursor."""
    path, sid = _dataset(tmp_path)
    conn = open_dataset(path)
    conn.execute("BEGIN")
    code_unit(conn, f"answer:{sid}:travel", "alice", ["water", "roads"])
    code_unit(conn, f"answer:{sid}:travel", "bob", ["water"])
    conn.execute("COMMIT")
    conn.close()
    app = ReviewApp(path, "carol")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_opened(app, pilot, 3)
        await wait_until(pilot, lambda: "s Settle" in _footer(app))
        await pilot.press("down")
        await pilot.pause()
        assert "s Settle" not in _footer(app) and "t Code" in _footer(app)
        await pilot.press("s")  # not offered, and nothing opens
        await pilot.pause()
        assert isinstance(app.screen, ThemeCodingScreen)
        await pilot.press("up")
        await wait_until(pilot, lambda: "s Settle" in _footer(app))


async def test_s_is_not_offered_when_nothing_is_disputed(tmp_path: Path) -> None:
    path, _sid = _dataset(tmp_path)
    app = ReviewApp(path, "carol")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_opened(app, pilot, 3)
        await wait_until(pilot, lambda: "t Code" in _footer(app))
        assert "Settle" not in _footer(app)

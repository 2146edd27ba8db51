"""The themes screen of a session whose correction was merged: the codings made on the
original are there; an answer whose words the correction changed is marked `!` (changed
since coded), its earlier codes in brackets and not applied, the words coded shown; `t`
offers them ticked, and saving codes the new words (the mark goes). An answer the
correction cleared is listed after the texts, marked `×`, with the words and codes it had:
they count nowhere, and it has nothing left to code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519
from textual.widgets import DataTable, SelectionList, Static

from fieldtui.store.study import Study, create_study
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import code_unit, final_codes, set_code
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.theme_dialogs import CodeDialog
from tests.support.app_support import wait_until
from tests.support.corrected_meeting import CorrectedMeeting
from tests.support.merge_study import PASS
from tests.support.paths import FIXTURES
from tests.support.screen_text import cut_widgets, screen_lines
from tests.support.themes_open import themes_opened


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")


def _corrected(tmp_path: Path, change: dict[str, Any] | None = None) -> tuple[Path, str]:
    made: Study = create_study(tmp_path / "study", name="Park", passphrase=PASS,
                               plans=[FIXTURES / "group_park.toml"])
    identity: x25519.Identity = made.unlock(PASS).identity
    db = tmp_path / "d.sqlite"
    meeting = CorrectedMeeting(tmp_path, made, identity, db,
                               {"use": "after work", "barriers": "no lihgts"})
    sid = meeting.original["session_id"]
    conn: Any = open_dataset(db)
    conn.execute("BEGIN")
    set_code(conn, "leisure", "Leisure")
    set_code(conn, "safety", "Safety")
    code_unit(conn, f"answer:{sid}:use", "alice", ["leisure"])
    code_unit(conn, f"answer:{sid}:barriers", "alice", ["safety"])
    conn.execute("COMMIT")
    conn.close()
    return db, meeting.correct_row(
        "barriers", change or {"value": "no lights on the path"})["session_id"]


async def test_a_text_changed_since_coded_is_marked_and_coded_again(tmp_path: Path) -> None:
    db, rid = _corrected(tmp_path)
    app = ReviewApp(db, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 3)
        table = screen.query_one("#themes-units", DataTable)
        names = [item.unit.unit for item in screen.items]
        at = names.index(f"answer:{rid}:barriers")
        rows = {name: [str(cell) for cell in table.get_row_at(i)][2:]
                for i, name in enumerate(names)}
        assert rows[f"answer:{rid}:use"] == ["leisure", ""]  # unchanged: its coding followed
        assert rows[f"answer:{rid}:barriers"] == ["(safety)", "!"]  # changed: not applied
        shown = "\n".join(screen_lines(app))
        assert "1 changed since coded (!)" in shown
        table.move_cursor(row=at)
        await pilot.pause()
        detail = str(screen.query_one("#themes-detail", Static).render())
        assert "Changed since coded" in detail and "no lihgts" in detail
        assert "alice (before the correction): safety" in detail
        assert not cut_widgets(app)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeDialog))
        assert app.screen.query_one("#code-list", SelectionList).selected == ["safety"]
        await pilot.press("enter")  # alice read the new words: safety still applies
        await wait_until(pilot, lambda: app.screen is screen
                         and not screen.items[at].changed)
        assert [str(c) for c in table.get_row_at(at)][2:] == ["safety", ""]
    conn = open_dataset(db)
    try:
        assert final_codes(conn)[f"answer:{rid}:barriers"] == {"safety"}
    finally:
        conn.close()


async def test_an_answer_the_correction_cleared_is_listed_with_its_dropped_codes(
        tmp_path: Path) -> None:
    db, rid = _corrected(tmp_path, {"value": None, "skipped": True,
                                    "skip_reason": "Declined to answer"})
    app = ReviewApp(db, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 3)
        table = screen.query_one("#themes-units", DataTable)
        assert screen.items[-1].unit.unit == f"answer:{rid}:barriers"
        last = [str(cell) for cell in table.get_row_at(2)]
        assert last[1].startswith("(cleared) was: no lihgts")
        assert last[2:] == ["(safety)", "×"]
        shown = "\n".join(screen_lines(app))
        assert "2 texts" in shown and "1 cleared by a correction (×)" in shown
        table.move_cursor(row=2)
        await pilot.pause()
        detail = str(screen.query_one("#themes-detail", Static).render())
        assert "Cleared by the correction" in detail and "no lihgts" in detail
        assert "alice (before the correction): safety" in detail
        assert not cut_widgets(app)
        await pilot.press("t")  # nothing to code: no dialog
        await pilot.pause()
        assert app.screen is screen


async def test_t_is_not_offered_on_a_cleared_answer_and_says_why_if_pressed(
        tmp_path: Path) -> None:
    """A `×` row has nothing to code: the footer drops `t Code` there (and offers it again
    off it); `t` or Enter pressed anyway open nothing and say why in one line."""
    db, _rid = _corrected(tmp_path, {"value": None, "skipped": True,
                                     "skip_reason": "Declined to answer"})
    app = ReviewApp(db, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 3)
        table = screen.query_one("#themes-units", DataTable)
        await wait_until(pilot, lambda: "t Code" in screen_lines(app)[-1])
        table.move_cursor(row=2)
        await wait_until(pilot, lambda: "t Code" not in screen_lines(app)[-1])
        for key in ("t", "enter"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
            said = [str(n.message) for n in app._notifications]
            assert said == ["This answer was cleared by the correction: nothing to code."]
        table.move_cursor(row=0)
        await wait_until(pilot, lambda: "t Code" in screen_lines(app)[-1])

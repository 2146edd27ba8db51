"""The coding dialog shows a long text whole, by scrolling.

The dialog (t on the themes screen) showed the text in at most 4 rows and did not
scroll: a long open answer was coded unread past its fourth row. It says when the text
goes on, and scrolls: Tab moves into it, End reaches the last
line, Tab again goes back to the codes (Space ticks, Enter saves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import SelectionList

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import final_codes, set_code
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.theme_dialogs import CodeDialog
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents
from tests.support.screen_text import screen_lines
from tests.support.themes_open import themes_opened

LONG = " ".join(["The bus comes late and the stop has no shelter from the rain."] * 14) \
    + " LAST-WORDS"


async def test_a_long_text_can_be_read_to_its_end_while_coding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "themes.sqlite"
    conn = open_dataset(path, create=True)
    doc = document(answers={"travel": LONG})
    load_documents(conn, [doc])
    conn.execute("BEGIN")
    set_code(conn, "transport", "Buses and roads")
    conn.execute("COMMIT")
    conn.close()
    app = ReviewApp(path, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 1)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeDialog))
        await wait_ready(pilot, lambda: any("More below: Tab" in line
                                            for line in screen_lines(app)))
        assert not any("LAST-WORDS" in line for line in screen_lines(app))
        assert isinstance(app.focused, SelectionList)  # Space ticks at once, as before
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any("LAST-WORDS" in line
                                            for line in screen_lines(app)))
        await pilot.press("tab")
        await wait_until(pilot, lambda: isinstance(app.focused, SelectionList))
        await pilot.press("space", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
    conn = open_dataset(path)
    try:
        assert final_codes(conn)[f"answer:{doc['session_id']}:travel"] == {"transport"}
    finally:
        conn.close()

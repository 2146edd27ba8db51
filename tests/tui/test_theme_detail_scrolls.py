"""A text to code that is longer than the themes detail can be read to the end.

The detail under the list of texts is at most 10 rows; a long open answer (a few hundred
words is ordinary in an interview) was cut there with no way to read the rest, so the
coder coded a text they could not read whole, and its codes (under the text) were cut too.
The panel now scrolls: Tab moves into it, End reaches the last line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from fieldtui.supervise.dataset import open_dataset
from fieldtui.tui.review_app import ReviewApp
from tests.support.app_support import wait_ready
from tests.support.dataset_factory import document, load_documents
from tests.support.screen_text import screen_lines
from tests.support.themes_open import themes_opened

LONG = " ".join(["The bus comes late and the stop has no shelter from the rain."] * 14) \
    + " LAST-WORDS"


async def test_the_end_of_a_long_answer_can_be_scrolled_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "themes.sqlite"
    conn = open_dataset(path, create=True)
    load_documents(conn, [document(answers={"travel": LONG})])
    conn.close()
    app = ReviewApp(path, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await themes_opened(app, pilot, 1)
        detail = screen.query_one("#themes-detail", Static)
        await wait_ready(pilot, lambda: "LAST-WORDS" in str(detail.render()))
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any("LAST-WORDS" in line
                                            for line in screen_lines(app)))
        await wait_ready(pilot, lambda: any("Not coded yet." in line
                                            for line in screen_lines(app)))

"""The coding dialog's "More below" line goes once the text is read to its end.

It was set once, when the dialog opened: scrolled to the last line (Tab, End), it still
said more was below. It comes back when the text is scrolled up again; its row stays
(blank), so the codes under it do not move."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.themes import set_code
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.theme_dialogs import CodeDialog
from tests.support.app_support import wait_ready, wait_until
from tests.support.dataset_factory import document, load_documents
from tests.support.screen_text import screen_lines
from tests.support.themes_open import themes_opened

LONG = " ".join(["The bus comes late and the stop has no shelter from the rain."] * 14) \
    + " LAST-WORDS"


def _says_more(app: ReviewApp) -> bool:
    return any("More below" in line for line in screen_lines(app))


def _code_row(app: ReviewApp) -> int:
    return next(n for n, line in enumerate(screen_lines(app)) if "Buses and roads" in line)


async def test_more_below_goes_at_the_end_of_the_text_and_comes_back_above_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "themes.sqlite"
    conn = open_dataset(path, create=True)
    load_documents(conn, [document(answers={"travel": LONG})])
    conn.execute("BEGIN")
    set_code(conn, "transport", "Buses and roads")
    conn.execute("COMMIT")
    conn.close()
    app = ReviewApp(path, "alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_opened(app, pilot, 1)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, CodeDialog))
        await wait_ready(pilot, lambda: _says_more(app))
        row = _code_row(app)
        await pilot.press("tab", "end")
        await wait_ready(pilot, lambda: any("LAST-WORDS" in line
                                            for line in screen_lines(app)))
        await wait_ready(pilot, lambda: not _says_more(app))
        assert any("LAST-WORDS" in line for line in screen_lines(app))
        assert _code_row(app) == row  # the codes stay where they were
        await pilot.press("home")
        await wait_ready(pilot, lambda: _says_more(app))
        assert not any("LAST-WORDS" in line for line in screen_lines(app))

"""F1 in Chinese named a list's Home key 首页 (the app's home screen) and its End key 结束
(ending a meeting): they are the keys, named as Chinese keyboards label them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.help import key_lines
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.chinese_walk import chinese
from tests.support.review_world import review_dataset

__all__ = ["chinese"]


async def test_a_lists_home_and_end_keys_are_named_as_keys(tmp_path: Path,
                                                          chinese: None) -> None:
    db, _short = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count > 0)
        lines = [" ".join(line.split()) for line in key_lines(app.screen, app)]
    # Home and End go to the first and last row, as Ctrl+Home and Ctrl+End do
    # (test_supervisor_table_home_end.py): one line each, in the table's words
    assert "home/^home 到第一行" in lines and "end/^end 到最后一行" in lines, lines
    assert not [line for line in lines if "首页" in line or line.endswith("结束")], lines
    for english in ("Top", "Bottom", "Page up", "Page down"):  # Textual's, left in English
        assert not [line for line in lines if line.endswith(english)], lines

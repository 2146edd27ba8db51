"""The review screen in Chinese pauses with Chinese punctuation: the flags column joins the
flags with "、", a flag's line reads "⚑ 过短：…", a flag's list of items and a return's item
comment use "、" and "：", and the send-back dialog asks with "？" (a walk saw
"时钟, 过短, 过…", "⚑ 要点: …: last_visit, purposes" and "退回其设备更正吗?")."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable, Static

from fieldtui.core.plan.load import load_plan
from fieldtui.supervise.flags import key_points
from fieldtui.tui.review_app import ReviewApp
from fieldtui.tui.screens.line_dialog import LineDialog
from fieldtui.tui.screens.review import ReviewScreen
from tests.support.app_support import wait_ready
from tests.support.chinese_walk import LIBRARY, chinese
from tests.support.dataset_factory import document
from tests.support.review_world import review_dataset
from tests.support.screen_text import screen_lines
from tests.support.zh_punctuation import ascii_pauses

__all__ = ["chinese"]

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # the data's times, not pauses


async def test_the_flags_and_the_send_back_question_pause_in_chinese(
        tmp_path: Path, chinese: None) -> None:
    db, short_id = review_dataset(tmp_path)
    app = ReviewApp(db, "sup-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot, lambda: isinstance(app.screen, ReviewScreen)
                         and app.screen.query_one("#sessions", DataTable).row_count == 3)
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(2)[4]) == "要点、过短"
        await pilot.press("down", "down")
        await wait_ready(pilot, lambda: short_id in str(
            app.screen.query_one("#detail", Static).render()))
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "⚑ 过短：" in detail and "⚑ 要点：" in detail
        assert [hit for line in screen_lines(app)
                for hit in ascii_pauses(ISO_TIME.sub("", line))] == []
        await pilot.press("b")
        await wait_ready(pilot, lambda: isinstance(app.screen, LineDialog))
        shown = "\n".join(screen_lines(app))
        assert "更正吗？" in shown and "需要更正什么？（Enter 退回，Esc 取消）" in shown
        assert "?" not in shown


def test_a_flag_lists_the_missed_key_points_with_the_chinese_list_mark(chinese: None) -> None:
    plan = load_plan(LIBRARY)
    flags = key_points(document(plan_id=plan.id), plan)
    assert "：last_visit、purposes、value" in flags[0].message
    assert ascii_pauses(flags[0].message) == []

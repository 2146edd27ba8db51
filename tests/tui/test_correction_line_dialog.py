"""The correction asks a typed answer and its reason in the app's one LineDialog
(screens/line_dialog.py), as the review and the follow-up register ask theirs. It had a
copy of its own (screens/correction_line.py): no box, not centred, spread over the whole
screen, and Enter on an empty reason closed it, the answer just typed lost with it, to say
on the correction screen that a reason was needed. Now a box in the middle, the question
its title, and an empty reason is refused in the dialog, the answer kept."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from fieldtui.tui.screens.line_dialog import LineDialog
from tests.support.app_support import wait_screen, wait_until
from tests.support.correction_pilot import answered_store, give_reason, open_row
from tests.support.screen_text import screen_lines
from tests.support.sync_world import PLAN


async def test_the_correction_asks_in_the_shared_line_dialog(
        tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = answered_store(tmp_path, isolated_home, PLAN, "travel", "by bsu")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(app, pilot, store, plan, "check", "travel", "LineDialog")
        assert type(app.screen) is LineDialog, type(app.screen).__module__
        box = app.screen.query_one("#correction-line")
        assert box.region.width == 70 and box.region.x == 5, box.region
        assert box.region.y > 0 and box.region.bottom < 23, box.region  # in the middle
        lines = screen_lines(app)
        assert lines[box.region.y].strip().startswith("╭"), lines
        assert "New answer" in "\n".join(lines), lines
        app.screen.query_one(Input).value = "by bus"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Why did" in str(
            app.screen.query_one(".dialog-title", Static).render()), what="the reason asked")
        await pilot.press("enter")  # no reason: said in the dialog, which stays
        problem = app.screen.query_one("#correction-line-problem", Static)
        await wait_until(pilot, lambda: "reason" in str(problem.render()),
                         what="the reason asked for again")
        assert type(app.screen) is LineDialog
        await give_reason(app, pilot, "misheard")
        await wait_screen(pilot, "CorrectionScreen")
        items = app.screen.query_one("#correction-items", OptionList)
        await wait_until(pilot, lambda: str(items.get_option("item:travel").prompt).startswith(
            "travel: by bus"), what="the new answer listed")

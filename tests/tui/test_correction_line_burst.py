"""A new answer typed in one burst over SSH (Ctrl+U to clear the saved one, the new words,
Enter, the reason, Enter) is the answer saved, with its reason."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.support.app_support import burst, wait_screen, wait_until
from tests.support.correction_pilot import answered_store, open_row
from tests.support.sync_world import PLAN


async def test_a_new_answer_typed_in_one_burst_is_saved(
        tmp_path: Path, isolated_home: Path) -> None:
    app, store, plan = answered_store(tmp_path, isolated_home, PLAN, "travel", "by bsu")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(app, pilot, store, plan, "check", "travel", "LineDialog")
        burst(app, "ctrl+u", *"by bus", "enter", *"misheard", "enter")
        await wait_screen(pilot, "CorrectionScreen")
        items = app.screen.query_one("#correction-items", OptionList)
        await wait_until(pilot, lambda: str(items.get_option("item:travel").prompt).startswith(
            "travel: by bus"), what=f"the new answer listed "
                                    f"({items.get_option('item:travel').prompt})", timeout=5)

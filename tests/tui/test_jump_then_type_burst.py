"""A section jump and the answer typed behind it in one burst (Ctrl+G's dialog open: Down,
Enter, then the answer): the answer lands in the item jumped to. The keys after Enter
reached the closing dialog and were lost: the item stayed empty, Next never ran."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_support import burst, flush, make_app, make_home, wait_until
from tests.support.household_screens import household_run


async def test_an_answer_typed_behind_a_jump_lands_in_the_item_jumped_to(
        tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "JumpDialog",
                         what="the jump dialog")
        burst(app, "down", "enter", "3", "ctrl+n")  # The household; 3 people; Next
        await wait_until(pilot, lambda: run.walk.value("household_size") == 3,
                         what="3 people", timeout=10)
        await wait_until(pilot, lambda: run.step.section == "members", what="Next",
                         timeout=10)
        await flush(app)

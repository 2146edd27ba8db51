"""The member list of a roster sized by a count says what the count's answer is, and which
question it answers (cut with … to the list's width), or plainly that it is not answered yet:
never the count's name in brackets ("Sized by the answer: [household size]")."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from tests.support.app_support import make_app, make_home, wait_screen, wait_until
from tests.support.household_screens import at_household_size


async def test_the_member_list_shows_the_answer_that_sized_it(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("3", "enter")
        await wait_until(pilot, lambda: run.step.item_id is None, what="the member list")
        lines = str(run.entries.current.render()).splitlines()
        width = run.entries.current.size.width
    said = lines.index("Sized by the answer 3 to:")
    question = lines[said + 1]
    assert question.startswith("How many people usually live"), lines
    assert question.endswith("…") and cell_len(question) <= width, (question, width)
    assert "[household size]" not in "\n".join(lines)


async def test_a_count_not_answered_yet_says_so(tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await at_household_size(pilot)
        await pilot.press("ctrl+s")  # the size skipped with a reason: no count yet
        await wait_screen(pilot, "SkipDialog")
        await pilot.press("1")
        await wait_until(pilot, lambda: run.step.item_id is None, what="the member list")
        shown = str(run.entries.current.render())
    assert "Sized by an answer not given yet:\nHow many people usually" in shown, shown
    assert "[household size]" not in shown

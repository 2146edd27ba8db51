"""An answer its constraint refuses, typed and Entered in one burst: the item holds AND the
refusal stands under the entry (Enter took the value before its change message arrived,
and the message under the entry was never drawn: only a passing notice said why)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.support.app_support import burst, make_app, make_home, wait_until
from tests.support.household_screens import household_run


async def test_a_refused_answer_entered_in_a_burst_shows_why_under_the_entry(
        tmp_path: Path) -> None:
    app = make_app(make_home(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await household_run(pilot)
        burst(app, *"2099-01-15", "enter")  # a real date, in the future: refused
        await wait_until(pilot, lambda: bool(app._notifications), what="the refusal")
        for _ in range(10):
            await pilot.pause(0.02)
        check = run.query_one("#item-check", Static)
        assert run.step.item_id == "visit_date"
        assert check.display
        assert "cannot be in the future" in str(check.render())
        # the toast reads as one sentence: the plan's full stop is not left before the colon
        [toast] = [str(n.message) for n in app._notifications]
        assert toast == ("✗ The interview date cannot be in the future: fix the answer, or "
                         "Ctrl+S to skip it with a reason."), toast
